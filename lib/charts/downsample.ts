/**
 * Downsampling that keeps extremes, so a chart of a million points still shows every spike.
 *
 * Why M4: a line chart of n pixel columns can only show, per column, where the line enters, how
 * low and how high it goes and where it leaves. M4 (Jugel et al., VLDB 2014) keeps exactly those
 * four points per time bucket (first, min, max, last), so with buckets about a pixel column wide
 * the drawn line is the same as the full data's and no spike is ever averaged away (LTTB and
 * averaging both lose single-point spikes). Bars keep each bucket's maximum.
 *
 * Why aligned buckets: bucket edges are multiples of a "nice" width counted from epoch 0, not from
 * the window's start, so panning a zoomed chart shows the same points for the same time instead of
 * points that shimmer as the window moves.
 *
 * Precomputed levels (see lib/metrics/point-store.ts) are min/max reductions of fixed index
 * buckets (`minMaxLevel`): each keeps every bucket's min and max point at its true time, so
 * extremes survive every level and M4 over a level shows the same peaks as M4 over the raw points.
 *
 * Non-finite values: NaN is a gap and ±Infinity is drawn as one; both become a `null` point at
 * their time so the line breaks there. Levels store one NaN per bucket that held any.
 */
import type { PointColumns } from "@/lib/charts/point-columns";
import type { ChartPoint } from "@/lib/charts/spec";

export type BucketWindow = {
  /** Visible window, inclusive, in the x axis's unit (epoch ms or seconds). */
  from: number;
  to: number;
  /** At most this many aligned buckets cover [from, to] (at least 2). */
  buckets: number;
};

const NICE_MULTIPLES = [1, 2, 2.5, 5];

/** The smallest 1, 2, 2.5 or 5 × 10^k that is at least `raw` (raw > 0). */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) throw new RangeError(`A bucket width must be a positive number, not ${raw}.`);
  for (let e = Math.floor(Math.log10(raw)); ; e++) {
    // 1 / 10^k keeps 0.001 exact where 10^-3 would not be.
    const base = e >= 0 ? 10 ** e : 1 / 10 ** -e;
    for (const m of NICE_MULTIPLES) if (m * base >= raw) return m * base;
  }
}

function assertWindow(from: number, to: number): void {
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new RangeError(`A window needs finite ends, not ${from} … ${to}.`);
  if (to < from) throw new RangeError(`A window must not end (${to}) before it starts (${from}).`);
}

/**
 * The width of the aligned buckets for a window: a nice step at least (to − from)/(buckets − 1),
 * widened until at most `buckets` multiples of it meet [from, to]. Never below 10⁻¹² of the
 * window's magnitude (or 10⁻¹²), so a window of no length still gets buckets that float math can count.
 */
export function bucketWidth(from: number, to: number, buckets: number): number {
  assertWindow(from, to);
  const n = Math.max(2, Math.floor(buckets));
  const smallest = Math.max(Math.abs(from), Math.abs(to), 1) * 1e-12;
  let width = niceStep(Math.max((to - from) / (n - 1), smallest));
  // Rounding in to/w and from/w can add a bucket at an exact boundary; the next nice step settles it.
  while (Math.floor(to / width) - Math.floor(from / width) + 1 > n) width = niceStep(width * (1 + 1e-9));
  return width;
}

/** Buckets for an M4 line that stays within maxPoints: four points a bucket plus the two edge points. */
export function lineBucketsFor(maxPoints: number): number {
  return Math.max(2, Math.floor((maxPoints - 2) / 4));
}

