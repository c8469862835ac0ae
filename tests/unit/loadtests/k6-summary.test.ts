import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { k6HandleSummaryImporter, k6SummaryExportImporter } from "@/lib/loadtests/formats/k6-summary";
import { REAL, FIXTURES, ctx, fileOf, temp, head, parseError } from "./support/importer-fixtures";

const EXPORT = path.join(FIXTURES, "k6/summary-export.json");
const HANDLE = path.join(FIXTURES, "k6/handle-summary.json");
/** The start of a k6 `--out json` stream: another importer's format, with k6's metric names and types. */
const K6_OUT_JSON = [
  '{"type":"Metric","data":{"name":"http_reqs","type":"counter","contains":"default","thresholds":[],"submetrics":null},"metric":"http_reqs"}',
  '{"metric":"http_reqs","type":"Point","data":{"time":"2026-01-01T12:00:00.123Z","value":1,"tags":{"method":"GET","name":"http://127.0.0.1/","status":"200"}}}',
  '{"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":["p(95)<500"],"submetrics":null},"metric":"http_req_duration"}',
  '{"metric":"http_req_duration","type":"Point","data":{"time":"2026-01-01T12:00:00.123Z","value":12.3,"tags":{"method":"GET","status":"200"}}}',
  "",
].join("\n");

describe("k6 --summary-export importer", () => {
  it("maps k6's figures and reads threshold flags as 'failed'", async () => {
    const run = await k6SummaryExportImporter.parse([fileOf(EXPORT)], ctx);
    expect(run.tool).toBe("k6");
    expect(run.format).toBe("k6-summary-export");
    const t = run.total;
    expect(t.count).toBe(1200); // http_reqs.count
    expect(t.errors).toBe(18); // http_req_failed.passes: the requests that failed
    expect([t.mean, t.min, t.max]).toEqual([188.3111225, 38.512, 30001.9]);
    expect([t.p50, t.p75, t.p90, t.p95, t.p99, t.p999]).toEqual([99.0171, null, 240.2011, 400.1277, null, null]);
    expect(t.throughput).toBe(19.866489367609493);
    expect(t.receivedBytes).toBe(5123904);
    expect(t.sentBytes).toBe(168420);
    expect(t.sources).toMatchObject({
      "*": "reported by k6 (--summary-export)",
      count: "http_reqs count",
      errors: "http_req_failed passes (requests that failed)",
    });
    // The {name:login} submetrics make a label; {expected_response:true} does not.
    expect(run.labels).toHaveLength(1);
    expect(run.labels[0]).toMatchObject({ label: "login", count: 300, errors: 3, p50: 210.77, p95: 611.3, max: 30001.9 });
    expect(run.labels[0].throughput).toBe(4.966622341902373);
    expect(run.thresholds).toEqual([
      { name: "http_req_duration{name:login}: p(95)<500", passed: false, detail: "p(95)=611.3" },
      { name: "http_req_failed{name:login}: rate<0.05", passed: true, detail: "rate=0.01" },
      { name: "http_reqs{name:login}: count>100", passed: true, detail: "count=300" },
      { name: "http_req_failed: rate<0.01", passed: false, detail: "rate=0.02" },
      { name: "http_req_duration: p(95)<800", passed: true, detail: "p(95)=400.13" },
      { name: "http_req_duration: avg<300", passed: true, detail: "avg=188.31" },
    ]);
    expect(run.environment).toEqual({
      VUs: "min 3, max 50 (at the end: 3)",
      "VUs allocated (vus_max)": "50",
      Iterations: "300 (4.97/s)",
      Checks: "1182 passed, 18 failed (98.5 % passed)",
      'Check "status is 200"': "885 passed, 15 failed",
      'Check "login flow::logged in"': "297 passed, 3 failed",
    });
    expect(run.warnings).toEqual([]);
  });

  it("detects the export and not handleSummary data, k6 --out json or other tools' files", () => {
    expect(k6SummaryExportImporter.detect([head(EXPORT)])).toBe(true);
    expect(k6SummaryExportImporter.detect([head(HANDLE)])).toBe(false);
    for (const other of [
      temp("k6-out.json", K6_OUT_JSON).path,
      `${REAL}/artillery/task-manager-api-artillery-report.json`,
      `${REAL}/gatling/ppppp-stats.json`,
      path.join(FIXTURES, "autocannon/amount-2000.json"),
      path.join(FIXTURES, "jmeter/jmeter-statistics.json"),
    ]) {
      expect(k6SummaryExportImporter.detect([head(other)]), other).toBe(false);
    }
  });

  it("warns when a summary has no http_req_failed (k6 before v0.31)", async () => {
    const raw = JSON.parse(readFileSync(EXPORT, "utf8"));
    delete raw.metrics.http_req_failed;
    delete raw.metrics["http_req_failed{name:login}"];
    const run = await k6SummaryExportImporter.parse([temp("old.json", JSON.stringify(raw, null, 4))], ctx);
    expect(run.total.errors).toBe(0);
    expect(run.total.sources.errors).toContain("not reported");
    expect(run.warnings).toEqual([expect.stringContaining("no http_req_failed metric")]);
  });

  it("refuses bad figures naming the file, line and field", async () => {
    const text = readFileSync(EXPORT, "utf8");
    const bad = text.replace('"count": 1200,', '"count": "1200 requests",');
    const error = await parseError(k6SummaryExportImporter, temp("bad.json", bad));
    expect(error.field).toBe("metrics.http_reqs.count");
    expect(bad.split("\n")[error.line! - 1]).toContain('"1200 requests"');

    const flag = await parseError(
      k6SummaryExportImporter,
      temp("flag.json", text.replace('"p(95)<800": false', '"p(95)<800": "no"')),
    );
    expect(flag.field).toBe("metrics.http_req_duration.thresholds.p(95)<800");
  });
});

