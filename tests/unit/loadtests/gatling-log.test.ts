import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gatlingLogImporter } from "@/lib/loadtests/formats/gatling-log";
import type { LabelStatistics, ParsedRun } from "@/lib/loadtests/types";
import { REAL, FIXTURES, ctx, fileOf, temp, head, parseError } from "./support/importer-fixtures";

const REAL_LOG = `${REAL}/gatling/ppppp-simulation.log`;
const REAL_STATS = `${REAL}/gatling/ppppp-stats.json`;
const OLD_LAYOUT = path.join(FIXTURES, "gatling/gatling-3.3-basic-simulation.log");
const BINARY_LOG = path.join(FIXTURES, "gatling/gatling-3.13-binary-simulation.log");

type GatlingFigures = { total: number; ok: number; ko: number };
type GatlingStats = {
  type: string;
  name: string;
  stats: {
    numberOfRequests: GatlingFigures;
    minResponseTime: GatlingFigures;
    maxResponseTime: GatlingFigures;
    meanResponseTime: GatlingFigures;
    percentiles1: GatlingFigures;
    percentiles2: GatlingFigures;
    percentiles3: GatlingFigures;
    percentiles4: GatlingFigures;
  };
  contents?: Record<string, GatlingStats>;
};

/** Gatling's default report percentiles: percentiles1..4 = 50, 75, 95, 99. */
const GATLING_PERCENTILES = [
  ["percentiles1", "p50", 50],
  ["percentiles2", "p75", 75],
  ["percentiles3", "p95", 95],
  ["percentiles4", "p99", 99],
] as const;

/**
 * The samples around JMeter's position p(n+1)/100, one rank either side. Gatling interpolates at
 * p(n−1)/100 + 1 instead, which differs by less than one rank, so its value must fall in this range.
 */
function neighbourhood(sorted: number[], p: number): [number, number] {
  const pos = (p * (sorted.length + 1)) / 100;
  const lo = Math.min(Math.max(Math.floor(pos) - 1, 1), sorted.length);
  const hi = Math.min(Math.max(Math.ceil(pos) + 1, 1), sorted.length);
  return [sorted[lo - 1], sorted[hi - 1]];
}

function requestEntries(node: GatlingStats): GatlingStats[] {
  return Object.values(node.contents ?? {}).flatMap((child) => (child.type === "REQUEST" ? [child] : requestEntries(child)));
}

function expectCloseToGatling(ours: LabelStatistics, gatling: GatlingStats, elapsed: number[]): void {
  const s = gatling.stats;
  expect([ours.count, ours.count - ours.errors, ours.errors]).toEqual([
    s.numberOfRequests.total,
    s.numberOfRequests.ok,
    s.numberOfRequests.ko,
  ]);
  expect(ours.min).toBe(s.minResponseTime.total);
  expect(ours.max).toBe(s.maxResponseTime.total);
  // Gatling prints means rounded to the millisecond.
  expect(Math.round(ours.mean as number)).toBe(s.meanResponseTime.total);
  const sorted = [...elapsed].sort((a, b) => a - b);
  for (const [gatlingKey, key, p] of GATLING_PERCENTILES) {
    const [lo, hi] = neighbourhood(sorted, p);
    expect(ours[key]).toBeGreaterThanOrEqual(lo);
    expect(ours[key]).toBeLessThanOrEqual(hi);
    expect(s[gatlingKey].total).toBeGreaterThanOrEqual(Math.floor(lo));
    expect(s[gatlingKey].total).toBeLessThanOrEqual(Math.ceil(hi));
  }
}

describe("gatlingLogImporter on the real Gatling 3.5 log, against Gatling's own stats.json", () => {
  const stats = JSON.parse(readFileSync(REAL_STATS, "utf8")) as GatlingStats;
  const requests = readFileSync(REAL_LOG, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("REQUEST\t"))
    .map((l) => l.split("\t"))
    .map((f) => ({ name: f[2], elapsed: Number(f[4]) - Number(f[3]) }));
  let run: ParsedRun;

  it("matches Gatling's global counts exactly and its figures closely", async () => {
    run = await gatlingLogImporter.parse([fileOf(REAL_LOG)], ctx);
    expect(requests).toHaveLength(64);
    expect([run.total.count, run.total.errors]).toEqual([64, 26]);
    expectCloseToGatling(
      run.total,
      stats,
      requests.map((r) => r.elapsed),
    );
    // Where the two percentile definitions part (64 samples with a gap from ~40 ms to ~5 s).
    expect([run.total.p50, run.total.p75, run.total.p95, run.total.p99]).toEqual([36.5, 10051, 10098, 10116]);
    expect(GATLING_PERCENTILES.map(([k]) => stats.stats[k].total)).toEqual([37, 10045, 10094, 10106]);
  });

  it("matches every request name of stats.json: ok/ko counts exactly, min/max/mean, percentiles within a rank", () => {
    const entries = requestEntries(stats);
    expect(entries).toHaveLength(46);
    expect(run.labels).toHaveLength(46);
    for (const entry of entries) {
      const ours = run.labels.find((l) => l.label === entry.name);
      expect(ours, entry.name).toBeDefined();
      expectCloseToGatling(
        ours as LabelStatistics,
        entry,
        requests.filter((r) => r.name === entry.name).map((r) => r.elapsed),
      );
    }
    expect(run.labels.reduce((a, l) => a + l.count, 0)).toBe(64);
  });

  it("takes the run header and users from RUN and USER records", () => {
    expect(run.environment).toMatchObject({
      Simulation: "ppppp.ppppp",
      "Gatling version": "3.5.0",
      Scenarios: "ppppp",
      "Users started": "1",
    });
    expect(run.suggestedName).toBe("ppppp");
    expect(run.startedAt?.getTime()).toBe(1613487970439);
    expect(run.endedAt?.getTime()).toBe(1613488038007);
    expect(run.loadProfile.every((p) => p.users === 1)).toBe(true);
    expect(run.series.reduce((a, p) => a + p.requests, 0)).toBe(64);
    expect(run.series.reduce((a, p) => a + p.errors, 0)).toBe(26);
    expect(run.warnings).toEqual([]);
    expect(run.rowsRead).toBe(64);
  });
});

