import { describe, expect, it } from "vitest";
import { latencyPercentiles } from "@/lib/uptime/compute/latency";
import { MIN, sample } from "@/tests/unit/uptime/compute/support";

const T0 = Date.UTC(2026, 0, 1);

describe("latencyPercentiles", () => {
  // Latencies 10, 20, …, 100 ms at minutes 0–9, plus one sample without latency.
  const samples = [
    ...Array.from({ length: 10 }, (_, i) => sample(T0 + i * MIN, i === 9 ? "down" : "up", { latencyMs: (10 - i) * 10 })),
    sample(T0 + 10 * MIN, "down", { latencyMs: null }),
  ];

  it("uses the samples with a latency and JMeter's percentile definition", () => {
    // Position p·(n+1)/100 in the sorted values: p50 → 5.5 → 55; p90 → 9.9 → 99; p95/p99 clamp to the maximum.
    expect(latencyPercentiles(samples)).toEqual({ count: 10, mean: 55, p50: 55, p90: 99, p95: 100, p99: 100, max: 100 });
  });

  it("keeps to the window", () => {
    const f = latencyPercentiles(samples, { from: T0, to: T0 + 3 * MIN });
    expect(f).toMatchObject({ count: 3, mean: 90, p50: 90, max: 100 });
  });

  it("is empty without latencies", () => {
    expect(latencyPercentiles([sample(T0, "up")])).toEqual({
      count: 0,
      mean: null,
      p50: null,
      p90: null,
      p95: null,
      p99: null,
      max: null,
    });
  });
});
