import { describe, expect, it } from "vitest";
import {
  estimateCapacity,
  findKnee,
  capacityBuckets,
  sustainBucketCount,
  type SeriesCapacity,
} from "@/lib/loadtests/analysis/capacity";
import type { SeriesPoint } from "@/lib/loadtests/types";

const T0 = Date.UTC(2026, 4, 12, 14, 0, 0);

/** Buckets of `width` seconds from per-bucket rates, p95s, errors and users. */
function series(
  width: number,
  rows: { rps: number; p95: number | null; errors?: number; users?: number | null }[],
): SeriesPoint[] {
  return rows.map((r, i) => ({
    t: T0 + i * width * 1000,
    requests: r.rps * width,
    errors: r.errors ?? 0,
    mean: r.p95,
    p50: r.p95,
    p90: r.p95,
    p95: r.p95,
    p99: r.p95,
    users: r.users === undefined ? null : r.users,
  }));
}

const total = { count: 0, errors: 0, p95: null, throughput: null };

// A ramp from 10 to 120 users in 10 s steps: the rate flattens near 700 req/s while p95 climbs.
const RAMP = series(10, [
  { users: 10, rps: 100, p95: 50 },
  { users: 20, rps: 200, p95: 52 },
  { users: 30, rps: 300, p95: 55 },
  { users: 40, rps: 400, p95: 60 },
  { users: 50, rps: 500, p95: 70 },
  { users: 60, rps: 600, p95: 90 },
  { users: 70, rps: 650, p95: 200 },
  { users: 80, rps: 680, p95: 600, errors: 10 },
  { users: 90, rps: 690, p95: 1200, errors: 70 },
  { users: 100, rps: 700, p95: 2500, errors: 350 },
  { users: 110, rps: 700, p95: 4000, errors: 700 },
  { users: 120, rps: 700, p95: 5000, errors: 1400 },
]);

function seriesEstimate(points: SeriesPoint[], width: number, sloMs: number, maxErrorPct: number): SeriesCapacity {
  const estimate = estimateCapacity({ series: points, bucketSeconds: width, loadProfile: [], total }, { sloMs, maxErrorPct });
  if (estimate.basis !== "series") throw new Error("expected a series estimate");
  return estimate;
}

describe("sustainBucketCount", () => {
  it.each([
    [1, 30],
    [5, 6],
    [10, 3],
    [15, 3],
    [60, 3],
  ])("%i-second buckets need %i in a row", (width, n) => {
    expect(sustainBucketCount(width)).toBe(n);
  });
});

describe("capacityBuckets", () => {
  it("derives rates from the bucket width and flags p95 over the SLO", () => {
    const [b6, b7] = capacityBuckets(RAMP.slice(6, 8), 10, { sloMs: 500, maxErrorPct: 1 });
    expect(b6).toMatchObject({ rps: 650, errorsPerSecond: 0, errorPct: 0, failures: [] });
    expect(b7).toMatchObject({ rps: 680, errorsPerSecond: 1, failures: ["latency"] });
    expect(b7.errorPct).toBeCloseTo((10 / 6800) * 100, 6);
  });
  it("marks empty buckets idle and buckets without p95 unknown", () => {
    const points = series(10, [
      { rps: 0, p95: null },
      { rps: 5, p95: null },
    ]);
    expect(capacityBuckets(points, 10, { sloMs: 500, maxErrorPct: 1 }).map((b) => b.failures)).toEqual([
      ["idle"],
      ["latency-unknown"],
    ]);
  });
});

