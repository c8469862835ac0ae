/**
 * Timing helper for chart benchmarks, shared by this bench and any that calls the HTTP endpoint:
 * `measure(label, fn, runs)` runs `fn(run)` after a short warm-up and reports wall-time p50/p95/max
 * and the payload size of what `fn` returned (a string is measured as UTF-8 bytes).
 */
import { performance } from "node:perf_hooks";

export type Measured = {
  label: string;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Largest and median payload over the runs, in bytes. */
  maxBytes: number;
  medianBytes: number;
};

/** Nearest-rank percentile of already sorted numbers. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const payloadBytes = (payload: unknown) =>
  typeof payload === "string" ? Buffer.byteLength(payload) : payload instanceof Uint8Array ? payload.byteLength : 0;

export async function measure(
  label: string,
  fn: (run: number) => Promise<unknown> | unknown,
  runs: number,
  { warmup = 3 }: { warmup?: number } = {},
): Promise<Measured> {
  for (let i = 0; i < warmup; i++) await fn(i % Math.max(1, runs));
  const times: number[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const payload = await fn(i);
    times.push(performance.now() - started);
    sizes.push(payloadBytes(payload));
  }
  times.sort((a, b) => a - b);
  sizes.sort((a, b) => a - b);
  return {
    label,
    runs,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    maxMs: times[times.length - 1],
    maxBytes: sizes[sizes.length - 1],
    medianBytes: percentile(sizes, 50),
  };
}

export function formatMeasured(rows: Measured[]): string {
  const pad = (s: string, n: number) => s.padEnd(n);
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const lines = [
    `${pad("scenario", 28)}${pad("runs", 6)}${pad("p50 ms", 9)}${pad("p95 ms", 9)}${pad("max ms", 9)}${pad("payload median", 16)}payload max`,
  ];
  for (const m of rows) {
    lines.push(
      `${pad(m.label, 28)}${pad(String(m.runs), 6)}${pad(m.p50Ms.toFixed(1), 9)}${pad(m.p95Ms.toFixed(1), 9)}${pad(m.maxMs.toFixed(1), 9)}${pad(kb(m.medianBytes), 16)}${kb(m.maxBytes)}`,
    );
  }
  return lines.join("\n");
}
