/**
 * `hindsight incidents export|import`: the lossless JSON of one incident, for moving it between
 * databases. scripts/cli.ts wires it in and passes its withDatabase (open the configured database,
 * take the PGlite lock, always close). AppErrors (validation, not found) propagate to cli.ts's
 * error report; usage mistakes are answered here with exit code 2, as cli.ts does.
 */
import { readFile, writeFile } from "node:fs/promises";
import type { Actor } from "@/lib/auth/actor";
import { answerUsageErrors, parseCommandArgs, remoteOrHelp, UsageError, type DatabaseDeps } from "@/scripts/cli-args";
import { exportIncidentJson } from "@/lib/exports/incident-json/export-incident-json";
import { importIncidentJson } from "@/lib/exports/incident-json/import-incident-json";

const ACTOR: Actor = { kind: "system", label: "cli" };

export const INCIDENTS_USAGE = `  incidents export <incident number> [--out FILE]
      Write the lossless JSON of an incident (everything written about it, its
      history, files, metric snapshots and linked load-test runs) to FILE, or to
      standard output without --out.
  incidents import <file.json> [--json]
      Recreate an exported incident here under a new number. People are matched
      by e-mail; unknown ones are created inactive, as viewers. Prints the new
      number, the people created and notes (links left out, templates added).
`;

async function exportCommand(args: string[], { withDatabase }: DatabaseDeps): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { out: { type: "string" } });
  if (remoteOrHelp(values, INCIDENTS_USAGE)) return 0;
  const number = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isInteger(number) || number <= 0)
    throw new UsageError("incidents export takes one incident number");
  const json = await withDatabase(() => exportIncidentJson({ actor: ACTOR, incidentNumber: number }));
  const text = `${JSON.stringify(json, null, 2)}\n`;
  if (values.out === undefined || values.out === "-") process.stdout.write(text);
  else {
    await writeFile(values.out, text);
    process.stderr.write(`Wrote ${values.out} (${Buffer.byteLength(text).toLocaleString("en-US")} bytes)\n`);
  }
  return 0;
}

async function importCommand(args: string[], { withDatabase }: DatabaseDeps): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } });
  if (remoteOrHelp(values, INCIDENTS_USAGE)) return 0;
  if (positionals.length !== 1) throw new UsageError("incidents import takes one file");
  // Read before opening the database: a missing file should not wait for the PGlite lock.
  const text = await readFile(positionals[0], "utf8");
  const result = await withDatabase(() => importIncidentJson({ actor: ACTOR, input: text }));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const lines = [`Imported incident #${result.number} (it was #${result.sourceNumber} where it was exported).`];
  if (result.createdUsers.length > 0) lines.push(`Created inactive users: ${result.createdUsers.join(", ")}`);
  // The first note repeats the numbers above.
  for (const note of result.notes.slice(1)) lines.push(`  - ${note}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

/** `incidents <export|import> …`; returns the exit code (2 for a usage mistake). */
export async function incidentsCommand(args: string[], deps: DatabaseDeps): Promise<number> {
  const [sub, ...rest] = args;
  return answerUsageErrors(async () => {
    if (sub === "export") return await exportCommand(rest, deps);
    if (sub === "import") return await importCommand(rest, deps);
    throw new UsageError(
      sub === undefined ? "missing the incidents command (export, import)" : `unknown command "incidents ${sub}"`,
    );
  });
}
