/**
 * Runs side by side with deltas against the first (baseline) run: the journal of runs over weeks,
 * "300 → 500 users, median 1.5 s → 10 ms". Pure; a figure missing in either run leaves its delta empty.
 */
import type { LabelStatistics, LoadProfilePoint, LoadTestTool, SeriesPoint } from "@/lib/loadtests/types";
import { peakUsers } from "@/lib/loadtests/analysis/load-gap";

export type ComparableRun = {
  id: string;
  name: string;
  tool: LoadTestTool;
  startedAt: Date | null;
  endedAt: Date | null;
  total: LabelStatistics;
  labels: LabelStatistics[];
  loadProfile: LoadProfilePoint[];
  series: SeriesPoint[];
};

export type MetricUnit = "count" | "%" | "ms" | "req/s" | "users" | "s";

export type CompareMetricKey =
  "count" | "errorPct" | "mean" | "p50" | "p90" | "p95" | "p99" | "max" | "throughput" | "peakUsers" | "durationSeconds";

export type CompareMetric = {
  key: CompareMetricKey;
  label: string;
  unit: MetricUnit;
  /** Which direction is an improvement; null where neither is (a bigger sample is not better). */
  better: "lower" | "higher" | null;
};

export const COMPARE_METRICS: CompareMetric[] = [
  { key: "count", label: "Samples", unit: "count", better: null },
  { key: "errorPct", label: "Errors", unit: "%", better: "lower" },
  { key: "mean", label: "Average", unit: "ms", better: "lower" },
  { key: "p50", label: "Median", unit: "ms", better: "lower" },
  { key: "p90", label: "90% line", unit: "ms", better: "lower" },
  { key: "p95", label: "95% line", unit: "ms", better: "lower" },
  { key: "p99", label: "99% line", unit: "ms", better: "lower" },
  { key: "max", label: "Max", unit: "ms", better: "lower" },
  { key: "throughput", label: "Throughput", unit: "req/s", better: "higher" },
  { key: "peakUsers", label: "Peak users", unit: "users", better: null },
  { key: "durationSeconds", label: "Duration", unit: "s", better: null },
];

/** The per-label rows: run-level figures (users, duration) do not apply to a label. */
const LABEL_METRICS = COMPARE_METRICS.filter((m) => m.key !== "peakUsers" && m.key !== "durationSeconds");

/** Change from the baseline: `absolute` in the metric's unit (percentage points for errors), `percent` of the baseline. */
export type Delta = { absolute: number; percent: number | null };

export type CompareRow = CompareMetric & {
  values: (number | null)[];
  /** One per run; the baseline's, and any whose figure is missing on either side, are null. */
  deltas: (Delta | null)[];
  /** Per run: true when the change is an improvement, false when it is worse, null when neutral or unknown. */
  improved: (boolean | null)[];
};

export type LabelComparison = { label: string; present: boolean[]; rows: CompareRow[] };

export type RunComparison = {
  runs: { id: string; name: string; tool: LoadTestTool; startedAt: Date | null }[];
  rows: CompareRow[];
  /** Labels found in at least two runs, in order of first appearance. */
  labels: LabelComparison[];
};

export function errorPct(s: Pick<LabelStatistics, "count" | "errors">): number | null {
  return s.count > 0 ? (s.errors / s.count) * 100 : null;
}

function durationSeconds(run: ComparableRun): number | null {
  if (!run.startedAt || !run.endedAt) return null;
  const ms = run.endedAt.getTime() - run.startedAt.getTime();
  return ms >= 0 ? ms / 1000 : null;
}

function statisticsValue(s: LabelStatistics, key: CompareMetricKey): number | null {
  switch (key) {
    case "count":
      return s.count;
    case "errorPct":
      return errorPct(s);
    case "mean":
    case "p50":
    case "p90":
    case "p95":
    case "p99":
    case "max":
    case "throughput":
      return s[key];
    default:
      return null;
  }
}

function runValue(run: ComparableRun, key: CompareMetricKey): number | null {
  if (key === "peakUsers") return peakUsers(run.loadProfile, run.series);
  if (key === "durationSeconds") return durationSeconds(run);
  return statisticsValue(run.total, key);
}

export function delta(baseline: number | null, value: number | null): Delta | null {
  if (baseline === null || value === null) return null;
  return { absolute: value - baseline, percent: baseline !== 0 ? ((value - baseline) / baseline) * 100 : null };
}

function row(metric: CompareMetric, values: (number | null)[]): CompareRow {
  const deltas = values.map((v, i) => (i === 0 ? null : delta(values[0], v)));
  const improved = deltas.map((d) =>
    d === null || metric.better === null || d.absolute === 0 ? null : metric.better === "lower" ? d.absolute < 0 : d.absolute > 0,
  );
  return { ...metric, values, deltas, improved };
}

export function compareRuns(runs: ComparableRun[]): RunComparison {
  const rows = COMPARE_METRICS.map((m) =>
    row(
      m,
      runs.map((r) => runValue(r, m.key)),
    ),
  );
  const order: string[] = [];
  const byRun = runs.map((r) => {
    const map = new Map<string, LabelStatistics>();
    for (const l of r.labels) {
      if (!map.has(l.label)) map.set(l.label, l);
      if (!order.includes(l.label)) order.push(l.label);
    }
    return map;
  });
  const labels: LabelComparison[] = order
    .map((label) => ({ label, present: byRun.map((m) => m.has(label)) }))
    .filter((l) => l.present.filter(Boolean).length >= 2)
    .map(({ label, present }) => ({
      label,
      present,
      rows: LABEL_METRICS.map((m) =>
        row(
          m,
          byRun.map((map) => {
            const s = map.get(label);
            return s ? statisticsValue(s, m.key) : null;
          }),
        ),
      ),
    }));
  return { runs: runs.map((r) => ({ id: r.id, name: r.name, tool: r.tool, startedAt: r.startedAt })), rows, labels };
}
