/**
 * Real autocannon and Artillery runs against the app's own /api/health handler on 127.0.0.1; their
 * result files go through our importers and the figures must match what each tool printed.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_PROGRESS } from "@/lib/imports/progress";
import { artilleryImporter } from "@/lib/loadtests/formats/artillery";
import { autocannonImporter } from "@/lib/loadtests/formats/autocannon";
import type { FileHead, ImportFile } from "@/lib/loadtests/types";
import { startHealthServer } from "@/tests/integration/support/health-server";

const BIN = path.resolve("node_modules/.bin");
const ctx = { progress: NO_PROGRESS, options: {} };
const tmp = mkdtempSync(path.join(tmpdir(), "load-generators-"));

let server: Awaited<ReturnType<typeof startHealthServer>>;
beforeAll(async () => {
  server = await startHealthServer();
});
afterAll(async () => {
  await server?.close();
});

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: tmp, env: { ...process.env, ...env }, timeout: 40_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${command} failed: ${error.message}\n${stderr}`)) : resolve({ stdout, stderr }),
    );
  });
}

function importFile(p: string): ImportFile {
  return { name: path.basename(p), path: p, size: statSync(p).size };
}
function head(p: string): FileHead {
  const buf = readFileSync(p).subarray(0, 64 * 1024);
  return { name: path.basename(p), size: statSync(p).size, head: buf, text: buf.toString("utf8") };
}

/** Within 1 % or 1 ms of the printed figure, whichever is larger. */
function expectClose(actual: number | null | undefined, printed: number, what: string): void {
  expect(actual, what).not.toBeNull();
  expect(Math.abs(actual! - printed), `${what}: imported ${actual}, printed ${printed}`).toBeLessThanOrEqual(
    Math.max(1, Math.abs(printed) * 0.01),
  );
}

