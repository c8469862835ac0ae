/** Response-time figures of the samples that carry one, with the JMeter percentile definition used everywhere else. */
import { percentileOfSorted } from "@/lib/loadtests/stats/percentile";
import type { LatencyFigures, TimeWindow } from "@/lib/uptime/compute/types";
import type { UptimeSample } from "@/lib/uptime/types";

/** Samples at `window.from` ≤ at < `window.to` (all without a window) that have a latency. */
export function latencyPercentiles(samples: readonly UptimeSample[], window?: TimeWindow): LatencyFigures {
  let n = 0;
  const values = new Float64Array(samples.length);
  for (const s of samples) {
    if (s.latencyMs === null || !Number.isFinite(s.latencyMs)) continue;
    if (window && (s.at < window.from || s.at >= window.to)) continue;
    values[n++] = s.latencyMs;
  }
  if (n === 0) return { count: 0, mean: null, p50: null, p90: null, p95: null, p99: null, max: null };
  const sorted = values.subarray(0, n).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return {
    count: n,
    mean: sum / n,
    p50: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
    max: sorted[n - 1],
  };
}
