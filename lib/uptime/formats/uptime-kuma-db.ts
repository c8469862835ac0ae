/**
 * Uptime Kuma's SQLite database (`kuma.db` in its data directory), read with sql.js (SQLite compiled
 * to WASM): the `monitor` table names the monitors, the `heartbeat` table holds every check Kuma kept.
 * Columns are looked up first (PRAGMA table_info), so 1.x and 2.x databases both read, and a column
 * a version lacks only leaves its field empty.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from "sql.js";
import { ImportError } from "@/lib/imports/errors";
import { readFileHead, type FileHead, type ImportFile } from "@/lib/imports/files";
import { medianIntervalSec } from "@/lib/uptime/formats/samples";
import {
  kumaHttpCode,
  kumaMonitorKind,
  kumaMonitorName,
  kumaSourceKey,
  kumaStatus,
  kumaTarget,
  kumaTime,
  type KumaMonitorFields,
} from "@/lib/uptime/formats/uptime-kuma-common";
import type { ParsedMonitor, ParsedUptime, UptimeImportContext, UptimeImporter, UptimeSample } from "@/lib/uptime/types";

/** sql.js holds the whole database in memory (WASM heap), so the file is capped. */
export const MAX_KUMA_DB_BYTES = 1024 * 1024 * 1024;

const SQLITE_HEADER = Buffer.from("SQLite format 3\0", "latin1");
const TICK_EVERY = 5_000;

export const uptimeKumaDbImporter: UptimeImporter = {
  id: "uptime-kuma-db",
  title: "Uptime Kuma database (kuma.db)",
  detect(heads: FileHead[]): boolean {
    return heads.some(isSqliteHead);
  },
  parse: parseKumaDb,
};

function isSqliteHead(head: FileHead): boolean {
  return head.head.length >= SQLITE_HEADER.length && head.head.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER);
}

const requireHere = createRequire(import.meta.url);
let sqlJs: Promise<SqlJsStatic> | null = null;

/** The WASM module, loaded once per process from the sql.js package. */
function loadSqlJs(): Promise<SqlJsStatic> {
  // The package's main file sits beside its .wasm; a static specifier keeps bundlers from pulling in all of dist/.
  const dist = path.dirname(requireHere.resolve("sql.js"));
  sqlJs ??= initSqlJs({ locateFile: (file: string) => path.join(dist, file) }).catch((error: unknown) => {
    sqlJs = null;
    throw error;
  });
  return sqlJs;
}

type MonitorRow = KumaMonitorFields & { id: number; name: string; interval: number | null };

async function parseKumaDb(files: ImportFile[], ctx: UptimeImportContext): Promise<ParsedUptime> {
  const file = await chooseDatabase(files);
  const notes: string[] = [];
  if (files.some((f) => f.name.endsWith(`${file.name}-wal`) && f.size > 0)) {
    notes.push(
      `${file.name}-wal was left out: it holds Kuma's latest writes, which SQLite had not yet moved into ${file.name}. ` +
        "Stop Kuma before copying its data directory to include them.",
    );
  }
  if (file.size > MAX_KUMA_DB_BYTES) {
    throw new ImportError(
      `the database is ${(file.size / 1024 ** 3).toFixed(1)} GB, more than the 1 GB an import reads (it is read into memory whole). ` +
        "Lower Settings → Monitor History in Kuma (heartbeats older than that are deleted), or import the status page heartbeat JSON instead.",
      { file: file.name },
    );
  }
  const bytes = await readFile(file.path);
  ctx.progress.bytes(bytes.length);
  await ctx.progress.tick();
  const SQL = await loadSqlJs();
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (error) {
    throw new ImportError(`is not a readable SQLite database (${error instanceof Error ? error.message : String(error)}).`, {
      file: file.name,
    });
  }
  try {
    return await readKuma(db, file.name, ctx, notes);
  } catch (error) {
    if (error instanceof ImportError || !(error instanceof Error)) throw error;
    // sql.js reports a damaged or cut file only when a query reaches the broken page.
    throw new ImportError(`could not be read as SQLite (${error.message}); the file may be damaged or cut short.`, {
      file: file.name,
    });
  } finally {
    db.close();
  }
}