/** First index in [lo, hi) whose time satisfies a predicate that is false, then true, along ascending times. */
export function firstIndexWhere(times: Float64Array, lo: number, hi: number, holds: (t: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(times[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Index range [start, end) of the points inside the aligned buckets that meet [from, to]: bucket
 * membership is floor(t / width), the one test every caller uses, so the edges agree exactly.
 */
export function alignedRange(points: PointColumns, from: number, to: number, width: number): { start: number; end: number } {
  const firstBucket = Math.floor(from / width);
  const lastBucket = Math.floor(to / width);
  const start = firstIndexWhere(points.times, 0, points.length, (t) => Math.floor(t / width) >= firstBucket);
  const end = firstIndexWhere(points.times, start, points.length, (t) => Math.floor(t / width) > lastBucket);
  return { start, end };
}

const isFiniteValue = (v: number) => v - v === 0;

function chartPoint(points: PointColumns, i: number): ChartPoint {
  const v = points.values[i];
  return [points.times[i], isFiniteValue(v) ? v : null];
}

/**
 * A precomputed level: consecutive buckets of `bucketSize` points each keep their min and max
 * point (one when they coincide) and, when they hold NaN or ±Infinity, one NaN at the first such
 * time, in time order. Global extremes always survive; ±Infinity is stored as NaN (a gap).
 */
export function minMaxLevel(points: PointColumns, bucketSize: number): PointColumns {
  if (!Number.isInteger(bucketSize) || bucketSize < 2)
    throw new RangeError(`A level bucket holds at least 2 points, not ${bucketSize}.`);
  const { times, values, length: n } = points;
  const capacity = Math.ceil(n / bucketSize) * 3;
  const outTimes = new Float64Array(capacity);
  const outValues = new Float64Array(capacity);
  let k = 0;
  const picked = [0, 0, 0];
  for (let start = 0; start < n; start += bucketSize) {
    const end = Math.min(n, start + bucketSize);
    let minI = -1;
    let maxI = -1;
    let gapI = -1;
    let minV = Infinity;
    let maxV = -Infinity;
    for (let i = start; i < end; i++) {
      const v = values[i];
      if (isFiniteValue(v)) {
        if (v < minV) {
          minV = v;
          minI = i;
        }
        if (v > maxV) {
          maxV = v;
          maxI = i;
        }
      } else if (gapI < 0) gapI = i;
    }
    let m = 0;
    if (minI >= 0) picked[m++] = minI;
    if (maxI >= 0 && maxI !== minI) picked[m++] = maxI;
    if (gapI >= 0) picked[m++] = gapI;
    // Insertion sort of at most three indices keeps time order without allocating.
    for (let a = 1; a < m; a++) {
      const x = picked[a];
      let b = a - 1;
      while (b >= 0 && picked[b] > x) {
        picked[b + 1] = picked[b];
        b--;
      }
      picked[b + 1] = x;
    }
    for (let a = 0; a < m; a++) {
      const i = picked[a];
      outTimes[k] = times[i];
      outValues[k] = i === gapI ? NaN : values[i];
      k++;
    }
  }
  return { times: outTimes.slice(0, k), values: outValues.slice(0, k), length: k };
}

/**
 * M4 over aligned time buckets: per bucket its first, min, max and last finite point, deduplicated,
 * in time order; a bucket holding NaN/±Infinity also gets a null at the first such time so the
 * line breaks there (still at most four points: the first point gives way, or the last when the
 * null comes after it; extremes always stay). Whole edge buckets are used even where they
 * reach past the window, and the last point before and the first after them are added so lines
 * reach the chart's edges. At most 4 × buckets + 2 points.
 */
export function m4(points: PointColumns, window: BucketWindow): ChartPoint[] {
  const width = bucketWidth(window.from, window.to, window.buckets);
  const { times, values } = points;
  const { start, end } = alignedRange(points, window.from, window.to, width);
  const out: ChartPoint[] = [];
  if (start > 0) out.push(chartPoint(points, start - 1));
  const picked: number[] = [];
  let i = start;
  while (i < end) {
    const bucket = Math.floor(times[i] / width);
    let firstI = -1;
    let lastI = -1;
    let minI = -1;
    let maxI = -1;
    let gapI = -1;
    let minV = Infinity;
    let maxV = -Infinity;
    let j = i;
    for (; j < end && Math.floor(times[j] / width) === bucket; j++) {
      const v = values[j];
      if (isFiniteValue(v)) {
        if (firstI < 0) firstI = j;
        lastI = j;
        if (v < minV) {
          minV = v;
          minI = j;
        }
        if (v > maxV) {
          maxV = v;
          maxI = j;
        }
      } else if (gapI < 0) gapI = j;
    }
    picked.length = 0;
    if (firstI >= 0) picked.push(firstI, minI, maxI, lastI);
    if (gapI >= 0) picked.push(gapI);
    picked.sort((a, b) => a - b);
    let previous = -1;
    let kept = 0;
    for (const p of picked) {
      if (p !== previous) picked[kept++] = p;
      previous = p;
    }
    picked.length = kept;
    if (kept === 5) picked.splice(picked.indexOf(gapI > lastI ? lastI : firstI), 1);
    for (const p of picked) out.push(chartPoint(points, p));
    i = j;
  }
  if (end < points.length) out.push(chartPoint(points, end));
  return out;
}

/**
 * Bars: one per aligned bucket, at the time of the bucket's first point (so sparse data keeps its
 * own times), as high as the bucket's largest finite value; a bucket of gaps only is a null bar.
 */
export function maxPerBucket(points: PointColumns, window: BucketWindow): ChartPoint[] {
  const width = bucketWidth(window.from, window.to, window.buckets);
  const { times, values } = points;
  const { start, end } = alignedRange(points, window.from, window.to, width);
  const out: ChartPoint[] = [];
  let i = start;
  while (i < end) {
    const bucket = Math.floor(times[i] / width);
    let maxV = -Infinity;
    let any = false;
    let j = i;
    for (; j < end && Math.floor(times[j] / width) === bucket; j++) {
      const v = values[j];
      if (isFiniteValue(v)) {
        any = true;
        if (v > maxV) maxV = v;
      }
    }
    out.push([times[i], any ? maxV : null]);
    i = j;
  }
  return out;
}

/** ChartPoint[] as columns (null → NaN), sorted by x when it is not already. */
export function chartPointsToColumns(points: ChartPoint[]): PointColumns {
  let sorted = points;
  for (let i = 1; i < points.length; i++) {
    if (points[i][0] < points[i - 1][0]) {
      sorted = [...points].sort((a, b) => a[0] - b[0]);
      break;
    }
  }
  const times = new Float64Array(sorted.length);
  const values = new Float64Array(sorted.length);
  sorted.forEach(([x, y], i) => {
    times[i] = x;
    values[i] = y ?? NaN;
  });
  return { times, values, length: sorted.length };
}

/**
 * For series already in memory (load-test run charts): unchanged when it has at most maxPoints
 * points, else M4 over its whole x range to at most maxPoints points (maxPoints ≥ 10).
 */
export function downsampleChartPoints(points: ChartPoint[], maxPoints: number): ChartPoint[] {
  if (points.length <= maxPoints) return points;
  const columns = chartPointsToColumns(points);
  return m4(columns, { from: columns.times[0], to: columns.times[columns.length - 1], buckets: lineBucketsFor(maxPoints) });
}
