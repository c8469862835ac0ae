/**
 * Uptime % of a window from status intervals. Maintenance is left out; time without data follows
 * the gap rule: "unknown" leaves it out too, "up"/"down" count it as that.
 */
import { statusIntervals } from "@/lib/uptime/compute/intervals";
import type { MonitorSeries, StatusInterval, TimeWindow, UptimeFigures } from "@/lib/uptime/compute/types";
import type { GapRule } from "@/lib/uptime/types";

type Totals = { up: number; down: number; degraded: number; maintenance: number; unknown: number };

function emptyTotals(): Totals {
  return { up: 0, down: 0, degraded: 0, maintenance: 0, unknown: 0 };
}

/** Figures from time per state; the part of the window no interval covers is unknown. */
function figuresFrom(t: Totals, window: TimeWindow, gapRule: GapRule): UptimeFigures {
  const length = Math.max(0, window.to - window.from);
  const covered = t.up + t.down + t.degraded + t.maintenance + t.unknown;
  const unknownMs = t.unknown + Math.max(0, length - covered);
  const planned = length - t.maintenance;
  const known = t.up + t.down + t.degraded;
  const good = t.up + t.degraded + (gapRule === "up" ? unknownMs : 0);
  const counted = gapRule === "unknown" ? known : planned;
  return {
    window,
    gapRule,
    upMs: t.up,
    downMs: t.down,
    degradedMs: t.degraded,
    maintenanceMs: t.maintenance,
    unknownMs,
    uptimePct: known > 0 && counted > 0 ? clampPct((good / counted) * 100) : null,
    coveragePct: planned > 0 ? clampPct((known / planned) * 100) : null,
  };
}

function clampPct(value: number): number {
  return Math.min(100, Math.max(0, value));
}

function add(t: Totals, status: StatusInterval["status"], ms: number): void {
  if (ms > 0) t[status] += ms;
}

/** Uptime figures of `window` from intervals (sorted, disjoint; clipped here). */
export function computeUptime(intervals: StatusInterval[], window: TimeWindow, gapRule: GapRule): UptimeFigures {
  const t = emptyTotals();
  for (const iv of intervals) add(t, iv.status, Math.min(iv.end, window.to) - Math.max(iv.start, window.from));
  return figuresFrom(t, window, gapRule);
}

/**
 * Figures for each of several sorted, disjoint windows (days, months) in one pass over the intervals:
 * O(intervals + windows) instead of one scan per window.
 */
export function computeUptimeByWindows(intervals: StatusInterval[], windows: TimeWindow[], gapRule: GapRule): UptimeFigures[] {
  let first = 0;
  return windows.map((window) => {
    while (first < intervals.length && intervals[first].end <= window.from) first++;
    const t = emptyTotals();
    for (let i = first; i < intervals.length && intervals[i].start < window.to; i++) {
      const iv = intervals[i];
      add(t, iv.status, Math.min(iv.end, window.to) - Math.max(iv.start, window.from));
    }
    return figuresFrom(t, window, gapRule);
  });
}

export function uptimeOfSeries(series: MonitorSeries, window: TimeWindow, gapRule: GapRule): UptimeFigures {
  return computeUptime(statusIntervals(series, window), window, gapRule);
}

/** Down time as the gap rule counts it (unknown time is down under rule "down"). */
export function countedDownMs(figures: UptimeFigures): number {
  return figures.downMs + (figures.gapRule === "down" ? figures.unknownMs : 0);
}

/** The time uptime % is taken of: the window less maintenance, and less unknown time under rule "unknown". */
export function countedMs(figures: UptimeFigures): number {
  const planned = figures.window.to - figures.window.from - figures.maintenanceMs;
  return Math.max(0, figures.gapRule === "unknown" ? planned - figures.unknownMs : planned);
}