describe("estimateCapacity on a ramp", () => {
  const e = seriesEstimate(RAMP, 10, 500, 1);

  it("finds the highest rate held for 3 buckets within p95 ≤ 500 ms and errors ≤ 1%", () => {
    expect(e.windowBuckets).toBe(3);
    expect(e.windowSeconds).toBe(30);
    const w = e.highestRate!;
    expect(w.level).toBe(500);
    expect(w.buckets.map((b) => b.rps)).toEqual([500, 600, 650]);
    expect(w.from).toBe(T0 + 40_000);
    expect(w.to).toBe(T0 + 70_000);
    expect(w.seconds).toBe(30);
    expect(w.meanRps).toBeCloseTo(583.333, 3);
    expect([w.minUsers, w.maxUsers, w.maxP95, w.errorPct]).toEqual([50, 70, 200, 0]);
  });

  it("reports the concurrency held in the same way", () => {
    expect(e.highestConcurrency!.level).toBe(50);
    expect(e.highestConcurrency!.buckets.map((b) => b.users)).toEqual([50, 60, 70]);
  });

  it("counts the buckets over the SLO and finds the first stretch over the error limit", () => {
    expect(e.slowBuckets).toBe(5);
    expect(e.firstSlowBucket!.t).toBe(T0 + 70_000);
    // Buckets 7–9: 430 errors in 20,700 requests.
    expect(e.firstErrorBreach!.from).toBe(T0 + 70_000);
    expect(e.firstErrorBreach!.to).toBe(T0 + 100_000);
    expect(e.firstErrorBreach!.errorPct).toBeCloseTo((430 / 20_700) * 100, 6);
    expect(e.limitNotReached).toBe(false);
  });

  it("finds the knee of p95 against request rate at 500 req/s", () => {
    const knee = e.kneeByRate;
    expect(knee.found).toBe(true);
    if (!knee.found) return;
    expect(knee.bins.map((b) => [b.load, b.p95])).toEqual([
      [100, 50],
      [200, 52],
      [300, 55],
      [400, 60],
      [500, 70],
      [690, 1200],
    ]);
    expect(knee.at.load).toBe(500);
    expect(knee.at.p95).toBe(70);
    expect(knee.at.buckets.map((b) => b.t)).toEqual([T0 + 40_000]);
    expect([knee.lowestLoadP95, knee.highestLoadP95]).toEqual([50, 1200]);
  });

  it("finds the knee of p95 against users at 75 users", () => {
    const knee = e.kneeByUsers!;
    expect(knee.found).toBe(true);
    if (!knee.found) return;
    expect(knee.at.load).toBe(75);
    expect(knee.at.p95).toBe(400);
    expect(knee.at.buckets.map((b) => b.users)).toEqual([70, 80]);
  });

  it("moves with the SLO: at 100 ms the best window is 400–600 req/s", () => {
    const tight = seriesEstimate(RAMP, 10, 100, 1);
    expect(tight.highestRate!.level).toBe(400);
    expect(tight.highestRate!.buckets.map((b) => b.rps)).toEqual([400, 500, 600]);
    expect(tight.slowBuckets).toBe(6);
  });
});

describe("estimateCapacity on a steady run", () => {
  const steady = series(
    10,
    [490, 510, 505, 500, 520, 515, 480, 490, 495].map((rps, i) => ({ rps, p95: 80 + i, users: 50 })),
  );
  const e = seriesEstimate(steady, 10, 500, 1);

  it("widens the window over every neighbour that held the level", () => {
    // Three 3-bucket windows hold 500; the busiest (500, 520, 515) wins and widens left over 505 and 510.
    expect(e.highestRate!.level).toBe(500);
    expect(e.highestRate!.buckets.map((b) => b.rps)).toEqual([510, 505, 500, 520, 515]);
    expect(e.highestRate!.seconds).toBe(50);
    expect(e.highestRate!.meanRps).toBe(510);
  });

  it("says the limit was never reached", () => {
    expect(e.limitNotReached).toBe(true);
    expect(e.slowBuckets).toBe(0);
    expect(e.firstSlowBucket).toBeNull();
    expect(e.firstErrorBreach).toBeNull();
  });

  it("finds no knee when the load did not vary", () => {
    expect(e.kneeByRate.found).toBe(false);
    if (e.kneeByRate.found) return;
    expect(e.kneeByRate.reason).toContain("Load barely varied (480–520 req/s)");
  });
});

describe("estimateCapacity limits", () => {
  it("needs 30 consecutive one-second buckets: 29 are not sustained", () => {
    const e = seriesEstimate(
      series(
        1,
        Array.from({ length: 29 }, () => ({ rps: 100, p95: 20 })),
      ),
      1,
      500,
      1,
    );
    expect(e.windowBuckets).toBe(30);
    expect(e.highestRate).toBeNull();
    expect(e.notes[0]).toBe("The run has 29 buckets of 1 s; a sustained level needs 30 in a row.");
  });

  it("lets an error burst or a bucket without p95 break a stretch", () => {
    const points = series(10, [
      { rps: 300, p95: 20 },
      { rps: 300, p95: 20 },
      { rps: 900, p95: 20, errors: 1000 }, // 11% errors
      { rps: 800, p95: 20 },
      { rps: 800, p95: null },
      { rps: 800, p95: 20 },
      { rps: 200, p95: 20 },
      { rps: 200, p95: 20 },
    ]);
    const e = seriesEstimate(points, 10, 500, 1);
    // The burst (bucket 3) and the bucket without p95 (5) leave 800, 200, 200 as the only stretch of three.
    expect(e.highestRate!.level).toBe(200);
    expect(e.highestRate!.buckets.map((b) => b.rps)).toEqual([800, 200, 200]);
    const relaxed = seriesEstimate(points, 10, 500, 20);
    expect(relaxed.highestRate!.level).toBe(300);
    expect(relaxed.highestRate!.buckets.map((b) => b.rps)).toEqual([300, 300, 900, 800]);
    expect(relaxed.highestRate!.errorPct).toBeCloseTo((1000 / 23000) * 100, 6);
    expect(e.notes).toContain(
      "Some buckets have requests but no p95; they cannot show the SLO was met and break any sustained stretch.",
    );
  });

  it("judges errors over the stretch: one failure in a 40-request bucket is not a 2.5% error rate", () => {
    // 1 s buckets at 40 req/s, one failed request in every fourth bucket: 0.625% over any 30 buckets.
    const points = series(
      1,
      Array.from({ length: 40 }, (_, i) => ({ rps: 40, p95: 30, errors: i % 4 === 0 ? 1 : 0 })),
    );
    const e = seriesEstimate(points, 1, 500, 1);
    expect(e.buckets[0].errorPct).toBe(2.5);
    expect(e.highestRate!.level).toBe(40);
    expect(e.highestRate!.seconds).toBe(40);
    expect(e.highestRate!.errorPct).toBe(0.625);
    expect(e.firstErrorBreach).toBeNull();
    expect(e.limitNotReached).toBe(true);
    const strict = seriesEstimate(points, 1, 500, 0.5);
    expect(strict.highestRate).toBeNull();
    expect(strict.firstErrorBreach!.from).toBe(T0);
  });

  it("gives no concurrency when the tool recorded no users", () => {
    const e = seriesEstimate(
      series(
        10,
        [100, 200, 300, 400].map((rps) => ({ rps, p95: 30 })),
      ),
      10,
      500,
      1,
    );
    expect(e.usersKnown).toBe(false);
    expect(e.highestConcurrency).toBeNull();
    expect(e.kneeByUsers).toBeNull();
    expect(e.highestRate!.level).toBe(200);
  });
});