/** Rows of the box-drawn tables autocannon prints (cli-table3), as trimmed cells. */
function tableRows(text: string): string[][] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("│"))
    .map((line) =>
      line
        .split("│")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe("real load generators against /api/health", () => {
  it("autocannon: the imported --json figures equal what autocannon prints", async () => {
    // Fewer than 1,000 requests, so autocannon's "N requests in Xs" line prints N exactly (it rounds to "2k" above).
    const { stdout, stderr } = await run(path.join(BIN, "autocannon"), ["-a", "900", "-c", "10", "--json", server.url]);
    // With --json, autocannon 9 prints its JSON to stdout and no table at all (not even to stderr).
    expect(stderr.trim()).toBe("");
    const jsonPath = path.join(tmp, "autocannon.json");
    writeFileSync(jsonPath, stdout);
    const result = JSON.parse(stdout);

    // autocannon's own CLI printer (the table the CLI shows without --json), applied to this run's result,
    // with the latency and status-code tables switched on; a non-TTY stream means no colours.
    const require = createRequire(import.meta.url);
    const { printResult } = require("autocannon") as { printResult: (result: unknown, opts: object) => string };
    const printed = printResult(result, {
      renderLatencyTable: true,
      renderStatusCodes: true,
      outputStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
    });
    const rows = tableRows(printed);
    const latencyRow = rows.find((r) => r[0] === "Latency")!;
    const ms = (cell: string) => Number(cell.replace(/ ms$/, ""));
    const [p2_5, p50, p97_5, p99, avg, stdev, max] = latencyRow.slice(1).map(ms);
    const percentiles = new Map(
      rows.filter((r) => r.length === 2 && /^\d+(\.\d+)?$/.test(r[0]) && r[1] !== "").map((r) => [r[0], Number(r[1])]),
    );
    const codes = rows.filter((r) => r.length === 2 && /^\d{3}$/.test(r[0])).map((r) => Number(r[1]));
    const requestsLine = /^(\d+) requests in ([\d.]+)s/m.exec(printed);
    expect(requestsLine, printed).not.toBeNull();
    const printedErrors = Number(/^(\d+) errors \(/m.exec(printed)?.[1] ?? 0);

    expect(autocannonImporter.detect([head(jsonPath)])).toBe(true);
    const imported = await autocannonImporter.parse([importFile(jsonPath)], ctx);
    const t = imported.total;
    expect(t.count).toBe(Number(requestsLine![1]));
    expect(t.count).toBe(900);
    expect(t.errors).toBe(printedErrors);
    expect(codes.reduce((a, b) => a + b, 0)).toBe(Number(imported.environment["Completed requests (requests.total)"]));
    expect(imported.environment["Duration"]).toBe(`${requestsLine![2]} s`);
    expectClose(t.mean, avg, "mean");
    expectClose(t.stddev, stdev, "stddev");
    expectClose(t.max, max, "max");
    expectClose(t.p50, p50, "p50");
    expectClose(t.p99, p99, "p99");
    expectClose(t.otherPercentiles["2.5"], p2_5, "p2.5");
    expectClose(t.otherPercentiles["97.5"], p97_5, "p97.5");
    expectClose(t.p75, percentiles.get("75")!, "p75");
    expectClose(t.p90, percentiles.get("90")!, "p90");
    expectClose(t.p999, percentiles.get("99.9")!, "p99.9");
    expect(t.p95).toBeNull(); // autocannon reports no 95th percentile
    expect(imported.environment["URL"]).toBe(server.url);
  });

  it("Artillery 2.0.21: the imported report equals Artillery's printed summary", async () => {
    writeFileSync(
      path.join(tmp, "plan.yml"),
      [
        "config:",
        `  target: "http://127.0.0.1:${server.port}"`,
        "  phases:",
        "    - duration: 3",
        "      arrivalRate: 5",
        "scenarios:",
        "  - name: health check",
        "    flow:",
        '      - get: { url: "/api/health" }',
        '      - get: { url: "/api/health" }',
        "",
      ].join("\n"),
    );
    // Artillery 2.0.21 still sends an anonymised "test run" event to PostHog with telemetry disabled,
    // and waits ~12 s for it offline: stub the PostHog client so nothing leaves 127.0.0.1.
    writeFileSync(
      path.join(tmp, "no-telemetry.cjs"),
      [
        'const Module = require("node:module");',
        "const load = Module._load;",
        "Module._load = function (request, ...rest) {",
        '  if (request === "posthog-node") return { PostHog: class { capture() {} async shutdownAsync() {} } };',
        "  return load.call(this, request, ...rest);",
        "};",
        "",
      ].join("\n"),
    );
    const { stdout } = await run(path.join(BIN, "artillery"), ["run", "--output", "report.json", "plan.yml"], {
      ARTILLERY_DISABLE_TELEMETRY: "true",
      DO_NOT_TRACK: "1",
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(tmp, "no-telemetry.cjs")}`.trim(),
    });

    // The "Summary report" block: "name: ....... value" lines, histograms as an indented block.
    const summary = stdout.slice(stdout.indexOf("Summary report"));
    expect(summary.length, stdout).toBeGreaterThan(20);
    const printed = new Map<string, number>();
    let histogram = "";
    for (const line of summary.split("\n")) {
      const m = /^(\s*)([^\s:][^:]*):\s*(?:\.+\s*(\S+))?/.exec(line);
      if (!m) continue;
      if (m[3] === undefined) histogram = m[2];
      else printed.set(m[1] ? `${histogram}.${m[2]}` : m[2], parseFloat(m[3]));
    }
    const value = (key: string) => {
      expect(printed.has(key), `${key} in Artillery's summary:\n${summary}`).toBe(true);
      return printed.get(key)!;
    };

    const reportPath = path.join(tmp, "report.json");
    expect(artilleryImporter.detect([head(reportPath)])).toBe(true);
    const imported = await artilleryImporter.parse([importFile(reportPath)], ctx);
    const t = imported.total;
    expect(t.count).toBe(value("http.requests"));
    expect(t.count).toBe(30);
    const printedErrors = [...printed].filter(([k]) => k.startsWith("errors.")).reduce((n, [, v]) => n + v, 0);
    expect(t.errors).toBe(printedErrors);
    expect(imported.environment["HTTP responses"]).toBe(String(value("http.responses")));
    expect(imported.environment["HTTP status codes"]).toBe(`200: ${value("http.codes.200")}`);
    expect(t.receivedBytes).toBe(value("http.downloaded_bytes"));
    expectClose(t.min, value("http.response_time.min"), "min");
    expectClose(t.max, value("http.response_time.max"), "max");
    expectClose(t.mean, value("http.response_time.mean"), "mean");
    expectClose(t.p50, value("http.response_time.median"), "median");
    expectClose(t.p95, value("http.response_time.p95"), "p95");
    expectClose(t.p99, value("http.response_time.p99"), "p99");
    expectClose(t.throughput, value("http.request_rate"), "request rate");

    // Artillery 2 counts requests per endpoint by default (metrics-by-endpoint).
    expect(imported.labels.map((l) => [l.label, l.count, l.errors])).toEqual([["/api/health", 30, 0]]);
    expect(imported.series.reduce((n, p) => n + p.requests, 0)).toBe(30);
  });
});
