/**
 * Downtime windows: runs of failing samples merged into one window each. A window ends at the first
 * up/degraded sample, where data coverage stops, or (still down) at the data end; maintenance cuts
 * it, because planned time is not downtime.
 */
import { checkPeriodMs, dataEndOf, holdEnd, lastSampleAtOrBefore, statusIntervals } from "@/lib/uptime/compute/intervals";
import type { DowntimeWindow, MonitorSeries, TimeWindow } from "@/lib/uptime/compute/types";

export type DowntimeOptions = { minDurationMs: number; window?: TimeWindow };

/**
 * Oldest first. Windows shorter than `minDurationMs` are dropped; with `window`, those overlapping it
 * are kept and clipped to it (their counts stay those of the whole window).
 */
export function downtimeWindows(series: MonitorSeries, opts: DowntimeOptions): DowntimeWindow[] {
  const { samples } = series;
  const end = dataEndOf(series);
  if (end === null) return [];
  const last = samples.length - 1;
  const lastHoldEnd = holdEnd(series, last, checkPeriodMs(series), end);

  const found: DowntimeWindow[] = [];
  // Each failing sample is counted once, in the first window it holds; a run cut by maintenance
  // continues in a later piece held by the same sample.
  let counted = -1;
  for (const iv of statusIntervals(series)) {
    if (iv.status !== "down") continue;
    let i = Math.max(0, lastSampleAtOrBefore(samples, iv.start));
    let failedChecks = 0;
    const codes: number[] = [];
    let message: string | null = null;
    let lastFailing = i;
    // A final entry that holds for no time (a change log's last line) still belongs to the run it ends.
    for (; i <= last && (samples[i].at < iv.end || (i === last && samples[i].at === iv.end)); i++) {
      const s = samples[i];
      if (s.status !== "down") continue;
      lastFailing = i;
      if (i > counted) {
        failedChecks++;
        counted = i;
      }
      if (message === null) message = s.message;
      if (s.code !== null && !codes.includes(s.code)) codes.push(s.code);
    }
    const open = lastFailing === last && iv.end === lastHoldEnd;
    const durationMs = iv.end - iv.start;
    if (durationMs < opts.minDurationMs) continue;
    found.push({ start: iv.start, end: iv.end, durationMs, open, failedChecks, codes, message: message ?? "" });
  }
  // A change log ending in a lone failing entry holds for no time, yet says the target is down now.
  const final = samples[last];
  if (
    final.status === "down" &&
    lastHoldEnd === final.at &&
    counted < last &&
    opts.minDurationMs <= 0 &&
    !inMaintenance(series, final.at)
  ) {
    found.push({
      start: final.at,
      end: final.at,
      durationMs: 0,
      open: true,
      failedChecks: 1,
      codes: final.code === null ? [] : [final.code],
      message: final.message,
    });
  }
  const window = opts.window;
  if (!window) return found;
  return found
    .filter((w) => (w.end > window.from || w.start === window.from) && w.start < window.to)
    .map((w) => {
      const start = Math.max(w.start, window.from);
      const stop = Math.min(w.end, window.to);
      return { ...w, start, end: stop, durationMs: stop - start };
    });
}

function inMaintenance(series: MonitorSeries, t: number): boolean {
  return series.maintenance.some((m) => m.startsAt <= t && t < m.endsAt);
}
