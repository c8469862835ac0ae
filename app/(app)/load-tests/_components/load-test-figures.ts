/** Display formatting of load-test figures, shared by the runs list and the incident section. */
import { formatInZone } from "@/lib/time/zones";

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Milliseconds with precision that fits the magnitude: 0.42 ms, 12.5 ms, 1,234 ms. */
export function formatMs(v: number | null): string {
  if (v === null) return "—";
  if (v >= 100) return `${whole.format(v)} ms`;
  return `${v >= 10 ? v.toFixed(1) : v.toFixed(2)} ms`;
}

/** Requests per second. */
export function formatRps(v: number | null): string {
  if (v === null) return "—";
  return `${v >= 100 ? whole.format(v) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} req/s`;
}

export function formatCount(v: number | null): string {
  return v === null ? "—" : whole.format(v);
}

export function formatErrorPct(errors: number, count: number): string {
  if (count === 0) return "—";
  return `${((errors / count) * 100).toFixed(2)}%`;
}

/** Run times are shown in UTC: a run has no time zone of its own. */
export function formatRunTime(d: Date | null): string {
  return d ? `${formatInZone(d, "UTC")} UTC` : "—";
}
