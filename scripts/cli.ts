/**
 * `npm run cli -- <command>` (also the `hindsight` bin): administration from the shell.
 *
 * Against PostgreSQL (DATABASE_URL) the CLI uses the database directly. Against the embedded
 * database it takes the PGlite lock first and refuses clearly while a server holds it.
 * Exit codes: 0 success, 1 the work failed (validation, conflict, database), 2 usage error.
 */
import { writeFile } from "node:fs/promises";
import { ConfigError, readEnv } from "@/lib/env";
import { databaseKind } from "@/lib/db/adapter";
import { acquirePgliteLock, DatabaseBusyError } from "@/lib/db/lock";
import { DatabaseUnavailableError, prepareDatabase } from "@/lib/db/prepare";
import { disconnectDb } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { ROLES } from "@/lib/auth/roles";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { setUserActive, setUserRole } from "@/lib/users/set-user-role";
import { CreateUserInput, SetUserActiveInput, SetUserRoleInput } from "@/lib/users/schema";
import { describeLocalFile } from "@/lib/imports/temp-files";
import { countingProgress } from "@/lib/imports/progress";
import { ImportError } from "@/lib/imports/errors";
import { describeFailure } from "@/lib/imports/run-import-job";
import { LOAD_TEST_IMPORTERS } from "@/lib/loadtests/formats";
import { parseLoadTest } from "@/lib/loadtests/parse-load-test";
import { loadTestImportInputSchema } from "@/lib/loadtests/schema";
import { startLoadTestImport } from "@/lib/loadtests/import-load-test";
import { runSummaryText, textTable } from "@/lib/loadtests/run-summary-text";
import { METRIC_IMPORTERS } from "@/lib/metrics/formats";
import { METRIC_UNITS } from "@/lib/metrics/units";
import { metricImportInputSchema } from "@/lib/metrics/schema";
import { parseMetrics } from "@/lib/metrics/parse-metrics";
import { startMetricImport } from "@/lib/metrics/import-metrics";
import { summarizePoints } from "@/lib/metrics/point-store";
import { formatValue } from "@/lib/charts/format";
import { exportIncident } from "@/lib/exports/export-incident";
import { incidentsCommand, INCIDENTS_USAGE } from "@/scripts/cli-incidents";
import { parseCommandArgs, UsageError, type OptionSpec } from "@/scripts/cli-args";
import { uptimeCommand, uptimeFormatsText, UPTIME_USAGE } from "@/scripts/cli-uptime";
import { backupCommand, restoreCommand, BACKUP_USAGE } from "@/scripts/cli-backup";

const ACTOR: Actor = { kind: "system", label: "cli" };

const USAGE = `Usage: hindsight <command> [options]   (or: npm run cli -- <command> [options])

Commands:
  users create --email E --role R [--name N] [--password P] [--json]
      Create a user. Without --password the CLI prompts for it (twice, hidden) in a
      terminal; otherwise it reads HINDSIGHT_PASSWORD.
  users list [--json]
      List users: e-mail, name, role, active, last login.
  users set-role --email E --role R
      Change a user's role.
  users deactivate --email E
      Stop a user from signing in (their history stays).
  users activate --email E
      Let a deactivated user sign in again.
  import <file...> [--format F] [--name N] [--notes T] [--incident N]
         [--columns c1,c2,...] [--delimiter D] [--dry-run] [--json]
      Import load-test result files as one run (Locust: give all its CSVs together).
      The format is detected from content unless --format names it. --dry-run
      parses and prints the figures without opening any database. --columns and
      --delimiter apply to JMeter CSV files without a header line.
  metrics import <file> --incident N [--format F] [--unit U] [--name N] [--source S]
         [--chart ID | --chart-title T] [--kind line|bar] [--tz ZONE] [--dry-run] [--json]
      Attach metric series (Prometheus query_range JSON, Grafana panel CSV, CSV,
      JSON) to an incident as a snapshot: a new chart unless --chart names one.
      --tz is the zone of times written without an offset (default: the
      incident's). --dry-run prints the series without opening any database.
  export <incident number> [--format md|zip|html|json] [--template KEY] [--tz incident|utc]
         [--app-url URL] [--out FILE]
      Export a postmortem: Markdown, a zip with report.md and charts/*.png,
      HTML (print it to PDF), or the lossless JSON of the incident. Without
      --out the file is written to the current directory under its own name
      (- writes to standard output). --app-url makes chart images in a single
      .md link to the app.
${INCIDENTS_USAGE.trimEnd()}
${UPTIME_USAGE.trimEnd()}
${BACKUP_USAGE.trimEnd()}
  help
      Show this help.

Roles: ${ROLES.join(", ")}

Import formats: ${LOAD_TEST_IMPORTERS.map((i) => i.id).join(", ")}
Metric formats: ${METRIC_IMPORTERS.map((i) => i.id).join(", ")}; units: ${METRIC_UNITS.join(", ")}
Uptime formats: ${uptimeFormatsText()}

Database: DATABASE_URL (PostgreSQL) if set, else the embedded database in
HINDSIGHT_DATA_DIR (default ./data). The embedded database cannot be used while a
Hindsight server is running on it.
`;

