import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gatlingStatsImporter } from "@/lib/loadtests/formats/gatling-stats";
import type { LabelStatistics } from "@/lib/loadtests/types";
import { REAL, FIXTURES, ctx, fileOf, temp, head, parseError } from "./support/importer-fixtures";

const STATS = `${REAL}/gatling/ppppp-stats.json`;
const GLOBAL = `${REAL}/gatling/ppppp-global_stats.json`;
const GROUPS = path.join(FIXTURES, "gatling/stats-groups.json");

type Figure = { total: number };
type RawStats = Record<string, Figure> & { numberOfRequests: { total: number; ok: number; ko: number } };
type RawEntry = { type: string; path: string; stats: RawStats; contents?: Record<string, RawEntry> };

/** Each figure of a Gatling stats object, as this importer must store it (Gatling's default percentiles 50/75/95/99). */
function expectGatlingFigures(s: LabelStatistics, raw: RawStats): void {
  expect(s.count).toBe(raw.numberOfRequests.total);
  expect(s.errors).toBe(raw.numberOfRequests.ko);
  expect(s.min).toBe(raw.minResponseTime.total);
  expect(s.max).toBe(raw.maxResponseTime.total);
  expect(s.mean).toBe(raw.meanResponseTime.total);
  expect(s.stddev).toBe(raw.standardDeviation.total);
  expect([s.p50, s.p75, s.p95, s.p99]).toEqual([
    raw.percentiles1.total,
    raw.percentiles2.total,
    raw.percentiles3.total,
    raw.percentiles4.total,
  ]);
  expect([s.p90, s.p999]).toEqual([null, null]);
  expect(s.throughput).toBe(raw.meanNumberOfRequestsPerSecond.total);
}

describe("Gatling stats.json importer", () => {
  it("reads the real ppppp report: every label and the total match the file", async () => {
    const raw = JSON.parse(readFileSync(STATS, "utf8")) as RawEntry;
    const run = await gatlingStatsImporter.parse([fileOf(STATS)], ctx);
    expect(run.tool).toBe("gatling");
    expect(run.format).toBe("gatling-stats");
    const t = run.total;
    expect(t).toMatchObject({ count: 64, errors: 26, min: 2, max: 10116, mean: 3398, stddev: 4445 });
    expect([t.p50, t.p75, t.p95, t.p99]).toEqual([37, 10045, 10094, 10106]);
    expect(t.throughput).toBe(0.9552238805970149);
    expect(t.sources.p75).toContain("percentiles2, read as the 75th percentile");
    expectGatlingFigures(t, raw.stats);

    const entries = Object.values(raw.contents!);
    expect(run.labels).toHaveLength(46);
    expect(run.labels.map((l) => l.label)).toEqual(entries.map((e) => e.path));
    run.labels.forEach((label, i) => expectGatlingFigures(label, entries[i].stats));
    expect(run.labels.reduce((n, l) => n + l.count, 0)).toBe(64);
    expect(run.labels.reduce((n, l) => n + l.errors, 0)).toBe(26);

    const favicon = run.labels.find((l) => l.label === "favicon.ico")!;
    expect(favicon).toMatchObject({ count: 7, errors: 2, mean: 1444, p50: 7, p99: 5045 });
    const redirect = run.labels.find((l) => l.label === "ppppp_1:POST_http://localhost:8080/signup Redirect 1")!;
    expect(redirect.parentLabel).toBe("ppppp_1:POST_http://localhost:8080/signup");
    expect(run.labels.filter((l) => l.parentLabel !== null)).toHaveLength(7);
    expect(run.environment["Response time bands (Gatling)"]).toBe(
      "t < 800 ms: 33 (52 %), 800 ms < t < 1200 ms: 0 (0 %), t > 1200 ms: 5 (8 %), failed: 26 (41 %)",
    );
  });

  it("reads global_stats.json alone as the same total", async () => {
    const fromGlobal = await gatlingStatsImporter.parse([fileOf(GLOBAL)], ctx);
    const fromStats = await gatlingStatsImporter.parse([fileOf(STATS)], ctx);
    expect(fromGlobal.labels).toEqual([]);
    expect({ ...fromGlobal.total, sources: {} }).toEqual({ ...fromStats.total, sources: {} });
    expect(fromGlobal.total.sources["*"]).toContain("global_stats.json");
  });

  it("labels requests inside groups by their path, leaves group timings out, and keeps '-' empty", async () => {
    const run = await gatlingStatsImporter.parse([fileOf(GROUPS)], ctx);
    expect(run.labels.map((l) => [l.label, l.count, l.errors])).toEqual([
      ["home", 400, 0],
      ["checkout / cart", 400, 0],
      ["checkout / pay", 400, 12],
      ["health", 10, 0],
    ]);
    expect(run.total).toMatchObject({ count: 1210, errors: 12, p99: 60001 });
    expect(run.environment["Groups"]).toBe("checkout");
    // Figures written as "-" stay null; numbers written as text (older Gatling) are read.
    const health = run.labels[3];
    expect([health.min, health.max, health.mean, health.stddev, health.p75, health.p95, health.p99]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(health.p50).toBe(3);
    expect(health.throughput).toBe(0.08333333333333333);
  });

  it("detects Gatling statistics and nothing else", () => {
    expect(gatlingStatsImporter.detect([head(STATS)])).toBe(true);
    expect(gatlingStatsImporter.detect([head(GLOBAL)])).toBe(true);
    expect(gatlingStatsImporter.detect([head(GROUPS)])).toBe(true);
    for (const other of [
      `${REAL}/gatling/ppppp-simulation.log`,
      `${REAL}/gatling/ppppp-assertions.json`,
      `${REAL}/artillery/task-manager-api-artillery-report.json`,
      `${REAL}/jmeter-jtl-csv/tailspin-spacegame-results.jtl`,
      path.join(FIXTURES, "k6/handle-summary.json"),
      path.join(FIXTURES, "jmeter/jmeter-statistics.json"),
      path.join(FIXTURES, "autocannon/amount-2000.json"),
    ]) {
      expect(gatlingStatsImporter.detect([head(other)]), other).toBe(false);
    }
  });

  it("refuses bad figures naming the file, line and field", async () => {
    const text = readFileSync(GROUPS, "utf8");
    const bad = text.replace('"total": 31,', '"total": "fast",');
    const error = await parseError(gatlingStatsImporter, temp("bad.json", bad));
    expect(error.field).toBe("contents.req_home-7a4d5.stats.meanResponseTime.total");
    expect(bad.split("\n")[error.line! - 1]).toContain('"total": "fast"');

    const notCount = await parseError(
      gatlingStatsImporter,
      temp("count.json", text.replace('"total": "10",', '"total": "ten",')),
    );
    expect(notCount.field).toBe("contents.req_health-0a1b2.stats.numberOfRequests.total");
    expect(notCount.message).toContain('"ten" is not a whole count');
  });
});
