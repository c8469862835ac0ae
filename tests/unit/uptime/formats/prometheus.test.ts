import path from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError } from "@/lib/imports/errors";
import { readFileHead, type ImportFile } from "@/lib/imports/files";
import { NO_PROGRESS } from "@/lib/imports/progress";
import { uptimePrometheusImporter } from "@/lib/uptime/formats/prometheus";
import type { UptimeImportContext } from "@/lib/uptime/types";
import { fileOf, temp } from "../../loadtests/support/importer-fixtures";

const DIR = path.resolve("tests/fixtures/uptime/prometheus");
const success = fileOf(path.join(DIR, "probe-success.json"));
const duration = fileOf(path.join(DIR, "probe-duration-seconds.json"));
const ctx: UptimeImportContext = { progress: NO_PROGRESS, options: { timeZone: "Europe/Berlin" } };
const START = 1795701600_000;

/** A query_range response with these series ([labels, [[unix seconds, "value"], …]]). */
function response(name: string, series: [Record<string, string>, [number, string][]][]): ImportFile {
  const result = series.map(([metric, values]) => ({ metric, values }));
  return temp(name, JSON.stringify({ status: "success", data: { resultType: "matrix", result } }));
}

async function parseError(files: ImportFile[]): Promise<ImportError> {
  const error = await uptimePrometheusImporter.parse(files, ctx).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe("Prometheus uptime importer", () => {
  it("makes one monitor per probe_success series, named by instance, kind from target and module", async () => {
    const parsed = await uptimePrometheusImporter.parse([success, duration], ctx);
    expect(parsed.format).toBe("prometheus");
    expect(parsed.source).toBe("prometheus");
    expect(parsed.rowsRead).toBe(41 + 41 + 39 + 41 + 41 + 39);
    expect(parsed.monitors.map((m) => [m.sourceKey, m.name, m.target, m.kind, m.samples.length, m.checkIntervalSec])).toEqual([
      [
        'instance="https://example.org",job="blackbox",module="http_2xx"',
        "https://example.org",
        "https://example.org",
        "http",
        41,
        15,
      ],
      [
        'instance="https://rpc.example.org",job="blackbox",module="http_jsonrpc"',
        "https://rpc.example.org",
        "https://rpc.example.org",
        "jsonrpc",
        41,
        15,
      ],
      [
        'instance="ws.example.org:443",job="blackbox",module="tcp_connect"',
        "ws.example.org:443",
        "ws.example.org:443",
        "tcp",
        39,
        15,
      ],
    ]);
  });

  it("joins latency by labels, in milliseconds, on up samples only", async () => {
    const parsed = await uptimePrometheusImporter.parse([duration, success], ctx);
    const [web, , ws] = parsed.monitors;
    expect(web.samples[0]).toEqual({ at: START, status: "up", latencyMs: 50, code: null, message: "" });
    expect(web.samples[1].latencyMs).toBeCloseTo(60, 9);
    expect(web.samples.every((s) => s.latencyMs !== null)).toBe(true);
    // The tcp probe failed from step 12 to 19: down, and the failed probe's 5 s timeout is no response time.
    const down = ws.samples.filter((s) => s.status === "down");
    expect(down.map((s) => (s.at - START) / 15_000)).toEqual([12, 13, 14, 15, 16, 17, 18, 19]);
    expect(down.every((s) => s.latencyMs === null)).toBe(true);
    expect(ws.samples[0].latencyMs).toBeCloseTo(2.1, 9);
    // Steps 30 and 31 are missing from the response: no sample, a gap.
    expect(ws.samples.map((s) => (s.at - START) / 15_000)).not.toContain(30);
    expect(parsed.notes[0]).toContain("one value per query step");
  });

  it("refuses latency without a probe result, saying what to add", async () => {
    const error = await parseError([duration]);
    expect(error.file).toBe("probe-duration-seconds.json");
    expect(error.message).toContain("latency series but no probe result");
    expect(error.message).toContain("probe_success");
  });

  it("reads up and unnamed 0/1 series as status, skips NaN, and keeps probe_http_status_code", async () => {
    const file = response("mixed.json", [
      [
        { __name__: "up", instance: "node:9100", job: "node" },
        [
          [100, "1"],
          [115, "NaN"],
          [130, "0"],
        ],
      ],
      [
        { instance: "https://a.example", job: "bb" },
        [
          [100, "1"],
          [115, "0"],
        ],
      ],
      [
        { __name__: "probe_http_status_code", instance: "https://a.example", job: "bb" },
        [
          [100, "200"],
          [115, "0"],
        ],
      ],
    ]);
    const parsed = await uptimePrometheusImporter.parse([file], ctx);
    expect(parsed.monitors.map((m) => [m.name, m.samples.map((s) => [s.at / 1000, s.status, s.code])])).toEqual([
      [
        "node:9100",
        [
          [100, "up", null],
          [130, "down", null],
        ],
      ],
      [
        "https://a.example",
        [
          [100, "up", 200],
          [115, "down", null],
        ],
      ],
    ]);
    expect(parsed.notes).toContain("1 NaN value was skipped: no check result at that step.");
  });

  it("adds up blackbox's per-phase durations when there is no probe_duration_seconds; _ms series are read as milliseconds", async () => {
    const labels = { instance: "https://b.example", job: "bb" };
    const file = response("phases.json", [
      [
        { __name__: "probe_success", ...labels },
        [
          [100, "1"],
          [115, "1"],
        ],
      ],
      [
        { __name__: "probe_http_duration_seconds", ...labels, phase: "connect" },
        [
          [100, "0.01"],
          [115, "0.02"],
        ],
      ],
      [
        { __name__: "probe_http_duration_seconds", ...labels, phase: "processing" },
        [
          [100, "0.1"],
          [115, "0.2"],
        ],
      ],
      [{ __name__: "probe_success", instance: "c:1", job: "x" }, [[100, "1"]]],
      [{ __name__: "check_latency_ms", instance: "c:1", job: "x" }, [[100, "12.5"]]],
    ]);
    const parsed = await uptimePrometheusImporter.parse([file], ctx);
    const [first, second] = parsed.monitors[0].samples.map((s) => s.latencyMs!);
    expect(first).toBeCloseTo(110, 9); // 10 ms connect + 100 ms processing
    expect(second).toBeCloseTo(220, 9);
    expect(parsed.monitors[1].samples[0].latencyMs).toBe(12.5);
  });

  it("prefers probe_success over up of the same labels, and names what it left out", async () => {
    const labels = { instance: "https://d.example", job: "bb" };
    const file = response("both.json", [
      [{ __name__: "probe_success", ...labels }, [[100, "0"]]],
      [{ __name__: "up", ...labels }, [[100, "1"]]],
      [{ __name__: "node_load1", ...labels }, [[100, "0.5"]]],
    ]);
    const parsed = await uptimePrometheusImporter.parse([file], ctx);
    expect(parsed.monitors).toHaveLength(1);
    expect(parsed.monitors[0].samples[0].status).toBe("down");
    const leftOut = parsed.notes.find((n) => n.startsWith("Left out:"))!;
    expect(leftOut).toContain("repeats the target of a probe_success series");
    expect(leftOut).toContain("node_load1");
  });

  it("names two monitors of one instance by their job", async () => {
    const file = response("two-jobs.json", [
      [{ __name__: "probe_success", instance: "https://e.example", job: "eu" }, [[100, "1"]]],
      [{ __name__: "probe_success", instance: "https://e.example", job: "us" }, [[100, "1"]]],
    ]);
    const parsed = await uptimePrometheusImporter.parse([file], ctx);
    expect(parsed.monitors.map((m) => m.name)).toEqual(["https://e.example (eu)", "https://e.example (us)"]);
  });

  it("refuses a named probe result that is not 0 or 1", async () => {
    const file = response("avg.json", [[{ __name__: "probe_success", instance: "f:1", job: "x" }, [[100, "0.5"]]]]);
    const error = await parseError([file]);
    expect(error.message).toContain("a probe result is 1 (up) or 0 (down)");
  });

  it("passes on Prometheus' own errors and bad files, naming the file", async () => {
    const error = await parseError([temp("err.json", '{"status":"error","errorType":"bad_data","error":"parse error"}')]);
    expect(error.message).toContain("err.json: Prometheus answered with an error (bad_data): parse error");
    const cut = await parseError([temp("cut.json", '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{}')]);
    expect(cut.file).toBe("cut.json");
  });

  it("detects only uploads whose every file is a Prometheus response", async () => {
    const heads = await Promise.all([success, duration].map(readFileHead));
    expect(uptimePrometheusImporter.detect(heads)).toBe(true);
    const other = await readFileHead(temp("x.csv", "timestamp,status\n"));
    expect(uptimePrometheusImporter.detect([...heads, other])).toBe(false);
  });
});
