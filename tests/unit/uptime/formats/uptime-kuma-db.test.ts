import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import initSqlJs, { type SqlJsStatic } from "sql.js";
import { beforeAll, describe, expect, it } from "vitest";
import { ImportError } from "@/lib/imports/errors";
import { readFileHead, type ImportFile } from "@/lib/imports/files";
import { countingProgress, NO_PROGRESS } from "@/lib/imports/progress";
import { MAX_KUMA_DB_BYTES, uptimeKumaDbImporter } from "@/lib/uptime/formats/uptime-kuma-db";
import type { UptimeImportContext } from "@/lib/uptime/types";
import { fileOf, temp } from "../../loadtests/support/importer-fixtures";

const KUMA_DB = path.resolve("tests/fixtures/uptime/kuma/kuma.db");
const berlin: UptimeImportContext = { progress: NO_PROGRESS, options: { timeZone: "Europe/Berlin" } };
const iso = (ms: number) => new Date(ms).toISOString();

let SQL: SqlJsStatic;
beforeAll(async () => {
  const requireHere = createRequire(import.meta.url);
  SQL = await initSqlJs({ locateFile: (f: string) => requireHere.resolve(`sql.js/dist/${f}`) });
});

/** A SQLite file made with sql.js from `sql`, as an upload hands it over. */
function database(name: string, sql: string): ImportFile {
  const db = new SQL.Database();
  db.run(sql);
  const bytes = Buffer.from(db.export());
  db.close();
  return temp(name, bytes);
}

