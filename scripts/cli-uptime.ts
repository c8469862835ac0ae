/**
 * `hindsight uptime import|report`: uptime data from files and folders (an Upptime repository with
 * its .git, a Kuma database, Prometheus JSON, Statuspage incidents, CSV) and the uptime report for a
 * period. scripts/cli.ts wires it in and passes its withDatabase (open the configured database, take
 * the PGlite lock, always close). AppErrors and ImportErrors propagate to cli.ts's error report;
 * usage mistakes are answered here with exit code 2, as cli.ts does.
 */
import { lstat, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Actor } from "@/lib/auth/actor";
import { answerUsageErrors, parseCommandArgs, remoteOrHelp, UsageError, type DatabaseDeps } from "@/scripts/cli-args";
import { db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import type { ImportFile } from "@/lib/imports/files";
import { ImportError } from "@/lib/imports/errors";
import { countingProgress } from "@/lib/imports/progress";
import { describeFailure } from "@/lib/imports/run-import-job";
import { textTable } from "@/lib/loadtests/run-summary-text";
import { UPTIME_IMPORTERS } from "@/lib/uptime/formats";
import { parseUptime } from "@/lib/uptime/parse-uptime";
import { uptimeImportInputSchema, uptimeReportQuerySchema } from "@/lib/uptime/schema";
import { startUptimeImport, uptimeParseOptions } from "@/lib/uptime/import-uptime";
import { exportUptimeReport } from "@/lib/uptime/export-uptime";
import { downtimeWindows } from "@/lib/uptime/compute/downtime";
import { dataSpan } from "@/lib/uptime/compute/intervals";
import { uptimeOfSeries } from "@/lib/uptime/compute/uptime";
import { formatUptimePct } from "@/lib/uptime/compute/format";
import { MONITOR_KIND_NAMES, type ParsedMonitor } from "@/lib/uptime/types";

const ACTOR: Actor = { kind: "system", label: "cli" };

export const UPTIME_USAGE = `  uptime import <file or folder...> [--format F] [--tz ZONE] [--name N] [--target T]
         [--service NAME] [--dry-run] [--json]
      Import uptime data: an Upptime repository folder (with .git for its history)
      or zip, an Uptime Kuma heartbeat JSON or kuma.db, Prometheus query_range
      JSON, Statuspage incidents.json or a CSV (timestamp,status[,latency_ms]).
      Folders are read recursively, .git included. Monitors seen before are
      updated. --tz is the zone of times written without an offset (default
      UTC); --name and --target name a CSV's monitor; --service gives new
      monitors a service. --dry-run prints the monitors without any database.
  uptime report --from YYYY-MM-DD --to YYYY-MM-DD [--target 99.9] [--tz ZONE]
         [--service NAME] [--format md|csv|json] [--out FILE]
      The uptime report of every monitor (or one service's) for whole days
      in ZONE (default UTC) against a target (default 99%), as Markdown by
      default. Without --out it is written to standard output.
`;

/**
 * Files as given, folders walked recursively (hidden entries and .git included, symbolic links
 * not followed), each file named by its path relative to the folder it was found in.
 */
export async function collectUptimeFiles(paths: string[]): Promise<ImportFile[]> {
  const files: ImportFile[] = [];
  const walk = async (root: string, dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(root, full);
      else if (entry.isFile()) {
        const size = (await lstat(full)).size;
        files.push({ name: path.relative(root, full).split(path.sep).join("/"), path: full, size });
      }
    }
  };
  for (const given of paths) {
    const s = await lstat(given).catch(() => null);
    if (!s) throw new AppError("VALIDATION", `${given}: no such file or folder.`);
    if (s.isDirectory()) await walk(path.resolve(given), path.resolve(given));
    else if (s.isFile()) files.push({ name: path.basename(given), path: path.resolve(given), size: s.size });
    else throw new AppError("VALIDATION", `${given}: not a file or folder.`);
  }
  if (files.length === 0) throw new AppError("VALIDATION", "The folders hold no files.");
  return files;
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

const clearLine = () => process.stderr.isTTY && process.stderr.write("\r\x1b[K");

function day(t: number | null): string {
  return t === null ? "-" : `${new Date(t).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** What a dry run prints per monitor: computed from the parsed samples alone, under the default gap rule. */
export function dryRunRow(m: ParsedMonitor) {
  const series = { samples: m.samples, checkIntervalSec: m.checkIntervalSec, dataEnd: m.dataEnd, maintenance: m.maintenance };
  const span = dataSpan(series);
  const figures = span ? uptimeOfSeries(series, span, "unknown") : null;
  const windows = downtimeWindows(series, { minDurationMs: 0 });
  return {
    sourceKey: m.sourceKey,
    name: m.name,
    kind: m.kind,
    target: m.target,
    samples: m.samples.length,
    first: m.samples[0]?.at ?? null,
    last: span?.to ?? null,
    uptimePct: figures?.uptimePct ?? null,
    downtimeWindows: windows.length,
    openDowntime: windows.some((w) => w.open),
    reported: m.reported.length,
    outages: m.outages.length,
  };
}

async function importCommand(args: string[], { withDatabase }: DatabaseDeps): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: "string" },
    tz: { type: "string" },
    name: { type: "string" },
    target: { type: "string" },
    service: { type: "string" },
    "dry-run": { type: "boolean" },
    json: { type: "boolean" },
  });
  if (remoteOrHelp(values, UPTIME_USAGE)) return 0;
  if (positionals.length === 0) throw new UsageError("uptime import needs at least one file or folder");
  const input = uptimeImportInputSchema.safeParse({
    format: values.format,
    timeZone: values.tz,
    monitorName: values.name,
    target: values.target,
  });
  if (!input.success) throw validationError(input.error.issues);
  const files = await collectUptimeFiles(positionals);
  const print = progressPrinter(files.reduce((a, f) => a + f.size, 0));

  if (values["dry-run"]) {
    const progress = countingProgress((state) => print(state));
    let result;
    try {
      result = await parseUptime(files, { progress, format: input.data.format, options: uptimeParseOptions(input.data) });
    } catch (e) {
      if (e instanceof ImportError || e instanceof AppError) throw e;
      throw new ImportError(describeFailure(e).message);
    } finally {
      clearLine();
    }
    const { importer, parsed } = result;
    const rows = parsed.monitors.map(dryRunRow);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ format: importer.id, notes: parsed.notes, monitors: rows }, null, 2)}\n`);
      return 0;
    }
    const table = textTable(
      ["MONITOR", "KIND", "SAMPLES", "FIRST", "DATA END", "UPTIME", "DOWNTIME WINDOWS"],
      rows.map((r) => [
        r.name,
        MONITOR_KIND_NAMES[r.kind],
        r.samples.toLocaleString("en-US"),
        day(r.first),
        day(r.last),
        formatUptimePct(r.uptimePct),
        `${r.downtimeWindows.toLocaleString("en-US")}${r.openDowntime ? " (last open)" : ""}`,
      ]),
      Infinity,
    );
    const notes = parsed.notes.length ? `\n${parsed.notes.join("\n")}` : "";
    process.stdout.write(
      `${importer.title}: ${rows.length} monitor${rows.length === 1 ? "" : "s"}\n\n${table}${notes}\n\n` +
        "Uptime over all data; time without data is left out. Dry run: nothing was saved.\n",
    );
    return 0;
  }

  return withDatabase(async () => {
    let serviceId: string | undefined;
    if (values.service) {
      const service = await db().service.findUnique({ where: { name: values.service.trim() }, select: { id: true } });
      if (!service) {
        const known = await db().service.findMany({ orderBy: { name: "asc" }, select: { name: true } });
        throw new AppError(
          "VALIDATION",
          `Unknown service "${values.service}". Known services: ${known.map((s) => s.name).join(", ") || "none yet"}.`,
        );
      }
      serviceId = service.id;
    }
    const { job, run } = await startUptimeImport({
      actor: ACTOR,
      upload: { files },
      input: { ...input.data, serviceId },
    });
    const done = await run((state) => print(state, true));
    clearLine();
    if (values.json) process.stdout.write(`${JSON.stringify(done, null, 2)}\n`);
    else if (done.status === "succeeded") {
      const ids = (done.resultId ?? "").split(",").filter(Boolean);
      process.stdout.write(
        `${done.message}\nMonitor id${ids.length === 1 ? "" : "s"}: ${ids.join(", ")}  (import job ${job.id})\n`,
      );
    } else console.error(`error: ${done.message}`);
    return done.status === "succeeded" ? 0 : 1;
  });
}

