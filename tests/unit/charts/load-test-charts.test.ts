import { describe, expect, it } from "vitest";
import {
  compareP95Chart,
  compareThroughputChart,
  latencyChart,
  throughputChart,
  usersChart,
  type RunSeries,
} from "@/lib/charts/load-test-charts";
import type { SeriesPoint } from "@/lib/loadtests/types";

const T0 = Date.UTC(2026, 4, 12, 14, 0, 0);

function point(i: number, requests: number, errors: number, p95: number | null, users: number | null = null): SeriesPoint {
  return {
    t: T0 + i * 10_000,
    requests,
    errors,
    mean: p95,
    p50: p95 === null ? null : p95 / 2,
    p90: p95,
    p95,
    p99: p95 === null ? null : p95 * 2,
    users,
  };
}

const RUN: RunSeries = {
  id: "r1",
  name: "Week 1",
  bucketSeconds: 10,
  series: [point(0, 1000, 0, 40, 10), point(1, 2500, 50, 90, 20), point(2, 0, 0, null, 20)],
  loadProfile: [],
};

describe("run charts", () => {
  it("throughput: requests and errors per second on two axes", () => {
    const spec = throughputChart(RUN, { sustained: { from: T0, to: T0 + 20_000, label: "held 100 req/s" } })!;
    expect(spec.x).toEqual({ kind: "time" });
    expect(spec.timeZone).toBe("UTC");
    expect(spec.series.map((s) => [s.id, s.axis, s.unit])).toEqual([
      ["rps", "y", "req/s"],
      ["eps", "y2", "errors/s"],
    ]);
    expect(spec.series[0].points).toEqual([
      [T0, 100],
      [T0 + 10_000, 250],
      [T0 + 20_000, 0],
    ]);
    expect(spec.series[1].points.map(([, y]) => y)).toEqual([0, 5, 0]);
    expect(spec.annotations).toEqual([{ kind: "window", from: T0, to: T0 + 20_000, label: "held 100 req/s", tone: "good" }]);
    expect(spec.caption).toContain("10-second buckets");
  });

  it("latency: four percentiles, gaps for empty buckets, and the SLO line", () => {
    const spec = latencyChart(RUN, { sloMs: 500, timeZone: "Europe/Berlin" })!;
    expect(spec.series.map((s) => s.label)).toEqual(["Median", "p90", "p95", "p99"]);
    expect(spec.series[2].points).toEqual([
      [T0, 40],
      [T0 + 10_000, 90],
      [T0 + 20_000, null],
    ]);
    expect(spec.annotations).toEqual([{ kind: "threshold", axis: "y", value: 500, label: "SLO 500 ms", tone: "bad" }]);
    expect(spec.timeZone).toBe("Europe/Berlin");
  });

  it("users: the load profile when the tool gave one, else the series' users", () => {
    expect(usersChart(RUN)!.series[0].points).toEqual([
      [T0, 10],
      [T0 + 10_000, 20],
      [T0 + 20_000, 20],
    ]);
    const profiled = usersChart({ ...RUN, loadProfile: [{ t: T0, users: 5 }] })!;
    expect(profiled.series[0]).toMatchObject({ style: "step", points: [[T0, 5]] });
    expect(usersChart({ ...RUN, series: RUN.series.map((p) => ({ ...p, users: null })) })).toBeNull();
  });

  it("gives no chart for a run without a series", () => {
    const summaryOnly = { ...RUN, series: [], bucketSeconds: null };
    expect(throughputChart(summaryOnly)).toBeNull();
    expect(latencyChart(summaryOnly)).toBeNull();
  });

  it("is plain JSON: a spec survives serialisation unchanged", () => {
    const spec = latencyChart(RUN, { sloMs: 500, sustained: { from: T0, to: T0 + 1, label: "w" } })!;
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });
});

describe("compare overlays", () => {
  const later: RunSeries = {
    id: "r2",
    name: "Week 3",
    bucketSeconds: 5,
    series: [0, 1, 2].map((i) => ({ ...point(0, 500, 0, 12), t: Date.UTC(2026, 4, 26, 9, 0, 0) + i * 5000 })),
    loadProfile: [],
  };
  const summaryOnly: RunSeries = { id: "r3", name: "autocannon smoke", bucketSeconds: null, series: [], loadProfile: [] };

  it("lines runs up on seconds since their first bucket", () => {
    const spec = compareThroughputChart([RUN, later])!;
    expect(spec.x).toEqual({ kind: "elapsed" });
    expect(spec.series[0].points).toEqual([
      [0, 100],
      [10, 250],
      [20, 0],
    ]);
    expect(spec.series[1].points).toEqual([
      [0, 100],
      [5, 100],
      [10, 100],
    ]);
  });

  it("keeps each run's colour and names the runs it could not draw", () => {
    const spec = compareP95Chart([summaryOnly, RUN, later])!;
    expect(spec.series.map((s) => [s.label, s.color])).toEqual([
      ["Week 1", "orange"],
      ["Week 3", "green"],
    ]);
    expect(spec.caption).toContain("Not shown (no time series): autocannon smoke.");
    expect(compareP95Chart([summaryOnly])).toBeNull();
  });
});

describe("long runs", () => {
  it("downsample each series to about 2,000 points and keep its extremes", () => {
    // A day-long soak test in one-second buckets, with one spike and one idle second.
    const series = Array.from({ length: 86_400 }, (_, i) =>
      point(i, i === 50_000 ? 9_000 : i === 70_000 ? 0 : 1000 + (i % 17), 0, i === 20_000 ? 5_000 : 80 + (i % 13)),
    );
    const run: RunSeries = { ...RUN, bucketSeconds: 1, series: series.map((p, i) => ({ ...p, t: T0 + i * 1000 })) };
    const throughput = throughputChart(run)!;
    const rps = throughput.series.find((s) => s.id === "rps")!;
    expect(rps.points.length).toBeLessThanOrEqual(2000);
    expect(rps.points.length).toBeGreaterThan(1000);
    const values = rps.points.map(([, y]) => y ?? NaN);
    expect(Math.max(...values)).toBe(9000);
    expect(Math.min(...values)).toBe(0);
    const p95 = latencyChart(run)!.series.find((s) => s.label.includes("p95"))!;
    expect(Math.max(...p95.points.map(([, y]) => y ?? 0))).toBe(5000);
    // A short run is drawn as recorded.
    expect(throughputChart(RUN)!.series[0].points).toHaveLength(3);
  });
});
