/**
 * Capacity estimate from a run's time series: the highest request rate and concurrency held while
 * p95 stayed within an SLO and errors under a limit, and the knee of latency against load. Pure;
 * every figure it reports is one the run holds or a direct quotient of them (rps = requests / width).
 */
import type { LabelStatistics, LoadProfilePoint, SeriesPoint } from "@/lib/loadtests/types";
import { peakUsers } from "@/lib/loadtests/analysis/load-gap";

/**
 * "Sustained" means held over N consecutive buckets, with N covering at least 30 seconds and at
 * least 3 buckets: 1 s buckets need 30 of them, 10 s buckets 3 (30 s), 60 s buckets 3 (3 min).
 * Three buckets keep a single lucky bucket (or two straddling a burst) from counting as capacity.
 * p95 must meet the SLO in every bucket; the error rate is judged over the whole stretch, since one
 * failed request in a small bucket (1 of 40) would otherwise read as a 2.5% error rate.
 */
export const MIN_SUSTAIN_SECONDS = 30;
export const MIN_SUSTAIN_BUCKETS = 3;

export function sustainBucketCount(bucketSeconds: number): number {
  return Math.max(MIN_SUSTAIN_BUCKETS, Math.ceil(MIN_SUSTAIN_SECONDS / bucketSeconds));
}

export type CapacityLimits = { sloMs: number; maxErrorPct: number };

/** Why a bucket cannot be part of a sustained stretch. */
export type BucketFailure = "latency" | "latency-unknown" | "idle";

export type CapacityBucket = {
  /** Bucket start, epoch ms. */
  t: number;
  requests: number;
  errors: number;
  rps: number;
  errorsPerSecond: number;
  /** null when the bucket holds no requests. Shown per bucket; the limit applies to a stretch. */
  errorPct: number | null;
  p95: number | null;
  users: number | null;
  failures: BucketFailure[];
};

export type SustainedWindow = {
  /** The level held in every bucket of the window (its lowest rate, or lowest user count). */
  level: number;
  /** Start of the first bucket and end of the last, epoch ms. */
  from: number;
  to: number;
  seconds: number;
  buckets: CapacityBucket[];
  minRps: number;
  meanRps: number;
  maxRps: number;
  minUsers: number | null;
  maxUsers: number | null;
  maxP95: number;
  /** Errors over requests of the whole window. */
  errorPct: number;
};

export type KneeBin = {
  /** Median load (req/s or users) of the bin's buckets. */
  load: number;
  /** Median p95 of the bin's buckets, ms. */
  p95: number;
  buckets: CapacityBucket[];
};

export type KneeLoad = "rps" | "users";

export type Knee =
  | { found: true; load: KneeLoad; at: KneeBin; bins: KneeBin[]; lowestLoadP95: number; highestLoadP95: number }
  | { found: false; load: KneeLoad; reason: string; bins: KneeBin[] };

/** The first stretch of N busy buckets whose combined error rate went over the limit. */
export type ErrorBreach = { from: number; to: number; errorPct: number; buckets: CapacityBucket[] };

export type SeriesCapacity = {
  basis: "series";
  limits: CapacityLimits;
  bucketSeconds: number;
  windowBuckets: number;
  windowSeconds: number;
  buckets: CapacityBucket[];
  /** null when no run of N consecutive buckets stayed within the limits. */
  highestRate: SustainedWindow | null;
  /** null when users are unknown or no window stayed within the limits. */
  highestConcurrency: SustainedWindow | null;
  usersKnown: boolean;
  /** Buckets whose p95 exceeded the SLO, and the first of them. */
  slowBuckets: number;
  firstSlowBucket: CapacityBucket | null;
  /** The first N-bucket stretch whose errors exceeded the limit; null when none did. */
  firstErrorBreach: ErrorBreach | null;
  /** Neither limit was ever broken: the test never found the limit, so the levels are lower bounds. */
  limitNotReached: boolean;
  kneeByRate: Knee;
  kneeByUsers: Knee | null;
  notes: string[];
};

