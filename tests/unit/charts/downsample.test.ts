import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PointColumns } from "@/lib/charts/point-columns";
import type { ChartPoint } from "@/lib/charts/spec";
import {
  bucketWidth,
  downsampleChartPoints,
  lineBucketsFor,
  m4,
  maxPerBucket,
  minMaxLevel,
  niceStep,
} from "@/lib/charts/downsample";

const columns = (times: number[], values: number[]): PointColumns => ({
  times: Float64Array.from(times),
  values: Float64Array.from(values),
  length: times.length,
});

/** Sorted integer times (equal times allowed) and values that are mostly finite, sometimes NaN or ±Infinity. */
const seriesArb = fc
  .array(
    fc.tuple(
      fc.integer({ min: 0, max: 50 }),
      fc.oneof(
        { weight: 12, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
        { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
      ),
    ),
    { minLength: 1, maxLength: 400 },
  )
  .map((pairs) => {
    let t = 1_000_000;
    const times: number[] = [];
    const values: number[] = [];
    for (const [step, v] of pairs) {
      t += step;
      times.push(t);
      values.push(v);
    }
    return columns(times, values);
  });

const windowArb = (p: PointColumns) =>
  fc
    .tuple(
      fc.double({ min: -0.2, max: 1.2, noNaN: true }),
      fc.double({ min: -0.2, max: 1.2, noNaN: true }),
      fc.integer({ min: 2, max: 60 }),
    )
    .map(([a, b, buckets]) => {
      const first = p.times[0];
      const span = p.times[p.length - 1] - first || 1;
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      return { from: Math.round(first + lo * span), to: Math.round(first + hi * span), buckets };
    });

const isFiniteValue = (v: number) => Number.isFinite(v);

/** Aligned buckets of the window, by brute force: bucket index → point indices. */
function bucketsOf(p: PointColumns, from: number, to: number, width: number): Map<number, number[]> {
  const first = Math.floor(from / width);
  const last = Math.floor(to / width);
  const map = new Map<number, number[]>();
  for (let i = 0; i < p.length; i++) {
    const b = Math.floor(p.times[i] / width);
    if (b < first || b > last) continue;
    if (!map.has(b)) map.set(b, []);
    map.get(b)!.push(i);
  }
  return map;
}

const hasPoint = (out: ChartPoint[], x: number, y: number | null) => out.some(([ox, oy]) => ox === x && oy === y);

describe("niceStep and bucketWidth", () => {
  it.each([
    [1, 1],
    [1.2, 2],
    [2.1, 2.5],
    [3, 5],
    [7, 10],
    [1999, 2000],
    [2001, 2500],
    [0.013, 0.02],
  ])("niceStep(%d) = %d", (raw, step) => {
    expect(niceStep(raw)).toBe(step);
  });

  it("never lets more than `buckets` aligned buckets meet the window", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e13, max: 1e13, noNaN: true }),
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        fc.integer({ min: 2, max: 5000 }),
        (from, span, buckets) => {
          const to = from + span;
          const w = bucketWidth(from, to, buckets);
          expect(w).toBeGreaterThan(0);
          expect(Math.floor(to / w) - Math.floor(from / w) + 1).toBeLessThanOrEqual(buckets);
        },
      ),
    );
  });

  it("refuses windows that end before they start", () => {
    expect(() => bucketWidth(10, 5, 10)).toThrow(/before it starts/);
    expect(() => bucketWidth(NaN, 5, 10)).toThrow(/finite/);
  });
});

