/** What pages, the API and exports see of metric charts and series: plain JSON, times as ISO strings. */
import type { ChartSpec } from "@/lib/charts/spec";
import { isMetricUnit, type MetricUnit } from "@/lib/metrics/units";

export type MetricSeriesView = {
  id: string;
  chartId: string;
  position: number;
  name: string;
  unit: MetricUnit;
  source: string;
  format: string;
  labels: Record<string, string>;
  pointCount: number;
  firstAt: string | null;
  lastAt: string | null;
  minValue: number | null;
  maxValue: number | null;
  gapCount: number;
  infiniteCount: number;
  /** Fingerprint of the stored raw points: the same value means the same snapshot. */
  sha256: string;
  version: number;
  createdAt: string;
  createdBy: string | null;
};

export type MetricChartView = {
  id: string;
  title: string;
  kind: "line" | "bar";
  caption: string;
  position: number;
  version: number;
  series: MetricSeriesView[];
};

export type MetricChartData = {
  chartId: string;
  /** The chart as drawn: downsampled series, incident window, timeline markers, the asked zone. */
  spec: ChartSpec;
  /** Everything the chart can show (data and incident window), for "reset zoom". */
  fullRange: { min: number; max: number };
  incidentWindow: { from: number; to: number } | null;
  incidentTimeZone: string;
  series: { id: string; level: number; rawPointsInWindow: number; shownPoints: number }[];
};

export type IncidentMetrics = {
  incidentTimeZone: string;
  charts: (MetricChartView & { data: MetricChartData })[];
};

export type MetricSeriesRow = {
  id: string;
  chartId: string;
  position: number;
  name: string;
  unit: string;
  source: string;
  format: string;
  labels: unknown;
  pointCount: number;
  firstAt: Date | null;
  lastAt: Date | null;
  minValue: number | null;
  maxValue: number | null;
  gapCount: number;
  infiniteCount: number;
  sha256: string;
  version: number;
  createdAt: Date;
  createdBy?: { name: string | null; email: string } | null;
};

function labelsOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

export function toMetricSeriesView(row: MetricSeriesRow): MetricSeriesView {
  return {
    id: row.id,
    chartId: row.chartId,
    position: row.position,
    name: row.name,
    // Stored units come from the schema; an unknown one (edited by hand in the database) reads as a count.
    unit: isMetricUnit(row.unit) ? row.unit : "count",
    source: row.source,
    format: row.format,
    labels: labelsOf(row.labels),
    pointCount: row.pointCount,
    firstAt: row.firstAt?.toISOString() ?? null,
    lastAt: row.lastAt?.toISOString() ?? null,
    minValue: row.minValue,
    maxValue: row.maxValue,
    gapCount: row.gapCount,
    infiniteCount: row.infiniteCount,
    sha256: row.sha256,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy ? row.createdBy.name || row.createdBy.email : null,
  };
}

/** The columns of MetricSeries that a view needs, for Prisma selects. */
export const METRIC_SERIES_SELECT = {
  id: true,
  chartId: true,
  position: true,
  name: true,
  unit: true,
  source: true,
  format: true,
  labels: true,
  pointCount: true,
  firstAt: true,
  lastAt: true,
  minValue: true,
  maxValue: true,
  gapCount: true,
  infiniteCount: true,
  sha256: true,
  version: true,
  createdAt: true,
  createdById: true,
} as const;