export type TotalsCapacity = {
  basis: "totals";
  limits: CapacityLimits;
  /** Why the series could not be used. */
  reason: string;
  /** The run's average rate, p95 and error % as stored; null where the tool did not report them. */
  throughput: number | null;
  p95: number | null;
  errorPct: number | null;
  peakUsers: number | null;
  /** Whether the whole-run figures meet the limits; null when p95 or the error rate is unknown. */
  withinLimits: boolean | null;
  notes: string[];
};

export type CapacityEstimate = SeriesCapacity | TotalsCapacity;

export type CapacityInput = {
  series: SeriesPoint[];
  bucketSeconds: number | null;
  loadProfile: LoadProfilePoint[];
  total: Pick<LabelStatistics, "count" | "errors" | "p95" | "throughput">;
  /** "autocannon", "k6"...: names the tool in the explanation when there is no series. */
  toolName?: string;
};

export const KNEE_METHOD =
  "Buckets with requests are grouped into up to 12 equal-width bins of load; each bin gives its median load and median p95. " +
  "Both are scaled to 0–1 and the knee is the bin where the curve lies farthest below the straight line from the lowest to the " +
  "highest load (Kneedle: the largest load − latency difference). No knee is reported when load barely varied, when p95 rose " +
  "less than 1.5× across the range, or when the curve is close to a straight line (largest difference under 0.1).";

const MAX_KNEE_BINS = 12;
const MIN_KNEE_BINS = 4;
const MIN_LOAD_SPREAD = 1.25;
const MIN_LATENCY_RISE = 1.5;
const MIN_KNEE_DISTANCE = 0.1;

export function capacityBuckets(series: SeriesPoint[], bucketSeconds: number, limits: CapacityLimits): CapacityBucket[] {
  return series.map((p) => {
    const errorPct = p.requests > 0 ? (p.errors / p.requests) * 100 : null;
    const failures: BucketFailure[] = [];
    if (p.requests === 0) failures.push("idle");
    else {
      if (p.p95 === null) failures.push("latency-unknown");
      else if (p.p95 > limits.sloMs) failures.push("latency");
    }
    return {
      t: p.t,
      requests: p.requests,
      errors: p.errors,
      rps: p.requests / bucketSeconds,
      errorsPerSecond: p.errors / bucketSeconds,
      errorPct,
      p95: p.p95,
      users: p.users,
      failures,
    };
  });
}

function windowOf(buckets: CapacityBucket[], from: number, to: number, level: number, bucketSeconds: number): SustainedWindow {
  const slice = buckets.slice(from, to + 1);
  const rates = slice.map((b) => b.rps);
  const users = slice.map((b) => b.users).filter((u): u is number => u !== null);
  const requests = slice.reduce((s, b) => s + b.requests, 0);
  const errors = slice.reduce((s, b) => s + b.errors, 0);
  return {
    level,
    from: slice[0].t,
    to: slice[slice.length - 1].t + bucketSeconds * 1000,
    seconds: slice.length * bucketSeconds,
    buckets: slice,
    minRps: Math.min(...rates),
    meanRps: rates.reduce((s, r) => s + r, 0) / rates.length,
    maxRps: Math.max(...rates),
    minUsers: users.length ? Math.min(...users) : null,
    maxUsers: users.length ? Math.max(...users) : null,
    maxP95: Math.max(...slice.map((b) => b.p95 ?? 0)),
    errorPct: requests > 0 ? (errors / requests) * 100 : 0,
  };
}

function errorRateOf(buckets: CapacityBucket[], from: number, to: number): number {
  let requests = 0;
  let errors = 0;
  for (let i = from; i <= to; i++) {
    requests += buckets[i].requests;
    errors += buckets[i].errors;
  }
  return requests > 0 ? (errors / requests) * 100 : 0;
}

/**
 * The stretch of `n` consecutive buckets, each with p95 within the SLO and together with errors
 * within the limit, whose lowest level is highest (ties: higher mean rate, then earlier); widened
 * over neighbours that keep to the limits and hold that level, so it says how long the level held.
 */
