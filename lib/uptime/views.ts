/**
 * What the uptime pages show, as plain JSON built by the loaders in lib/uptime (load-monitor-page.ts,
 * list-monitors.ts, load-incident-monitors.ts) and rendered by app/(app)/monitors and the incident
 * page. Figures keep epoch ms; everything else is ISO strings.
 */
import type { ChartSpec } from "@/lib/charts/spec";
import type {
  CoverageReport,
  DayStatus,
  DowntimeWindow,
  ErrorBudget,
  LatencyFigures,
  MonthUptime,
  Reliability,
  ReportedComparison,
  UptimeFigures,
} from "@/lib/uptime/compute/types";
import type { GapRule, MonitorKind, UptimeSource, UptimeStatus } from "@/lib/uptime/types";

export type MonitorSummaryView = {
  id: string;
  name: string;
  kind: MonitorKind;
  target: string;
  source: UptimeSource;
  serviceId: string | null;
  serviceName: string | null;
  sloTargetPct: number;
  /** Status of the last sample, "unknown" without samples. */
  lastStatus: UptimeStatus | "unknown";
  lastCheckAt: string | null;
  /** Over the 30/90 days before the data end, under the monitor's gap rule. */
  uptime30dPct: number | null;
  uptime90dPct: number | null;
  dataStart: string | null;
  dataEnd: string | null;
  sampleCount: number;
  /** Incidents this monitor is linked to. */
  incidentCount: number;
};

export type MonitorDetailView = MonitorSummaryView & {
  sourceKey: string;
  checkIntervalSec: number | null;
  gapRule: GapRule;
  minDowntimeSec: number;
  timeZone: string;
  version: number;
};

export type MonitorPageView = {
  monitor: MonitorDetailView;
  period: { kind: "day" | "week" | "month" | "quarter" | "year" | "all" | "custom"; from: number; to: number; label: string };
  figures: UptimeFigures;
  reliability: Reliability;
  budget: ErrorBudget;
  latency: LatencyFigures;
  /** The 90 days up to the data end, in the monitor's zone. */
  strip: DayStatus[];
  /** Every month with data, newest first. */
  months: MonthUptime[];
  /** Downtime windows in the period (at least minDowntimeSec long), newest first, with incidents linked for them. */
  downtime: (DowntimeWindow & { incidents: { number: number; title: string }[] })[];
  /** The tool's own figures beside ours. */
  reported: ReportedComparison[];
  outages: {
    id: string;
    source: string;
    reference: string;
    title: string;
    url: string;
    startedAt: string;
    endedAt: string | null;
    impact: string;
  }[];
  maintenance: { id: string; startsAt: string; endsAt: string; reason: string }[];
  incidents: { number: number; title: string; note: string; windowStart: string | null; windowEnd: string | null }[];
  /** Response time over the period (downsampled, extremes kept); null without latency data. */
  responseChart: { spec: ChartSpec; status: string; fullRange: { min: number; max: number } } | null;
  /** For the edit form. */
  services: { id: string; name: string }[];
};

export type IncidentMonitorsView = {
  coverage: CoverageReport;
  linked: { monitorId: string; name: string; note: string; windowStart: string | null; windowEnd: string | null }[];
  /** Monitors that can be linked (not linked yet). */
  choices: { id: string; name: string; serviceName: string | null }[];
};
