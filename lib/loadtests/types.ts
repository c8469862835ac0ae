/**
 * What every load-test importer produces. A parser turns one tool's files into a `ParsedRun`;
 * `saveLoadTestRun` writes it in one short transaction. Latencies are milliseconds, sizes bytes,
 * times epoch milliseconds (UTC).
 */
import type { ImportProgress } from "@/lib/imports/progress";

export const LOAD_TEST_TOOLS = ["jmeter", "locust", "k6", "gatling", "artillery", "autocannon", "ab"] as const;
export type LoadTestTool = (typeof LOAD_TEST_TOOLS)[number];

export const TOOL_NAMES: Record<LoadTestTool, string> = {
  jmeter: "JMeter",
  locust: "Locust",
  k6: "k6",
  gatling: "Gatling",
  artillery: "Artillery",
  autocannon: "autocannon",
  ab: "ApacheBench",
};

/** The standard percentile columns, in display order. Anything else a tool reports goes to `otherPercentiles`. */
export const PERCENTILE_KEYS = ["p50", "p75", "p90", "p95", "p99", "p999"] as const;
export type PercentileKey = (typeof PERCENTILE_KEYS)[number];
export const PERCENTILE_OF: Record<PercentileKey, number> = { p50: 50, p75: 75, p90: 90, p95: 95, p99: 99, p999: 99.9 };

/** Figures of one label, or of the whole run when `isTotal`. A figure the source did not give is null, never invented. */
export type LabelStatistics = {
  label: string;
  isTotal: boolean;
  /** JMeter sub-samples (`label-0`, redirects, embedded resources) name the parent they were counted apart from. */
  parentLabel: string | null;
  count: number;
  errors: number;
  min: number | null;
  mean: number | null;
  max: number | null;
  stddev: number | null;
  p50: number | null;
  p75: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  p999: number | null;
  /** Percentiles the tool reported beyond the standard set, keyed by percent as text: { "97.5": 12, "66": 4 }. */
  otherPercentiles: Record<string, number>;
  /** Requests per second. */
  throughput: number | null;
  receivedBytes: number | null;
  sentBytes: number | null;
  /** Where figures came from, keyed by field name or "*" for all: "computed from 1,000 samples", "reported by k6 (summary export)". */
  sources: Record<string, string>;
};

/** One bucket of the run's time series; `t` is the bucket start (epoch ms). */
export type SeriesPoint = {
  t: number;
  requests: number;
  errors: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  /** Active users / threads / VUs at the end of the bucket, when known. */
  users: number | null;
};

export type LoadProfilePoint = { t: number; users: number };

export type ThresholdResult = { name: string; passed: boolean; detail?: string };

export type StatisticsSource = "samples" | "histogram" | "tool";

export type ParsedRun = {
  tool: LoadTestTool;
  /** Importer id, one of LOAD_TEST_FORMAT_IDS. */
  format: string;
  /** A name suggested by the files (simulation name, test plan...), if any. */
  suggestedName: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  /** The journal's "Setup": machine, workers, processes, tool version, concurrency... */
  environment: Record<string, string>;
  statisticsSource: StatisticsSource;
  /** Relative error bound (percent) of histogram percentiles when statisticsSource is "histogram". */
  histogramErrorPct: number | null;
  /** Per-label figures, total excluded, in the order the tool listed them (or first seen). */
  labels: LabelStatistics[];
  total: LabelStatistics;
  bucketSeconds: number | null;
  series: SeriesPoint[];
  loadProfile: LoadProfilePoint[];
  thresholds: ThresholdResult[];
  warnings: string[];
  /** Data rows / samples / records read, for progress and the closing message. */
  rowsRead: number;
};

export type { ImportFile, FileHead } from "@/lib/imports/files";
import type { FileHead, ImportFile } from "@/lib/imports/files";

export type LoadTestImportOptions = {
  /** Importer id the user stated; detection is skipped. */
  format?: string;
  /** Columns of a headerless JMeter CSV, in file order (default: JMeter's default saveservice order). */
  columns?: string[];
  /** Field delimiter of a JMeter CSV (default: detected from the header, else ","). */
  delimiter?: string;
};

export type ImportContext = {
  progress: ImportProgress;
  options: LoadTestImportOptions;
};

export type LoadTestImporter = {
  id: string;
  tool: LoadTestTool;
  /** Shown in "supported formats" lists: "JMeter JTL (CSV)". */
  title: string;
  /** How to produce the file, one line: "jmeter -n -t plan.jmx -l results.jtl". */
  hint: string;
  /**
   * Content sniff over the first 64 KiB of every file of the upload. Returns true when this importer
   * reads these files. Must be cheap and must not claim files another format owns.
   */
  detect(files: FileHead[]): boolean;
  parse(files: ImportFile[], ctx: ImportContext): Promise<ParsedRun>;
};

/** An empty total/label row for importers to fill in. */
export function emptyStatistics(label: string, isTotal = false): LabelStatistics {
  return {
    label,
    isTotal,
    parentLabel: null,
    count: 0,
    errors: 0,
    min: null,
    mean: null,
    max: null,
    stddev: null,
    p50: null,
    p75: null,
    p90: null,
    p95: null,
    p99: null,
    p999: null,
    otherPercentiles: {},
    throughput: null,
    receivedBytes: null,
    sentBytes: null,
    sources: {},
  };
}