describe("gatlingLogImporter on the Gatling 3.0–3.3 layout", () => {
  it("reads user ids, groups, GROUP and ERROR records", async () => {
    const run = await gatlingLogImporter.parse([fileOf(OLD_LAYOUT)], ctx);
    expect(run.labels.map((l) => [l.label, l.count, l.errors])).toEqual([
      ["Home", 3, 0],
      ["Browse / Page 1", 3, 0],
      ["Browse / Page 2", 3, 0],
      ["Browse / Details / Computer 1", 3, 0],
      ["Create computer", 3, 1],
    ]);
    expect(run.total.count).toBe(15);
    expect(run.labels[0].mean).toBeCloseTo((80 + 95 + 77) / 3, 9);
    expect(run.labels[4].max).toBe(250);
    expect(run.suggestedName).toBe("nightly smoke");
    expect(run.environment).toMatchObject({
      "Gatling version": "3.3.1",
      "Log layout": "Gatling 3.0-3.3 text simulation.log",
      "Max active users": "2",
      "Users started": "3",
      "Group timings (not counted as requests)": "6",
    });
    expect(run.environment["ERROR records"]).toMatch(/^1 \(first: j\.n\.ConnectException/);
    expect(Math.max(...run.loadProfile.map((p) => p.users))).toBe(2);
  });
});

describe("gatlingLogImporter on cut and bad logs", () => {
  const lines = readFileSync(REAL_LOG, "utf8").split("\n");

  it("drops a last line cut mid-record, with a warning", async () => {
    const cut = lines.slice(0, 30).join("\n") + "\n" + lines[30].slice(0, 25);
    const run = await gatlingLogImporter.parse([temp("cut-mid-line.log", cut)], ctx);
    expect(run.total.count).toBe(lines.slice(0, 30).filter((l) => l.startsWith("REQUEST")).length);
    expect(run.warnings.some((w) => /line 31|\(31\).*incomplete/.test(w))).toBe(true);
  });

  it("imports a log cut at a line boundary and says users never ended", async () => {
    const run = await gatlingLogImporter.parse([temp("cut-at-line.log", lines.slice(0, 40).join("\n") + "\n")], ctx);
    expect(run.total.count).toBe(38);
    expect(run.warnings).toEqual([expect.stringMatching(/1 user\(s\) never ended/)]);
  });

  it("names line and field of a bad record in the middle", async () => {
    const badStatus = [...lines];
    badStatus[9] = badStatus[9].replace("\tOK\t", "\tFINE\t");
    const e1 = await parseError(gatlingLogImporter, temp("bad-status.log", badStatus.join("\n")));
    expect([e1.line, e1.field]).toEqual([10, "status"]);
    const badTime = [...lines];
    badTime[4] = badTime[4].replace("1613487972186", "16134879x2186");
    const e2 = await parseError(gatlingLogImporter, temp("bad-time.log", badTime.join("\n")));
    expect([e2.line, e2.field]).toEqual([5, "start"]);
    const unknown = [...lines];
    unknown[20] = "Hello world";
    expect((await parseError(gatlingLogImporter, temp("unknown.log", unknown.join("\n")))).line).toBe(21);
  });

  it("refuses the binary log of Gatling 3.12+ and points to js/stats.json", async () => {
    expect(gatlingLogImporter.detect([head(BINARY_LOG)])).toBe(true);
    const error = await parseError(gatlingLogImporter, fileOf(BINARY_LOG));
    expect(error.message).toMatch(/binary simulation\.log \(Gatling 3\.12 or later\).*js\/stats\.json/);
  });
});

describe("gatlingLogImporter.detect", () => {
  it("claims Gatling text logs only", () => {
    expect(gatlingLogImporter.detect([head(REAL_LOG)])).toBe(true);
    expect(gatlingLogImporter.detect([head(OLD_LAYOUT)])).toBe(true);
    expect(gatlingLogImporter.detect([head(REAL_STATS)])).toBe(false);
    expect(gatlingLogImporter.detect([head(`${REAL}/jmeter-jtl-csv/tailspin-spacegame-results.jtl`)])).toBe(false);
    expect(gatlingLogImporter.detect([head(REAL_LOG), head(REAL_STATS)])).toBe(false);
  });
});