describe("m4", () => {
  it("keeps every aligned bucket's min and max, breaks lines at gaps and stays within 4 × buckets + 2 points", () => {
    fc.assert(
      fc.property(
        seriesArb.chain((p) => fc.tuple(fc.constant(p), windowArb(p))),
        ([p, window]) => {
          const out = m4(p, window);
          expect(out.length).toBeLessThanOrEqual(4 * window.buckets + 2);
          // Only input points, in time order; non-finite values as nulls.
          for (let k = 1; k < out.length; k++) expect(out[k][0]).toBeGreaterThanOrEqual(out[k - 1][0]);
          const width = bucketWidth(window.from, window.to, window.buckets);
          for (const [, indices] of bucketsOf(p, window.from, window.to, width)) {
            const finite = indices.filter((i) => isFiniteValue(p.values[i]));
            if (finite.length > 0) {
              const min = Math.min(...finite.map((i) => p.values[i]));
              const max = Math.max(...finite.map((i) => p.values[i]));
              const inBucket = out.filter(([x]) => indices.some((i) => p.times[i] === x));
              expect(inBucket.some(([, y]) => y === min)).toBe(true);
              expect(inBucket.some(([, y]) => y === max)).toBe(true);
            }
            const gap = indices.find((i) => !isFiniteValue(p.values[i]));
            if (gap !== undefined) expect(hasPoint(out, p.times[gap], null)).toBe(true);
          }
          for (const [x, y] of out) {
            const i = p.times.indexOf(x);
            expect(i).toBeGreaterThanOrEqual(0);
            const matches = [];
            for (let j = i; j < p.length && p.times[j] === x; j++) matches.push(isFiniteValue(p.values[j]) ? p.values[j] : null);
            expect(matches).toContain(y);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps the global extremes of a long noisy series with single-point spikes", () => {
    const n = 100_000;
    const times = new Float64Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      times[i] = 1_700_000_000_000 + i * 1000;
      values[i] = 50 + 10 * Math.sin(i / 500) + ((i * 7919) % 13) / 13;
    }
    values[31_337] = 900; // one-second spike
    values[77_001] = -40; // one-second dip
    const p = { times, values, length: n };
    const out = m4(p, { from: times[0], to: times[n - 1], buckets: 250 });
    expect(out.length).toBeLessThanOrEqual(1002);
    expect(hasPoint(out, times[31_337], 900)).toBe(true);
    expect(hasPoint(out, times[77_001], -40)).toBe(true);
  });

  it("gives identical output for identical input, and identical points for the overlap when panned by whole buckets", () => {
    fc.assert(
      fc.property(
        seriesArb.chain((p) => fc.tuple(fc.constant(p), windowArb(p), fc.integer({ min: -5, max: 5 }))),
        ([p, window, shift]) => {
          const out = m4(p, window);
          expect(m4(p, window)).toEqual(out);
          const width = bucketWidth(window.from, window.to, window.buckets);
          const panned = { ...window, from: window.from + shift * width, to: window.to + shift * width };
          if (bucketWidth(panned.from, panned.to, panned.buckets) !== width) return; // rounding moved the width
          const moved = m4(p, panned);
          // Buckets both windows cover give the same points; the edge points lie outside them.
          const lo = Math.max(Math.floor(window.from / width), Math.floor(panned.from / width));
          const hi = Math.min(Math.floor(window.to / width), Math.floor(panned.to / width));
          const inOverlap = (pts: ChartPoint[]) =>
            pts.filter(([x]) => Math.floor(x / width) >= lo && Math.floor(x / width) <= hi);
          expect(inOverlap(moved)).toEqual(inOverlap(out));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("pans a dense series by three buckets without changing the points of the shared buckets", () => {
    const n = 50_000;
    const p = columns(
      Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 1000),
      Array.from({ length: n }, (_, i) => Math.sin(i / 37) * 100 + (i % 11)),
    );
    const from = p.times[10_000] + 123;
    const to = from + 3600_000 * 4;
    const width = bucketWidth(from, to, 100);
    const a = m4(p, { from, to, buckets: 100 });
    const b = m4(p, { from: from + 3 * width, to: to + 3 * width, buckets: 100 });
    const shared = (pts: ChartPoint[]) => pts.filter(([x]) => x >= from + 3 * width && x < to - width);
    expect(shared(a).length).toBeGreaterThan(200);
    expect(shared(b)).toEqual(shared(a));
  });

  it("adds the last point before the window and the first after it so lines reach the edges", () => {
    const p = columns([0, 1000, 2000, 3000, 4000, 5000, 6000], [1, 2, 3, 4, 5, 6, 7]);
    const out = m4(p, { from: 2500, to: 3500, buckets: 2 });
    // width 1000: buckets [2000, 3000) and [3000, 4000) are used whole.
    expect(out).toEqual([
      [1000, 2],
      [2000, 3],
      [3000, 4],
      [4000, 5],
    ]);
  });

  it("draws NaN and ±Infinity as nulls at their own time, so the line breaks", () => {
    const p = columns([0, 1, 2, 3, 4, 5], [1, NaN, 2, Infinity, -Infinity, 3]);
    expect(m4(p, { from: 0, to: 5, buckets: 10 })).toEqual([
      [0, 1],
      [1, null],
      [2, 2],
      [3, null],
      [4, null],
      [5, 3],
    ]);
    // One bucket holding everything: first, min, max, last plus a null means one of the ends gives way.
    const wide = columns([0, 1, 2, 3, 4, 5, 6], [5, 1, 9, NaN, 4, 7, 6]);
    const out = m4(wide, { from: 0, to: 6, buckets: 2 });
    expect(out.length).toBeLessThanOrEqual(4);
    expect(out).toContainEqual([1, 1]);
    expect(out).toContainEqual([2, 9]);
    expect(out).toContainEqual([3, null]);
  });

  it("returns only the neighbours for a window between points, and nothing for an empty series", () => {
    const p = columns([0, 10_000], [1, 2]);
    expect(m4(p, { from: 4000, to: 5000, buckets: 10 })).toEqual([
      [0, 1],
      [10_000, 2],
    ]);
    expect(m4(columns([], []), { from: 0, to: 10, buckets: 10 })).toEqual([]);
  });
});

describe("maxPerBucket", () => {
  it("gives one bar per aligned bucket: its maximum, or null when it holds gaps only", () => {
    fc.assert(
      fc.property(
        seriesArb.chain((p) => fc.tuple(fc.constant(p), windowArb(p))),
        ([p, window]) => {
          const out = maxPerBucket(p, window);
          expect(out.length).toBeLessThanOrEqual(window.buckets);
          const width = bucketWidth(window.from, window.to, window.buckets);
          const buckets = [...bucketsOf(p, window.from, window.to, width).values()];
          expect(out.length).toBe(buckets.length);
          buckets.forEach((indices, k) => {
            const finite = indices.map((i) => p.values[i]).filter(isFiniteValue);
            expect(out[k]).toEqual([p.times[indices[0]], finite.length ? Math.max(...finite) : null]);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("minMaxLevel", () => {
  it("keeps each index bucket's min and max (and one NaN for its gaps) in time order", () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 2, max: 20 }), (p, size) => {
        const level = minMaxLevel(p, size);
        expect(level.length).toBeLessThanOrEqual(3 * Math.ceil(p.length / size));
        for (let k = 1; k < level.length; k++) expect(level.times[k]).toBeGreaterThanOrEqual(level.times[k - 1]);
        for (let k = 0; k < level.length; k++) expect(level.values[k]).not.toBe(Infinity);
        for (let s = 0; s < p.length; s += size) {
          const idx = Array.from({ length: Math.min(size, p.length - s) }, (_, k) => s + k);
          const finite = idx.filter((i) => isFiniteValue(p.values[i]));
          const at = (t: number, v: number) => {
            for (let k = 0; k < level.length; k++) if (level.times[k] === t && Object.is(level.values[k], v)) return true;
            return false;
          };
          if (finite.length) {
            const min = finite.reduce((a, i) => (p.values[i] < p.values[a] ? i : a));
            const max = finite.reduce((a, i) => (p.values[i] > p.values[a] ? i : a));
            expect(at(p.times[min], p.values[min])).toBe(true);
            expect(at(p.times[max], p.values[max])).toBe(true);
          }
          const gap = idx.find((i) => !isFiniteValue(p.values[i]));
          if (gap !== undefined) expect(at(p.times[gap], NaN)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("shrinks a level to about 1/8 with buckets of 16", () => {
    const n = 16_000;
    const p = columns(
      Array.from({ length: n }, (_, i) => i),
      Array.from({ length: n }, (_, i) => Math.sin(i)),
    );
    const level = minMaxLevel(p, 16);
    expect(level.length).toBeLessThanOrEqual(n / 8);
    expect(level.length).toBeGreaterThan(n / 9);
  });
});

describe("downsampleChartPoints", () => {
  it("returns a short series unchanged", () => {
    const points: ChartPoint[] = [
      [0, 1],
      [1, null],
      [2, 3],
    ];
    expect(downsampleChartPoints(points, 100)).toBe(points);
  });

  it("reduces a long series to at most maxPoints, keeping its extremes and gaps", () => {
    const points: ChartPoint[] = Array.from({ length: 20_000 }, (_, i) => [i, Math.cos(i / 100)]);
    points[12_345] = [12_345, 42];
    points[6_000] = [6_000, null];
    const out = downsampleChartPoints(points, 500);
    expect(out.length).toBeLessThanOrEqual(500);
    expect(out.length).toBeGreaterThan(lineBucketsFor(500));
    expect(out).toContainEqual([12_345, 42]);
    expect(out).toContainEqual([6_000, null]);
    expect(out[0]).toEqual(points[0]);
    expect(out[out.length - 1]).toEqual(points[points.length - 1]);
  });

  it("sorts points given out of order", () => {
    const points: ChartPoint[] = Array.from({ length: 1000 }, (_, i) => [(i * 7) % 1000, i === 500 ? 999 : 1]);
    const out = downsampleChartPoints(points, 50);
    for (let k = 1; k < out.length; k++) expect(out[k][0]).toBeGreaterThanOrEqual(out[k - 1][0]);
    expect(out).toContainEqual([(500 * 7) % 1000, 999]);
  });
});
