/**
 * The uptime block: each monitor's uptime over the report period against the target, its downtime
 * windows in the incident's zone, the tools' own figures beside ours with why they differ, and the
 * report's notes. The standalone uptime report (lib/uptime/report-export.ts) renders the same body.
 */
import type { PhrasingContent, RootContent } from "mdast";
import type { BlockBuilder } from "@/lib/exports/markdown/context";
import { formatDate, formatInstant } from "@/lib/exports/markdown/context";
import { heading, link, list, paragraph, strong, table, text, type Cell } from "@/lib/exports/markdown/mdast";
import { labelled } from "@/lib/exports/markdown/blocks/load-test-figures";
import { formatNumber } from "@/lib/charts/format";
import {
  formatDurationMs,
  formatMinutes,
  formatTargetPct,
  formatUptimePct,
  formatWhole,
  plural,
} from "@/lib/uptime/compute/format";
import type { UptimeReport, UptimeReportMonitor } from "@/lib/uptime/compute/types";
import { MONITOR_KIND_NAMES } from "@/lib/uptime/types";

/** Longer lists stop here and say how many more there are: the report keeps them all. */
const MAX_LISTED_WINDOWS = 50;

export const uptimeBlock: BlockBuilder = (ctx, section, depth) => {
  const target = section.options.uptimeTarget;
  const report = ctx.data.uptime;
  if (report === null) {
    const sentence = "Uptime data is not available for this incident yet.";
    return [
      paragraph(target === undefined ? sentence : `${sentence} The target for this report is ${formatNumber(target)}% uptime.`),
    ];
  }
  return uptimeReportBody(report, { zone: ctx.zone, targetPct: target ?? report.targetPct, depth });
};

export type UptimeBodyOptions = {
  /** Zone every time is shown in. */
  zone: string;
  /** Met or missed is judged against this (a template's target may differ from the report's). */
  targetPct: number;
  /** Depth of the per-monitor headings. */
  depth: number;
};

export function uptimeReportBody(report: UptimeReport, opts: UptimeBodyOptions): RootContent[] {
  const out: RootContent[] = [paragraph(periodSentence(report, opts))];
  if (report.monitors.length === 0) {
    out.push(paragraph("No monitor is linked to this incident or watches its services."));
  } else if (report.monitors.length > 1) {
    out.push(overviewTable(report.monitors, opts.targetPct));
  }
  for (const m of report.monitors) out.push(...monitorSection(m, opts));
  if (report.notes.length > 0) out.push(heading(opts.depth, "Notes"), list(report.notes.map((n) => [text(n)])));
  return out;
}

/** "2026-05-01 00:00 CEST to 2026-06-01 00:00 CEST (31 days), against a target of 99.9% uptime." */
function periodSentence(report: UptimeReport, opts: UptimeBodyOptions): string {
  const length = formatDurationMs(Date.parse(report.to) - Date.parse(report.from));
  return `${range(report.from, report.to, opts.zone)} (${length}), against a target of ${formatTargetPct(opts.targetPct)} uptime.`;
}

function overviewTable(monitors: UptimeReportMonitor[], targetPct: number): RootContent {
  const rows = monitors.map((m): Cell[] => [
    m.name,
    MONITOR_KIND_NAMES[m.kind],
    formatUptimePct(m.uptimePct),
    verdict(m, targetPct),
    formatMinutes(m.downMinutes),
    formatPct(m.coveragePct),
  ]);
  return table(["Monitor", "Kind", "Uptime", "Result", "Down", "Coverage"], rows, [
    "left",
    "left",
    "right",
    "left",
    "right",
    "right",
  ]);
}

function monitorSection(m: UptimeReportMonitor, opts: UptimeBodyOptions): RootContent[] {
  const out: RootContent[] = [heading(opts.depth, m.name), paragraph(...describe(m))];
  out.push(figuresTable(m, opts.targetPct));
  out.push(...downtimeList(m, opts.zone));
  if (m.reported.length > 0) {
    const rows = m.reported.map((r): Cell[] => [
      r.label,
      r.source,
      r.reportedPct === null ? "—" : formatUptimePct(r.reportedPct),
      r.computedPct === null ? "—" : formatUptimePct(r.computedPct),
      r.explanation,
    ]);
    out.push(
      labelled(
        "The tool's own figures:",
        "computed by the tool, shown beside ours over the same window and never mixed into them.",
      ),
      table(["Figure", "Source", "Reported", "Ours", "Why they differ"], rows, ["left", "left", "right", "right", "left"]),
    );
  }
  return out;
}

