/**
 * Round x-axis ticks: every 30 s, 5 min, 1 h, 1 day… aligned to the wall clock of the chart's zone
 * (or to zero on a time-since-start axis), instead of Chart.js's steps from the first data point.
 */
import { TZDate } from "@date-fns/tz";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05 was a Monday: weekly ticks fall on Mondays. */
const FIRST_MONDAY_MS = 4 * DAY_MS;

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

/** A wall-clock time (ms since 1970 as if the zone were UTC) → the instant it names in `zone`. */
function wallToInstant(wall: number, zone: string): number {
  const d = new Date(wall);
  return new TZDate(
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    zone,
  ).getTime();
}

/**
 * Epoch-ms ticks within [min, max] at round wall-clock times in `zone`. Steps under an hour divide
 * every offset change, so one offset serves the range; from hourly steps up, each tick is placed on
 * its own wall time, so daily ticks stay at midnight across a daylight-saving change.
 */
export function timeTicks(min: number, max: number, zone: string, maxTicks = 6): number[] {
  if (!(max >= min)) return [];
  const step = tickStepSeconds((max - min) / 1000, maxTicks) * 1000;
  const offset = zoneOffsetMs(min, zone);
  const ticks: number[] = [];
  if (step < HOUR_MS) {
    for (let wall = Math.ceil((min + offset) / step) * step; wall - offset <= max; wall += step) ticks.push(wall - offset);
    return ticks;
  }
  const origin = step % WEEK_MS === 0 ? FIRST_MONDAY_MS : 0;
  // Start a step early: the first wall time may lie before `min` once the offset is applied per tick.
  let wall = Math.ceil((min + offset - origin) / step) * step + origin - step;
  for (let guard = 0; guard < maxTicks * 4 + 8; guard++, wall += step) {
    const t = wallToInstant(wall, zone);
    if (t > max) break;
    // A wall time skipped by a daylight-saving jump resolves next to its neighbour: keep one.
    if (t >= min && t !== ticks.at(-1)) ticks.push(t);
  }
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

/**
 * Value ticks at a power-of-two step (512, 1024, 1536… or 512 MiB, 1 GiB…), from the first multiple
 * at or above `min` to the first at or above `max`: byte axes then read in round KiB, MiB and GiB.
 */
export function binaryTicks(min: number, max: number, maxTicks = 6): number[] {
  if (!(max > min) || !Number.isFinite(max - min)) return [];
  const step = 2 ** Math.ceil(Math.log2((max - min) / maxTicks));
  const ticks: number[] = [];
  const first = Math.ceil(min / step);
  const last = Math.ceil(max / step);
  for (let i = first; i <= last; i++) ticks.push(i * step);
  return ticks;
}
