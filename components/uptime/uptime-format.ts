/**
 * Words and numbers of the uptime pages, pure so the server and the browser write the same text:
 * percentages that never round a miss up to 100%, lengths of time, statuses and gap rules in words.
 */
import type { CoverageVerdict, DayStatus } from "@/lib/uptime/compute/types";
import type { GapRule, UptimeStatus } from "@/lib/uptime/types";
import { formatInZone, zoneAbbreviation } from "@/lib/time/zones";

export const STATUS_LABELS: Record<UptimeStatus | "unknown", string> = {
  up: "Up",
  down: "Down",
  degraded: "Degraded",
  maintenance: "Maintenance",
  unknown: "No data",
};

export const GAP_RULE_LABELS: Record<GapRule, string> = {
  unknown: "Unknown: left out of uptime",
  up: "Counted as up",
  down: "Counted as down",
};

/** The sentence naming the gap rule under an uptime figure. */
export const GAP_RULE_SENTENCES: Record<GapRule, string> = {
  unknown: "Time without data is unknown: it is left out of the uptime, not counted as up.",
  up: "Time without data is counted as up (the monitor's gap rule).",
  down: "Time without data is counted as down (the monitor's gap rule).",
};

/**
 * "99.95%", "97.2%", "100%"; a figure just short of 100 keeps enough digits not to read as 100
 * ("99.999%", or "> 99.999%" when even that would round up). `digits` is the usual precision.
 */
export function formatUptimePct(pct: number | null, digits = 2): string {
  if (pct === null || !Number.isFinite(pct)) return "—";
  if (pct >= 100) return "100%";
  if (pct <= 0) return "0%";
  for (let d = digits; d <= 3; d++) {
    const text = pct.toFixed(d);
    if (Number(text) < 100) return `${text}%`;
  }
  return "> 99.999%";
}

/** A target as people write it: "99%", "99.9%", "99.95%". */
export function formatTargetPct(pct: number): string {
  return `${Number(pct.toFixed(3))}%`;
}

/** A difference in percentage points, with its sign: "+0.12 pp", "−1.50 pp". */
export function formatPointDifference(points: number | null): string {
  if (points === null || !Number.isFinite(points)) return "—";
  if (Math.abs(points) < 0.005) return "0.00 pp";
  return `${points > 0 ? "+" : "−"}${Math.abs(points).toFixed(2)} pp`;
}

/** A length of time in words: "45 s", "4 min 30 s", "1 h 5 min", "3 d 4 h"; "0 min" for none; a sign for a deficit. */
export function formatDurationMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  const sign = ms < 0 ? "−" : "";
  const total = Math.round(Math.abs(ms) / 1000);
  if (total === 0) return "0 min";
  if (total < 60) return `${sign}${total} s`;
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return `${sign}${d} d${h > 0 ? ` ${h} h` : ""}`;
  if (h > 0) return `${sign}${h} h${m > 0 ? ` ${m} min` : ""}`;
  return `${sign}${m} min${s > 0 && m < 10 ? ` ${s} s` : ""}`;
}

export const formatMinutes = (minutes: number | null) => formatDurationMs(minutes === null ? null : minutes * 60_000);

/** "1,234 ms", "—" when unknown. */
export function formatLatencyMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  return `${new Intl.NumberFormat("en-US", { maximumFractionDigits: ms < 10 ? 1 : 0 }).format(ms)} ms`;
}

export const formatCount = (n: number) => new Intl.NumberFormat("en-US").format(n);

/** "2026-10-24 04:10 CEST" in the zone given; "—" when none. */
export function formatInstant(at: number | string | null, zone: string, pattern = "yyyy-MM-dd HH:mm"): string {
  if (at === null) return "—";
  const d = new Date(at);
  return `${formatInZone(d, zone, pattern)} ${zoneAbbreviation(d, zone)}`;
}

/** "2026-10-24" in the zone given. */
export function formatDay(at: number | string | null, zone: string): string {
  return at === null ? "—" : formatInZone(new Date(at), zone, "yyyy-MM-dd");
}

/** A day of the status strip as one sentence: "2026-10-24: 97.2% up, 40 min down". */
export function describeDay(day: DayStatus): string {
  if (day.state === "unknown" || day.uptimePct === null) {
    return day.state === "maintenance" ? `${day.date}: maintenance` : `${day.date}: no data`;
  }
  const parts = [`${formatUptimePct(day.uptimePct, 1)} up`];
  if (day.downMs > 0) parts.push(`${formatDurationMs(day.downMs)} down`);
  if (day.state === "degraded") parts.push("degraded");
  if (day.state === "maintenance") parts.push("maintenance");
  if (day.unknownMs > 0) parts.push(`${formatDurationMs(day.unknownMs)} without data`);
  return `${day.date}: ${parts.join(", ")}`;
}

export const VERDICT_LABELS: Record<CoverageVerdict, string> = {
  caught: "Caught it",
  green: "Stayed green",
  "no-data": "No data",
  "partial-data": "Partial data",
};

/** The badge text of a coverage row: a green monitor on a service that was down is a blind spot. */
export function verdictLabel(verdict: CoverageVerdict, blindSpot: boolean): string {
  if (verdict === "green" && blindSpot) return "Stayed green — blind spot";
  return VERDICT_LABELS[verdict];
}
