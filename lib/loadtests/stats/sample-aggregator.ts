/**
 * Statistics and time series from raw samples (JTL, ab TSV, k6 NDJSON, Gatling log), per
 * DECISIONS.md: exact JMeter percentiles while the run holds at most `exactLimit` samples, a
 * mergeable HDR histogram above that (its error bound is reported). Samples are kept in typed
 * columns (17 bytes each) so memory stays small and predictable; series are built by start time,
 * whatever the order samples arrive in (JMeter writes rows as samples finish).
 */
import * as hdr from "hdr-histogram-js";
import type { LabelStatistics, LoadProfilePoint, SeriesPoint, StatisticsSource } from "@/lib/loadtests/types";
import { emptyStatistics, PERCENTILE_KEYS, PERCENTILE_OF } from "@/lib/loadtests/types";
import { percentileOfSorted, percentileOfSortedSegments, sortSamples } from "@/lib/loadtests/stats/percentile";

export const EXACT_SAMPLE_LIMIT = 1_000_000;
/** Bucket widths (seconds) the series may use; the smallest that yields at most `maxBuckets` wins. */
const BUCKET_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];
/**
 * Histogram mode merges its series buckets as the run grows, so widths must divide each other: this
 * chain of BUCKET_STEPS does.
 */
const MERGEABLE_STEPS = [1, 2, 10, 30, 60, 120, 600, 1800, 3600, 7200, 21600, 43200, 86400];
/** HDR histograms record microseconds with 3 significant digits: 0.1 % relative error. */
const HDR_DIGITS = 3;
const HDR_ERROR_PCT = 0.1;

export type SubSampleRule =
  /** Parents are passed to `add` (JTL XML nesting, or none at all). */
  | "explicit"
  /** JMeter CSV: `X-0`, `X-1` are sub-samples of `X` when a label `X` exists in the run. */
  | "jmeter-suffix";

export type AggregatorOptions = {
  /** Tool name used in figure sources: "computed by Hindsight from 1,000 JMeter samples". */
  toolName: string;
  subSamples?: SubSampleRule;
  exactLimit?: number;
  maxBuckets?: number;
  /** Expected number of samples (e.g. file size / typical line length) so columns grow less often. */
  capacityHint?: number;
};

export type AggregateResult = {
  labels: LabelStatistics[];
  total: LabelStatistics;
  startedAt: Date | null;
  endedAt: Date | null;
  bucketSeconds: number | null;
  series: SeriesPoint[];
  loadProfile: LoadProfilePoint[];
  statisticsSource: Extract<StatisticsSource, "samples" | "histogram">;
  histogramErrorPct: number | null;
  samples: number;
};

type LabelAcc = {
  label: string;
  parent: string | null;
  index: number;
  count: number;
  errors: number;
  sum: number;
  sumSq: number;
  min: number;
  max: number;
  received: number;
  sent: number;
  hasReceived: boolean;
  hasSent: boolean;
  firstStart: number;
  lastEnd: number;
  histogram: hdr.Histogram | null;
};

/** One series bucket in histogram mode. */
type BucketAcc = { requests: number; errors: number; sum: number; users: number; histogram: hdr.Histogram };

function newHistogram(digits = HDR_DIGITS): hdr.Histogram {
  return hdr.build({
    bitBucketSize: 32,
    autoResize: true,
    lowestDiscernibleValue: 1,
    numberOfSignificantValueDigits: digits as 3,
  });
}

