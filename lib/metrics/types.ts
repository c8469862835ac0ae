/**
 * What every metric importer produces: named series of (time, value) points held in typed arrays
 * (16 bytes a point, whatever the file's size), sorted by time. Times are epoch milliseconds (UTC).
 * A value is a float64 as the source gave it: NaN for "NaN" or a missing value (a gap), ±Infinity
 * for "+Inf"/"-Inf". Nothing is rounded or dropped, so the snapshot is what the source said.
 */
import type { PointColumns } from "@/lib/charts/point-columns";
import type { FileHead, ImportFile } from "@/lib/imports/files";
import type { ImportProgress } from "@/lib/imports/progress";
import type { MetricUnit } from "@/lib/metrics/units";

export type { PointColumns };

export type ParsedMetricSeries = {
  /** "p95 latency", "api-1 cpu", or a Prometheus series as `http_requests_total{job="api"}`. */
  name: string;
  /** A unit the file stated or implied (Grafana's "12 ms" cells, a `unit` field), else null: the user picks. */
  unit: MetricUnit | null;
  /** Labels that identified the series at its source (Prometheus metric labels); {} when none. */
  labels: Record<string, string>;
  points: PointColumns;
};

export type ParsedMetrics = {
  /** Importer id. */
  format: MetricFormatId;
  series: ParsedMetricSeries[];
  /** Things the user should know that did not stop the import: "12 values were NaN and are drawn as gaps". */
  notes: string[];
  /** Lines/records read, for progress and the closing message. */
  rowsRead: number;
};

export const METRIC_FORMAT_IDS = ["prometheus", "grafana-csv", "csv", "json"] as const;
export type MetricFormatId = (typeof METRIC_FORMAT_IDS)[number];

export type MetricImportOptions = {
  /** IANA zone for times written without an offset (Grafana's formatted times, "2026-05-03 14:05"). */
  timeZone: string;
  /** Series name for a file that names none (a two-column CSV). */
  name?: string;
};

export type MetricImportContext = { progress: ImportProgress; options: MetricImportOptions };

export type MetricImporter = {
  id: MetricFormatId;
  /** Shown in "supported formats" lists: "Prometheus query_range JSON". */
  title: string;
  /** Where to get such a file, one line. */
  hint: string;
  detect(head: FileHead): boolean;
  parse(file: ImportFile, ctx: MetricImportContext): Promise<ParsedMetrics>;
};

/** Points at most per import, all series together: 16 bytes each in memory while parsing (160 MB). */
export const MAX_METRIC_POINTS = 10_000_000;
