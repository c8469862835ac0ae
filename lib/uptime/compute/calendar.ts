/**
 * Calendar periods in an explicit zone: days, ISO weeks, months, quarters and years as instants, so a
 * day across a daylight-saving change is 23 or 25 hours long, as the people living in it count it.
 */
import { TZDate } from "@date-fns/tz";
import {
  addDays,
  addMonths,
  addQuarters,
  addWeeks,
  addYears,
  format,
  startOfDay,
  startOfMonth,
  startOfQuarter,
  startOfWeek,
  startOfYear,
  subDays,
} from "date-fns";
import { dataSpan, statusIntervals } from "@/lib/uptime/compute/intervals";
import { downtimeWindows } from "@/lib/uptime/compute/downtime";
import { computeUptimeByWindows } from "@/lib/uptime/compute/uptime";
import type { DayStatus, MonitorSeries, MonthUptime, StatusInterval, TimeWindow, UptimePeriod } from "@/lib/uptime/compute/types";
import type { GapRule } from "@/lib/uptime/types";

const PERIODS: Record<UptimePeriod, { start: (d: TZDate) => TZDate; next: (d: TZDate) => TZDate }> = {
  day: { start: (d) => startOfDay(d), next: (d) => addDays(d, 1) },
  week: { start: (d) => startOfWeek(d, { weekStartsOn: 1 }), next: (d) => addWeeks(d, 1) },
  month: { start: (d) => startOfMonth(d), next: (d) => addMonths(d, 1) },
  quarter: { start: (d) => startOfQuarter(d), next: (d) => addQuarters(d, 1) },
  year: { start: (d) => startOfYear(d), next: (d) => addYears(d, 1) },
};

/** The calendar day, ISO week (Monday first), month, quarter or year containing `anchor`, in `timeZone`. */
export function periodWindow(period: UptimePeriod, anchor: number, timeZone: string): TimeWindow {
  const p = PERIODS[period];
  const start = p.start(new TZDate(anchor, timeZone));
  return { from: start.getTime(), to: p.next(start).getTime() };
}

/** Consecutive periods from the one containing `from` to the one containing `to`, oldest first. */
function periodsBetween(
  period: UptimePeriod,
  from: number,
  to: number,
  timeZone: string,
): { start: TZDate; window: TimeWindow }[] {
  const p = PERIODS[period];
  const out: { start: TZDate; window: TimeWindow }[] = [];
  for (let start = p.start(new TZDate(from, timeZone)); start.getTime() <= to;) {
    const next = p.next(start);
    out.push({ start, window: { from: start.getTime(), to: next.getTime() } });
    start = next;
  }
  return out;
}

const SEVERITY: Record<StatusInterval["status"], number> = { unknown: 0, up: 1, maintenance: 2, degraded: 3, down: 4 };

/** The `days` calendar days ending with the one containing `end`, oldest first: the status strip. */
export function dailyStatus(
  series: MonitorSeries,
  opts: { end: number; days: number; timeZone: string; gapRule: GapRule },
): DayStatus[] {
  if (opts.days <= 0) return [];
  const lastDay = startOfDay(new TZDate(opts.end, opts.timeZone));
  const starts = Array.from({ length: opts.days }, (_, i) => subDays(lastDay, opts.days - 1 - i));
  const windows = starts.map((start) => ({ from: start.getTime(), to: addDays(start, 1).getTime() }));
  const intervals = statusIntervals(series, { from: windows[0].from, to: windows[windows.length - 1].to });
  const figures = computeUptimeByWindows(intervals, windows, opts.gapRule);

  let first = 0;
  return windows.map((window, d) => {
    while (first < intervals.length && intervals[first].end <= window.from) first++;
    let state: DayStatus["state"] = "unknown";
    for (let i = first; i < intervals.length && intervals[i].start < window.to; i++) {
      if (SEVERITY[intervals[i].status] > SEVERITY[state]) state = intervals[i].status;
    }
    const f = figures[d];
    return {
      date: format(starts[d], "yyyy-MM-dd"),
      start: window.from,
      end: window.to,
      state,
      uptimePct: f.uptimePct,
      downMs: f.downMs,
      unknownMs: f.unknownMs,
    };
  });
}

/**
 * Every calendar month from the data start to the data end, newest first. The first and last month
 * are cut to the data, so time before the monitor existed or after its data ends is not counted
 * under a gap rule of "up" or "down".
 */
export function monthlyUptime(
  series: MonitorSeries,
  opts: { timeZone: string; gapRule: GapRule; minDurationMs: number },
): MonthUptime[] {
  const span = dataSpan(series);
  if (span === null) return [];
  const months = periodsBetween("month", span.from, Math.max(span.from, span.to - 1), opts.timeZone).map(({ start, window }) => ({
    month: format(start, "yyyy-MM"),
    window: { from: Math.max(window.from, span.from), to: Math.min(window.to, span.to) },
  }));
  const figures = computeUptimeByWindows(
    statusIntervals(series, span),
    months.map((m) => m.window),
    opts.gapRule,
  );
  const windows = downtimeWindows(series, { minDurationMs: opts.minDurationMs });
  return months
    .map((m, i) => ({
      month: m.month,
      figures: figures[i],
      downtimeWindows: windows.filter((w) => w.start < m.window.to && (w.end > m.window.from || w.start === m.window.from))
        .length,
    }))
    .reverse();
}

/**
 * Minutes down per calendar day ("YYYY-MM-DD" in `timeZone`, whole minutes) for every day from the
 * data start to the data end, days without downtime included as 0.
 */
export function minutesDownPerDay(series: MonitorSeries, timeZone: string): Record<string, number> {
  const span = dataSpan(series);
  if (span === null) return {};
  const days = periodsBetween("day", span.from, Math.max(span.from, span.to - 1), timeZone);
  const figures = computeUptimeByWindows(
    statusIntervals(series, span),
    days.map((d) => d.window),
    "unknown",
  );
  const out: Record<string, number> = {};
  days.forEach((d, i) => (out[format(d.start, "yyyy-MM-dd")] = Math.round(figures[i].downMs / 60_000)));
  return out;
}
