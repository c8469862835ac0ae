/**
 * Rows of the aggregate table, laid out like JMeter's Aggregate Report: sub-samples (redirects,
 * embedded resources) indented under their parent, the total last. Pure; unreported figures stay null.
 */
import { PERCENTILE_OF, type LabelStatistics } from "@/lib/loadtests/types";
import { errorPct } from "@/lib/loadtests/analysis/compare";

export type AggregateColumnKey =
  "count" | "mean" | "p50" | "p90" | "p95" | "p99" | "min" | "max" | "errorPct" | "throughput" | "receivedKBps" | "sentKBps";

export type AggregateColumn = {
  key: AggregateColumnKey;
  header: string;
  unit: "count" | "ms" | "%" | "req/s" | "KB/s";
  /** The stored field whose `sources` entry explains this figure. */
  sourceField: keyof LabelStatistics;
};

export const AGGREGATE_COLUMNS: AggregateColumn[] = [
  { key: "count", header: "# Samples", unit: "count", sourceField: "count" },
  { key: "mean", header: "Average", unit: "ms", sourceField: "mean" },
  { key: "p50", header: "Median", unit: "ms", sourceField: "p50" },
  { key: "p90", header: "90% Line", unit: "ms", sourceField: "p90" },
  { key: "p95", header: "95% Line", unit: "ms", sourceField: "p95" },
  { key: "p99", header: "99% Line", unit: "ms", sourceField: "p99" },
  { key: "min", header: "Min", unit: "ms", sourceField: "min" },
  { key: "max", header: "Max", unit: "ms", sourceField: "max" },
  { key: "errorPct", header: "Error %", unit: "%", sourceField: "errors" },
  { key: "throughput", header: "Throughput", unit: "req/s", sourceField: "throughput" },
  { key: "receivedKBps", header: "Received KB/sec", unit: "KB/s", sourceField: "receivedBytes" },
  { key: "sentKBps", header: "Sent KB/sec", unit: "KB/s", sourceField: "sentBytes" },
];

export type AggregateRow = {
  label: string;
  isTotal: boolean;
  /** 0 for a top-level label, 1 for a sub-sample shown under its parent, 2 for a sub-sample of that... */
  depth: number;
  values: Record<AggregateColumnKey, number | null>;
  /** Where each figure came from, when the importer said. */
  sources: Record<AggregateColumnKey, string | null>;
  /** Percentiles outside the table's columns (p75, p99.9, the tool's own such as p97.5), ascending. */
  otherPercentiles: { percent: number; value: number }[];
};

/**
 * KB/s the way JMeter computes it: bytes / 1024 over the label's own span; that span is
 * samples / throughput, so the figure derives from stored values without inventing any.
 */
export function kilobytesPerSecond(bytes: number | null, count: number, throughput: number | null): number | null {
  if (bytes === null || throughput === null || count <= 0) return null;
  return (bytes / 1024) * (throughput / count);
}

function sourceOf(s: LabelStatistics, field: string): string | null {
  return s.sources[field] ?? s.sources["*"] ?? null;
}

function toRow(s: LabelStatistics, depth: number): AggregateRow {
  const values: Record<AggregateColumnKey, number | null> = {
    count: s.count,
    mean: s.mean,
    p50: s.p50,
    p90: s.p90,
    p95: s.p95,
    p99: s.p99,
    min: s.min,
    max: s.max,
    errorPct: errorPct(s),
    throughput: s.throughput,
    receivedKBps: kilobytesPerSecond(s.receivedBytes, s.count, s.throughput),
    sentKBps: kilobytesPerSecond(s.sentBytes, s.count, s.throughput),
  };
  const sources = Object.fromEntries(AGGREGATE_COLUMNS.map((c) => [c.key, sourceOf(s, c.sourceField)])) as Record<
    AggregateColumnKey,
    string | null
  >;
  const otherPercentiles = [
    ...(s.p75 !== null ? [{ percent: PERCENTILE_OF.p75, value: s.p75 }] : []),
    ...(s.p999 !== null ? [{ percent: PERCENTILE_OF.p999, value: s.p999 }] : []),
    ...Object.entries(s.otherPercentiles)
      .map(([k, v]) => ({ percent: Number(k), value: v }))
      .filter((p) => Number.isFinite(p.percent) && Number.isFinite(p.value)),
  ].sort((a, b) => a.percent - b.percent);
  return { label: s.label, isTotal: s.isTotal, depth, values, sources, otherPercentiles };
}

/** Parents in the tool's order, each followed by its sub-samples; sub-samples whose parent is absent stay top-level. */
export function aggregateReport(labels: LabelStatistics[], total: LabelStatistics): AggregateRow[] {
  const names = new Set(labels.map((l) => l.label));
  const isNested = (l: LabelStatistics) => l.parentLabel !== null && l.parentLabel !== l.label && names.has(l.parentLabel);
  const children = new Map<string, LabelStatistics[]>();
  for (const l of labels) {
    if (!isNested(l)) continue;
    const list = children.get(l.parentLabel!) ?? [];
    list.push(l);
    children.set(l.parentLabel!, list);
  }
  const rows: AggregateRow[] = [];
  const emitted = new Set<LabelStatistics>();
  const emit = (l: LabelStatistics, depth: number) => {
    if (emitted.has(l)) return;
    emitted.add(l);
    rows.push(toRow(l, depth));
    for (const child of children.get(l.label) ?? []) emit(child, depth + 1);
  };
  for (const l of labels) if (!isNested(l)) emit(l, 0);
  // A parent chain that loops back on itself has no top-level row: show what is left flat rather than drop it.
  for (const l of labels) emit(l, 0);
  rows.push(toRow({ ...total, isTotal: true }, 0));
  return rows;
}
