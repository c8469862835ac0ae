/**
 * Adapts the incident's linked runs to the load-gap analysis (lib/loadtests/analysis/load-gap.ts):
 * the runs come with their peak rate already taken from the series, so the tested load is built
 * from those figures instead of the series itself.
 */
import type { LinkedLoadTestRun } from "@/lib/loadtests/incident-load-tests";
import { loadGap, type LoadGap, type TestedLoad } from "@/lib/loadtests/analysis/load-gap";

export function testedLoadOf(run: LinkedLoadTestRun): TestedLoad {
  if (run.peakRps !== null) return { rps: run.peakRps, rpsBasis: "peak-bucket", users: run.peakUsers };
  if (run.throughput !== null) return { rps: run.throughput, rpsBasis: "run-average", users: run.peakUsers };
  return { rps: null, rpsBasis: null, users: run.peakUsers };
}

export function runLoadGap(run: LinkedLoadTestRun, observed: { peakRps: number | null; peakUsers: number | null }): LoadGap {
  return loadGap(testedLoadOf(run), { rps: observed.peakRps, users: observed.peakUsers });
}

/** "24%", "0.4%", "240%": whole percents unless that would round to zero. */
export function formatCoveredPct(pct: number): string {
  if (pct > 0 && pct < 1) return `${pct.toFixed(1)}%`;
  return `${Math.round(pct).toLocaleString("en-US")}%`;
}

/** The run the headline speaks of: the one that came closest to production's request rate (else its users). */
export function closestRunIndex(gaps: LoadGap[]): number {
  let best = -1;
  for (const key of ["rps", "users"] as const) {
    gaps.forEach((g, i) => {
      const pct = g[key].coveredPct;
      if (pct !== null && (best === -1 || pct > gaps[best][key].coveredPct!)) best = i;
    });
    if (best !== -1) return best;
  }
  return -1;
}
