/**
 * A monitor's samples as a timeline of states. A sample holds until the next one; a periodic check
 * holds for at most two intervals (a missed check is a gap, not more of the same); maintenance
 * windows lie on top; everything no sample covers is "unknown".
 */
import type { MonitorSeries, StatusInterval, TimeWindow } from "@/lib/uptime/compute/types";
import type { UptimeSample } from "@/lib/uptime/types";

type State = StatusInterval["status"];

/** Longest a periodic check holds, in check intervals. */
const HOLD_CHECKS = 2;

/** Milliseconds between periodic checks, null for a change log. */
export function checkPeriodMs(series: MonitorSeries): number | null {
  const sec = series.checkIntervalSec;
  return sec !== null && sec > 0 ? sec * 1000 : null;
}

/** Where the data ends: `dataEnd`, else the last sample plus one interval (its instant for change logs). */
export function dataEndOf(series: MonitorSeries): number | null {
  const { samples } = series;
  if (samples.length === 0) return null;
  const last = samples[samples.length - 1].at;
  if (series.dataEnd !== null) return Math.max(last, series.dataEnd);
  return last + (checkPeriodMs(series) ?? 0);
}

/** First sample to the data end; null without samples. */
export function dataSpan(series: MonitorSeries): TimeWindow | null {
  const end = dataEndOf(series);
  return end === null ? null : { from: series.samples[0].at, to: end };
}

/** Until when sample `i` holds (before maintenance is laid on top). */
export function holdEnd(series: MonitorSeries, i: number, periodMs: number | null, end: number): number {
  const { samples } = series;
  const at = samples[i].at;
  const until = i + 1 < samples.length ? samples[i + 1].at : end;
  return periodMs === null ? until : Math.min(until, at + HOLD_CHECKS * periodMs);
}

/** Index of the last sample at or before `t`, -1 when none. */
export function lastSampleAtOrBefore(samples: readonly UptimeSample[], t: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (samples[mid].at <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Appends intervals inside [from, to), filling what nothing covers with "unknown" and merging equal neighbours. */
class Timeline {
  readonly out: StatusInterval[] = [];
  private cursor: number;

  constructor(
    from: number,
    private readonly to: number,
  ) {
    this.cursor = from;
  }

  push(start: number, end: number, status: State): void {
    const s = Math.max(start, this.cursor);
    const e = Math.min(end, this.to);
    if (e <= s) return;
    if (s > this.cursor) this.append(this.cursor, s, "unknown");
    this.append(s, e, status);
  }

  finish(): StatusInterval[] {
    if (this.cursor < this.to) this.append(this.cursor, this.to, "unknown");
    return this.out;
  }

  private append(start: number, end: number, status: State): void {
    const last = this.out[this.out.length - 1];
    if (last && last.status === status && last.end === start) last.end = end;
    else this.out.push({ start, end, status });
    this.cursor = end;
  }
}

/** Maintenance windows sorted and merged where they touch or overlap. */
export function mergedMaintenance(series: MonitorSeries): TimeWindow[] {
  const sorted = series.maintenance
    .filter((m) => m.endsAt > m.startsAt)
    .map((m) => ({ from: m.startsAt, to: m.endsAt }))
    .sort((a, b) => a.from - b.from);
  const merged: TimeWindow[] = [];
  for (const m of sorted) {
    const last = merged[merged.length - 1];
    if (last && m.from <= last.to) last.to = Math.max(last.to, m.to);
    else merged.push({ ...m });
  }
  return merged;
}

/**
 * The states of `series` over `window` (whole, unknown-filled), or over its data span without one.
 * O(samples in the window + maintenance windows); the window's first sample is found by binary search.
 */
export function statusIntervals(series: MonitorSeries, window?: TimeWindow): StatusInterval[] {
  const { samples } = series;
  const end = dataEndOf(series);
  const range = window ?? (end === null ? null : { from: samples[0].at, to: end });
  if (range === null || range.to <= range.from) return [];

  const periodMs = checkPeriodMs(series);
  const base = new Timeline(range.from, range.to);
  if (end !== null) {
    for (let i = Math.max(0, lastSampleAtOrBefore(samples, range.from)); i < samples.length; i++) {
      const at = samples[i].at;
      if (at >= range.to) break;
      base.push(at, holdEnd(series, i, periodMs, end), samples[i].status);
    }
  }
  const sampled = base.finish();
  const maintenance = mergedMaintenance(series);
  if (maintenance.length === 0) return sampled;

  const out = new Timeline(range.from, range.to);
  let m = 0;
  for (const iv of sampled) {
    while (m < maintenance.length && maintenance[m].to <= iv.start) m++;
    let pos = iv.start;
    for (let k = m; k < maintenance.length && maintenance[k].from < iv.end; k++) {
      const w = maintenance[k];
      if (w.from > pos) out.push(pos, w.from, iv.status);
      out.push(Math.max(pos, w.from), Math.min(iv.end, w.to), "maintenance");
      pos = Math.min(iv.end, w.to);
      if (w.to > iv.end) break;
    }
    out.push(pos, iv.end, iv.status);
  }
  return out.finish();
}
