/**
 * The gap between the load a test reached and the load production saw: "real traffic hit 5k req/s
 * per region, the test peaked at 1.2k". Pure; figures the run or the incident lack stay null.
 */
import type { LabelStatistics, LoadProfilePoint, SeriesPoint } from "@/lib/loadtests/types";

export type RunLoadInput = {
  series: SeriesPoint[];
  bucketSeconds: number | null;
  loadProfile: LoadProfilePoint[];
  total: Pick<LabelStatistics, "throughput">;
};

/** How the tested rate was found: the busiest bucket of the series, or the whole-run average when there is no series. */
export type TestedRpsBasis = "peak-bucket" | "run-average";

export type TestedLoad = {
  rps: number | null;
  rpsBasis: TestedRpsBasis | null;
  users: number | null;
};

export type ObservedLoad = { rps: number | null; users: number | null };

export type GapFigure = {
  tested: number | null;
  observed: number | null;
  /** observed − tested: positive when production went beyond the test. */
  shortfall: number | null;
  /** tested / observed × 100: how much of production's load the test covered. */
  coveredPct: number | null;
  /** True when the test reached production's load; null when either figure is missing. */
  covered: boolean | null;
};

export type LoadGap = { rps: GapFigure; users: GapFigure; rpsBasis: TestedRpsBasis | null };

/** Highest requests/s of any bucket of the series; null without a series. */
export function peakBucketRps(series: SeriesPoint[], bucketSeconds: number | null): number | null {
  if (!bucketSeconds || bucketSeconds <= 0 || series.length === 0) return null;
  let peak = 0;
  for (const p of series) peak = Math.max(peak, p.requests / bucketSeconds);
  return peak;
}

/** Highest users/threads/VUs seen: from the load profile, else from the series; null when the tool did not say. */
export function peakUsers(loadProfile: LoadProfilePoint[], series: SeriesPoint[] = []): number | null {
  let peak: number | null = null;
  for (const p of loadProfile) peak = peak === null ? p.users : Math.max(peak, p.users);
  if (peak !== null) return peak;
  for (const p of series) if (p.users !== null) peak = peak === null ? p.users : Math.max(peak, p.users);
  return peak;
}

export function testedLoad(run: RunLoadInput): TestedLoad {
  const bucketPeak = peakBucketRps(run.series, run.bucketSeconds);
  const users = peakUsers(run.loadProfile, run.series);
  if (bucketPeak !== null) return { rps: bucketPeak, rpsBasis: "peak-bucket", users };
  if (run.total.throughput !== null) return { rps: run.total.throughput, rpsBasis: "run-average", users };
  return { rps: null, rpsBasis: null, users };
}

function gapFigure(tested: number | null, observed: number | null): GapFigure {
  const both = tested !== null && observed !== null;
  return {
    tested,
    observed,
    shortfall: both ? observed - tested : null,
    coveredPct: both && observed > 0 ? (tested / observed) * 100 : null,
    covered: both ? tested >= observed : null,
  };
}

export function loadGap(tested: TestedLoad, observed: ObservedLoad): LoadGap {
  return { rps: gapFigure(tested.rps, observed.rps), users: gapFigure(tested.users, observed.users), rpsBasis: tested.rpsBasis };
}

const WHOLE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const amount = (v: number) => (Math.abs(v) >= 100 ? WHOLE.format(v) : ONE_DECIMAL.format(v));

function sentence(figure: GapFigure, unit: string, testedVerb: string): string | null {
  const { tested, observed } = figure;
  if (tested === null && observed === null) return null;
  if (observed === null) return `The test ${testedVerb} ${amount(tested!)} ${unit}; production's peak is not recorded.`;
  if (tested === null) return `Real traffic hit ${amount(observed)} ${unit}; the test did not report this figure.`;
  const share = figure.coveredPct === null ? "" : ` (${WHOLE.format(figure.coveredPct)}% of it)`;
  if (figure.covered)
    return `The test ${testedVerb} ${amount(tested)} ${unit}, at or above the ${amount(observed)} ${unit} real traffic hit${share}.`;
  return `Real traffic hit ${amount(observed)} ${unit}; the test ${testedVerb} ${amount(tested)} ${unit}${share}, ${amount(figure.shortfall!)} ${unit} short.`;
}

/** One line per figure, for the incident page and the run page. */
export function describeLoadGap(gap: LoadGap): string[] {
  const rpsVerb = gap.rpsBasis === "run-average" ? "averaged" : "peaked at";
  const lines = [sentence(gap.rps, "req/s", rpsVerb), sentence(gap.users, "users", "peaked at")].filter((l): l is string => !!l);
  if (gap.rpsBasis === "run-average" && gap.rps.observed !== null)
    lines.push("The run has no time series, so its own peak rate is unknown: an average is compared with a peak.");
  return lines;
}