/** The user interrupted a prompt. */
class Interrupted extends Error {}

function parse<T extends OptionSpec>(args: string[], options: T, allowPositionals = false) {
  return parseCommandArgs(args, options, allowPositionals);
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new UsageError(`missing --${name}`);
  return value;
}

/** Runs the same schema the verb runs, so a typo is refused before the database is opened. */
function prevalidate(
  schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } },
  input: unknown,
): void {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error?.issues ?? []);
}

// ---------------------------------------------------------------------------------------------
// Passwords

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.setEncoding("utf8");
    stdin.resume();
    let value: string[] = [];
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") {
          finish();
          resolve(value.join(""));
          return;
        }
        if (ch === "\u0003") {
          finish();
          reject(new Interrupted());
          return;
        }
        if (ch === "\u007f" || ch === "\b") {
          value = value.slice(0, -1);
          continue;
        }
        if (ch === "\u0015") {
          value = []; // Ctrl-U clears the line
          continue;
        }
        if (ch < " ") continue;
        value.push(ch);
      }
    };
    stdin.on("data", onData);
  });
}

async function resolvePassword(given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  if (process.stdin.isTTY) {
    const first = await promptHidden("Password (at least 12 characters): ");
    const second = await promptHidden("Repeat the password: ");
    if (first !== second)
      throw new AppError("VALIDATION", "The passwords do not match.", { password: ["The passwords do not match"] });
    return first;
  }
  const fromEnv = process.env.HINDSIGHT_PASSWORD;
  if (fromEnv) return fromEnv;
  throw new UsageError("no password given: pass --password, set HINDSIGHT_PASSWORD, or run in a terminal to be prompted");
}

// ---------------------------------------------------------------------------------------------
// Database

/** Opens the configured database for one command and always closes it (and the PGlite lock). */
async function withDatabase<T>(work: () => Promise<T>): Promise<T> {
  readEnv();
  let release = () => {};
  if (databaseKind() === "pglite") release = acquirePgliteLock();
  try {
    await prepareDatabase();
    return await work();
  } finally {
    await disconnectDb().catch(() => undefined);
    release();
  }
}

// ---------------------------------------------------------------------------------------------
// Output

function yesNo(value: boolean): string {
  return value ? "yes" : "no";
}

