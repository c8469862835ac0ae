/**
 * Chart specs built from a load-test run's series: the run page's throughput, latency and users
 * charts, and the compare page's overlays on a time-since-start axis. Pure.
 */
import { downsampleChartPoints } from "@/lib/charts/downsample";
import { chartSpec, colorForIndex, type ChartAnnotation, type ChartPoint, type ChartSpec } from "@/lib/charts/spec";
import { formatNumber, formatValue } from "@/lib/charts/format";
import type { CapacityEstimate } from "@/lib/loadtests/analysis/capacity";
import type { LoadProfilePoint, SeriesPoint } from "@/lib/loadtests/types";

/** Points per series a run chart draws: a day-long soak test has 86,400 one-second buckets. */
const RUN_CHART_POINTS = 2000;

/** The spec with each long series downsampled the way metric charts are (M4: every bucket keeps its extremes). */
function downsampledSpec(spec: Parameters<typeof chartSpec>[0]): ChartSpec {
  return chartSpec({
    ...spec,
    series: spec.series.map((s) => ({ ...s, points: downsampleChartPoints(s.points, RUN_CHART_POINTS) })),
  });
}

export type RunSeries = {
  id: string;
  name: string;
  series: SeriesPoint[];
  bucketSeconds: number | null;
  loadProfile: LoadProfilePoint[];
};

export type RunChartOptions = {
  /** IANA zone for time labels (default UTC). */
  timeZone?: string;
  /** The capacity window to shade, epoch ms. */
  sustained?: { from: number; to: number; label: string } | null;
  /** Latency SLO to draw on the latency chart, ms. */
  sloMs?: number | null;
};

function hasSeries(run: RunSeries): run is RunSeries & { bucketSeconds: number } {
  return run.series.length > 0 && run.bucketSeconds !== null && run.bucketSeconds > 0;
}

function windowAnnotation(options: RunChartOptions): ChartAnnotation[] {
  const w = options.sustained;
  return w ? [{ kind: "window", from: w.from, to: w.to, label: w.label, tone: "good" }] : [];
}