/** "JSON-RPC monitor of https://rpc.example.org for the rpc service, data from Upptime." */
function describe(m: UptimeReportMonitor): PhrasingContent[] {
  const kind = `${MONITOR_KIND_NAMES[m.kind]} monitor`;
  const rest = `${m.service ? ` for the ${m.service} service` : ""}${m.source ? `, data from ${m.source}` : ""}.`;
  if (!m.target) return [text(`${kind}${rest}`)];
  // A web address links; wss://… or host:port reads as code rather than as escaped text.
  const target: PhrasingContent = /^https?:\/\//i.test(m.target) ? link(m.target) : { type: "inlineCode", value: m.target };
  return [text(`${kind} of `), target, text(rest)];
}

function figuresTable(m: UptimeReportMonitor, targetPct: number): RootContent {
  const rows: Cell[][] = [
    ["Uptime", m.uptimePct === null ? "No data" : formatUptimePct(m.uptimePct)],
    ["Target", formatTargetPct(targetPct)],
    ["Result", strong(verdict(m, targetPct))],
    ["Downtime", downtimeText(m.downMinutes)],
    ["Downtime windows", formatWhole(m.downtimeWindows.length)],
    ["Coverage", m.coveragePct === null ? "—" : `${formatPct(m.coveragePct)} of the period has data`],
  ];
  if (m.unknownMinutes > 0) rows.push(["Without data", downtimeText(m.unknownMinutes)]);
  if (m.maintenanceMinutes > 0) rows.push(["Maintenance (left out)", downtimeText(m.maintenanceMinutes)]);
  if (m.mttrMinutes !== null) rows.push(["Mean time to recovery", downtimeText(m.mttrMinutes)]);
  if (m.mtbfHours !== null) rows.push(["Mean time between failures", formatDurationMs(m.mtbfHours * 3_600_000)]);
  rows.push([`Error budget (SLO ${formatTargetPct(m.sloTargetPct)})`, budgetText(m.budget)]);
  if (m.latency) {
    const l = m.latency;
    rows.push(["Response time", `p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, p99 ${ms(l.p99)}`]);
  }
  return table(["Measure", "Value"], rows);
}

function downtimeList(m: UptimeReportMonitor, zone: string): RootContent[] {
  if (m.downtimeWindows.length === 0) return [labelled("Downtime windows:", "none in this period.")];
  const shown = m.downtimeWindows.slice(0, MAX_LISTED_WINDOWS);
  const items = shown.map((w) => {
    const minutes = formatMinutes(w.minutes);
    const open = w.open ? ", still down at the end of the data" : "";
    return [text(`${range(w.start, w.end, zone)} (${minutes}${open})`)];
  });
  const out: RootContent[] = [
    labelled("Downtime windows:", `${plural(m.downtimeWindows.length, "window")}, oldest first.`),
    list(items),
  ];
  const rest = m.downtimeWindows.slice(MAX_LISTED_WINDOWS);
  if (rest.length > 0) {
    const restMinutes = rest.reduce((sum, w) => sum + w.minutes, 0);
    out.push(
      paragraph(
        `${plural(rest.length, "more window")} (${formatMinutes(Math.round(restMinutes * 10) / 10)} in all) are not listed here.`,
      ),
    );
  }
  return out;
}

function verdict(m: UptimeReportMonitor, targetPct: number): string {
  if (m.uptimePct === null) return "No data";
  return m.uptimePct >= targetPct ? "Met" : "Missed";
}

function downtimeText(minutes: number): string {
  return minutes >= 60 ? `${formatMinutes(minutes)} (${formatDurationMs(minutes * 60_000)})` : formatMinutes(minutes);
}

function budgetText(b: UptimeReportMonitor["budget"]): string {
  const left =
    b.remainingMinutes >= 0 ? `${formatMinutes(b.remainingMinutes)} left` : `overspent by ${formatMinutes(-b.remainingMinutes)}`;
  const burn = b.burnRate === null ? "" : `; burn rate ${formatNumber(b.burnRate)}`;
  return `${formatMinutes(b.usedMinutes)} of ${formatMinutes(b.allowedMinutes)} used, ${left}${burn}`;
}

function formatPct(pct: number | null): string {
  return pct === null ? "—" : `${formatNumber(Math.floor(pct * 10) / 10)}%`;
}

function ms(value: number | null): string {
  return value === null ? "—" : `${formatNumber(value)} ms`;
}

/** "2026-05-03 02:10 CEST to 04:20 CEST"; the end's date only when it is another day. */
function range(fromIso: string, toIso: string, zone: string): string {
  const sameDay = formatDate(fromIso, zone) === formatDate(toIso, zone);
  return `${formatInstant(fromIso, zone)} to ${formatInstant(toIso, zone, sameDay ? "HH:mm" : "yyyy-MM-dd HH:mm")}`;
}
