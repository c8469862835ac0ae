import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { percentileOfSorted, percentileOfSortedSegments, sortSamples } from "@/lib/loadtests/stats/percentile";

describe("percentileOfSorted: Apache Commons Math Percentile, legacy estimation (JMeter)", () => {
  it("n = 1: every percentile is the sample", () => {
    for (const p of [0.1, 50, 99.9, 100]) expect(percentileOfSorted([42], p)).toBe(42);
  });

  it("n = 2: position p·3/100, clamped below 1 and at or above n", () => {
    const s = [10, 20];
    expect(percentileOfSorted(s, 25)).toBe(10); // pos 0.75 < 1 → first
    expect(percentileOfSorted(s, 50)).toBe(15); // pos 1.5 → 10 + 0.5·10
    expect(percentileOfSorted(s, 60)).toBeCloseTo(18, 12); // pos 1.8
    expect(percentileOfSorted(s, 66.7)).toBe(20); // pos 2.001 ≥ n → last
    expect(percentileOfSorted(s, 90)).toBe(20);
  });

  it("n = 5 and n = 10: interpolation between neighbours", () => {
    const five = [1, 2, 3, 4, 5];
    expect(percentileOfSorted(five, 10)).toBe(1); // pos 0.6
    expect(percentileOfSorted(five, 20)).toBeCloseTo(1.2, 12); // pos 1.2
    expect(percentileOfSorted(five, 50)).toBe(3); // pos 3 exactly
    expect(percentileOfSorted(five, 75)).toBe(4.5); // pos 4.5
    expect(percentileOfSorted(five, 90)).toBe(5); // pos 5.4 ≥ 5
    const ten = [15, 20, 35, 40, 50, 55, 60, 70, 80, 100];
    expect(percentileOfSorted(ten, 50)).toBe(52.5); // pos 5.5: 50 + 0.5·5
    expect(percentileOfSorted(ten, 90)).toBeCloseTo(98, 12); // pos 9.9: 80 + 0.9·20
    expect(percentileOfSorted(ten, 99)).toBe(100); // pos 10.89 ≥ 10
    expect(percentileOfSorted(ten, 99.9)).toBe(100);
    expect(percentileOfSorted(ten, 5)).toBe(15); // pos 0.55
  });

  it("reads a segment [from, to) of a larger array; an empty segment has no percentile", () => {
    const a = [999, 1, 2, 3, 4, 5, -1];
    expect(percentileOfSorted(a, 75, 1, 6)).toBe(4.5);
    expect(percentileOfSorted(a, 50, 3, 3)).toBeNull();
    expect(percentileOfSorted([], 50)).toBeNull();
  });
});

describe("sortSamples", () => {
  const latency = fc.oneof(
    fc.integer({ min: 0, max: 120_000 }),
    fc.double({ min: 0, max: 1e7, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, 0.001, 1, 16_777_216, 3.4e38),
  );

  it("sorts non-negative latencies like the built-in sort, at every size class", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 2, 47, 48, 49, 300, 5000),
        fc.array(latency, { minLength: 1, maxLength: 64 }),
        (n, pool) => {
          const values = Float32Array.from({ length: n }, (_, i) => pool[(i * 7919) % pool.length] * (1 + (i % 3)));
          const expected = values.slice().sort();
          sortSamples(values, new Uint32Array(n));
          expect(values).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("sorts a large array (three 11-bit passes) and a segment of a shared buffer", () => {
    const n = 70_000;
    const values = Float32Array.from({ length: n }, (_, i) => ((i * 2654435761) % 100_003) / 7);
    const expected = values.slice().sort();
    sortSamples(values, new Uint32Array(n));
    expect(values).toEqual(expected);

    const buffer = Float32Array.from([9, 8, 7, 3, 2, 1, 0.5]);
    sortSamples(buffer.subarray(2, 6), new Uint32Array(4));
    expect([...buffer]).toEqual([9, 8, 1, 2, 3, 7, 0.5]);
  });

  it("falls back to the built-in sort when a value may be negative", () => {
    const values = Float32Array.from([3, -1, 2, -0, 0, -7]);
    sortSamples(values, new Uint32Array(6), false);
    expect([...values]).toEqual([-7, -1, -0, 0, 2, 3]);
  });
});

describe("percentileOfSortedSegments", () => {
  it("equals percentileOfSorted on the merged, sorted segments", () => {
    const segment = fc.array(fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 1e6, noNaN: true })), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(0.1, 1, 25, 50, 75, 90, 95, 99, 99.9, 100),
        (raw, p) => {
          const segments = raw.map((values) => Float32Array.from(values).sort());
          const merged = Float32Array.from(segments.flatMap((s) => [...s])).sort();
          expect(percentileOfSortedSegments(segments, p)).toBe(percentileOfSorted(merged, p));
          expect(percentileOfSortedSegments(segments, p, false)).toBe(percentileOfSorted(merged, p));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("handles negative values by merging", () => {
    const segments = [Float32Array.from([-3, 4]), Float32Array.from([-10, 0, 2])];
    expect(percentileOfSortedSegments(segments, 50, false)).toBe(0);
    expect(percentileOfSortedSegments([], 50)).toBeNull();
  });
});
