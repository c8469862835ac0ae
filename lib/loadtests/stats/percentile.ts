/**
 * JMeter's percentile: Apache Commons Math `Percentile` with the legacy estimation. Position
 * p·(n+1)/100 in the sorted samples (1-based), linear interpolation between neighbours, clamped to
 * the first and last sample.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number, from = 0, to = sorted.length): number | null {
  const n = to - from;
  if (n <= 0) return null;
  if (n === 1) return sorted[from];
  const pos = (p * (n + 1)) / 100;
  if (pos < 1) return sorted[from];
  if (pos >= n) return sorted[to - 1];
  const floor = Math.floor(pos);
  const d = pos - floor;
  const lower = sorted[from + floor - 1];
  const upper = sorted[from + floor];
  return lower + d * (upper - lower);
}

/**
 * `percentileOfSorted` over the union of several sorted segments, without merging them: the order
 * statistics it needs are found by binary search. For non-negative floats the search runs over
 * IEEE-754 bit patterns (32 steps); otherwise the segments are merged and sorted.
 */
export function percentileOfSortedSegments(segments: Float32Array[], p: number, nonNegative = true): number | null {
  let n = 0;
  for (const s of segments) n += s.length;
  if (n === 0) return null;
  if (!nonNegative) {
    const all = new Float32Array(n);
    let at = 0;
    for (const s of segments) {
      all.set(s, at);
      at += s.length;
    }
    all.sort();
    return percentileOfSorted(all, p);
  }
  const keys = segments.map((s) => new Uint32Array(s.buffer, s.byteOffset, s.length));
  const at = (rank: number) => kthOfSortedKeys(keys, rank);
  if (n === 1) return at(0);
  const pos = (p * (n + 1)) / 100;
  if (pos < 1) return at(0);
  if (pos >= n) return at(n - 1);
  const floor = Math.floor(pos);
  const lower = at(floor - 1);
  const upper = at(floor);
  return lower + (pos - floor) * (upper - lower);
}

/** The value of 0-based rank `rank` in the union of sorted non-negative float segments (as bit patterns). */
function kthOfSortedKeys(keys: Uint32Array[], rank: number): number {
  // The smallest bit pattern x with at least rank + 1 keys <= x.
  let lo = 0;
  let hi = 0;
  for (const k of keys) if (k.length && k[k.length - 1] > hi) hi = k[k.length - 1];
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    let count = 0;
    for (const k of keys) count += upperBound(k, mid);
    if (count >= rank + 1) hi = mid;
    else lo = mid + 1;
  }
  return new Float32Array(new Uint32Array([lo]).buffer)[0];
}

/** How many of the sorted keys are <= x. */
function upperBound(keys: Uint32Array, x: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Below this many values insertion sort wins. */
const INSERTION_MAX = 48;

/**
 * Sorts `values` ascending in place. Non-negative floats (latencies) sort like their IEEE-754 bit
 * patterns read as unsigned integers, so an LSD radix sort over those bits does it in linear time:
 * several times faster than `Float32Array.prototype.sort`, whose comparisons dominate import time
 * on a million samples. Digits are 8 bits for short arrays (small count tables), 11 bits for long
 * ones (three passes); a pass whose digit every key shares is skipped. `scratch` needs
 * `values.length` elements. Pass `nonNegative: false` when a value may be negative, -0 or NaN: the
 * built-in sort is used then.
 */
export function sortSamples(values: Float32Array, scratch: Uint32Array, nonNegative = true): void {
  const n = values.length;
  if (n < 2) return;
  if (!nonNegative) {
    values.sort();
    return;
  }
  const keys = new Uint32Array(values.buffer, values.byteOffset, n);
  if (n <= INSERTION_MAX) {
    for (let i = 1; i < n; i++) {
      const k = keys[i];
      let j = i - 1;
      while (j >= 0 && keys[j] > k) {
        keys[j + 1] = keys[j];
        j--;
      }
      keys[j + 1] = k;
    }
    return;
  }
  if (scratch.length < n) throw new Error("sortSamples: scratch is smaller than the values.");
  if (n < 65_536) radixSort8(keys, scratch.subarray(0, n));
  else radixSort11(keys, scratch.subarray(0, n));
}

/** Four passes of 8-bit digits (small count tables for short arrays). */
function radixSort8(keys: Uint32Array, scratch: Uint32Array): void {
  const n = keys.length;
  const counts = new Uint32Array(4 * 256);
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    counts[k & 255]++;
    counts[256 + ((k >>> 8) & 255)]++;
    counts[512 + ((k >>> 16) & 255)]++;
    counts[768 + (k >>> 24)]++;
  }
  scatterPasses(keys, scratch, counts, 8, 4);
}

/** Three passes of 11-bit digits. */
function radixSort11(keys: Uint32Array, scratch: Uint32Array): void {
  const n = keys.length;
  const counts = new Uint32Array(3 * 2048);
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    counts[k & 2047]++;
    counts[2048 + ((k >>> 11) & 2047)]++;
    counts[4096 + (k >>> 22)]++;
  }
  scatterPasses(keys, scratch, counts, 11, 3);
}

function scatterPasses(keys: Uint32Array, scratch: Uint32Array, counts: Uint32Array, bits: number, passes: number): void {
  const n = keys.length;
  const digits = 1 << bits;
  const mask = digits - 1;
  let src = keys;
  let dst = scratch;
  for (let pass = 0; pass < passes; pass++) {
    const base = pass * digits;
    const shift = pass * bits;
    if (counts[base + ((src[0] >>> shift) & mask)] === n) continue;
    let sum = 0;
    for (let d = 0; d < digits; d++) {
      const c = counts[base + d];
      counts[base + d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = src[i];
      dst[counts[base + ((k >>> shift) & mask)]++] = k;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== keys) keys.set(src);
}
