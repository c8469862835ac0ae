/**
 * What every uptime importer produces and what the uptime maths reads. A parser turns one tool's
 * files into `ParsedUptime` (monitors with samples, the tool's own figures and reported outages);
 * `saveUptimeImport` writes it in one short transaction. Times are epoch milliseconds (UTC),
 * latencies milliseconds.
 */
import type { FileHead, ImportFile } from "@/lib/imports/files";
import type { ImportProgress } from "@/lib/imports/progress";

export const MONITOR_KINDS = ["http", "jsonrpc", "websocket", "tcp", "dns", "other"] as const;
export type MonitorKind = (typeof MONITOR_KINDS)[number];
export const MONITOR_KIND_NAMES: Record<MonitorKind, string> = {
  http: "HTTP",
  jsonrpc: "JSON-RPC",
  websocket: "WebSocket",
  tcp: "TCP",
  dns: "DNS",
  other: "Other",
};

/** degraded: Uptime Kuma "pending", a Statuspage minor incident; counted as up, shown apart. */
export const UPTIME_STATUSES = ["up", "down", "degraded", "maintenance"] as const;
export type UptimeStatus = (typeof UPTIME_STATUSES)[number];

/** How time without data counts. "unknown" (the default) leaves it out of uptime %. */
export const GAP_RULES = ["unknown", "up", "down"] as const;
export type GapRule = (typeof GAP_RULES)[number];

export const UPTIME_SOURCES = ["upptime", "uptime-kuma", "prometheus", "statuspage", "csv"] as const;
export type UptimeSource = (typeof UPTIME_SOURCES)[number];
export const UPTIME_SOURCE_NAMES: Record<UptimeSource, string> = {
  upptime: "Upptime",
  "uptime-kuma": "Uptime Kuma",
  prometheus: "Prometheus",
  statuspage: "Atlassian Statuspage",
  csv: "CSV",
};

export type UptimeSample = {
  /** Epoch ms (UTC). */
  at: number;
  status: UptimeStatus;
  latencyMs: number | null;
  /** HTTP status code or similar, when the source gives one. */
  code: number | null;
  /** The tool's message ("403 Forbidden", Kuma's msg), "" when none. */
  message: string;
};

/** A window of the tool's own uptime figure: all of its history, or the last N hours before `asOf`. */
export type ReportedWindow = { kind: "all" } | { kind: "rolling"; hours: number };

/**
 * Figures the tool computed itself (Upptime summary.json / api/<slug>/uptime.json, Kuma's
 * uptimeList). Shown beside ours, never mixed into them.
 */
export type ReportedUptime = {
  /** File it came from: "history/summary.json (2020 layout)", "api/qa-insights/uptime.json". */
  source: string;
  /** How the tool computes it, to explain a difference: "Upptime counts minutes between its own down/up issues". */
  method: string;
  /** When the tool computed it (epoch ms), null when unknown. */
  asOf: number | null;
  figures: { label: string; window: ReportedWindow; uptimePct: number | null }[];
  responseTimeMs: number | null;
  /** Upptime's dailyMinutesDown: "YYYY-MM-DD" → minutes. */
  dailyMinutesDown: Record<string, number> | null;
  /** The status the tool showed last ("up", "down", "degraded"), null when not given. */
  status: string | null;
};

export type ParsedOutage = {
  /** "upptime-issue", "statuspage" */
  source: string;
  /** Issue number or incident id at the source, unique per monitor and source. */
  reference: string;
  title: string;
  url: string;
  startedAt: number;
  /** Null while open. */
  endedAt: number | null;
  impact: string;
  /** Oldest first. */
  updates: { at: number; status: string; body: string }[];
};

export type ParsedMonitor = {
  /** Identity at the source (Upptime slug, Kuma monitor id, Prometheus labels, Statuspage component id). */
  sourceKey: string;
  name: string;
  /** URL, host:port, RPC endpoint… "" when the source does not say. */
  target: string;
  /** Guessed from the target or the tool's monitor type (wss:// → websocket, Kuma "port" → tcp). */
  kind: MonitorKind;
  /** Sorted by `at`, one per instant. */
  samples: UptimeSample[];
  /** Seconds between checks for periodic sources (Kuma interval, Prometheus step, median CSV spacing); null for change logs. */
  checkIntervalSec: number | null;
  /** Where the data ends (Upptime lastUpdated, last heartbeat); null = last sample. */
  dataEnd: number | null;
  reported: ReportedUptime[];
  outages: ParsedOutage[];
  /** Planned windows the source knows (Kuma status 3 runs become samples instead). */
  maintenance: { startsAt: number; endsAt: number; reason: string }[];
  /** Zone for display when the source has one (a Statuspage page's time_zone). */
  timeZone: string | null;
};

export const UPTIME_FORMAT_IDS = [
  "upptime",
  "uptime-kuma-heartbeat",
  "uptime-kuma-db",
  "prometheus",
  "statuspage",
  "csv",
] as const;
export type UptimeFormatId = (typeof UPTIME_FORMAT_IDS)[number];

export type ParsedUptime = {
  format: UptimeFormatId;
  source: UptimeSource;
  monitors: ParsedMonitor[];
  /** Things the user should know that did not stop the import ("a plain zip holds one sample per monitor"). */
  notes: string[];
  /** Lines/records read, for progress and the closing message. */
  rowsRead: number;
};

export type UptimeImportOptions = {
  /** IANA zone for times written without an offset (plain CSV); Kuma times are UTC whatever this says. */
  timeZone: string;
  /** Monitor name for a source that names none (a plain CSV; defaults to the file name). */
  monitorName?: string;
  /** Target for a plain CSV. */
  target?: string;
};

export type UptimeImportContext = { progress: ImportProgress; options: UptimeImportOptions };

/**
 * One uptime format. Files are the whole upload: a folder's files (name = relative path,
 * "history/qa-insights.yml", ".git/HEAD"), a zip, or a pair (Kuma heartbeat + status page JSON).
 */
export type UptimeImporter = {
  id: UptimeFormatId;
  title: string;
  /** Whether this upload looks like this format (heads of every file, in upload order). */
  detect(heads: FileHead[]): boolean;
  parse(files: ImportFile[], ctx: UptimeImportContext): Promise<ParsedUptime>;
};
