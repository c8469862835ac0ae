/**
 * Command-line parsing shared by every CLI command file: one UsageError (cli.ts answers it with
 * exit code 2), the remote-mode options every command accepts so they are refused clearly, and help.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

/** Wrong command line: message, then exit 2. */
export class UsageError extends Error {}

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** Commands that open the database get cli.ts's withDatabase (configured database, PGlite lock, always closed). */
export type DatabaseDeps = { withDatabase: <T>(work: () => Promise<T>) => Promise<T> };

/** Accepted by every command so that remote mode can be refused clearly rather than as "unknown option". */
const REMOTE_OPTIONS = {
  url: { type: "string" },
  token: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies OptionSpec;

export function parseCommandArgs<T extends OptionSpec>(args: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args, options: { ...REMOTE_OPTIONS, ...options }, strict: true, allowPositionals });
  } catch (e) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes and a readable message.
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** Refuses --url/--token (not available yet); prints `usage` and answers true for --help. */
export function remoteOrHelp(values: { url?: unknown; token?: unknown; help?: unknown }, usage: string): boolean {
  if (values.url !== undefined || values.token !== undefined) {
    throw new UsageError(
      "remote mode (--url/--token) is not available yet; stop the server and run the command on its data directory, or use the web UI",
    );
  }
  if (!values.help) return false;
  process.stdout.write(`Usage:\n${usage}`);
  return true;
}

/** Usage mistakes end here with exit code 2, as cli.ts does; everything else goes up to its error report. */
export async function answerUsageErrors(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`error: ${e.message}`);
    console.error('Run "hindsight help" for the list of commands.');
    return 2;
  }
}