export function highestSustained(
  buckets: CapacityBucket[],
  n: number,
  bucketSeconds: number,
  maxErrorPct: number,
  levelOf: (b: CapacityBucket) => number | null,
): SustainedWindow | null {
  const ok = (b: CapacityBucket | undefined): b is CapacityBucket =>
    b !== undefined && b.failures.length === 0 && levelOf(b) !== null;
  let best: { start: number; level: number; mean: number } | null = null;
  for (let start = 0; start + n <= buckets.length; start++) {
    let level = Infinity;
    let sum = 0;
    let valid = true;
    for (let i = start; i < start + n; i++) {
      const b = buckets[i];
      if (!ok(b)) {
        valid = false;
        break;
      }
      level = Math.min(level, levelOf(b)!);
      sum += b.rps;
    }
    if (!valid || errorRateOf(buckets, start, start + n - 1) > maxErrorPct) continue;
    const mean = sum / n;
    if (!best || level > best.level || (level === best.level && mean > best.mean)) best = { start, level, mean };
  }
  if (!best) return null;
  let from = best.start;
  let to = best.start + n - 1;
  const holds = (b: CapacityBucket | undefined) => ok(b) && levelOf(b)! >= best.level;
  while (holds(buckets[from - 1]) && errorRateOf(buckets, from - 1, to) <= maxErrorPct) from--;
  while (holds(buckets[to + 1]) && errorRateOf(buckets, from, to + 1) <= maxErrorPct) to++;
  return windowOf(buckets, from, to, best.level, bucketSeconds);
}