export class SampleAggregator {
  private readonly opts: Required<Omit<AggregatorOptions, "capacityHint">>;
  private readonly labels = new Map<string, LabelAcc>();
  private readonly labelList: LabelAcc[] = [];
  private capacity: number;
  private n = 0;
  // Columns, one entry per sample (exact mode only). Series buckets are whole seconds, so a start
  // is kept as its second, counted from the first sample's second.
  private baseSecond = NaN;
  private second: Int32Array;
  private elapsed: Float32Array;
  private labelOf: Uint32Array;
  private failed: Uint8Array;
  private users: Float32Array;
  /** A negative (or -0) latency rules out the radix sort. */
  private nonNegative = true;
  // Histogram mode (after exactLimit samples).
  private histogramMode = false;
  private bucketWidthS = 1;
  private buckets = new Map<number, BucketAcc>();
  private minBucket = Infinity;
  private maxBucket = -Infinity;
  private minStart = Infinity;
  private maxEnd = -Infinity;
  private anyUsers = false;
  private result: AggregateResult | null = null;

  constructor(options: AggregatorOptions) {
    this.opts = {
      toolName: options.toolName,
      subSamples: options.subSamples ?? "explicit",
      exactLimit: options.exactLimit ?? EXACT_SAMPLE_LIMIT,
      maxBuckets: options.maxBuckets ?? 500,
    };
    // Untouched pages of a large typed array cost no memory, so a generous hint is cheap.
    this.capacity = Math.min(this.opts.exactLimit, Math.max(1024, Math.ceil(options.capacityHint ?? 16_384)));
    this.second = new Int32Array(this.capacity);
    this.elapsed = new Float32Array(this.capacity);
    this.labelOf = new Uint32Array(this.capacity);
    this.failed = new Uint8Array(this.capacity);
    this.users = new Float32Array(this.capacity);
  }

  get sampleCount(): number {
    let c = 0;
    for (const l of this.labelList) c += l.count;
    return c;
  }

  /**
   * One sample. `start` epoch ms, `elapsed` ms; unknown sizes and users are NaN. `parent` only with
   * the "explicit" sub-sample rule.
   */
  add(
    label: string,
    start: number,
    elapsed: number,
    success: boolean,
    receivedBytes = NaN,
    sentBytes = NaN,
    activeUsers = NaN,
    parent: string | null = null,
  ): void {
    this.addAt(this.labelIndex(label, parent), start, elapsed, success, receivedBytes, sentBytes, activeUsers);
  }

  /**
   * The index `addAt` takes for this label, registering it (in first-seen order) when new. Parsers
   * that intern labels themselves call this once per label instead of a map lookup per sample.
   */
  labelIndex(label: string, parent: string | null = null): number {
    const known = this.labels.get(label);
    if (known) return known.index;
    const acc: LabelAcc = {
      label,
      parent,
      index: this.labelList.length,
      count: 0,
      errors: 0,
      sum: 0,
      sumSq: 0,
      min: Infinity,
      max: -Infinity,
      received: 0,
      sent: 0,
      hasReceived: false,
      hasSent: false,
      firstStart: Infinity,
      lastEnd: -Infinity,
      histogram: null,
    };
    this.labels.set(label, acc);
    this.labelList.push(acc);
    return acc.index;
  }

  /** `add` for a label index from `labelIndex`. */
  addAt(
    index: number,
    start: number,
    elapsed: number,
    success: boolean,
    receivedBytes = NaN,
    sentBytes = NaN,
    activeUsers = NaN,
  ): void {
    if (this.result) throw new Error("SampleAggregator: add after finish.");
    const acc = this.labelList[index];
    acc.count++;
    if (!success) acc.errors++;
    acc.sum += elapsed;
    acc.sumSq += elapsed * elapsed;
    if (elapsed < acc.min) acc.min = elapsed;
    if (elapsed > acc.max) acc.max = elapsed;
    if (receivedBytes === receivedBytes) {
      acc.received += receivedBytes;
      acc.hasReceived = true;
    }
    if (sentBytes === sentBytes) {
      acc.sent += sentBytes;
      acc.hasSent = true;
    }
    const end = start + elapsed;
    if (start < acc.firstStart) acc.firstStart = start;
    if (end > acc.lastEnd) acc.lastEnd = end;
    if (start < this.minStart) this.minStart = start;
    if (end > this.maxEnd) this.maxEnd = end;
    if (activeUsers === activeUsers) this.anyUsers = true;
    if (!(elapsed >= 0) || (elapsed === 0 && 1 / elapsed < 0)) this.nonNegative = false;

    const i = this.n;
    if (i >= this.capacity || this.histogramMode) {
      this.addBeyondColumns(acc, start, elapsed, success, activeUsers);
      return;
    }
    if (i === 0) this.baseSecond = Math.floor(start / 1000);
    this.n = i + 1;
    this.second[i] = Math.floor(start / 1000) - this.baseSecond;
    this.elapsed[i] = elapsed;
    this.labelOf[i] = index;
    this.failed[i] = success ? 0 : 1;
    this.users[i] = activeUsers;
  }

