import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ImportError } from "@/lib/imports/errors";
import { readFileHead, type ImportFile } from "@/lib/imports/files";
import { countingProgress, NO_PROGRESS } from "@/lib/imports/progress";
import { csvMonitorKey, csvUptimeStatus, uptimeCsvImporter } from "@/lib/uptime/formats/csv";
import type { UptimeImportOptions } from "@/lib/uptime/types";

const FIXTURES = path.resolve("tests/fixtures/uptime/csv");
const tempDir = mkdtempSync(path.join(os.tmpdir(), "uptime-csv-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

function fixture(name: string): ImportFile {
  const p = path.join(FIXTURES, name);
  return { name, path: p, size: statSync(p).size };
}

function temp(name: string, text: string): ImportFile {
  const p = path.join(tempDir, name);
  writeFileSync(p, text);
  return { name, path: p, size: statSync(p).size };
}

function parse(file: ImportFile, options: Partial<UptimeImportOptions> = {}) {
  return uptimeCsvImporter.parse([file], { progress: NO_PROGRESS, options: { timeZone: "UTC", ...options } });
}

async function parseError(file: ImportFile, options: Partial<UptimeImportOptions> = {}): Promise<ImportError> {
  const error = await parse(file, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

const iso = (at: number) => new Date(at).toISOString();

describe("csvUptimeStatus", () => {
  it.each([
    ["up", "up", null],
    ["UP", "up", null],
    ["ok", "up", null],
    ["True", "up", null],
    ["1", "up", null],
    ["down", "down", null],
    ["Fail", "down", null],
    ["failed", "down", null],
    ["ERROR", "down", null],
    ["false", "down", null],
    ["0", "down", null],
    ["degraded", "degraded", null],
    ["pending", "degraded", null],
    ["maintenance", "maintenance", null],
    ["200", "up", 200],
    ["304", "up", 304],
    ["404", "down", 404],
    ["503", "down", 503],
  ])("reads %s as %s", (text, status, code) => {
    expect(csvUptimeStatus(text)).toEqual({ status, code });
  });

  it.each(["", "broken", "2", "99", "600", "up!"])("refuses %j", (text) => {
    expect(csvUptimeStatus(text)).toBeNull();
  });
});

describe("uptime CSV importer", () => {
  it("reads timestamp,status,latency_ms into one monitor named after the file", async () => {
    const parsed = await parse(fixture("api-checks.csv"));
    expect(parsed).toMatchObject({ format: "csv", source: "csv", rowsRead: 12, notes: [] });
    expect(parsed.monitors).toHaveLength(1);
    const m = parsed.monitors[0];
    expect(m).toMatchObject({ sourceKey: "api-checks", name: "api-checks", target: "", kind: "other", checkIntervalSec: 60 });
    expect(m.samples.map((s) => s.status)).toEqual([
      "up",
      "up",
      "up",
      "up",
      "down",
      "down",
      "down",
      "up",
      "up",
      "up",
      "degraded",
      "up",
    ]);
    expect(m.samples.map((s) => s.latencyMs)).toEqual([112, 118, 109, 121, null, null, null, 131, 115, null, 117, 120]);
    expect(iso(m.samples[0].at)).toBe("2026-05-03T14:00:00.000Z");
    expect(iso(m.samples[11].at)).toBe("2026-05-03T14:11:00.000Z");
  });

  it("takes the monitor name and target from the options, the kind from the target", async () => {
    const parsed = await parse(fixture("api-checks.csv"), {
      monitorName: "RPC Node (EU)",
      target: "https://rpc.example.org/rpc",
    });
    expect(parsed.monitors[0]).toMatchObject({
      name: "RPC Node (EU)",
      sourceKey: "rpc-node-eu",
      target: "https://rpc.example.org/rpc",
      kind: "jsonrpc",
    });
    const ws = await parse(fixture("api-checks.csv"), { target: "wss://ws.example.org" });
    expect(ws.monitors[0].kind).toBe("websocket");
  });

  it("reads a headerless file of epoch seconds and 1/0", async () => {
    const parsed = await parse(fixture("headerless-epoch-seconds.csv"));
    const m = parsed.monitors[0];
    expect(m.samples.map((s) => [iso(s.at), s.status, s.latencyMs])).toEqual([
      ["2026-05-03T14:00:00.000Z", "up", null],
      ["2026-05-03T14:00:30.000Z", "up", null],
      ["2026-05-03T14:01:00.000Z", "down", null],
      ["2026-05-03T14:01:30.000Z", "up", null],
      ["2026-05-03T14:02:00.000Z", "up", null],
    ]);
    expect(m.checkIntervalSec).toBe(30);
    expect(parsed.notes).toEqual(["Times were read as epoch seconds."]);
  });

  it("reads a semicolon file with a BOM, CRLF, decimal commas and offset-less times in the chosen zone across a DST jump", async () => {
    const parsed = await parse(fixture("semicolon-local-times.csv"), { timeZone: "Europe/Berlin" });
    const m = parsed.monitors[0];
    expect(m.samples.map((s) => [iso(s.at), s.status, s.latencyMs])).toEqual([
      ["2026-03-29T00:58:00.000Z", "up", 101.5],
      ["2026-03-29T00:59:00.000Z", "up", 99.25],
      ["2026-03-29T01:00:00.000Z", "down", null],
      ["2026-03-29T01:01:00.000Z", "degraded", 250],
      ["2026-03-29T01:02:00.000Z", "up", 98],
    ]);
    expect(parsed.notes).toEqual(["Times without a UTC offset were read as wall-clock times in Europe/Berlin."]);
  });

  it("reads a tab-separated file with HTTP codes, a message column and an extra column it names", async () => {
    const parsed = await parse(fixture("http-codes.tsv"));
    const m = parsed.monitors[0];
    expect(m.samples.map((s) => [iso(s.at), s.status, s.code, s.latencyMs, s.message])).toEqual([
      ["2026-05-03T14:00:00.000Z", "up", 200, 45, ""],
      ["2026-05-03T14:00:20.000Z", "up", 301, 47, ""],
      ["2026-05-03T14:00:40.000Z", "down", 503, null, "Service Unavailable"],
      ["2026-05-03T14:01:00.000Z", "up", 200, 44, ""],
    ]);
    expect(parsed.notes).toEqual(["Column region was not read."]);
    expect(m.checkIntervalSec).toBe(20);
  });

  it("sorts rows out of order and keeps the later of two rows at one instant, saying so", async () => {
    const parsed = await parse(fixture("unordered.csv"));
    const m = parsed.monitors[0];
    expect(m.samples.map((s) => [iso(s.at), s.status])).toEqual([
      ["2026-05-03T14:00:00.000Z", "up"],
      ["2026-05-03T14:01:00.000Z", "down"],
      ["2026-05-03T14:02:00.000Z", "down"],
      ["2026-05-03T14:03:00.000Z", "up"],
    ]);
    expect(parsed.notes).toEqual([
      "1 row came earlier than the row before: the checks were sorted by time.",
      "1 row repeated a time already seen; the later row was kept.",
    ]);
  });

  it("imports the complete lines of a file cut in its last line, with a note", async () => {
    const parsed = await parse(fixture("cut-last-line.csv"));
    expect(parsed.monitors[0].samples).toHaveLength(3);
    expect(parsed.notes).toContain(
      "The file ends without a line break inside line 5, which is incomplete as if the file was cut: that line was left out and the complete lines before it were imported.",
    );
  });

  it("refuses a bad status naming file, line and field, with what to write", async () => {
    const error = await parseError(fixture("bad-status.csv"));
    expect(error).toMatchObject({ file: "bad-status.csv", line: 4, field: "status" });
    expect(error.message).toContain('"broken" is not a status: write up, down, degraded or maintenance');
  });

  it("refuses bad times, latencies and field counts with their line and field", async () => {
    const badTime = await parseError(temp("t.csv", "timestamp,status\n2026-05-03T14:00:00Z,up\nyesterday,up\n"));
    expect(badTime).toMatchObject({ line: 3, field: "timestamp" });
    const badLatency = await parseError(temp("l.csv", "timestamp,status,latency_ms\n2026-05-03T14:00:00Z,up,fast\n"));
    expect(badLatency).toMatchObject({ line: 2, field: "latency_ms" });
    expect(badLatency.message).toContain("write the latency in milliseconds");
    const negative = await parseError(temp("n.csv", "timestamp,status,latency_ms\n2026-05-03T14:00:00Z,up,-3\n"));
    expect(negative).toMatchObject({ line: 2, field: "latency_ms" });
    const short = await parseError(
      temp("s.csv", "timestamp,status,latency_ms\n2026-05-03T14:00:00Z,up,3\n2026-05-03T14:01:00Z\n"),
    );
    expect(short).toMatchObject({ line: 3, field: "status" });
    expect(short.message).toContain('"status" is missing');
  });

  it("refuses a header without a status column, and a file without checks", async () => {
    const noStatus = await parseError(temp("h.csv", "time,value\n2026-05-03T14:00:00Z,3\n"));
    expect(noStatus).toMatchObject({ line: 1 });
    expect(noStatus.message).toContain("has no status column");
    const empty = await parseError(temp("e.csv", "timestamp,status,latency_ms\n"));
    expect(empty.message).toContain("holds no checks");
  });

  it("detects its own files by content and leaves others alone", async () => {
    const heads = async (file: ImportFile) => [await readFileHead(file)];
    expect(uptimeCsvImporter.detect(await heads(fixture("api-checks.csv")))).toBe(true);
    expect(uptimeCsvImporter.detect(await heads(fixture("headerless-epoch-seconds.csv")))).toBe(true);
    expect(uptimeCsvImporter.detect(await heads(fixture("semicolon-local-times.csv")))).toBe(true);
    expect(uptimeCsvImporter.detect(await heads(temp("metric.csv", "time,value\n2026-05-03T14:00:00Z,3\n")))).toBe(false);
    expect(
      uptimeCsvImporter.detect(
        await heads(temp("log.tsv", "03861bde6025b58c54a41db166a94bc6d98e978b\t2023-04-03T02:23:23-04:00\tx is down\n")),
      ),
    ).toBe(false);
  });

  it("streams a large file in bounded time, reporting progress", async () => {
    const rows = 200_000;
    const start = Date.UTC(2026, 0, 1);
    const lines = ["timestamp,status,latency_ms"];
    for (let i = 0; i < rows; i++) {
      const down = i % 1000 < 3;
      lines.push(`${new Date(start + i * 30_000).toISOString()},${down ? "down" : "up"},${down ? "" : 100 + (i % 50)}`);
    }
    const file = temp("large.csv", lines.join("\n") + "\n");
    let ticks = 0;
    const progress = countingProgress(() => {
      ticks++;
    });
    const began = performance.now();
    const parsed = await uptimeCsvImporter.parse([file], { progress, options: { timeZone: "UTC" } });
    const elapsed = performance.now() - began;
    const m = parsed.monitors[0];
    expect(m.samples).toHaveLength(rows);
    expect(m.samples.filter((s) => s.status === "down")).toHaveLength((rows / 1000) * 3);
    expect(m.checkIntervalSec).toBe(30);
    expect(progress.state).toEqual({ bytesRead: file.size, rowsRead: rows + 1 });
    expect(ticks).toBeGreaterThan(10);
    expect(elapsed).toBeLessThan(5000);
  });
});

describe("csvMonitorKey", () => {
  it("lower-cases and joins words with dashes", () => {
    expect(csvMonitorKey("API checks")).toBe("api-checks");
    expect(csvMonitorKey("Zürich  Gateway (v2)")).toBe("zurich-gateway-v2");
    expect(csvMonitorKey("***")).toBe("csv");
  });
});
