import { describe, expect, it } from "vitest";
import { describeLoadGap, loadGap, peakBucketRps, peakUsers, testedLoad } from "@/lib/loadtests/analysis/load-gap";
import type { SeriesPoint } from "@/lib/loadtests/types";

const point = (t: number, requests: number, users: number | null = null): SeriesPoint => ({
  t,
  requests,
  errors: 0,
  mean: null,
  p50: null,
  p90: null,
  p95: null,
  p99: null,
  users,
});

describe("testedLoad", () => {
  it("takes the busiest bucket of the series: 12,000 requests in 10 s is 1,200 req/s", () => {
    const series = [point(0, 5000, 100), point(10_000, 12_000, 250), point(20_000, 9000, 240)];
    expect(peakBucketRps(series, 10)).toBe(1200);
    expect(testedLoad({ series, bucketSeconds: 10, loadProfile: [], total: { throughput: 870 } })).toEqual({
      rps: 1200,
      rpsBasis: "peak-bucket",
      users: 250,
    });
  });

  it("falls back to the run's average without a series, and prefers the load profile for users", () => {
    expect(
      testedLoad({
        series: [],
        bucketSeconds: null,
        loadProfile: [
          { t: 0, users: 50 },
          { t: 1, users: 80 },
        ],
        total: { throughput: 430 },
      }),
    ).toEqual({ rps: 430, rpsBasis: "run-average", users: 80 });
    expect(peakUsers([], [point(0, 1)])).toBeNull();
  });

  it("knows nothing when the tool reported nothing", () => {
    expect(testedLoad({ series: [], bucketSeconds: null, loadProfile: [], total: { throughput: null } })).toEqual({
      rps: null,
      rpsBasis: null,
      users: null,
    });
  });
});

describe("loadGap", () => {
  it("real traffic hit 5k req/s, the test peaked at 1.2k", () => {
    const gap = loadGap({ rps: 1200, rpsBasis: "peak-bucket", users: 300 }, { rps: 5000, users: 2000 });
    expect(gap.rps).toEqual({ tested: 1200, observed: 5000, shortfall: 3800, coveredPct: 24, covered: false });
    expect(gap.users).toEqual({ tested: 300, observed: 2000, shortfall: 1700, coveredPct: 15, covered: false });
    expect(describeLoadGap(gap)).toEqual([
      "Real traffic hit 5,000 req/s; the test peaked at 1,200 req/s (24% of it), 3,800 req/s short.",
      "Real traffic hit 2,000 users; the test peaked at 300 users (15% of it), 1,700 users short.",
    ]);
  });

  it("says when the test went beyond production", () => {
    const gap = loadGap({ rps: 6000, rpsBasis: "peak-bucket", users: null }, { rps: 5000, users: null });
    expect(gap.rps.covered).toBe(true);
    expect(gap.users).toEqual({ tested: null, observed: null, shortfall: null, coveredPct: null, covered: null });
    expect(describeLoadGap(gap)).toEqual([
      "The test peaked at 6,000 req/s, at or above the 5,000 req/s real traffic hit (120% of it).",
    ]);
  });

  it("warns that an average is being compared with a peak", () => {
    const lines = describeLoadGap(loadGap({ rps: 430, rpsBasis: "run-average", users: null }, { rps: 900, users: 120 }));
    expect(lines).toEqual([
      "Real traffic hit 900 req/s; the test averaged 430 req/s (48% of it), 470 req/s short.",
      "Real traffic hit 120 users; the test did not report this figure.",
      "The run has no time series, so its own peak rate is unknown: an average is compared with a peak.",
    ]);
  });

  it("leaves the ratio empty when production's peak is unrecorded", () => {
    const gap = loadGap({ rps: 430, rpsBasis: "peak-bucket", users: null }, { rps: null, users: null });
    expect(gap.rps.coveredPct).toBeNull();
    expect(describeLoadGap(gap)).toEqual(["The test peaked at 430 req/s; production's peak is not recorded."]);
  });
});