async function parseError(files: ImportFile[]): Promise<ImportError> {
  const error = await uptimeKumaDbImporter.parse(files, berlin).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe("Uptime Kuma database importer", () => {
  it("reads every monitor of a 1.23 kuma.db with its targets, kinds and check intervals; groups are left out", async () => {
    const parsed = await uptimeKumaDbImporter.parse([fileOf(KUMA_DB)], berlin);
    expect(parsed.format).toBe("uptime-kuma-db");
    expect(parsed.source).toBe("uptime-kuma");
    expect(parsed.rowsRead).toBe(810);
    expect(parsed.monitors.map((m) => [m.sourceKey, m.name, m.target, m.kind, m.checkIntervalSec, m.samples.length])).toEqual([
      ["kuma:1", "Website", "https://example.org/", "http", 60, 180],
      ["kuma:2", "API port", "api.example.org:443", "tcp", 30, 360],
      ["kuma:3", "Resolver", "example.org", "dns", 120, 90],
      // A push monitor that never got a push: listed, without samples (parseUptime leaves it out).
      ["kuma:5", "Nightly job", "", "other", 86400, 0],
    ]);
    expect(parsed.notes).toContain("1 group monitor was left out: a Kuma group only sums up the monitors in it.");
  });

  it("maps pending to degraded and maintenance to maintenance, keeps messages, HTTP codes and pings, reads times as UTC", async () => {
    const parsed = await uptimeKumaDbImporter.parse([fileOf(KUMA_DB)], berlin);
    const [website, api, resolver] = parsed.monitors;
    expect(website.samples[0]).toEqual({
      at: Date.parse("2023-04-03T00:00:00.311Z"),
      status: "up",
      latencyMs: 40,
      code: 200,
      message: "200 - OK",
    });
    expect(website.samples.slice(99, 108).map((s) => [s.status, s.code])).toEqual([
      ["up", 200],
      ["degraded", 503],
      ["degraded", 503],
      ["down", 503],
      ["down", 503],
      ["down", 503],
      ["down", 503],
      ["down", 503],
      ["up", 200],
    ]);
    expect(website.samples[102]).toMatchObject({ latencyMs: null, message: "503 - Service Unavailable" });
    const maintenance = api.samples.filter((s) => s.status === "maintenance");
    expect(maintenance).toHaveLength(10);
    expect(iso(maintenance[0].at)).toBe("2023-04-03T02:30:00.322Z");
    expect(maintenance[0]).toMatchObject({ message: "Monitor under maintenance", code: null });
    expect(resolver.samples.filter((s) => s.status === "down")).toEqual([
      {
        at: Date.parse("2023-04-03T01:30:00.798Z"),
        status: "down",
        latencyMs: null,
        code: null,
        message: "queryA ETIMEOUT example.org",
      },
    ]);
    for (const m of parsed.monitors) {
      expect(m.samples.every((s, i) => i === 0 || m.samples[i - 1].at < s.at)).toBe(true);
    }
  });

  it("reports bytes and rows as it reads", async () => {
    const progress = countingProgress();
    await uptimeKumaDbImporter.parse([fileOf(KUMA_DB)], { ...berlin, progress });
    expect(progress.state).toEqual({ bytesRead: readFileSync(KUMA_DB).length, rowsRead: 810 });
  });

  it("finds kuma.db among the other files of Kuma's data directory, and says a -wal file was left out", async () => {
    const db = fileOf(KUMA_DB);
    const wal = temp("kuma.db-wal", "not read");
    const parsed = await uptimeKumaDbImporter.parse([{ ...wal, name: "kuma.db-wal" }, temp("screenshot.png", "png"), db], berlin);
    expect(parsed.monitors).toHaveLength(4);
    expect(parsed.notes[0]).toContain("kuma.db-wal was left out");
  });

  it("reads a database with the fewest columns (2.x-style tables without msg, ping or interval)", async () => {
    const file = database(
      "kuma2.db",
      `CREATE TABLE monitor (id INTEGER PRIMARY KEY, name VARCHAR(150), type VARCHAR(20), url TEXT, parent INTEGER);
       CREATE TABLE heartbeat (id INTEGER PRIMARY KEY, monitor_id INTEGER NOT NULL, status SMALLINT NOT NULL, time DATETIME NOT NULL,
         end_time DATETIME, retries INTEGER NOT NULL DEFAULT 0);
       INSERT INTO monitor VALUES (1, 'Socket', 'websocket-upgrade', 'wss://ws.example.org/socket', NULL);
       INSERT INTO heartbeat (monitor_id, status, time) VALUES (1, 1, '2025-02-01 10:00:00.000'), (1, 0, '2025-02-01 10:00:20.000'),
         (1, 1, '2025-02-01 10:00:40.000'), (1, 9, '2025-02-01 10:01:00.000'), (2, 1, '2025-02-01 10:00:00');`,
    );
    const parsed = await uptimeKumaDbImporter.parse([file], berlin);
    expect(parsed.monitors.map((m) => [m.sourceKey, m.name, m.target, m.kind, m.checkIntervalSec])).toEqual([
      ["kuma:1", "Socket", "wss://ws.example.org/socket", "websocket", 20],
      // A heartbeat of a monitor missing from the monitor table.
      ["kuma:2", "Uptime Kuma monitor 2", "", "other", null],
    ]);
    expect(parsed.monitors[0].samples.map((s) => [s.status, s.latencyMs, s.message])).toEqual([
      ["up", null, ""],
      ["down", null, ""],
      ["up", null, ""],
    ]);
    expect(parsed.notes).toContain(
      "1 heartbeat with an unknown status or time was skipped (first: monitor 1, status 9, time 2025-02-01 10:01:00.000).",
    );
  });

  it("keeps credentials out of a monitor URL", async () => {
    const file = database(
      "secret.db",
      `CREATE TABLE monitor (id INTEGER PRIMARY KEY, name TEXT, type TEXT, url TEXT);
       CREATE TABLE heartbeat (monitor_id INTEGER, status INTEGER, time TEXT);
       INSERT INTO monitor VALUES (1, 'Private', 'http', 'https://ops:s3cret@private.example.org/health');
       INSERT INTO heartbeat VALUES (1, 1, '2025-02-01 10:00:00');`,
    );
    const parsed = await uptimeKumaDbImporter.parse([file], berlin);
    expect(parsed.monitors[0].target).toBe("https://private.example.org/health");
  });

  it("detects a SQLite file by its header, not by its name", async () => {
    const heads = await Promise.all([fileOf(KUMA_DB), temp("notes.txt", "SQLite format 2")].map(readFileHead));
    expect(uptimeKumaDbImporter.detect(heads)).toBe(true);
    expect(uptimeKumaDbImporter.detect([{ ...heads[0], name: "data.bin" }])).toBe(true);
    expect(uptimeKumaDbImporter.detect([heads[1]])).toBe(false);
  });

  it("refuses a SQLite database without Kuma's tables, naming the tables it has", async () => {
    const error = await parseError([database("other.db", "CREATE TABLE notes (id INTEGER, body TEXT);")]);
    expect(error.message).toBe(
      'other.db, field "monitor": this SQLite database has no "monitor" table, so it is not Uptime Kuma\'s kuma.db (its tables: notes).',
    );
  });

  it("refuses a heartbeat table without a time column", async () => {
    const error = await parseError([
      database("odd.db", "CREATE TABLE monitor (id INTEGER); CREATE TABLE heartbeat (monitor_id INTEGER, status INTEGER);"),
    ]);
    expect(error.field).toBe("heartbeat.time");
  });

  it("fails cleanly on a kuma.db cut short", async () => {
    const cut = temp("kuma.db", readFileSync(KUMA_DB).subarray(0, 40_960));
    const error = await parseError([cut]);
    expect(error.file).toBe("kuma.db");
    expect(error.message).toBe(
      "kuma.db: could not be read as SQLite (database disk image is malformed); the file may be damaged or cut short.",
    );
  });

  it("refuses a database above 1 GB before reading it", async () => {
    const huge = { ...fileOf(KUMA_DB), size: MAX_KUMA_DB_BYTES + 1 };
    const error = await parseError([huge]);
    expect(error.message).toContain("more than the 1 GB an import reads");
  });

  it("says when the upload holds no SQLite database", async () => {
    const error = await parseError([temp("readme.txt", "hello")]);
    expect(error.message).toContain("upload kuma.db");
  });
});
