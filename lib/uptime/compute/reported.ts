/**
 * The tools' own uptime figures beside ours over the same window, with the reasons they differ:
 * how the tool counts (its `method`) and what the imported data shows (downtime it missed, time
 * without data, a window that reaches past the data).
 */
import { formatInZone } from "@/lib/time/zones";
import { dataSpan } from "@/lib/uptime/compute/intervals";
import { downtimeWindows } from "@/lib/uptime/compute/downtime";
import { countedMs, uptimeOfSeries } from "@/lib/uptime/compute/uptime";
import { minutesDownPerDay } from "@/lib/uptime/compute/calendar";
import { formatDurationMs, formatPoints, formatUptimePct, formatWhole, plural } from "@/lib/uptime/compute/format";
import type { MonitorSeries, ReportedComparison, TimeWindow, UptimeFigures } from "@/lib/uptime/compute/types";
import type { GapRule, ReportedUptime } from "@/lib/uptime/types";

const HOUR_MS = 3_600_000;
/** Below this the two figures say the same thing (rounding in the tool's own output). */
const AGREE_POINTS = 0.005;
/** Tools such as Upptime count their days in UTC (GitHub Actions runners). */
const REPORTED_DAY_ZONE = "UTC";

export function compareReported(series: MonitorSeries, reported: ReportedUptime[], gapRule: GapRule): ReportedComparison[] {
  const span = dataSpan(series);
  const rows: ReportedComparison[] = [];
  for (const r of reported) {
    for (const figure of r.figures) {
      const window = reportedWindow(figure.window, r.asOf, span);
      const base = { label: figure.label, source: r.source, window, reportedPct: figure.uptimePct };
      if (window === null || span === null) {
        rows.push({
          ...base,
          computedPct: null,
          differencePct: null,
          explanation: sentences(r.method, "There are no imported samples to compare with."),
        });
        continue;
      }
      const figures = uptimeOfSeries(series, window, gapRule);
      const computedPct = figures.uptimePct;
      const differencePct = computedPct !== null && figure.uptimePct !== null ? computedPct - figure.uptimePct : null;
      const reasons = [
        downtimeReason(series, figures, figure.uptimePct),
        unknownReason(figures),
        windowReason(figure.window, r.asOf, span, window),
      ];
      if (differencePct !== null && Math.abs(differencePct) < AGREE_POINTS) reasons.push("The figures agree.");
      else if (differencePct !== null) reasons.push(`Ours is ${formatPoints(differencePct)} from the reported figure.`);
      rows.push({ ...base, computedPct, differencePct, explanation: sentences(r.method, ...reasons) });
    }
    if (r.dailyMinutesDown && span !== null) rows.push(dailyComparison(series, r, span));
  }
  return rows;
}

/** "all": the imported data span; rolling: the N hours before the tool's `asOf`, or before the data end when it gives none. */
function reportedWindow(
  window: ReportedUptime["figures"][number]["window"],
  asOf: number | null,
  span: TimeWindow | null,
): TimeWindow | null {
  if (window.kind === "all") return span;
  const end = asOf ?? span?.to ?? null;
  return end === null ? null : { from: end - window.hours * HOUR_MS, to: end };
}

function downtimeReason(series: MonitorSeries, figures: UptimeFigures, reportedPct: number | null): string | null {
  const found = downtimeWindows(series, { minDurationMs: 0, window: figures.window });
  const down = figures.downMs;
  const counted = countedMs(figures);
  const implied = reportedPct === null ? null : ((100 - reportedPct) / 100) * counted;
  if (down > 0) {
    const ours = `Our figure counts ${formatDurationMs(down)} of downtime in ${plural(found.length, "window")} from the imported history`;
    if (implied === null) return `${ours}.`;
    if (reportedPct !== null && reportedPct >= 100)
      return `${ours}; the reported ${formatUptimePct(reportedPct)} means the source recorded none of it.`;
    const gap = down - implied;
    if (Math.abs(gap) < 60_000) return `${ours}, about as much as the reported ${formatUptimePct(reportedPct)} implies.`;
    return gap > 0
      ? `${ours}; the reported ${formatUptimePct(reportedPct)} implies only about ${formatDurationMs(implied)}, so the source recorded ${formatDurationMs(gap)} less.`
      : `${ours}; the reported ${formatUptimePct(reportedPct)} implies about ${formatDurationMs(implied)}, ${formatDurationMs(-gap)} more than the history shows.`;
  }
  if (implied !== null && implied >= 60_000) {
    return `The imported history shows no downtime in this window; the reported ${formatUptimePct(reportedPct)} implies about ${formatDurationMs(implied)}, which the history does not contain.`;
  }
  return figures.upMs + figures.degradedMs > 0 ? "The imported history shows no downtime in this window." : null;
}