/** The first run of `n` consecutive buckets with requests whose combined error rate exceeds the limit. */
export function firstErrorBreach(
  buckets: CapacityBucket[],
  n: number,
  bucketSeconds: number,
  maxErrorPct: number,
): ErrorBreach | null {
  for (let start = 0; start + n <= buckets.length; start++) {
    const slice = buckets.slice(start, start + n);
    if (slice.some((b) => b.requests === 0)) continue;
    const errorPct = errorRateOf(buckets, start, start + n - 1);
    if (errorPct > maxErrorPct) return { from: slice[0].t, to: slice[n - 1].t + bucketSeconds * 1000, errorPct, buckets: slice };
  }
  return null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Knee of p95 against load (see KNEE_METHOD). */
export function findKnee(buckets: CapacityBucket[], load: KneeLoad): Knee {
  const loadOf = (b: CapacityBucket) => (load === "rps" ? b.rps : b.users);
  const unit = load === "rps" ? "req/s" : "users";
  const points = buckets.filter((b) => b.requests > 0 && b.p95 !== null && loadOf(b) !== null);
  if (points.length < MIN_KNEE_BINS * 2)
    return {
      found: false,
      load,
      bins: [],
      reason: `Only ${points.length} buckets with latency and load: too few to trace a curve.`,
    };
  const loads = points.map((b) => loadOf(b)!);
  const lo = Math.min(...loads);
  const hi = Math.max(...loads);
  if (hi <= 0 || hi < lo * MIN_LOAD_SPREAD)
    return {
      found: false,
      load,
      bins: [],
      reason: `Load barely varied (${round(lo)}–${round(hi)} ${unit}): a steady-load run shows no knee. Ramp the load up to find one.`,
    };
  const binCount = Math.min(MAX_KNEE_BINS, Math.floor(points.length / 2));
  const grouped: CapacityBucket[][] = Array.from({ length: binCount }, () => []);
  for (const b of points) grouped[Math.min(binCount - 1, Math.floor(((loadOf(b)! - lo) / (hi - lo)) * binCount))].push(b);
  const bins: KneeBin[] = grouped
    .filter((g) => g.length > 0)
    .map((g) => ({ load: median(g.map((b) => loadOf(b)!)), p95: median(g.map((b) => b.p95!)), buckets: g }));
  if (bins.length < MIN_KNEE_BINS)
    return {
      found: false,
      load,
      bins,
      reason: `The buckets fall into only ${bins.length} load levels: too few to trace a curve.`,
    };
  const first = bins[0];
  const last = bins[bins.length - 1];
  const yMin = Math.min(...bins.map((b) => b.p95));
  const yMax = Math.max(...bins.map((b) => b.p95));
  if (last.p95 < first.p95 * MIN_LATENCY_RISE || yMax === yMin)
    return {
      found: false,
      load,
      bins,
      reason: `p95 went from ${round(first.p95)} ms at ${round(first.load)} ${unit} to ${round(last.p95)} ms at ${round(last.load)} ${unit}: no clear knee within the tested load.`,
    };
  let bestIndex = -1;
  let bestDistance = -Infinity;
  bins.forEach((bin, i) => {
    const x = (bin.load - first.load) / (last.load - first.load);
    const y = (bin.p95 - yMin) / (yMax - yMin);
    if (x - y > bestDistance) {
      bestDistance = x - y;
      bestIndex = i;
    }
  });
  if (bestDistance < MIN_KNEE_DISTANCE || bestIndex === bins.length - 1)
    return {
      found: false,
      load,
      bins,
      reason: `p95 rose with load (${round(first.p95)} → ${round(last.p95)} ms) but about evenly: no single knee stands out.`,
    };
  return { found: true, load, at: bins[bestIndex], bins, lowestLoadP95: first.p95, highestLoadP95: last.p95 };
}

function round(v: number): string {
  return new Intl.NumberFormat("en-US", { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 1 }).format(v);
}

function totalsCapacity(input: CapacityInput, limits: CapacityLimits, reason: string): TotalsCapacity {
  const { total } = input;
  const errorPct = total.count > 0 ? (total.errors / total.count) * 100 : null;
  const withinLimits =
    total.p95 === null || errorPct === null ? null : total.p95 <= limits.sloMs && errorPct <= limits.maxErrorPct;
  const notes = [
    "A whole-run average is not a sustained capacity: the rate and latency may have varied during the run, and no knee can be found without figures over time.",
  ];
  if (total.p95 === null) notes.push("The tool did not report a p95 for this run, so the latency limit cannot be checked.");
  return {
    basis: "totals",
    limits,
    reason,
    throughput: total.throughput,
    p95: total.p95,
    errorPct,
    peakUsers: peakUsers(input.loadProfile, input.series),
    withinLimits,
    notes,
  };
}

export function estimateCapacity(input: CapacityInput, limits: CapacityLimits): CapacityEstimate {
  const tool = input.toolName ?? "The tool";
  if (input.series.length === 0)
    return totalsCapacity(
      input,
      limits,
      `${tool} gave only totals for this run, with no figures over time, so neither a sustained rate nor a knee can be found. The figures below are the run's own totals.`,
    );
  const bucketSeconds = input.bucketSeconds;
  if (!bucketSeconds || bucketSeconds <= 0)
    return totalsCapacity(
      input,
      limits,
      "The run's time series has no bucket width, so request rates cannot be derived from it. The figures below are the run's own totals.",
    );

  const n = sustainBucketCount(bucketSeconds);
  const buckets = capacityBuckets(input.series, bucketSeconds, limits);
  const usersKnown = buckets.some((b) => b.users !== null);
  const highestRate = highestSustained(buckets, n, bucketSeconds, limits.maxErrorPct, (b) => b.rps);
  const highestConcurrency = usersKnown ? highestSustained(buckets, n, bucketSeconds, limits.maxErrorPct, (b) => b.users) : null;
  const slow = buckets.filter((b) => b.failures.includes("latency"));
  const errorBreach = firstErrorBreach(buckets, n, bucketSeconds, limits.maxErrorPct);
  const notes: string[] = [];
  if (buckets.length < n)
    notes.push(
      `The run has ${buckets.length} bucket${buckets.length === 1 ? "" : "s"} of ${bucketSeconds} s; a sustained level needs ${n} in a row.`,
    );
  if (!usersKnown) notes.push("The tool did not record active users over time, so no sustained concurrency is given.");
  if (buckets.some((b) => b.failures.includes("latency-unknown")))
    notes.push("Some buckets have requests but no p95; they cannot show the SLO was met and break any sustained stretch.");
  notes.push(
    "The last bucket may cover only part of its width, so its rate can read low; that can only lower the estimate, never raise it.",
  );
  return {
    basis: "series",
    limits,
    bucketSeconds,
    windowBuckets: n,
    windowSeconds: n * bucketSeconds,
    buckets,
    highestRate,
    highestConcurrency,
    usersKnown,
    slowBuckets: slow.length,
    firstSlowBucket: slow[0] ?? null,
    firstErrorBreach: errorBreach,
    limitNotReached: slow.length === 0 && errorBreach === null,
    kneeByRate: findKnee(buckets, "rps"),
    kneeByUsers: usersKnown ? findKnee(buckets, "users") : null,
    notes,
  };
}
