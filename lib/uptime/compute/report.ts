/**
 * The uptime report: every monitor's figures for one period against a target, as plain JSON (ISO
 * strings, minutes) for the report page, its Markdown/CSV exports and ExportData.uptime.
 */
import { statusIntervals } from "@/lib/uptime/compute/intervals";
import { computeUptime } from "@/lib/uptime/compute/uptime";
import { downtimeWindows } from "@/lib/uptime/compute/downtime";
import { reliability } from "@/lib/uptime/compute/reliability";
import { errorBudget } from "@/lib/uptime/compute/budget";
import { latencyPercentiles } from "@/lib/uptime/compute/latency";
import { compareReported } from "@/lib/uptime/compute/reported";
import { formatPoints, formatTargetPct, formatUptimePct, joinWords } from "@/lib/uptime/compute/format";
import type { MonitorSeries, TimeWindow, UptimeReport, UptimeReportMonitor } from "@/lib/uptime/compute/types";
import type { GapRule, MonitorKind, ReportedUptime } from "@/lib/uptime/types";

export type UptimeReportMonitorInput = {
  id: string;
  name: string;
  kind: MonitorKind;
  target: string;
  service: string | null;
  /** "Upptime", "Uptime Kuma", … */
  source: string;
  sloTargetPct: number;
  gapRule: GapRule;
  minDowntimeSec: number;
  series: MonitorSeries;
  reported: ReportedUptime[];
};

export type UptimeReportInput = {
  from: number;
  to: number;
  timeZone: string;
  targetPct: number;
  monitors: UptimeReportMonitorInput[];
};

/** Reported and computed figures further apart than this are named in the notes. */
const NOTE_DIFFERENCE_POINTS = 0.01;
/** A monitor with data for less than this share of the period gets a note. */
const LOW_COVERAGE_PCT = 90;

const GAP_RULE_WORDS: Record<GapRule, string> = {
  unknown: "time without data is unknown and left out of uptime",
  up: "time without data counts as up",
  down: "time without data counts as down",
};

export function buildUptimeReport(input: UptimeReportInput): UptimeReport {
  const window: TimeWindow = { from: input.from, to: input.to };
  const monitors = input.monitors.map((m) => reportMonitor(m, window, input.targetPct));
  return {
    from: new Date(input.from).toISOString(),
    to: new Date(input.to).toISOString(),
    timeZone: input.timeZone,
    targetPct: input.targetPct,
    monitors,
    notes: reportNotes(monitors, input.targetPct),
  };
}

function reportMonitor(m: UptimeReportMonitorInput, window: TimeWindow, targetPct: number): UptimeReportMonitor {
  const figures = computeUptime(statusIntervals(m.series, window), window, m.gapRule);
  const windows = downtimeWindows(m.series, { minDurationMs: m.minDowntimeSec * 1000, window });
  const rel = reliability(windows, figures);
  const budget = errorBudget(figures, m.sloTargetPct);
  const latency = latencyPercentiles(m.series.samples, window);
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    target: m.target,
    service: m.service,
    source: m.source,
    sloTargetPct: m.sloTargetPct,
    gapRule: m.gapRule,
    uptimePct: roundTo(figures.uptimePct, 6),
    coveragePct: roundTo(figures.coveragePct, 4),
    downMinutes: minutes(figures.downMs),
    unknownMinutes: minutes(figures.unknownMs),
    maintenanceMinutes: minutes(figures.maintenanceMs),
    meetsTarget: figures.uptimePct === null ? null : figures.uptimePct >= targetPct,
    failures: rel.failures,
    mttrMinutes: rel.mttrMs === null ? null : minutes(rel.mttrMs),
    mtbfHours: rel.mtbfMs === null ? null : roundTo(rel.mtbfMs / 3_600_000, 2),
    budget: {
      allowedMinutes: minutes(budget.allowedDownMs),
      usedMinutes: minutes(budget.usedDownMs),
      remainingMinutes: minutes(budget.remainingMs),
      burnRate: roundTo(budget.burnRate, 3),
    },
    latency:
      latency.count === 0 ? null : { p50: roundTo(latency.p50, 1), p95: roundTo(latency.p95, 1), p99: roundTo(latency.p99, 1) },
    downtimeWindows: windows.map((w) => ({
      start: new Date(w.start).toISOString(),
      end: new Date(w.end).toISOString(),
      minutes: minutes(w.durationMs),
      open: w.open,
    })),
    reported: compareReported(m.series, m.reported, m.gapRule).map((c) => ({
      label: c.label,
      source: c.source,
      reportedPct: c.reportedPct,
      computedPct: roundTo(c.computedPct, 6),
      explanation: c.explanation,
    })),
  };
}

function reportNotes(monitors: UptimeReportMonitor[], targetPct: number): string[] {
  if (monitors.length === 0) return ["No monitors are part of this report."];
  const notes: string[] = [];
  const rules = new Set(monitors.map((m) => m.gapRule));
  if (rules.size === 1) {
    const rule = monitors[0].gapRule;
    notes.push(`Gap rule "${rule}": ${GAP_RULE_WORDS[rule]}. Maintenance windows are left out of uptime.`);
  } else {
    for (const rule of rules) {
      const names = monitors.filter((m) => m.gapRule === rule).map((m) => m.name);
      notes.push(`Gap rule "${rule}" for ${joinWords(names)}: ${GAP_RULE_WORDS[rule]}.`);
    }
    notes.push("Maintenance windows are left out of uptime.");
  }
  const silent = monitors.filter((m) => m.uptimePct === null);
  if (silent.length > 0) {
    notes.push(`${joinWords(silent.map((m) => m.name))} ${silent.length === 1 ? "has" : "have"} no data in this period.`);
  }
  for (const m of monitors) {
    if (m.uptimePct !== null && m.coveragePct !== null && m.coveragePct < LOW_COVERAGE_PCT) {
      notes.push(`Data covers only ${Math.floor(m.coveragePct)}% of the period for ${m.name}.`);
    }
  }
  for (const m of monitors) {
    for (const r of m.reported) {
      if (r.reportedPct === null || r.computedPct === null) continue;
      const diff = r.computedPct - r.reportedPct;
      if (Math.abs(diff) < NOTE_DIFFERENCE_POINTS) continue;
      notes.push(
        `${m.name}: the tool's own figure "${r.label}" (${r.source}) is ${formatUptimePct(r.reportedPct)}, ours over the same window ${formatUptimePct(r.computedPct)} (${formatPoints(diff)}); see the reported figures.`,
      );
    }
  }
  if (monitors.some((m) => m.sloTargetPct !== targetPct)) {
    const slos = joinWords(monitors.map((m) => `${m.name} ${formatTargetPct(m.sloTargetPct)}`));
    notes.push(
      `Met or missed is against the report's target of ${formatTargetPct(targetPct)}; each error budget is against the monitor's own SLO (${slos}).`,
    );
  }
  return notes;
}

/** Minutes to a tenth: a six-second resolution is finer than any monitor checks. */
function minutes(ms: number): number {
  return Math.round(ms / 6_000) / 10;
}

function roundTo<T extends number | null>(value: T, digits: number): T {
  if (value === null) return value;
  const f = 10 ** digits;
  return (Math.round((value as number) * f) / f) as T;
}
