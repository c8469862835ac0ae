import { describe, expect, it } from "vitest";
import { compareRuns, delta, type ComparableRun } from "@/lib/loadtests/analysis/compare";
import { formatDelta, formatMetric } from "@/lib/loadtests/analysis/format";
import { emptyStatistics, type LabelStatistics } from "@/lib/loadtests/types";

function stats(label: string, figures: Partial<LabelStatistics>, isTotal = false): LabelStatistics {
  return { ...emptyStatistics(label, isTotal), ...figures };
}

// The journal: week 1 at 300 users, median 1.5 s; week 3 at 500 users with the cache, median 10 ms.
const WEEK1: ComparableRun = {
  id: "w1",
  name: "Week 1, no cache",
  tool: "jmeter",
  startedAt: new Date("2026-03-02T10:00:00Z"),
  endedAt: new Date("2026-03-02T10:10:00Z"),
  total: stats(
    "Total",
    { count: 18_000, errors: 0, mean: 1620, p50: 1500, p90: 2400, p95: 2900, p99: 4100, max: 6200, throughput: 30 },
    true,
  ),
  labels: [
    stats("GET /", { count: 9000, errors: 0, mean: 1700, p50: 1600, p95: 3000, throughput: 15 }),
    stats("GET /search", { count: 9000, errors: 0, mean: 1540, p50: 1400, p95: 2800, throughput: 15 }),
  ],
  loadProfile: [
    { t: Date.parse("2026-03-02T10:00:00Z"), users: 100 },
    { t: Date.parse("2026-03-02T10:01:00Z"), users: 300 },
  ],
  series: [],
};
const WEEK3: ComparableRun = {
  id: "w3",
  name: "Week 3, cached",
  tool: "jmeter",
  startedAt: new Date("2026-03-16T10:00:00Z"),
  endedAt: new Date("2026-03-16T10:15:00Z"),
  total: stats(
    "Total",
    { count: 450_000, errors: 90, mean: 14, p50: 10, p90: null, p95: 32, p99: 80, max: 900, throughput: 500 },
    true,
  ),
  labels: [
    stats("GET /", { count: 300_000, errors: 0, mean: 8, p50: 6, p95: 20, throughput: 333 }),
    stats("GET /login", { count: 150_000, errors: 90, mean: 26, p50: 22, p95: 60, throughput: 167 }),
  ],
  loadProfile: [],
  series: [
    { t: 0, requests: 1, errors: 0, mean: 1, p50: 1, p90: 1, p95: 1, p99: 1, users: 480 },
    { t: 1, requests: 1, errors: 0, mean: 1, p50: 1, p90: 1, p95: 1, p99: 1, users: 500 },
  ],
};

describe("compareRuns", () => {
  const c = compareRuns([WEEK1, WEEK3]);
  const row = (key: string) => c.rows.find((r) => r.key === key)!;

  it("lists every metric of the aggregate in order", () => {
    expect(c.rows.map((r) => r.key)).toEqual([
      "count",
      "errorPct",
      "mean",
      "p50",
      "p90",
      "p95",
      "p99",
      "max",
      "throughput",
      "peakUsers",
      "durationSeconds",
    ]);
    expect(c.runs.map((r) => r.id)).toEqual(["w1", "w3"]);
  });

  it("gives the median's change as absolute and percent, and calls it an improvement", () => {
    const median = row("p50");
    expect(median.values).toEqual([1500, 10]);
    expect(median.deltas[0]).toBeNull();
    expect(median.deltas[1]!.absolute).toBe(-1490);
    expect(median.deltas[1]!.percent).toBeCloseTo(-99.3333, 4);
    expect(median.improved).toEqual([null, true]);
  });

  it("takes peak users from the load profile, else from the series", () => {
    expect(row("peakUsers").values).toEqual([300, 500]);
    expect(row("peakUsers").deltas[1]).toEqual({ absolute: 200, percent: (200 / 300) * 100 });
    expect(row("peakUsers").improved).toEqual([null, null]);
  });

  it("leaves the delta empty when either run lacks the figure", () => {
    expect(row("p90").values).toEqual([2400, null]);
    expect(row("p90").deltas).toEqual([null, null]);
    expect(row("p90").improved).toEqual([null, null]);
  });

  it("has no percent change from a zero baseline, only the absolute one", () => {
    expect(row("errorPct").values).toEqual([0, 0.02]);
    expect(row("errorPct").deltas[1]!.absolute).toBeCloseTo(0.02, 10);
    expect(row("errorPct").deltas[1]!.percent).toBeNull();
    expect(row("errorPct").improved).toEqual([null, false]);
  });

  it("derives duration from start and end, and throughput improves upwards", () => {
    expect(row("durationSeconds").values).toEqual([600, 900]);
    expect(row("throughput").deltas[1]).toEqual({ absolute: 470, percent: (470 / 30) * 100 });
    expect(row("throughput").improved).toEqual([null, true]);
  });

  it("compares only labels present in at least two runs", () => {
    expect(c.labels.map((l) => l.label)).toEqual(["GET /"]);
    const home = c.labels[0];
    expect(home.present).toEqual([true, true]);
    expect(home.rows.map((r) => r.key)).not.toContain("peakUsers");
    expect(home.rows.find((r) => r.key === "p95")!.deltas[1]).toEqual({ absolute: -2980, percent: (-2980 / 3000) * 100 });
  });

  it("keeps a label missing from the baseline without deltas", () => {
    const third = { ...WEEK3, id: "w4", name: "Week 4" };
    const three = compareRuns([WEEK1, WEEK3, third]);
    const login = three.labels.find((l) => l.label === "GET /login")!;
    expect(login.present).toEqual([false, true, true]);
    expect(login.rows.find((r) => r.key === "p50")!.values).toEqual([null, 22, 22]);
    expect(login.rows.find((r) => r.key === "p50")!.deltas).toEqual([null, null, null]);
  });

  it("has no duration when a run lacks its end", () => {
    const open = compareRuns([WEEK1, { ...WEEK3, endedAt: null }]);
    expect(open.rows.find((r) => r.key === "durationSeconds")!.values).toEqual([600, null]);
  });
});

describe("delta", () => {
  it.each([
    [100, 150, { absolute: 50, percent: 50 }],
    [200, 50, { absolute: -150, percent: -75 }],
    [0, 5, { absolute: 5, percent: null }],
    [null, 5, null],
    [5, null, null],
  ])("%s → %s", (a, b, expected) => {
    expect(delta(a, b)).toEqual(expected);
  });
});

describe("formatDelta and formatMetric", () => {
  it.each([
    [{ absolute: -1490, percent: -99.3333 }, "ms", "−1,490 ms (−99.3%)"],
    [{ absolute: 200, percent: 66.667 }, "users", "+200 (+66.7%)"],
    [{ absolute: 0.02, percent: null }, "%", "+0.02 pp"],
    [{ absolute: 300, percent: 50 }, "s", "+5 min (+50%)"],
    [{ absolute: 0, percent: 0 }, "req/s", "±0 req/s (0%)"],
  ] as const)("%j in %s reads %s", (d, unit, text) => {
    expect(formatDelta(d, unit)).toBe(text);
  });

  it("shows durations in words and a missing figure as a dash", () => {
    expect(formatMetric(630, "s")).toBe("10 min 30 s");
    expect(formatMetric(12_000, "count")).toBe("12,000");
    expect(formatMetric(null, "ms")).toBe("—");
  });
});