  /** The columns are full: grow them, or past exactLimit go over to histograms. */
  private addBeyondColumns(acc: LabelAcc, start: number, elapsed: number, success: boolean, activeUsers: number): void {
    if (!this.histogramMode && this.n === this.opts.exactLimit) this.switchToHistograms();
    if (this.histogramMode) {
      this.addToHistograms(acc, start, elapsed, success, activeUsers);
      return;
    }
    this.grow();
    const i = this.n++;
    this.second[i] = Math.floor(start / 1000) - this.baseSecond;
    this.elapsed[i] = elapsed;
    this.labelOf[i] = acc.index;
    this.failed[i] = success ? 0 : 1;
    this.users[i] = activeUsers;
  }

  private grow(): void {
    const next = Math.min(this.opts.exactLimit, Math.ceil(this.capacity * 1.5));
    const copy = <T extends Int32Array | Float32Array | Uint32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(next);
      b.set(a);
      return b;
    };
    this.second = copy(this.second, (k) => new Int32Array(k));
    this.elapsed = copy(this.elapsed, (k) => new Float32Array(k));
    this.labelOf = copy(this.labelOf, (k) => new Uint32Array(k));
    this.failed = copy(this.failed, (k) => new Uint8Array(k));
    this.users = copy(this.users, (k) => new Float32Array(k));
    this.capacity = next;
  }

  private switchToHistograms(): void {
    this.histogramMode = true;
    for (let i = 0; i < this.n; i++) {
      const acc = this.labelList[this.labelOf[i]];
      // The exact start is gone; the start of its second lands in the same series bucket.
      const start = (this.baseSecond + this.second[i]) * 1000;
      this.addToHistograms(acc, start, this.elapsed[i], this.failed[i] === 0, this.users[i]);
    }
    this.n = 0;
    this.second = new Int32Array(0);
    this.elapsed = new Float32Array(0);
    this.labelOf = new Uint32Array(0);
    this.failed = new Uint8Array(0);
    this.users = new Float32Array(0);
  }

  private addToHistograms(acc: LabelAcc, start: number, elapsed: number, success: boolean, activeUsers: number): void {
    acc.histogram ??= newHistogram();
    const micros = Math.max(0, Math.round(elapsed * 1000));
    acc.histogram.recordValue(micros);
    // Series buckets count top-level samples only.
    if (this.isKnownSubSample(acc)) return;
    const s = this.bucketFor(Math.floor(start / (this.bucketWidthS * 1000)));
    s.requests++;
    if (!success) s.errors++;
    s.sum += elapsed;
    s.histogram.recordValue(micros);
    if (activeUsers === activeUsers && !(activeUsers <= s.users)) s.users = activeUsers;
  }

  /** The histogram-mode bucket with this key, widening every bucket when the run outgrows maxBuckets. */
  private bucketFor(key: number): BucketAcc {
    let s = this.buckets.get(key);
    if (s) return s;
    const min = Math.min(this.minBucket, key);
    const max = Math.max(this.maxBucket, key);
    if (max - min + 1 > this.opts.maxBuckets) {
      let width = this.bucketWidthS;
      while (
        Math.floor((max * this.bucketWidthS) / width) - Math.floor((min * this.bucketWidthS) / width) + 1 >
        this.opts.maxBuckets
      ) {
        width = nextMergeableWidth(width);
      }
      const factor = width / this.bucketWidthS;
      this.regroupBuckets(width);
      return this.bucketFor(Math.floor(key / factor));
    }
    this.minBucket = min;
    this.maxBucket = max;
    s = { requests: 0, errors: 0, sum: 0, users: NaN, histogram: newHistogram(2) };
    this.buckets.set(key, s);
    return s;
  }

  private regroupBuckets(widthS: number): void {
    const factor = widthS / this.bucketWidthS;
    const merged = new Map<number, BucketAcc>();
    for (const [key, s] of this.buckets) {
      const k = Math.floor(key / factor);
      const m = merged.get(k);
      if (!m) {
        merged.set(k, s);
        continue;
      }
      m.requests += s.requests;
      m.errors += s.errors;
      m.sum += s.sum;
      m.histogram.add(s.histogram);
      if (s.users === s.users && !(s.users <= m.users)) m.users = s.users;
      s.histogram.destroy();
    }
    this.buckets = merged;
    this.bucketWidthS = widthS;
    this.minBucket = Math.floor(this.minBucket / factor);
    this.maxBucket = Math.floor(this.maxBucket / factor);
  }

  /** In histogram mode sub-samples must be known when they arrive: explicit parents, or a suffix whose parent was already seen. */
  private isKnownSubSample(acc: LabelAcc): boolean {
    if (acc.parent !== null) return true;
    if (this.opts.subSamples !== "jmeter-suffix") return false;
    const parent = suffixParent(acc.label);
    return parent !== null && this.labels.has(parent);
  }

  /** The figures. The sample columns are reused as scratch space, so this is the end: later calls return the same result. */
  finish(): AggregateResult {
    if (this.result) return this.result;
    if (this.opts.subSamples === "jmeter-suffix") {
      for (const acc of this.labelList) {
        const parent = suffixParent(acc.label);
        if (parent !== null && this.labels.has(parent)) acc.parent = parent;
      }
    }
    this.result = this.histogramMode ? this.finishHistograms() : this.finishExact();
    return this.result;
  }

  private describe(count: number, exact: boolean): string {
    const n = count.toLocaleString("en-US");
    return exact
      ? `computed by Hindsight from ${n} ${this.opts.toolName} samples (exact, JMeter percentile definition)`
      : `computed by Hindsight from ${n} ${this.opts.toolName} samples (HDR histogram, ±${HDR_ERROR_PCT}%)`;
  }

  private baseStatistics(acc: LabelAcc, exact: boolean): LabelStatistics {
    const s = emptyStatistics(acc.label);
    s.parentLabel = acc.parent;
    s.count = acc.count;
    s.errors = acc.errors;
    if (acc.count > 0) {
      s.min = acc.min;
      s.max = acc.max;
      s.mean = acc.sum / acc.count;
      s.stddev = Math.sqrt(Math.max(0, acc.sumSq / acc.count - s.mean * s.mean));
      const spanMs = acc.lastEnd - acc.firstStart;
      s.throughput = spanMs > 0 ? (acc.count * 1000) / spanMs : null;
    }
    s.receivedBytes = acc.hasReceived ? acc.received : null;
    s.sentBytes = acc.hasSent ? acc.sent : null;
    s.sources = { "*": this.describe(acc.count, exact) };
    return s;
  }

  private totalStatistics(top: LabelAcc[], exact: boolean): LabelStatistics {
    const t = emptyStatistics("Total", true);
    let sum = 0;
    let sumSq = 0;
    let received = 0;
    let sent = 0;
    let hasReceived = false;
    let hasSent = false;
    for (const acc of top) {
      t.count += acc.count;
      t.errors += acc.errors;
      sum += acc.sum;
      sumSq += acc.sumSq;
      if (acc.count > 0) {
        t.min = t.min === null ? acc.min : Math.min(t.min, acc.min);
        t.max = t.max === null ? acc.max : Math.max(t.max, acc.max);
      }
      received += acc.received;
      sent += acc.sent;
      hasReceived ||= acc.hasReceived;
      hasSent ||= acc.hasSent;
    }
    if (t.count > 0) {
      t.mean = sum / t.count;
      t.stddev = Math.sqrt(Math.max(0, sumSq / t.count - t.mean * t.mean));
      // JMeter's throughput: requests over the span from the first start to the last end.
      const spanMs = this.maxEnd - this.minStart;
      t.throughput = spanMs > 0 ? (t.count * 1000) / spanMs : null;
    }
    t.receivedBytes = hasReceived ? received : null;
    t.sentBytes = hasSent ? sent : null;
    t.sources = { "*": this.describe(t.count, exact) };
    return t;
  }

  private bucketSeconds(): number | null {
    if (!(this.maxEnd >= this.minStart)) return null;
    const durationS = Math.max(1, (this.maxEnd - this.minStart) / 1000);
    const step = BUCKET_STEPS.find((b) => Math.ceil(durationS / b) + 1 <= this.opts.maxBuckets);
    if (step !== undefined) return step;
    // Longer than maxBuckets days (merged runs, a stray timestamp): whole days, still at most maxBuckets.
    return Math.ceil(durationS / 86_400 / Math.max(1, this.opts.maxBuckets - 1)) * 86_400;
  }

  private finishExact(): AggregateResult {
    // Locals, not fields, in the loops below: each runs once over up to a million samples, and two
    // passes do the work of four (bucket and label counts together, then both distributions).
    const n = this.n;
    const second = this.second;
    const elapsed = this.elapsed;
    const labelOf = this.labelOf;
    const failed = this.failed;
    const sampleUsers = this.users;
    const labelCount = this.labelList.length;
    const isSub = new Uint8Array(labelCount);
    for (const acc of this.labelList) isSub[acc.index] = acc.parent !== null ? 1 : 0;
    const top = this.labelList.filter((a) => a.parent === null);
    let topCount = 0;
    for (const acc of top) topCount += acc.count;

    const bucketSeconds = this.bucketSeconds();
    const withSeries = bucketSeconds !== null && topCount > 0;
    const width = bucketSeconds ?? 1;
    const t0s = Math.floor(Math.floor(this.minStart / 1000) / width) * width;
    const buckets = withSeries ? Math.floor((Math.floor(this.maxEnd / 1000) - t0s) / width) + 1 : 0;
    // Second offset → bucket, looked up instead of divided per sample (when the run is not far
    // longer in seconds than it has samples: a table must not outweigh the samples).
    const firstOffset = Math.floor(this.minStart / 1000) - this.baseSecond;
    const spanSeconds = Math.floor(this.maxEnd / 1000) - this.baseSecond - firstOffset + 1;
    const useTable = withSeries && spanSeconds <= Math.max(4 * n, 65_536);
    const bucketOfSecond = new Int32Array(useTable ? spanSeconds : 0);
    for (let o = 0; o < bucketOfSecond.length; o++)
      bucketOfSecond[o] = Math.floor((o + firstOffset + this.baseSecond - t0s) / width);
    const shift = this.baseSecond - t0s;

    // Pass 1: bucket of every sample (written over its second), per-bucket figures, label counts.
    const bucketOf = second;
    const bOffsets = new Uint32Array(buckets + 1);
    const errors = new Uint32Array(buckets);
    const sums = new Float64Array(buckets);
    const users = new Float32Array(buckets).fill(NaN);
    const offsets = new Uint32Array(labelCount + 1);
    for (let i = 0; i < n; i++) {
      const label = labelOf[i];
      offsets[label + 1]++;
      if (!withSeries || isSub[label] === 1) continue;
      const b = useTable ? bucketOfSecond[second[i] - firstOffset] : Math.floor((second[i] + shift) / width);
      bucketOf[i] = b;
      bOffsets[b + 1]++;
      errors[b] += failed[i];
      sums[b] += elapsed[i];
      const u = sampleUsers[i];
      if (u > users[b] || (u === u && users[b] !== users[b])) users[b] = u;
    }
    for (let b = 0; b < buckets; b++) bOffsets[b + 1] += bOffsets[b];
    for (let l = 0; l < labelCount; l++) offsets[l + 1] += offsets[l];

    // Pass 2: latencies grouped by bucket (top-level samples) and by label (counting sorts). The
    // users column is free now and takes the label grouping; the seconds column is then free as
    // sort scratch.
    const byBucket = new Float32Array(withSeries ? topCount : 0);
    const byLabel = new Float32Array(sampleUsers.buffer, 0, n);
    const bucketFill = bOffsets.slice(0, buckets);
    const labelFill = offsets.slice(0, labelCount);
    for (let i = 0; i < n; i++) {
      const label = labelOf[i];
      const v = elapsed[i];
      byLabel[labelFill[label]++] = v;
      if (withSeries && isSub[label] === 0) byBucket[bucketFill[bucketOf[i]]++] = v;
    }
    const sortScratch = new Uint32Array(second.buffer, 0, this.capacity);

    const series: SeriesPoint[] = [];
    let lastUsers: number | null = null;
    for (let b = 0; b < buckets; b++) {
      const from = bOffsets[b];
      const to = bOffsets[b + 1];
      sortSamples(byBucket.subarray(from, to), sortScratch, this.nonNegative);
      const count = to - from;
      const u = users[b];
      if (u === u) lastUsers = u;
      series.push({
        t: (t0s + b * width) * 1000,
        requests: count,
        errors: errors[b],
        mean: count ? roundMs(sums[b] / count) : null,
        p50: roundMs(percentileOfSorted(byBucket, 50, from, to)),
        p90: roundMs(percentileOfSorted(byBucket, 90, from, to)),
        p95: roundMs(percentileOfSorted(byBucket, 95, from, to)),
        p99: roundMs(percentileOfSorted(byBucket, 99, from, to)),
        users: this.anyUsers ? (u === u ? u : count === 0 ? lastUsers : null) : null,
      });
    }

    const labels: LabelStatistics[] = [];
    for (const acc of this.labelList) {
      const from = offsets[acc.index];
      const to = offsets[acc.index + 1];
      sortSamples(byLabel.subarray(from, to), sortScratch, this.nonNegative);
      const s = this.baseStatistics(acc, true);
      for (const key of PERCENTILE_KEYS) s[key] = roundMs(percentileOfSorted(byLabel, PERCENTILE_OF[key], from, to));
      labels.push(s);
    }

    // Total over top-level samples: picked from the sorted label segments, not sorted again.
    const total = this.totalStatistics(top, true);
    const segments = top.map((acc) => byLabel.subarray(offsets[acc.index], offsets[acc.index + 1]));
    for (const key of PERCENTILE_KEYS)
      total[key] = roundMs(percentileOfSortedSegments(segments, PERCENTILE_OF[key], this.nonNegative));

    // The columns now hold scratch data; drop them.
    this.n = 0;
    this.second = new Int32Array(0);
    this.elapsed = new Float32Array(0);
    this.labelOf = new Uint32Array(0);
    this.failed = new Uint8Array(0);
    this.users = new Float32Array(0);
    return this.assemble(labels, total, bucketSeconds, series, "samples");
  }

  private finishHistograms(): AggregateResult {
    const labels: LabelStatistics[] = [];
    const totalHistogram = newHistogram();
    const top = this.labelList.filter((a) => a.parent === null);
    for (const acc of this.labelList) {
      const s = this.baseStatistics(acc, false);
      const h = acc.histogram;
      if (h && acc.count > 0) {
        for (const key of PERCENTILE_KEYS) s[key] = clampTo(h.getValueAtPercentile(PERCENTILE_OF[key]) / 1000, acc);
        if (acc.parent === null) totalHistogram.add(h);
      }
      labels.push(s);
    }
    const total = this.totalStatistics(top, false);
    if (total.count > 0) {
      for (const key of PERCENTILE_KEYS) {
        const v = totalHistogram.getValueAtPercentile(PERCENTILE_OF[key]) / 1000;
        total[key] = roundMs(Math.min(Math.max(v, total.min ?? v), total.max ?? v));
      }
    }
    // Sub-sample labels recognised only at the end were counted in the series; the suffix rule sees a
    // parent before its children in practice (JMeter writes the parent label first in any run longer
    // than one sample), so this is rare and accepted.
    let bucketSeconds = this.bucketSeconds();
    const series: SeriesPoint[] = [];
    if (bucketSeconds !== null) {
      // The widest of: the width the buckets grew to, the width the duration asks for (when it is a multiple).
      while (this.bucketWidthS < bucketSeconds) this.regroupBuckets(nextMergeableWidth(this.bucketWidthS));
      if (bucketSeconds % this.bucketWidthS === 0 && bucketSeconds > this.bucketWidthS) this.regroupBuckets(bucketSeconds);
      bucketSeconds = this.bucketWidthS;
      const width = bucketSeconds * 1000;
      const first = Math.floor(this.minStart / width);
      const last = Math.floor(this.maxEnd / width);
      for (let key = first; key <= last; key++) {
        const m = this.buckets.get(key);
        const count = m?.requests ?? 0;
        const at = (p: number) => (m && count ? roundMs(m.histogram.getValueAtPercentile(p) / 1000) : null);
        series.push({
          t: key * width,
          requests: count,
          errors: m?.errors ?? 0,
          mean: m && count ? roundMs(m.sum / count) : null,
          p50: at(50),
          p90: at(90),
          p95: at(95),
          p99: at(99),
          users: this.anyUsers && m && m.users === m.users ? m.users : null,
        });
      }
    }
    for (const s of this.buckets.values()) s.histogram.destroy();
    this.buckets.clear();
    for (const acc of this.labelList) acc.histogram?.destroy();
    totalHistogram.destroy();
    return this.assemble(labels, total, bucketSeconds, series, "histogram");
  }

  private assemble(
    labels: LabelStatistics[],
    total: LabelStatistics,
    bucketSeconds: number | null,
    series: SeriesPoint[],
    source: "samples" | "histogram",
  ): AggregateResult {
    const loadProfile: LoadProfilePoint[] = this.anyUsers
      ? series.filter((p) => p.users !== null).map((p) => ({ t: p.t, users: p.users as number }))
      : [];
    return {
      labels,
      total,
      startedAt: Number.isFinite(this.minStart) ? new Date(this.minStart) : null,
      endedAt: Number.isFinite(this.maxEnd) ? new Date(this.maxEnd) : null,
      bucketSeconds,
      series,
      loadProfile,
      statisticsSource: source,
      histogramErrorPct: source === "histogram" ? HDR_ERROR_PCT : null,
      samples: total.count + labels.filter((l) => l.parentLabel !== null).reduce((a, l) => a + l.count, 0),
    };
  }
}

function nextMergeableWidth(widthS: number): number {
  return MERGEABLE_STEPS.find((w) => w > widthS && w % widthS === 0) ?? widthS * 2;
}

/** `Login-12` → `Login`; null when the label has no numeric suffix. */
export function suffixParent(label: string): string | null {
  const m = /^(.+)-(\d+)$/.exec(label);
  return m ? m[1] : null;
}

/** Float32 columns carry ~7 significant digits; round figures to the microsecond so they read cleanly. */
function roundMs(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1000) / 1000;
}

function clampTo(v: number, acc: LabelAcc): number | null {
  return roundMs(Math.min(Math.max(v, acc.min), acc.max));
}