function bucketWords(seconds: number): string {
  return seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60}-minute` : `${formatNumber(seconds)}-second`;
}

/** Requests/s and errors/s per bucket; null when the run has no series. */
export function throughputChart(run: RunSeries, options: RunChartOptions = {}): ChartSpec | null {
  if (!hasSeries(run)) return null;
  const w = run.bucketSeconds;
  return downsampledSpec({
    id: `throughput-${run.id}`,
    title: "Throughput and errors over time",
    caption: `Requests and failed requests per second in ${bucketWords(w)} buckets; errors use the right-hand axis.`,
    x: { kind: "time" },
    y: { title: "Requests/s", unit: "req/s", beginAtZero: true },
    y2: { title: "Errors/s", unit: "errors/s", beginAtZero: true },
    series: [
      {
        id: "rps",
        label: "Requests/s",
        unit: "req/s",
        axis: "y",
        color: "blue",
        style: "line",
        points: run.series.map((p) => [p.t, p.requests / w]),
      },
      {
        id: "eps",
        label: "Errors/s",
        unit: "errors/s",
        axis: "y2",
        color: "red",
        style: "line",
        points: run.series.map((p) => [p.t, p.errors / w]),
      },
    ],
    annotations: windowAnnotation(options),
    timeZone: options.timeZone ?? "UTC",
  });
}

const LATENCY_SERIES = [
  { key: "p50", label: "Median", color: "teal" },
  { key: "p90", label: "p90", color: "purple" },
  { key: "p95", label: "p95", color: "orange" },
  { key: "p99", label: "p99", color: "red" },
] as const;

/** p50/p90/p95/p99 per bucket, with the SLO line; buckets without requests are gaps. */
export function latencyChart(run: RunSeries, options: RunChartOptions = {}): ChartSpec | null {
  if (!hasSeries(run)) return null;
  const annotations = windowAnnotation(options);
  if (options.sloMs)
    annotations.push({
      kind: "threshold",
      axis: "y",
      value: options.sloMs,
      label: `SLO ${formatNumber(options.sloMs)} ms`,
      tone: "bad",
    });
  return downsampledSpec({
    id: `latency-${run.id}`,
    title: "Latency percentiles over time",
    caption: `Response-time percentiles of each ${bucketWords(run.bucketSeconds)} bucket, in milliseconds.`,
    x: { kind: "time" },
    y: { title: "Response time (ms)", unit: "ms", beginAtZero: true },
    series: LATENCY_SERIES.map((s) => ({
      id: s.key,
      label: s.label,
      unit: "ms" as const,
      axis: "y" as const,
      color: s.color,
      style: "line" as const,
      points: run.series.map((p): ChartPoint => [p.t, p[s.key]]),
    })),
    annotations,
    timeZone: options.timeZone ?? "UTC",
  });
}

/** Active users over time: the tool's load profile, else the users column of the series; null when neither exists. */
export function usersChart(run: RunSeries, options: RunChartOptions = {}): ChartSpec | null {
  const points: ChartPoint[] = run.loadProfile.length
    ? run.loadProfile.map((p) => [p.t, p.users])
    : run.series.filter((p) => p.users !== null).map((p) => [p.t, p.users]);
  if (points.length === 0) return null;
  return downsampledSpec({
    id: `users-${run.id}`,
    title: "Active users over time",
    caption: "Users (threads, virtual users) active at each point, as the tool recorded them.",
    x: { kind: "time" },
    y: { title: "Users", unit: "users", beginAtZero: true },
    series: [{ id: "users", label: "Users", unit: "users", axis: "y", color: "green", style: "step", points }],
    annotations: windowAnnotation(options),
    timeZone: options.timeZone ?? "UTC",
  });
}

/** Seconds since the run's first bucket: runs from different weeks line up at zero. */
function elapsedPoints(run: RunSeries & { bucketSeconds: number }, value: (p: SeriesPoint) => number | null): ChartPoint[] {
  const t0 = run.series[0].t;
  return run.series.map((p) => [(p.t - t0) / 1000, value(p)]);
}

function overlay(
  runs: RunSeries[],
  id: string,
  title: string,
  what: string,
  unit: "ms" | "req/s",
  value: (p: SeriesPoint, bucketSeconds: number) => number | null,
): ChartSpec | null {
  const shown = runs.map((run, i) => ({ run, i })).filter(({ run }) => hasSeries(run));
  if (shown.length === 0) return null;
  const missing = runs.filter((r) => !hasSeries(r)).map((r) => r.name);
  const note = missing.length ? ` Not shown (no time series): ${missing.join(", ")}.` : "";
  return downsampledSpec({
    id,
    title,
    caption: `${what} of each run against the time since its first bucket, so runs from different days line up.${note}`,
    x: { kind: "elapsed" },
    y: { title: unit === "ms" ? "p95 (ms)" : "Requests/s", unit, beginAtZero: true },
    series: shown.map(({ run, i }) => ({
      id: `${id}-${run.id}`,
      label: run.name,
      unit,
      axis: "y" as const,
      // The colour follows the run's column on the compare page, even when an earlier run has no series.
      color: colorForIndex(i),
      style: "line" as const,
      dashed: i > 0 && i % 2 === 0,
      points: elapsedPoints(run as RunSeries & { bucketSeconds: number }, (p) => value(p, run.bucketSeconds!)),
    })),
  });
}

export function compareP95Chart(runs: RunSeries[]): ChartSpec | null {
  return overlay(runs, "compare-p95", "p95 latency since start", "p95 per bucket", "ms", (p) => p.p95);
}

export function compareThroughputChart(runs: RunSeries[]): ChartSpec | null {
  return overlay(runs, "compare-throughput", "Throughput since start", "Requests per second", "req/s", (p, w) => p.requests / w);
}

export const RUN_CHART_KINDS = ["throughput", "latency", "users"] as const;
export type RunChartKind = (typeof RUN_CHART_KINDS)[number];

/**
 * The run page's charts, shared by the page and the PNG route so both draw the same thing: the
 * capacity estimate's sustained window shaded, the SLO on the latency chart.
 */
export function runCharts(
  run: RunSeries,
  estimate: CapacityEstimate,
  { timeZone, sloMs }: { timeZone: string; sloMs: number },
): { kind: RunChartKind; spec: ChartSpec }[] {
  const sustained =
    estimate.basis === "series" && estimate.highestRate
      ? {
          from: estimate.highestRate.from,
          to: estimate.highestRate.to,
          label: `held ${formatValue(estimate.highestRate.level, "req/s")}`,
        }
      : null;
  const options = { timeZone, sustained, sloMs };
  const build = { throughput: throughputChart, latency: latencyChart, users: usersChart };
  return RUN_CHART_KINDS.flatMap((kind) => {
    const spec = build[kind](run, options);
    return spec ? [{ kind, spec }] : [];
  });
}