describe("findKnee", () => {
  it("reports a straight line as having no single knee", () => {
    const points = series(
      10,
      Array.from({ length: 12 }, (_, i) => ({ rps: 100 * (i + 1), p95: 10 * (i + 1) })),
    );
    const knee = findKnee(capacityBuckets(points, 10, { sloMs: 10_000, maxErrorPct: 100 }), "rps");
    expect(knee.found).toBe(false);
    if (knee.found) return;
    expect(knee.reason).toContain("about evenly");
  });

  it("reports flat latency as no knee within the tested load", () => {
    const points = series(
      10,
      Array.from({ length: 12 }, (_, i) => ({ rps: 100 * (i + 1), p95: 40 + (i % 2) })),
    );
    const knee = findKnee(capacityBuckets(points, 10, { sloMs: 10_000, maxErrorPct: 100 }), "rps");
    expect(knee.found).toBe(false);
    if (knee.found) return;
    expect(knee.reason).toBe(
      "p95 went from 40.5 ms at 150 req/s to 40.5 ms at 1,150 req/s: no clear knee within the tested load.",
    );
  });

  it("needs at least 8 buckets with latency", () => {
    const knee = findKnee(capacityBuckets(RAMP.slice(0, 7), 10, { sloMs: 500, maxErrorPct: 1 }), "rps");
    expect(knee).toMatchObject({ found: false, reason: "Only 7 buckets with latency and load: too few to trace a curve." });
  });
});

describe("estimateCapacity without a series", () => {
  it("falls back to the run's totals and says why", () => {
    const e = estimateCapacity(
      {
        series: [],
        bucketSeconds: null,
        loadProfile: [],
        total: { count: 12_000, errors: 60, p95: 180, throughput: 400 },
        toolName: "autocannon",
      },
      { sloMs: 200, maxErrorPct: 1 },
    );
    expect(e.basis).toBe("totals");
    if (e.basis !== "totals") return;
    expect(e.reason).toMatch(/^autocannon gave only totals for this run, with no figures over time/);
    expect(e).toMatchObject({ throughput: 400, p95: 180, errorPct: 0.5, peakUsers: null, withinLimits: true });
  });

  it("does not judge a run whose tool gave no p95", () => {
    const e = estimateCapacity(
      {
        series: [],
        bucketSeconds: null,
        loadProfile: [{ t: T0, users: 40 }],
        total: { count: 100, errors: 0, p95: null, throughput: 10 },
      },
      { sloMs: 200, maxErrorPct: 1 },
    );
    expect(e).toMatchObject({ basis: "totals", withinLimits: null, peakUsers: 40 });
    if (e.basis !== "totals") return;
    expect(e.notes).toContain("The tool did not report a p95 for this run, so the latency limit cannot be checked.");
  });

  it("judges a run over the SLO as outside the limits", () => {
    const e = estimateCapacity(
      { series: [], bucketSeconds: null, loadProfile: [], total: { count: 100, errors: 0, p95: 250, throughput: 10 } },
      { sloMs: 200, maxErrorPct: 1 },
    );
    expect(e).toMatchObject({ basis: "totals", withinLimits: false });
  });
});