function formatTime(date: Date | null): string {
  if (!date) return "never";
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Commands

type Handler = (args: string[]) => Promise<number>;

function rejectRemote(values: Record<string, unknown>): void {
  if (values.url !== undefined || values.token !== undefined) {
    throw new UsageError(
      "remote mode (--url/--token) is not available yet; stop the server and run the command on its data directory, or use the web UI",
    );
  }
}

function helpRequested(values: Record<string, unknown>): boolean {
  if (!values.help) return false;
  process.stdout.write(USAGE);
  return true;
}

const usersCommands: Record<string, Handler> = {
  async create(args) {
    const { values } = parse(args, {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      json: { type: "boolean" },
    });
    if (helpRequested(values)) return 0;
    rejectRemote(values);
    const email = required(values, "email");
    const role = required(values, "role");
    const name = values.name ?? "";
    // Check e-mail, name and role before asking for a password that would then be thrown away.
    prevalidate(CreateUserInput.omit({ password: true }), { email, role, name });
    const password = await resolvePassword(values.password);
    const input = { email, role, name, password } as CreateUserInput;
    prevalidate(CreateUserInput, input);
    const user = await withDatabase(() => createUser({ actor: ACTOR, input }));
    if (values.json) printJson(user);
    else {
      process.stdout.write(
        `Created user ${user.email}\n  name:   ${user.name || "-"}\n  role:   ${user.role}\n  active: ${yesNo(user.active)}\n  id:     ${user.id}\n`,
      );
    }
    return 0;
  },

  async list(args) {
    const { values } = parse(args, { json: { type: "boolean" } });
    if (helpRequested(values)) return 0;
    rejectRemote(values);
    const users = await withDatabase(() => listUsers({ actor: ACTOR }));
    if (values.json) {
      printJson(users);
      return 0;
    }
    if (users.length === 0) {
      process.stdout.write("No users.\n");
      return 0;
    }
    const rows = users.map((u) => [u.email, u.name || "-", u.role, yesNo(u.active), formatTime(u.lastLoginAt)]);
    process.stdout.write(`${textTable(["EMAIL", "NAME", "ROLE", "ACTIVE", "LAST LOGIN"], rows, Infinity)}\n`);
    return 0;
  },

  async "set-role"(args) {
    const { values } = parse(args, { email: { type: "string" }, role: { type: "string" } });
    if (helpRequested(values)) return 0;
    rejectRemote(values);
    const input = { email: required(values, "email"), role: required(values, "role") } as SetUserRoleInput;
    prevalidate(SetUserRoleInput, input);
    const user = await withDatabase(() => setUserRole({ actor: ACTOR, input }));
    process.stdout.write(`${user.email} is now ${user.role}.\n`);
    return 0;
  },

  deactivate: (args) => setActive(args, false),
  activate: (args) => setActive(args, true),
};

async function setActive(args: string[], active: boolean): Promise<number> {
  const { values } = parse(args, { email: { type: "string" } });
  if (helpRequested(values)) return 0;
  rejectRemote(values);
  const input = { email: required(values, "email"), active };
  prevalidate(SetUserActiveInput, input);
  await withDatabase(() => setUserActive({ actor: ACTOR, input }));
  process.stdout.write(`${active ? "Activated" : "Deactivated"} ${input.email.trim().toLowerCase()}.\n`);
  return 0;
}

/** Progress on stderr: a self-updating line in a terminal, nothing when piped (stdout stays clean). */
function progressPrinter(totalBytes: number) {
  let last = 0;
  return (state: { bytesRead: number; rowsRead: number }, force = false) => {
    if (!process.stderr.isTTY) return;
    if (!force && Date.now() - last < 200) return;
    last = Date.now();
    const pct = totalBytes > 0 ? Math.min(100, Math.floor((state.bytesRead / totalBytes) * 100)) : 0;
    process.stderr.write(`\rReading... ${pct}% (${state.rowsRead.toLocaleString("en-US")} rows)   `);
  };
}

async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      format: { type: "string" },
      name: { type: "string" },
      notes: { type: "string" },
      incident: { type: "string" },
      columns: { type: "string" },
      delimiter: { type: "string" },
      "dry-run": { type: "boolean" },
      json: { type: "boolean" },
    },
    true,
  );
  if (helpRequested(values)) return 0;
  rejectRemote(values);
  if (positionals.length === 0) throw new UsageError("import needs at least one file");
  const input = loadTestImportInputSchema.safeParse({
    format: values.format,
    name: values.name,
    notes: values.notes,
    incident: values.incident,
    columns: values.columns,
    delimiter: values.delimiter,
  });
  if (!input.success) throw validationError(input.error.issues);
  const files = await Promise.all(positionals.map(describeLocalFile));
  const totalBytes = files.reduce((a, f) => a + f.size, 0);
  const print = progressPrinter(totalBytes);
  const clearLine = () => process.stderr.isTTY && process.stderr.write("\r\x1b[K");

  if (values["dry-run"]) {
    const progress = countingProgress((state) => print(state));
    try {
      const { importer, run } = await parseLoadTest(files, {
        progress,
        options: { format: input.data.format, columns: input.data.columns, delimiter: input.data.delimiter },
      });
      clearLine();
      if (values.json) printJson({ format: importer.id, run });
      else
        process.stdout.write(
          `${runSummaryText(
            run,
            importer.title,
            files.map((f) => f.name),
          )}\n\nDry run: nothing was saved.\n`,
        );
      return 0;
    } catch (e) {
      clearLine();
      if (e instanceof ImportError || e instanceof AppError) throw e;
      throw new ImportError(describeFailure(e).message);
    }
  }

  return withDatabase(async () => {
    const { job, run } = await startLoadTestImport({ actor: ACTOR, upload: { files }, input: input.data });
    const done = await run((state) => print(state, true));
    clearLine();
    if (values.json) printJson(done);
    else if (done.status === "succeeded")
      process.stdout.write(`${done.message}\nRun id: ${done.resultId}  (import job ${job.id})\n`);
    else console.error(`error: ${done.message}`);
    return done.status === "succeeded" ? 0 : 1;
  });
}

