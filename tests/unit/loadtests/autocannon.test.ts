import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { autocannonImporter } from "@/lib/loadtests/formats/autocannon";
import { REAL, FIXTURES, ctx, fileOf, temp, head, parseError } from "./support/importer-fixtures";

const MIXED = path.join(FIXTURES, "autocannon/orders-mixed-failures.json");
const AMOUNT = path.join(FIXTURES, "autocannon/amount-2000.json");

describe("autocannon --json importer", () => {
  it("stores autocannon's own figures of a real run with timeouts, 404s and 503s", async () => {
    const raw = JSON.parse(readFileSync(MIXED, "utf8"));
    const run = await autocannonImporter.parse([fileOf(MIXED)], ctx);
    expect(run.tool).toBe("autocannon");
    expect(run.format).toBe("autocannon-json");
    expect(run.statisticsSource).toBe("tool");
    expect(run.labels).toEqual([]);
    const t = run.total;
    // "1784 requests in 3.02s": requests.sent, which includes 12 timed-out and 8 unanswered requests.
    expect(t.count).toBe(1784);
    expect(raw.requests.sent).toBe(1784);
    expect(raw.requests.total).toBe(1764);
    // autocannon's errors already include its timeouts (12 errors, 12 of them timeouts): not added twice.
    expect(t.errors).toBe(12);
    expect(t.min).toBe(1);
    expect(t.mean).toBe(4.46);
    expect(t.stddev).toBe(5.96);
    expect(t.max).toBe(75);
    expect([t.p50, t.p75, t.p90, t.p95, t.p99, t.p999]).toEqual([4, 6, 7, null, 15, 75]);
    expect(t.otherPercentiles).toEqual({
      "0.001": 0,
      "0.01": 0,
      "0.1": 0,
      "1": 0,
      "2.5": 1,
      "10": 1,
      "25": 2,
      "97.5": 12,
      "99.99": 75,
      "99.999": 75,
    });
    expect(t.throughput).toBe(588);
    expect(t.receivedBytes).toBe(351726);
    expect(t.sentBytes).toBeNull();
    expect(t.sources["*"]).toContain("autocannon");
    expect(t.sources.count).toContain("requests.sent");
    expect(run.startedAt?.toISOString()).toBe("2026-11-26T11:07:21.759Z");
    expect(run.endedAt?.toISOString()).toBe("2026-11-26T11:07:24.783Z");
    expect(run.suggestedName).toBe("orders API, mixed failures");
    expect(run.environment).toMatchObject({
      URL: "http://127.0.0.1:18932/orders",
      Connections: "8",
      Pipelining: "1",
      Duration: "3.02 s",
      "Completed requests (requests.total)": "1764",
      "Status codes": "200: 1551, 404: 71, 503: 142",
      Timeouts: "12",
    });
    expect(run.loadProfile).toEqual([
      { t: Date.parse("2026-11-26T11:07:21.759Z"), users: 8 },
      { t: Date.parse("2026-11-26T11:07:24.783Z"), users: 8 },
    ]);
    // 71 + 142 HTTP error responses are not errors to autocannon: said, not silently dropped.
    expect(run.warnings).toHaveLength(1);
    expect(run.warnings[0]).toContain("213 responses had an HTTP 4xx/5xx status");
    expect(run.series).toEqual([]);
  });

  it("reads a clean run: no warnings, count equal to the 2000 requests asked for", async () => {
    const run = await autocannonImporter.parse([fileOf(AMOUNT)], ctx);
    expect(run.total.count).toBe(2000);
    expect(run.total.errors).toBe(0);
    expect([run.total.p50, run.total.p90, run.total.p99, run.total.p999]).toEqual([1, 4, 13, 38]);
    expect(run.total.otherPercentiles["97.5"]).toBe(8);
    expect(run.warnings).toEqual([]);
    expect(run.suggestedName).toBeNull();
  });

  it("detects autocannon results and nothing else", () => {
    expect(autocannonImporter.detect([head(MIXED)])).toBe(true);
    expect(autocannonImporter.detect([head(AMOUNT)])).toBe(true);
    expect(autocannonImporter.detect([head(MIXED), head(AMOUNT)])).toBe(false);
    for (const other of [
      `${REAL}/artillery/task-manager-api-artillery-report.json`,
      `${REAL}/gatling/ppppp-stats.json`,
      `${REAL}/gatling/ppppp-global_stats.json`,
      `${REAL}/locust/bitcoin-api-results_stats.csv`,
      `${REAL}/jmeter-jtl-csv/tailspin-spacegame-results.jtl`,
      `${REAL}/jmeter-jtl-xml/tailspin-spacegame-Results.xml`,
      `${REAL}/gatling/ppppp-simulation.log`,
      path.join(FIXTURES, "k6/summary-export.json"),
      path.join(FIXTURES, "k6/handle-summary.json"),
      path.join(FIXTURES, "jmeter/jmeter-statistics.json"),
    ]) {
      expect(autocannonImporter.detect([head(other)]), other).toBe(false);
    }
  });

  it("falls back to requests.total when an older autocannon reports no requests.sent", async () => {
    const raw = JSON.parse(readFileSync(MIXED, "utf8"));
    delete raw.requests.sent;
    const run = await autocannonImporter.parse([temp("old.json", JSON.stringify(raw))], ctx);
    expect(run.total.count).toBe(1764);
    expect(run.total.sources.count).toContain("requests.total");
  });

  it("refuses a cut file naming the line, and a wrong figure naming the field", async () => {
    const text = readFileSync(MIXED, "utf8");
    const pretty = JSON.stringify(JSON.parse(text), null, 2);
    const cut = await parseError(autocannonImporter, temp("cut.json", pretty.slice(0, pretty.indexOf('"p90"'))));
    expect(cut.file).toBe("cut.json");
    expect(cut.line).toBeGreaterThan(40);
    expect(cut.message).toContain("not valid JSON");

    const bad = JSON.parse(text);
    bad.latency.p50 = "fast";
    const wrong = await parseError(autocannonImporter, temp("wrong.json", JSON.stringify(bad, null, 2)));
    expect(wrong.field).toBe("latency.p50");
    expect(wrong.line).toBe(
      JSON.stringify(bad, null, 2)
        .split("\n")
        .findIndex((l) => l.includes('"p50"')) + 1,
    );

    const noLatency = JSON.parse(text);
    delete noLatency.latency;
    expect((await parseError(autocannonImporter, temp("nolatency.json", JSON.stringify(noLatency)))).field).toBe("latency");
  });

  it("refuses a summary above 50 MB without reading it", async () => {
    const error = await parseError(autocannonImporter, { ...fileOf(MIXED), size: 51 * 1024 * 1024 });
    expect(error.message).toContain("larger than 50 MB");
  });
});