function unknownReason(figures: UptimeFigures): string | null {
  if (figures.unknownMs <= 0) return null;
  const treatment = figures.gapRule === "unknown" ? "leaves out" : figures.gapRule === "up" ? "counts as up" : "counts as down";
  return `There is no data for ${formatDurationMs(figures.unknownMs)} of the window, which our figure ${treatment}.`;
}

function windowReason(
  window: ReportedUptime["figures"][number]["window"],
  asOf: number | null,
  span: TimeWindow,
  used: TimeWindow,
): string | null {
  if (window.kind === "all") {
    return `Here "all" runs from the first imported sample (${utc(span.from)}) to the data end (${utc(span.to)}); the tool counts from its own start.`;
  }
  if (asOf === null)
    return `The source does not say when it computed the figure, so the window is taken to end at the data end (${utc(used.to)}).`;
  if (asOf > span.to) return `The source computed it at ${utc(asOf)}, after the imported data ends (${utc(span.to)}).`;
  if (used.from < span.from) return `The window starts before the first imported sample (${utc(span.from)}).`;
  return null;
}

/** One row for the tool's minutes down per day against ours, per UTC day of the imported history. */
function dailyComparison(series: MonitorSeries, r: ReportedUptime, span: TimeWindow): ReportedComparison {
  const reported = r.dailyMinutesDown ?? {};
  const ours = minutesDownPerDay(series, REPORTED_DAY_ZONE);
  const days = Object.keys(ours);
  let differing = 0;
  let largest: { day: string; ours: number; theirs: number } | null = null;
  for (const day of days) {
    const theirs = reported[day] ?? 0;
    const diff = Math.abs(ours[day] - theirs);
    if (diff < 1) continue;
    differing++;
    if (largest === null || diff > Math.abs(largest.ours - largest.theirs)) largest = { day, ours: ours[day], theirs };
  }
  const outside = Object.entries(reported).filter(([day, minutes]) => !(day in ours) && minutes > 0).length;
  const verdict =
    largest === null
      ? `Agrees on all ${plural(days.length, "day")} of the imported history (UTC days).`
      : `Differs on ${formatWhole(differing)} of ${plural(days.length, "day")} (UTC days); largest ${largest.day}: ${formatWhole(largest.ours)} min in the imported history vs ${formatWhole(largest.theirs)} reported.`;
  const beyond =
    outside > 0
      ? `${plural(outside, "reported day")} with downtime ${outside === 1 ? "lies" : "lie"} outside the imported history.`
      : null;
  return {
    label: "Minutes down per day",
    source: r.source,
    window: span,
    reportedPct: null,
    computedPct: null,
    differencePct: null,
    explanation: sentences(r.method, verdict, beyond),
  };
}

function utc(at: number): string {
  return `${formatInZone(new Date(at), REPORTED_DAY_ZONE, "yyyy-MM-dd HH:mm")} UTC`;
}

/** Sentences joined with spaces; the method gets its full stop if it has none. */
function sentences(...parts: (string | null)[]): string {
  return parts
    .map((p) => p?.trim() ?? "")
    .filter((p) => p.length > 0)
    .map((p) => (/[.!?]$/.test(p) ? p : `${p}.`))
    .join(" ");
}
