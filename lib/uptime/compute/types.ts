/**
 * Inputs and results of the uptime maths (lib/uptime/compute/*). Pure data, no database: the
 * pages, the report, the export block and the tests all feed these functions the same shapes.
 * Times are epoch ms (UTC) except in `UptimeReport`, which is plain JSON with ISO strings because
 * it travels inside ExportData.
 */
import type { GapRule, MonitorKind, UptimeSample, UptimeStatus } from "@/lib/uptime/types";

export type TimeWindow = { from: number; to: number };

/** What one monitor's maths needs. */
export type MonitorSeries = {
  /** Sorted by `at`. */
  samples: UptimeSample[];
  /** Periodic checks: a sample holds until the next one but at most 2 × this; later is a gap. Null: change log, holds until the next sample. */
  checkIntervalSec: number | null;
  /** The last sample holds until here (null: the last sample's instant + checkIntervalSec, or its instant for change logs). */
  dataEnd: number | null;
  maintenance: { startsAt: number; endsAt: number }[];
};

/** A stretch of time in one state; "unknown" where no sample covers it. Adjacent intervals never share a status. */
export type StatusInterval = { start: number; end: number; status: UptimeStatus | "unknown" };

export type UptimeFigures = {
  window: TimeWindow;
  gapRule: GapRule;
  upMs: number;
  downMs: number;
  /** Counted as up in uptimePct, reported apart. */
  degradedMs: number;
  /** Left out of uptime (planned). */
  maintenanceMs: number;
  /** No data. Under the gap rule "up"/"down" it is also added to upMs/downMs-like counting in uptimePct, but reported here as it was. */
  unknownMs: number;
  /** (up + degraded [+ unknown if rule up]) / (window − maintenance [− unknown if rule unknown]) × 100; null when nothing is known. */
  uptimePct: number | null;
  /** Share of the non-maintenance window covered by data, in percent; null for an empty window. */
  coveragePct: number | null;
};

export type DowntimeWindow = {
  start: number;
  /** The first up/degraded sample after it, or where data stopped covering it; for an open window the data end. */
  end: number;
  durationMs: number;
  /** Still down at the end of the data. */
  open: boolean;
  /** Failing samples inside it. */
  failedChecks: number;
  /** Distinct codes seen while down (403, 0, …), in order of first appearance. */
  codes: number[];
  /** The first failing sample's message ("" when none). */
  message: string;
};

export type Reliability = {
  failures: number;
  /** Mean duration of closed downtime windows; null when none closed. */
  mttrMs: number | null;
  /** Up time (up + degraded) / failures; null without failures. */
  mtbfMs: number | null;
};

export type ErrorBudget = {
  sloTargetPct: number;
  /** (1 − SLO) × counted time. */
  allowedDownMs: number;
  /** Down time as counted under the gap rule. */
  usedDownMs: number;
  /** allowed − used; negative when blown. */
  remainingMs: number;
  /** used / allowed × 100; null when allowed is 0. */
  usedPct: number | null;
  /** Observed failure rate / allowed failure rate (1 = spending exactly the budget); null when nothing counted. */
  burnRate: number | null;
};

export type LatencyFigures = {
  count: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
};

export type DayStatus = {
  /** YYYY-MM-DD in the zone asked for. */
  date: string;
  start: number;
  end: number;
  /** Worst state of the day: down > degraded > maintenance > up; "unknown" when no data at all. */
  state: UptimeStatus | "unknown";
  uptimePct: number | null;
  downMs: number;
  unknownMs: number;
};

export type MonthUptime = { month: string; figures: UptimeFigures; downtimeWindows: number };

export type UptimePeriod = "day" | "week" | "month" | "quarter" | "year";

/** One of the tool's own figures next to ours over the same window. */
export type ReportedComparison = {
  label: string;
  source: string;
  window: TimeWindow | null;
  reportedPct: number | null;
  computedPct: number | null;
  /** computed − reported, percentage points. */
  differencePct: number | null;
  /** Why they can differ: method, window, data. */
  explanation: string;
};

export type CoverageVerdict = "caught" | "green" | "no-data" | "partial-data";

export type CoverageRow = {
  monitorId: string;
  name: string;
  kind: MonitorKind;
  target: string;
  serviceName: string | null;
  /** Linked to the incident by hand (else found through a shared service). */
  linked: boolean;
  verdict: CoverageVerdict;
  downMs: number;
  firstDownAt: number | null;
  /** Stayed green (or silent) while the incident's services were down: the monitor did not see it. */
  blindSpot: boolean;
  /** One sentence for the page: "Stayed green for all 6 h 10 min of the incident: it probes JSON-RPC, not WebSocket." */
  explanation: string;
};

export type CoverageReport = {
  window: TimeWindow;
  rows: CoverageRow[];
  /** Incident services with no monitor at all. */
  unmonitoredServices: string[];
  /** One or two sentences summing it up. */
  summary: string;
};

/** The uptime report for a period against a target: the report page, its Markdown/CSV export and ExportData.uptime. */
export type UptimeReport = {
  /** ISO UTC. */
  from: string;
  to: string;
  timeZone: string;
  targetPct: number;
  monitors: UptimeReportMonitor[];
  /** Sentences the reader needs: gap rule, monitors without data, reported figures that differ. */
  notes: string[];
};

export type UptimeReportMonitor = {
  id: string;
  name: string;
  kind: MonitorKind;
  target: string;
  service: string | null;
  source: string;
  sloTargetPct: number;
  gapRule: GapRule;
  uptimePct: number | null;
  coveragePct: number | null;
  downMinutes: number;
  unknownMinutes: number;
  maintenanceMinutes: number;
  /** Against the report's target; null without data. */
  meetsTarget: boolean | null;
  failures: number;
  mttrMinutes: number | null;
  mtbfHours: number | null;
  budget: { allowedMinutes: number; usedMinutes: number; remainingMinutes: number; burnRate: number | null };
  latency: { p50: number | null; p95: number | null; p99: number | null } | null;
  downtimeWindows: { start: string; end: string; minutes: number; open: boolean }[];
  reported: { label: string; source: string; reportedPct: number | null; computedPct: number | null; explanation: string }[];
};
