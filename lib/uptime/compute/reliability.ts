/** MTTR and MTBF from downtime windows and the time up over the same window. */
import type { DowntimeWindow, Reliability, UptimeFigures } from "@/lib/uptime/compute/types";

export function reliability(windows: DowntimeWindow[], figures: UptimeFigures): Reliability {
  const failures = windows.length;
  // An open window has no repair yet: its length so far is not a time to repair.
  const closed = windows.filter((w) => !w.open);
  const mttrMs = closed.length > 0 ? closed.reduce((sum, w) => sum + w.durationMs, 0) / closed.length : null;
  const mtbfMs = failures > 0 ? (figures.upMs + figures.degradedMs) / failures : null;
  return { failures, mttrMs, mtbfMs };
}
