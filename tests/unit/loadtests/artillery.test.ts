import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { artilleryImporter } from "@/lib/loadtests/formats/artillery";
import { REAL, FIXTURES, ctx, fileOf, temp, head, parseError } from "./support/importer-fixtures";

const TASK_MANAGER = `${REAL}/artillery/task-manager-api-artillery-report.json`;
const MIXED = path.join(FIXTURES, "artillery/orders-mixed-failures.json");

describe("Artillery JSON report importer", () => {
  it("reads the real task-manager report: 970,241 requests, 938,125 network errors", async () => {
    const run = await artilleryImporter.parse([fileOf(TASK_MANAGER)], ctx);
    expect(run.tool).toBe("artillery");
    expect(run.format).toBe("artillery-json");
    const t = run.total;
    expect(t.count).toBe(970241); // http.requests
    expect(t.errors).toBe(938125); // errors.ETIMEDOUT 937970 + ECONNRESET 134 + EADDRNOTAVAIL 21
    expect([t.min, t.mean, t.max]).toEqual([0, 2398.8, 10088]);
    expect([t.p50, t.p75, t.p90, t.p95, t.p99, t.p999]).toEqual([8.9, 5711.5, 9801.2, 9999.2, 9999.2, 9999.2]);
    expect(t.stddev).toBeNull();
    expect(t.otherPercentiles).toEqual({});
    expect(t.throughput).toBe(1265);
    expect(t.receivedBytes).toBe(14382468496);
    expect(t.sentBytes).toBeNull();
    expect(t.sources.errors).toContain("errors.*");
    expect(run.startedAt?.getTime()).toBe(1747906343777);
    expect(run.endedAt?.getTime()).toBe(1747907107132);
    expect(run.environment).toMatchObject({
      "Virtual users": "created 954183, completed 16058, failed 938125",
      "HTTP responses": "32367",
      "HTTP status codes": "200: 16309, 201: 16058",
      Errors: "ETIMEDOUT: 937970, ECONNRESET: 134, EADDRNOTAVAIL: 21",
      "Reporting periods": "77",
    });
    expect(run.warnings).toEqual([]);

    // metrics-by-endpoint: one endpoint; its responses (16058 + 16058) plus its errors make every request.
    expect(run.labels).toHaveLength(1);
    const tasks = run.labels[0];
    expect(tasks.label).toBe("/tasks");
    expect(tasks.count).toBe(32116 + 938125);
    expect(tasks.errors).toBe(938125);
    expect([tasks.mean, tasks.p90, tasks.p95]).toEqual([2339.6, 9607.1, 9801.2]);

    // 77 ten-second periods whose requests and errors add up to the aggregate.
    expect(run.bucketSeconds).toBe(10);
    expect(run.series).toHaveLength(77);
    expect(run.series[0].t).toBe(1747906340000);
    expect(run.series[76].t).toBe(1747907100000);
    expect(run.series.reduce((n, p) => n + p.requests, 0)).toBe(970241);
    expect(run.series.reduce((n, p) => n + p.errors, 0)).toBe(938125);
    const firstTimeouts = run.series.find((p) => p.errors > 0)!;
    expect(firstTimeouts).toEqual({
      t: 1747906410000,
      requests: 3887,
      errors: 576,
      mean: 2646.8,
      p50: 40,
      p90: 5944.6,
      p95: 6187.2,
      p99: 6312.2,
      users: expect.any(Number),
    });
    // Active VUs = created − completed − failed so far: peaks at 17,639 and ends at 0.
    expect(Math.max(...run.series.map((p) => p.users ?? 0))).toBe(17639);
    expect(run.series[76].users).toBe(0);
    expect(run.loadProfile.map((p) => p.users)).toEqual(run.series.map((p) => p.users));
  });

  it("keeps HTTP 4xx/5xx responses out of the errors, as Artillery does, and says so", async () => {
    const run = await artilleryImporter.parse([fileOf(MIXED)], ctx);
    const t = run.total;
    // Artillery printed: http.requests 238, errors.ETIMEDOUT 2, codes 200/404/503 = 208/9/19.
    expect(t.count).toBe(238);
    expect(t.errors).toBe(2);
    expect([t.min, t.max, t.mean, t.p50, t.p95, t.p99]).toEqual([1, 16, 4.1, 4, 7, 10.1]);
    expect(t.receivedBytes).toBe(5405);
    expect(t.sources.errors).toContain("28 responses with an HTTP 4xx/5xx status are not included");
    expect(run.warnings).toEqual([expect.stringContaining("28 responses had an HTTP 4xx/5xx status")]);
    expect(run.environment["HTTP status codes"]).toBe("200: 208, 503: 19, 404: 9");

    // Endpoint names with dots are kept whole.
    const byLabel = Object.fromEntries(run.labels.map((l) => [l.label, l]));
    expect(Object.keys(byLabel).sort()).toEqual(["/health", "/v1.2/orders"]);
    expect(byLabel["/v1.2/orders"]).toMatchObject({ count: 105 + 5 + 8 + 2, errors: 2, max: 16, p99: 10.1 });
    expect(byLabel["/health"]).toMatchObject({ count: 103 + 4 + 11, errors: 0, max: 10, p95: 7 });
    expect(run.series.map((p) => p.requests)).toEqual([175, 63]);
  });

  it("detects Artillery 2 reports and nothing else", () => {
    expect(artilleryImporter.detect([head(TASK_MANAGER)])).toBe(true);
    expect(artilleryImporter.detect([head(MIXED)])).toBe(true);
    for (const other of [
      `${REAL}/gatling/ppppp-stats.json`,
      `${REAL}/gatling/ppppp-global_stats.json`,
      `${REAL}/locust/bitcoin-api-results_stats.csv`,
      `${REAL}/jmeter-jtl-csv/tailspin-spacegame-results.jtl`,
      `${REAL}/jmeter-jtl-xml/tailspin-spacegame-Results.xml`,
      path.join(FIXTURES, "autocannon/orders-mixed-failures.json"),
      path.join(FIXTURES, "k6/summary-export.json"),
      path.join(FIXTURES, "k6/handle-summary.json"),
      path.join(FIXTURES, "jmeter/jmeter-statistics.json"),
    ]) {
      expect(artilleryImporter.detect([head(other)]), other).toBe(false);
    }
  });

  it("refuses bad input naming the file, line and field", async () => {
    const raw = JSON.parse(readFileSync(MIXED, "utf8"));
    const text = readFileSync(MIXED, "utf8");
    const cut = await parseError(artilleryImporter, temp("cut.json", text.slice(0, Math.floor(text.length / 2))));
    expect(cut.message).toContain("not valid JSON");
    expect(cut.line).toBeGreaterThan(100);

    raw.aggregate.summaries["http.response_time"].p95 = "7 ms";
    const pretty = JSON.stringify(raw, null, 2);
    const wrong = await parseError(artilleryImporter, temp("wrong.json", pretty));
    expect(wrong.field).toBe("aggregate.summaries.http.response_time.p95");
    const lines = pretty.split("\n");
    expect(lines[wrong.line! - 1]).toContain('"p95": "7 ms"');

    delete raw.aggregate.counters["http.requests"];
    raw.aggregate.summaries["http.response_time"].p95 = 7;
    const noRequests = await parseError(artilleryImporter, temp("no-requests.json", JSON.stringify(raw)));
    expect(noRequests.message).toContain("no http.requests counter");
  });
});