async function reportCommand(args: string[], { withDatabase }: DatabaseDeps): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    from: { type: "string" },
    to: { type: "string" },
    target: { type: "string" },
    tz: { type: "string" },
    service: { type: "string" },
    format: { type: "string" },
    out: { type: "string" },
  });
  if (remoteOrHelp(values, UPTIME_USAGE)) return 0;
  if (positionals.length > 0) throw new UsageError(`uptime report takes no arguments besides options (got "${positionals[0]}")`);
  if (!values.from || !values.to) throw new UsageError("uptime report needs --from and --to (YYYY-MM-DD)");
  const format = values.format ?? "md";
  if (!["md", "csv", "json"].includes(format)) throw new UsageError(`unknown report format "${format}" (md, csv or json)`);
  const query = { from: values.from, to: values.to, targetPct: values.target, tz: values.tz, format };
  // Checked before the database is opened: a typo should not wait for the PGlite lock.
  const checked = uptimeReportQuerySchema.safeParse(query);
  if (!checked.success) throw validationError(checked.error.issues);
  const file = await withDatabase(async () => {
    let serviceId: string | undefined;
    if (values.service) {
      const service = await db().service.findUnique({ where: { name: values.service.trim() }, select: { id: true } });
      if (!service) throw new AppError("VALIDATION", `Unknown service "${values.service}".`);
      serviceId = service.id;
    }
    return exportUptimeReport({ actor: ACTOR, query: { ...query, serviceId } });
  });
  if (values.out === undefined || values.out === "-") process.stdout.write(file.body);
  else {
    await writeFile(values.out, file.body);
    process.stderr.write(`Wrote ${values.out} (${Buffer.byteLength(file.body).toLocaleString("en-US")} bytes)\n`);
  }
  return 0;
}

export function uptimeFormatsText(): string {
  return UPTIME_IMPORTERS.map((i) => i.id).join(", ");
}

/** `uptime <import|report> …`; returns the exit code (2 for a usage mistake). */
export async function uptimeCommand(args: string[], deps: DatabaseDeps): Promise<number> {
  const [sub, ...rest] = args;
  return answerUsageErrors(async () => {
    if (sub === "import") return await importCommand(rest, deps);
    if (sub === "report") return await reportCommand(rest, deps);
    if (sub === "help" || sub === "--help" || sub === "-h") {
      process.stdout.write(`Usage:\n${UPTIME_USAGE}`);
      return 0;
    }
    throw new UsageError(sub === undefined ? "missing the uptime command (import, report)" : `unknown command "uptime ${sub}"`);
  });
}
