import { describe, expect, it } from "vitest";
import { commonsMathPercentile as legacy } from "./support/importer-fixtures";
import { prng as random } from "@/lib/loadtests/stats/prng";
import { EXACT_SAMPLE_LIMIT, SampleAggregator, suffixParent } from "@/lib/loadtests/stats/sample-aggregator";

type Sample = { label: string; start: number; elapsed: number; ok: boolean; received?: number; sent?: number; users?: number };

const T0 = Date.UTC(2025, 2, 14, 9, 30, 0); // a whole minute

function aggregate(samples: Sample[], options: Partial<ConstructorParameters<typeof SampleAggregator>[0]> = {}) {
  const aggregator = new SampleAggregator({ toolName: "JMeter", subSamples: "jmeter-suffix", ...options });
  for (const s of samples) aggregator.add(s.label, s.start, s.elapsed, s.ok, s.received ?? NaN, s.sent ?? NaN, s.users ?? NaN);
  return aggregator.finish();
}

function shuffled<T>(items: T[], seed: number): T[] {
  const r = random(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe("SampleAggregator, exact mode", () => {
  const samples: Sample[] = [
    { label: "Login", start: T0, elapsed: 100, ok: true, received: 1000, sent: 100, users: 1 },
    { label: "Login", start: T0 + 1000, elapsed: 300, ok: false, received: 500, sent: 100, users: 2 },
    { label: "Search", start: T0 + 1500, elapsed: 50, ok: true, received: 2000, sent: 120, users: 2 },
    { label: "Login", start: T0 + 2000, elapsed: 200, ok: true, received: 1000, sent: 100, users: 2 },
    { label: "Search", start: T0 + 3000, elapsed: 150, ok: true, received: 2000, sent: 120, users: 1 },
  ];

  it("per label: count, errors, min/mean/max, stddev, bytes, throughput over first start to last end, JMeter percentiles", () => {
    const result = aggregate(samples);
    expect(result.statisticsSource).toBe("samples");
    expect(result.histogramErrorPct).toBeNull();
    const [login, search] = result.labels;
    expect([login.label, login.count, login.errors, login.min, login.mean, login.max]).toEqual(["Login", 3, 1, 100, 200, 300]);
    expect(login.stddev).toBeCloseTo(Math.sqrt(20000 / 3), 9); // population: ((100² + 0 + 100²) / 3)
    expect([login.receivedBytes, login.sentBytes]).toEqual([2500, 300]);
    expect(login.throughput).toBeCloseTo((3 * 1000) / 2200, 12); // T0 → T0 + 2000 + 200
    // Sorted 100, 200, 300: p50 pos 2 → 200; p75 pos 3 → 300; p90 clamps to 300.
    expect([login.p50, login.p75, login.p90, login.p99, login.p999]).toEqual([200, 300, 300, 300, 300]);
    // Sorted 50, 150: p50 pos 1.5 → 100.
    expect([search.count, search.p50, search.throughput]).toEqual([2, 100, (2 * 1000) / 1650]);
    expect(login.sources).toEqual({ "*": "computed by Hindsight from 3 JMeter samples (exact, JMeter percentile definition)" });
  });

  it("total: over every top-level sample, throughput = count / (last end − first start)", () => {
    const { total, startedAt, endedAt, samples: n } = aggregate(samples);
    expect([total.label, total.isTotal, total.count, total.errors, total.min, total.max, total.mean]).toEqual([
      "Total",
      true,
      5,
      1,
      50,
      300,
      160,
    ]);
    expect(total.throughput).toBeCloseTo((5 * 1000) / 3150, 12);
    // Sorted 50, 100, 150, 200, 300: p50 pos 3 → 150; p90 pos 5.4 → 300; p75 pos 4.5 → 250.
    expect([total.p50, total.p75, total.p90]).toEqual([150, 250, 300]);
    expect([total.receivedBytes, total.sentBytes]).toEqual([6500, 540]);
    expect(startedAt?.getTime()).toBe(T0);
    expect(endedAt?.getTime()).toBe(T0 + 3150);
    expect(n).toBe(5);
  });

  it("unknown sizes and users stay null, never NaN", () => {
    const result = aggregate([{ label: "a", start: T0, elapsed: 5, ok: true }]);
    expect([result.total.receivedBytes, result.total.sentBytes, result.total.throughput]).toEqual([null, null, 200]);
    expect(result.series.map((p) => p.users)).toEqual([null]);
    expect(result.loadProfile).toEqual([]);
    expect(JSON.stringify(result)).not.toContain("NaN");
  });

  it("a single instantaneous sample has no throughput rather than an infinite one", () => {
    const { total } = aggregate([{ label: "a", start: T0, elapsed: 0, ok: true }]);
    expect([total.count, total.min, total.p50, total.throughput]).toEqual([1, 0, 0, null]);
  });

  it("finish() is final: it returns the same result again, and refuses more samples", () => {
    const aggregator = new SampleAggregator({ toolName: "k6" });
    aggregator.add("a", T0, 10, true);
    const first = aggregator.finish();
    expect(aggregator.finish()).toBe(first);
    expect(() => aggregator.add("a", T0, 10, true)).toThrow(/after finish/);
  });

  it("sorts negative latencies correctly too (the built-in sort path)", () => {
    const { total } = aggregate([-5, 10, 3, -1].map((elapsed, i) => ({ label: "a", start: T0 + i, elapsed, ok: true })));
    expect([total.min, total.p50, total.max]).toEqual([-5, 1, 10]);
  });
});

describe("SampleAggregator, sub-samples", () => {
  it("jmeter-suffix: X-0, X-1 are counted apart from X, and left out of the total and the series", () => {
    const samples: Sample[] = [];
    for (let i = 0; i < 10; i++) {
      const start = T0 + i * 1000;
      samples.push({ label: "Home", start, elapsed: 100 + i, ok: true, users: 1 });
      samples.push({ label: "Home-0", start, elapsed: 30, ok: true, users: 1 });
      samples.push({ label: "Home-1", start: start + 30, elapsed: 70 + i, ok: i !== 3, users: 1 });
    }
    samples.push({ label: "Step-1", start: T0, elapsed: 5, ok: true }); // no "Step": a label of its own
    const result = aggregate(samples);
    expect(result.labels.map((l) => [l.label, l.parentLabel, l.count])).toEqual([
      ["Home", null, 10],
      ["Home-0", "Home", 10],
      ["Home-1", "Home", 10],
      ["Step-1", null, 1],
    ]);
    expect([result.total.count, result.total.errors, result.samples]).toEqual([11, 0, 31]);
    expect(result.total.max).toBe(109);
    expect(result.series.reduce((a, p) => a + p.requests, 0)).toBe(11);
    expect(result.series.reduce((a, p) => a + p.errors, 0)).toBe(0);
    expect(result.labels[2].errors).toBe(1);
  });

  it("explicit: parents given with the sample", () => {
    const aggregator = new SampleAggregator({ toolName: "JMeter" });
    aggregator.add("Checkout", T0, 500, true);
    aggregator.add("POST /cart", T0, 200, true, NaN, NaN, NaN, "Checkout");
    aggregator.add("Login-0", T0, 50, true); // the suffix means nothing under the explicit rule
    aggregator.add("Login", T0, 60, true);
    const result = aggregator.finish();
    expect(result.labels.map((l) => [l.label, l.parentLabel])).toEqual([
      ["Checkout", null],
      ["POST /cart", "Checkout"],
      ["Login-0", null],
      ["Login", null],
    ]);
    expect(result.total.count).toBe(3);
  });

  it("suffixParent", () => {
    expect(suffixParent("Login-12")).toBe("Login");
    expect(suffixParent("a-b-3")).toBe("a-b");
    expect(suffixParent("Login")).toBeNull();
    expect(suffixParent("-1")).toBeNull();
    expect(suffixParent("Login-x")).toBeNull();
  });
});

describe("SampleAggregator, series", () => {
  it("picks the smallest bucket width giving at most maxBuckets buckets", () => {
    const run = (durationS: number, maxBuckets?: number) =>
      aggregate(
        [
          { label: "a", start: T0, elapsed: 0, ok: true },
          { label: "a", start: T0 + durationS * 1000, elapsed: 0, ok: true },
        ],
        { maxBuckets },
      ).bucketSeconds;
    expect(run(100)).toBe(1);
    expect(run(499)).toBe(1); // 499 s: 500 buckets
    expect(run(500)).toBe(2);
    expect(run(1000)).toBe(5); // 2 s would need 501
    expect(run(3600)).toBe(10);
    expect(run(86_400)).toBe(300);
    expect(run(100, 20)).toBe(10);
    // Longer than the longest step allows: whole days, still at most maxBuckets buckets.
    const years = aggregate(
      [
        { label: "a", start: T0, elapsed: 0, ok: true },
        { label: "a", start: T0 + 4 * 365 * 86_400_000, elapsed: 0, ok: true },
      ],
      {},
    );
    expect(years.bucketSeconds).toBe(3 * 86_400);
    expect(years.series.length).toBeLessThanOrEqual(500);
  });

  it("buckets by start time whatever the order samples arrive in; users are the bucket's maximum", () => {
    const r = random(1);
    const samples: Sample[] = [];
    for (let i = 0; i < 600; i++) {
      const start = T0 + Math.floor(r() * 20_000);
      samples.push({
        label: ["a", "b", "c"][i % 3],
        start,
        elapsed: Math.round(r() * 500),
        ok: r() > 0.1,
        users: 1 + Math.floor((start - T0) / 5000),
      });
    }
    const inOrder = aggregate([...samples].sort((a, b) => a.start - b.start));
    const finishOrder = aggregate([...samples].sort((a, b) => a.start + a.elapsed - (b.start + b.elapsed)));
    const random1 = aggregate(shuffled(samples, 2));
    expect(finishOrder.series).toEqual(inOrder.series);
    expect(random1.series).toEqual(inOrder.series);
    expect(random1.total).toEqual(inOrder.total);

    expect(inOrder.bucketSeconds).toBe(1);
    for (const point of inOrder.series) {
      const mine = samples.filter((s) => Math.floor(s.start / 1000) * 1000 === point.t);
      expect(point.requests).toBe(mine.length);
      expect(point.errors).toBe(mine.filter((s) => !s.ok).length);
      if (mine.length === 0) continue;
      const elapsed = mine.map((s) => s.elapsed);
      expect(point.mean).toBeCloseTo(elapsed.reduce((a, b) => a + b, 0) / elapsed.length, 3);
      expect(point.p50).toBeCloseTo(legacy(elapsed, 50), 3);
      expect(point.p95).toBeCloseTo(legacy(elapsed, 95), 3);
      expect(point.users).toBe(Math.max(...mine.map((s) => s.users!)));
    }
    expect(inOrder.loadProfile.map((p) => p.users)).toEqual(inOrder.series.map((p) => p.users));
  });

  it("an empty bucket keeps the last known users and has no latency figures", () => {
    const result = aggregate([
      { label: "a", start: T0, elapsed: 10, ok: true, users: 4 },
      { label: "a", start: T0 + 3000, elapsed: 10, ok: false, users: 6 },
    ]);
    expect(result.series.map((p) => [p.t - T0, p.requests, p.errors, p.p50, p.users])).toEqual([
      [0, 1, 0, 10, 4],
      [1000, 0, 0, null, 4],
      [2000, 0, 0, null, 4],
      [3000, 1, 1, 10, 6],
    ]);
  });
});

describe("SampleAggregator, histogram mode (more than exactLimit samples)", () => {
  function run(count: number, exactLimit: number, spanMs: number, seed = 3) {
    const r = random(seed);
    const aggregator = new SampleAggregator({ toolName: "k6", subSamples: "jmeter-suffix", exactLimit });
    const byLabel = new Map<string, number[]>();
    const all: number[] = [];
    let maxEnd = -Infinity;
    for (let i = 0; i < count; i++) {
      const label = i % 4 === 0 ? "slow" : "fast";
      // Lognormal-ish latencies with fractional milliseconds, like k6's.
      const elapsed = Math.round((label === "slow" ? 400 : 40) * Math.exp(1.2 * (r() + r() + r() - 1.5)) * 1000) / 1000;
      const start = T0 + Math.floor((i / count) * spanMs);
      aggregator.add(label, start, elapsed, r() > 0.02, 100, 10, 8);
      if (!byLabel.has(label)) byLabel.set(label, []);
      byLabel.get(label)!.push(elapsed);
      all.push(elapsed);
      maxEnd = Math.max(maxEnd, start + elapsed);
    }
    const result = aggregator.finish();
    const width = (result.bucketSeconds ?? 1) * 1000;
    const buckets = Math.floor(maxEnd / width) - Math.floor(T0 / width) + 1;
    return { result, byLabel, all, buckets };
  }

  /** Within HDR's ±0.1 % plus the gap between the neighbouring samples (HDR reads a rank, JMeter interpolates). */
  function expectClose(actual: number | null, values: number[], p: number) {
    const s = [...values].sort((a, b) => a - b);
    const exact = legacy(s, p);
    const k = Math.min(s.length - 1, Math.max(1, Math.floor((p * (s.length + 1)) / 100)));
    const allowed = exact * 0.001 + (s[Math.min(s.length - 1, k + 1)] - s[k - 1]) + 0.001;
    expect(Math.abs((actual as number) - exact), `p${p}: ${actual} vs exact ${exact}`).toBeLessThanOrEqual(allowed);
  }

  it("switches to HDR histograms past the limit: counts exact, percentiles within the error bound", () => {
    const { result, byLabel, all, buckets } = run(20_000, 1000, 120_000);
    expect(result.statisticsSource).toBe("histogram");
    expect(result.histogramErrorPct).toBe(0.1);
    expect(result.total.count).toBe(20_000);
    for (const stats of result.labels) {
      const values = byLabel.get(stats.label)!;
      expect(stats.count).toBe(values.length);
      expect(stats.min).toBe(Math.min(...values));
      expect(stats.max).toBe(Math.max(...values));
      expect(stats.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
      for (const [key, p] of [
        ["p50", 50],
        ["p90", 90],
        ["p95", 95],
        ["p99", 99],
      ] as const)
        expectClose(stats[key], values, p);
      expect(stats.sources["*"]).toContain("HDR histogram, ±0.1%");
    }
    for (const [key, p] of [
      ["p50", 50],
      ["p99", 99],
      ["p999", 99.9],
    ] as const)
      expectClose(result.total[key], all, p);
    expect(result.series.reduce((a, p) => a + p.requests, 0)).toBe(20_000);
    expect(result.bucketSeconds).toBe(1);
    expect(buckets).toBeGreaterThanOrEqual(120);
    expect(result.series).toHaveLength(buckets);
    expect(result.loadProfile.every((p) => p.users === 8)).toBe(true);
  });

  it("keeps at most maxBuckets series buckets however long the run, widening them as it grows", () => {
    // 10,000 s: exact mode would pick 30 s buckets (335); the mergeable chain 1 → 2 → 10 → 30 gets there too.
    const long = run(5000, 100, 10_000_000);
    expect(long.result.bucketSeconds).toBe(30);
    expect(long.result.series.length).toBeLessThanOrEqual(500);
    expect(long.result.series.reduce((a, p) => a + p.requests, 0)).toBe(5000);
    // 1,200 s: exact mode picks 5 s, which the chain cannot reach from 10 s: histogram mode keeps 10 s buckets.
    const mid = run(5000, 100, 1_200_000);
    expect(mid.result.bucketSeconds).toBe(10);
    expect(mid.result.series).toHaveLength(mid.buckets);
    expect(mid.result.series.reduce((a, p) => a + p.requests, 0)).toBe(5000);
    expect(mid.result.series.every((p, i) => p.t === Math.floor(T0 / 10_000) * 10_000 + i * 10_000)).toBe(true);
  });

  it("counts sub-samples seen after their parent apart in histogram mode too", () => {
    const aggregator = new SampleAggregator({ toolName: "JMeter", subSamples: "jmeter-suffix", exactLimit: 10 });
    for (let i = 0; i < 50; i++) {
      aggregator.add("Home", T0 + i * 100, 100, true);
      aggregator.add("Home-0", T0 + i * 100, 40, true);
    }
    const result = aggregator.finish();
    expect(result.statisticsSource).toBe("histogram");
    expect(result.labels.map((l) => [l.label, l.parentLabel, l.count])).toEqual([
      ["Home", null, 50],
      ["Home-0", "Home", 50],
    ]);
    expect([result.total.count, result.total.p50, result.samples]).toEqual([50, 100, 100]);
    expect(result.series.reduce((a, p) => a + p.requests, 0)).toBe(50);
  });

  it("exact up to EXACT_SAMPLE_LIMIT by default", () => {
    expect(EXACT_SAMPLE_LIMIT).toBe(1_000_000);
    const { result } = run(5000, EXACT_SAMPLE_LIMIT, 10_000);
    expect(result.statisticsSource).toBe("samples");
  });
});
