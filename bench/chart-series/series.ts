/** The benchmark's series and windows, shared by run.ts (in process) and http.ts (over HTTP). */
import type { PointColumns } from "@/lib/charts/point-columns";
import { prng } from "@/lib/loadtests/stats/prng";

export const POINTS = 1_000_000;

/** 1 s apart (≈ 11.6 days): a daily wave, slow drift, jitter, a few one-second spikes, one dip, a 10-minute NaN gap. */
export function generateSeries(): PointColumns {
  const random = prng(5);
  const start = Date.UTC(2026, 4, 1, 0, 0, 0);
  const times = new Float64Array(POINTS);
  const values = new Float64Array(POINTS);
  let drift = 0;
  for (let i = 0; i < POINTS; i++) {
    times[i] = start + i * 1000;
    drift = drift * 0.999 + (random() - 0.5) * 2;
    // p95 latency in ms: a daily wave, slow drift and jitter.
    values[i] = 180 + 60 * Math.sin((2 * Math.PI * i) / 86_400) + drift + 25 * random() ** 3;
  }
  for (const at of [123_456, 400_000, 400_007, 777_777, 999_000]) values[at] = 2500 + 1000 * random();
  values[555_555] = 3.5; // one dip
  for (let i = 650_000; i < 650_600; i++) values[i] = NaN; // a 10-minute scrape gap
  return { times, values, length: POINTS };
}

/**
 * `count` windows of `fraction` of [first, last] at random positions; with a null fraction, spans
 * from 0.01 % to 100 % spread evenly on a log scale (a reader zooming about).
 */
export function windowsFor(
  first: number,
  last: number,
  fraction: number | null,
  count: number,
  random: () => number,
): [number, number][] {
  const span = last - first;
  return Array.from({ length: count }, () => {
    const f = fraction ?? 10 ** (-4 + 4 * random());
    const from = first + random() * (1 - f) * span;
    return [from, from + f * span];
  });
}
