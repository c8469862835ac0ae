/**
 * Round x-axis ticks: every 30 s, 5 min, 1 h… aligned to the wall clock of the chart's zone (or to
 * zero on a time-since-start axis), instead of Chart.js's steps from the first data point.
 */
import { TZDate } from "@date-fns/tz";

/** Tick spacings in seconds, smallest first. */
export const TICK_STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800,
];

/** The smallest step that keeps the range within `maxTicks` intervals. */
export function tickStepSeconds(rangeSeconds: number, maxTicks = 6): number {
  return TICK_STEPS.find((s) => rangeSeconds / s <= maxTicks) ?? Math.ceil(rangeSeconds / maxTicks / 604_800) * 604_800;
}

/** Offset of `zone` from UTC at `instant`, in ms (CEST: +7,200,000). */
function zoneOffsetMs(instant: number, zone: string): number {
  return -new TZDate(instant, zone).getTimezoneOffset() * 60_000;
}

/** Epoch-ms ticks within [min, max] at round wall-clock times in `zone`. */
export function timeTicks(min: number, max: number, zone: string, maxTicks = 6): number[] {
  if (!(max >= min)) return [];
  const step = tickStepSeconds((max - min) / 1000, maxTicks) * 1000;
  const offset = zoneOffsetMs(min, zone);
  const ticks: number[] = [];
  for (let wall = Math.ceil((min + offset) / step) * step; wall - offset <= max; wall += step) ticks.push(wall - offset);
  return ticks;
}

/** Ticks in seconds since start within [min, max], at multiples of a round step. */
export function elapsedTicks(min: number, max: number, maxTicks = 6): number[] {
  if (!(max >= min)) return [];
  const step = tickStepSeconds(max - min, maxTicks);
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(t);
  return ticks;
}