async function metricsImportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      incident: { type: "string" },
      format: { type: "string" },
      unit: { type: "string" },
      name: { type: "string" },
      source: { type: "string" },
      chart: { type: "string" },
      "chart-title": { type: "string" },
      kind: { type: "string" },
      tz: { type: "string" },
      "dry-run": { type: "boolean" },
      json: { type: "boolean" },
    },
    true,
  );
  if (helpRequested(values)) return 0;
  rejectRemote(values);
  if (positionals.length !== 1) throw new UsageError("metrics import takes one file");
  const input = metricImportInputSchema.safeParse({
    format: values.format,
    unit: values.unit,
    name: values.name,
    source: values.source,
    chartId: values.chart,
    chartTitle: values["chart-title"],
    kind: values.kind,
    timeZone: values.tz,
  });
  if (!input.success) throw validationError(input.error.issues);
  const file = await describeLocalFile(positionals[0]);
  const print = progressPrinter(file.size);
  const clearLine = () => process.stderr.isTTY && process.stderr.write("\r\x1b[K");

  if (values["dry-run"]) {
    const progress = countingProgress((state) => print(state));
    const { importer, parsed } = await parseMetrics(file, {
      progress,
      format: input.data.format,
      options: { timeZone: input.data.timeZone ?? "UTC", ...(input.data.name ? { name: input.data.name } : {}) },
    }).finally(clearLine);
    const rows = parsed.series.map((s) => {
      const summary = summarizePoints(s.points);
      const unit = s.unit ?? input.data.unit ?? "count";
      return { name: s.name, unit, ...summary };
    });
    if (values.json) printJson({ format: importer.id, notes: parsed.notes, series: rows });
    else {
      const table = textTable(
        ["SERIES", "UNIT", "POINTS", "FIRST", "LAST", "MIN", "MAX", "GAPS"],
        rows.map((r) => [
          r.name,
          r.unit,
          r.pointCount.toLocaleString("en-US"),
          formatTime(r.firstAt),
          formatTime(r.lastAt),
          formatValue(r.minValue, r.unit),
          formatValue(r.maxValue, r.unit),
          String(r.gapCount + r.infiniteCount),
        ]),
      );
      const notes = parsed.notes.length ? `\n${parsed.notes.join("\n")}` : "";
      process.stdout.write(`${importer.title}: ${rows.length} series\n\n${table}${notes}\n\nDry run: nothing was saved.\n`);
    }
    return 0;
  }

  const incident = Number(values.incident);
  if (!Number.isInteger(incident) || incident <= 0)
    throw new UsageError("metrics import needs --incident N (the incident number)");
  return withDatabase(async () => {
    const { job, run } = await startMetricImport({
      actor: ACTOR,
      incidentNumber: incident,
      upload: { files: [file] },
      input: input.data,
    });
    const done = await run((state) => print(state, true));
    clearLine();
    if (values.json) printJson(done);
    else if (done.status === "succeeded")
      process.stdout.write(`${done.message}\nChart id: ${done.resultId}  (import job ${job.id})\n`);
    else console.error(`error: ${done.message}`);
    return done.status === "succeeded" ? 0 : 1;
  });
}

