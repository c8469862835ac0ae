/** Error budget against an SLO: how much down time the target allows over the counted time, and how fast it burns. */
import { countedDownMs, countedMs } from "@/lib/uptime/compute/uptime";
import type { ErrorBudget, UptimeFigures } from "@/lib/uptime/compute/types";

export function errorBudget(figures: UptimeFigures, sloTargetPct: number): ErrorBudget {
  const allowedRate = (100 - sloTargetPct) / 100;
  const counted = countedMs(figures);
  const allowedDownMs = allowedRate * counted;
  const usedDownMs = countedDownMs(figures);
  return {
    sloTargetPct,
    allowedDownMs,
    usedDownMs,
    remainingMs: allowedDownMs - usedDownMs,
    usedPct: allowedDownMs > 0 ? (usedDownMs / allowedDownMs) * 100 : null,
    // A 100% target allows no failure at all: any rate is infinitely fast, which a number cannot say.
    burnRate: counted > 0 && allowedRate > 0 ? usedDownMs / counted / allowedRate : null,
  };
}