describe("k6 handleSummary() data importer", () => {
  it("maps the typed metrics, ok-flags and extra trend stats", async () => {
    const run = await k6HandleSummaryImporter.parse([fileOf(HANDLE)], ctx);
    expect(run.format).toBe("k6-handle-summary");
    const t = run.total;
    expect(t).toMatchObject({ count: 6000, errors: 158, mean: 143.2208811666667, min: 21.733, max: 60003.119 });
    expect([t.p50, t.p75, t.p90, t.p95, t.p99, t.p999]).toEqual([88.1375, null, 301.88210000000004, 512.0457, 2210.772, 59988.1]);
    expect(t.otherPercentiles).toEqual({});
    expect(t.throughput).toBe(19.972517281735903);
    expect([t.receivedBytes, t.sentBytes]).toEqual([48211904, 1023456]);
    expect(t.sources["*"]).toBe("reported by k6 (handleSummary data)");

    // {name:checkout} has no http_reqs submetric: its count is the trend's count (summaryTrendStats has "count").
    expect(run.labels.map((l) => [l.label, l.count, l.errors, l.p999])).toEqual([
      ["checkout", 1500, 68, 60001.2],
      ["search, method:GET", 4500, 0, 801.7],
    ]);
    expect(run.labels[0].sources.count).toBe("http_req_duration{name:checkout} count");
    expect(run.labels[1].sources.errors).toBe("not reported (no http_req_failed{name:search,method:GET})");
    expect(run.thresholds).toEqual([
      { name: "http_req_failed: rate<0.05", passed: true, detail: "rate=0.03" },
      { name: "http_req_duration: p(95)<500", passed: false, detail: "p(95)=512.05" },
      { name: "http_req_duration: p(99)<3000", passed: true, detail: "p(99)=2210.77" },
      { name: "http_req_duration{name:checkout}: p(95)<1500", passed: true, detail: "p(95)=1190" },
      { name: "http_req_failed{name:checkout}: rate<0.1", passed: true, detail: "rate=0.05" },
      { name: "http_req_duration{name:search,method:GET}: max<1000", passed: true, detail: "max=901.2" },
    ]);
    expect(run.environment).toMatchObject({
      "Test run duration": "300.41 s",
      VUs: "min 1, max 20 (at the end: 1)",
      "Dropped iterations": "12",
      Checks: "5842 passed, 158 failed (97.37 % passed)",
      'Check "checkout::order accepted"': "1432 passed, 68 failed",
      "Summary trend stats": "avg, min, med, max, p(90), p(95), p(99), p(99.9), count",
    });
  });

  it("drops setup_data: nothing of it reaches the parsed run", async () => {
    const raw = JSON.parse(readFileSync(HANDLE, "utf8"));
    expect(raw.setup_data.token).toContain("SETUP-SECRET");
    const run = await k6HandleSummaryImporter.parse([fileOf(HANDLE)], ctx);
    const everything = JSON.stringify(run);
    for (const secret of [
      "SETUP-SECRET-TOKEN",
      "eyJhbGciOiJIUzI1NiJ9",
      "setup-password-Hx91!",
      "load-user-1@example.test",
      "setup_data",
    ]) {
      expect(everything).not.toContain(secret);
    }
    // Even a setup_data shaped like metrics, or an invalid one, is never read.
    raw.setup_data = { metrics: { http_reqs: "not a metric" }, password: "other-secret-42" };
    const again = await k6HandleSummaryImporter.parse([temp("setup.json", JSON.stringify(raw))], ctx);
    expect(again.total.count).toBe(6000);
    expect(JSON.stringify(again)).not.toContain("other-secret-42");
  });

  it("detects handleSummary data and nothing else", () => {
    expect(k6HandleSummaryImporter.detect([head(HANDLE)])).toBe(true);
    for (const other of [
      EXPORT,
      temp("k6-out.json", K6_OUT_JSON).path,
      `${REAL}/artillery/task-manager-api-artillery-report.json`,
      `${REAL}/gatling/ppppp-global_stats.json`,
      path.join(FIXTURES, "autocannon/orders-mixed-failures.json"),
    ]) {
      expect(k6HandleSummaryImporter.detect([head(other)]), other).toBe(false);
    }
  });

  it("refuses a summary without HTTP metrics, and a threshold without its ok flag", async () => {
    const raw = JSON.parse(readFileSync(HANDLE, "utf8"));
    const noOk = structuredClone(raw);
    noOk.metrics.http_req_duration.thresholds["p(95)<500"] = { passed: false };
    const flag = await parseError(k6HandleSummaryImporter, temp("no-ok.json", JSON.stringify(noOk)));
    expect(flag.field).toBe("metrics.http_req_duration.thresholds.p(95)<500.ok");
    expect(flag.line).toBe(1);

    for (const name of Object.keys(raw.metrics)) if (name.startsWith("http_req")) delete raw.metrics[name];
    const noHttp = await parseError(k6HandleSummaryImporter, temp("grpc.json", JSON.stringify(raw)));
    expect(noHttp.message).toContain("no http_reqs or http_req_duration metric");
  });
});