async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      format: { type: "string" },
      template: { type: "string" },
      tz: { type: "string" },
      "app-url": { type: "string" },
      out: { type: "string" },
    },
    true,
  );
  if (helpRequested(values)) return 0;
  rejectRemote(values);
  const number = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isInteger(number) || number <= 0)
    throw new UsageError("export takes one incident number");
  return withDatabase(async () => {
    const file = await exportIncident({
      actor: ACTOR,
      incidentNumber: number,
      query: { format: values.format, template: values.template, tz: values.tz },
      appUrl: values["app-url"],
    });
    const out = values.out ?? file.fileName;
    if (out === "-") process.stdout.write(file.body);
    else {
      await writeFile(out, file.body);
      process.stderr.write(`Wrote ${out} (${file.body.length.toLocaleString("en-US")} bytes)\n`);
    }
    return 0;
  });
}

const HELP = new Set(["help", "--help", "-h"]);

function unknownCommand(command: string, message = `unknown command "${command}"`): number {
  console.error(`error: ${message}\n`);
  process.stderr.write(USAGE);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (command === undefined || HELP.has(command)) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === "import") return importCommand(argv.slice(1));
  if (command === "export") return exportCommand(argv.slice(1));
  if (command === "incidents") return incidentsCommand(argv.slice(1), { withDatabase });
  if (command === "uptime") return uptimeCommand(argv.slice(1), { withDatabase });
  if (command === "backup") return backupCommand(argv.slice(1), { withDatabase });
  if (command === "restore") return restoreCommand(argv.slice(1), { withDatabase });
  if (command === "metrics") {
    if (sub === "import") return metricsImportCommand(rest);
    if (sub !== undefined && HELP.has(sub)) {
      process.stdout.write(USAGE);
      return 0;
    }
    return unknownCommand("metrics", "missing the metrics command (import)");
  }
  if (command !== "users") return unknownCommand(command);
  if (sub !== undefined && HELP.has(sub)) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (sub === undefined)
    return unknownCommand("users", "missing the users command (create, list, set-role, deactivate, activate)");
  const handler = Object.hasOwn(usersCommands, sub) ? usersCommands[sub] : undefined;
  if (!handler) return unknownCommand(`users ${sub}`);
  return handler(rest);
}

// ---------------------------------------------------------------------------------------------
// Errors: one clear line each; stack traces only for the unexpected, and only with HINDSIGHT_DEBUG.

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  // Prisma puts the invocation first and the cause last.
  const isPrisma = error instanceof Error && error.name.startsWith("PrismaClient");
  return (isPrisma ? lines.at(-1) : lines[0]) ?? "unknown error";
}

function report(error: unknown): number {
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}`);
    console.error('Run "hindsight help" for the list of commands.');
    return 2;
  }
  if (error instanceof Interrupted) {
    console.error("Cancelled.");
    return 130;
  }
  if (error instanceof ConfigError || error instanceof DatabaseBusyError || error instanceof DatabaseUnavailableError) {
    console.error(error.message);
    return 1;
  }
  if (error instanceof ImportError) {
    console.error(`error: ${error.message}`);
    return 1;
  }
  if (error instanceof AppError) {
    if (error.code === "VALIDATION" && error.fields && Object.keys(error.fields).length > 0) {
      for (const [field, messages] of Object.entries(error.fields)) {
        for (const message of messages) {
          const hint = field === "role" ? ` (one of: ${ROLES.join(", ")})` : "";
          console.error(`error: ${field}: ${message}${hint}`);
        }
      }
    } else {
      console.error(`error: ${error.message}`);
    }
    return 1;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "P2002") {
    console.error("error: that already exists (changed by someone else at the same time?)");
    return 1;
  }
  if (code === "P2025") {
    console.error("error: not found");
    return 1;
  }
  console.error(`error: ${firstLine(error)}`);
  if (process.env.HINDSIGHT_DEBUG && error instanceof Error && error.stack) console.error(error.stack);
  return 1;
}

const exitCode = await main(process.argv.slice(2)).catch(report);
// Exit explicitly: a database handle left open by a failure must not keep the CLI hanging.
process.exit(exitCode);