/** The upload's one SQLite file; a Kuma data directory also holds kuma.db-wal, uploads and certificates. */
async function chooseDatabase(files: ImportFile[]): Promise<ImportFile> {
  const databases: ImportFile[] = [];
  for (const f of files) {
    if (f.size < SQLITE_HEADER.length) continue;
    if (isSqliteHead(await readFileHead(f))) databases.push(f);
  }
  if (databases.length === 1) return databases[0];
  const named = databases.filter((f) => /(^|\/)kuma\.db$/.test(f.name));
  if (named.length === 1) return named[0];
  if (databases.length === 0) {
    throw new ImportError("holds no SQLite database: upload kuma.db from Uptime Kuma's data directory.", {
      file: files.map((f) => f.name).join(", "),
    });
  }
  throw new ImportError("holds several SQLite databases: upload one kuma.db at a time.", {
    file: databases.map((f) => f.name).join(", "),
  });
}

async function readKuma(db: Database, fileName: string, ctx: UptimeImportContext, notes: string[]): Promise<ParsedUptime> {
  const tables = new Set(column(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map(String));
  for (const table of ["monitor", "heartbeat"]) {
    if (!tables.has(table)) {
      const found = [...tables].filter((t) => !t.startsWith("sqlite_")).slice(0, 8);
      throw new ImportError(
        `this SQLite database has no "${table}" table, so it is not Uptime Kuma's kuma.db` +
          (found.length ? ` (its tables: ${found.join(", ")}).` : " (it has no tables)."),
        { file: fileName, field: table },
      );
    }
  }
  const heartbeatColumns = columnsOf(db, "heartbeat");
  for (const required of ["monitor_id", "status", "time"]) {
    if (!heartbeatColumns.has(required)) {
      throw new ImportError(`the heartbeat table has no "${required}" column: this is not a Kuma database Hindsight can read.`, {
        file: fileName,
        field: `heartbeat.${required}`,
      });
    }
  }

  const monitorRows = readMonitors(db);
  const groups = new Set([...monitorRows.values()].filter((m) => m.type === "group").map((m) => m.id));
  const monitors = new Map<number, ParsedMonitor>();
  const messages = new Map<string, string>();
  let rowsRead = 0;
  let skipped = 0;
  let firstSkipped = "";
  let currentId: number | null = null;
  let samples: UptimeSample[] = [];
  const finish = (id: number | null) => {
    if (id !== null && !groups.has(id)) monitors.set(id, monitorOf(id, monitorRows.get(id), samples));
  };

  const optional = (name: string) => (heartbeatColumns.has(name) ? `"${name}"` : "NULL");
  // Ordered as Kuma's monitor_time_index, so SQLite walks the index; rows are stepped one at a time.
  const statement = db.prepare(
    `SELECT monitor_id, status, "time", ${optional("msg")}, ${optional("ping")} FROM heartbeat ORDER BY monitor_id, "time"`,
  );
  try {
    while (statement.step()) {
      const [monitorId, statusCode, time, msg, ping] = statement.get() as [SqlValue, SqlValue, SqlValue, SqlValue, SqlValue];
      rowsRead++;
      if (rowsRead % TICK_EVERY === 0) {
        ctx.progress.rows(TICK_EVERY);
        await ctx.progress.tick();
      }
      const id = Number(monitorId);
      if (!Number.isInteger(id)) {
        if (skipped++ === 0) firstSkipped = `monitor ${String(monitorId)}, status ${String(statusCode)}, time ${String(time)}`;
        continue;
      }
      if (currentId !== id) {
        finish(currentId);
        currentId = id;
        samples = [];
      }
      if (groups.has(id)) continue;
      const status = kumaStatus(typeof statusCode === "bigint" ? Number(statusCode) : statusCode);
      const at = kumaTime(time);
      if (status === null || at === null) {
        if (skipped++ === 0) firstSkipped = `monitor ${String(monitorId)}, status ${String(statusCode)}, time ${String(time)}`;
        continue;
      }
      const text = typeof msg === "string" ? msg : "";
      let message = messages.get(text);
      if (message === undefined) {
        message = text;
        if (messages.size < 10_000) messages.set(text, text);
      }
      const last = samples[samples.length - 1];
      const sample: UptimeSample = {
        at,
        status,
        latencyMs: typeof ping === "number" && Number.isFinite(ping) && ping >= 0 ? ping : null,
        code: kumaHttpCode(monitorRows.get(id)?.type, message),
        message,
      };
      // Two beats in the same millisecond: the later row wins, as orderSamples does.
      if (last && last.at === at) samples[samples.length - 1] = sample;
      else samples.push(sample);
    }
  } finally {
    statement.free();
  }
  finish(currentId);
  ctx.progress.rows(rowsRead % TICK_EVERY);

  // Monitors that never beat (just created, or paused before their first check) are listed without samples.
  for (const m of monitorRows.values()) {
    if (!monitors.has(m.id) && !groups.has(m.id)) monitors.set(m.id, monitorOf(m.id, m, []));
  }

  if (groups.size > 0) {
    notes.push(
      `${groups.size} group monitor${groups.size === 1 ? " was" : "s were"} left out: a Kuma group only sums up the monitors in it.`,
    );
  }
  if (skipped > 0) {
    notes.push(
      `${skipped.toLocaleString("en-US")} heartbeat${skipped === 1 ? "" : "s"} with an unknown status or time ` +
        `${skipped === 1 ? "was" : "were"} skipped (first: ${firstSkipped}).`,
    );
  }
  notes.push(
    "Kuma deletes heartbeats older than Settings → Monitor History (180 days by default): older history is not in kuma.db.",
  );
  const byId = [...monitors.entries()].sort(([a], [b]) => a - b).map(([, m]) => m);
  return { format: "uptime-kuma-db", source: "uptime-kuma", monitors: byId, notes, rowsRead };
}

function monitorOf(id: number, row: MonitorRow | undefined, samples: UptimeSample[]): ParsedMonitor {
  return {
    sourceKey: kumaSourceKey(id),
    name: row?.name || kumaMonitorName(id),
    target: row ? kumaTarget(row) : "",
    kind: row ? kumaMonitorKind(row) : "other",
    samples,
    checkIntervalSec: row?.interval && row.interval > 0 ? row.interval : medianIntervalSec(samples),
    dataEnd: null,
    reported: [],
    outages: [],
    maintenance: [],
    timeZone: null,
  };
}

function readMonitors(db: Database): Map<number, MonitorRow> {
  const columns = columnsOf(db, "monitor");
  const pick = (name: string) => (columns.has(name) ? `"${name}"` : "NULL");
  const result = db.exec(
    `SELECT id, ${pick("name")}, ${pick("type")}, ${pick("url")}, ${pick("hostname")}, ${pick("port")}, ${pick("interval")}, ` +
      `${pick("docker_container")} FROM monitor`,
  );
  const rows = new Map<number, MonitorRow>();
  for (const [id, name, type, url, hostname, port, interval, docker] of result[0]?.values ?? []) {
    rows.set(Number(id), {
      id: Number(id),
      name: typeof name === "string" ? name.trim() : "",
      type: typeof type === "string" ? type : null,
      url: typeof url === "string" ? url : null,
      hostname: typeof hostname === "string" ? hostname : null,
      port: port === null ? null : Number(port),
      interval: interval === null ? null : Number(interval),
      dockerContainer: typeof docker === "string" ? docker : null,
    });
  }
  return rows;
}

function columnsOf(db: Database, table: string): Set<string> {
  const result = db.exec(`PRAGMA table_info("${table}")`);
  const nameIndex = result[0]?.columns.indexOf("name") ?? -1;
  return new Set((result[0]?.values ?? []).map((row) => String(row[nameIndex])));
}

function column(db: Database, sql: string): SqlValue[] {
  return (db.exec(sql)[0]?.values ?? []).map((row) => row[0]);
}
