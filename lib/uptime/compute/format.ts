/** Wording shared by the uptime explanations, the report and its exports. */
import { formatSpan } from "@/lib/charts/format";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A length of time in words: "20 s", "45 min", "6 h 10 min", "1 day", "3 days 4 h" (days drop the minutes). */
export function formatDurationMs(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  if (days === 0) return formatSpan(ms / 1000);
  const hours = Math.round((ms - days * DAY_MS) / HOUR_MS);
  const d = hours === 24 ? days + 1 : days;
  const h = hours === 24 ? 0 : hours;
  const dayText = `${d} ${d === 1 ? "day" : "days"}`;
  return h > 0 ? `${dayText} ${h} h` : dayText;
}

/**
 * "99.95%": two decimals, cut rather than rounded, so 99.996% never reads as 100.00% and a figure
 * never rounds up to meet a target it misses. The tiny offset keeps 99.9 stored as 99.8999… at 99.90.
 */
export function formatUptimePct(pct: number | null): string {
  if (pct === null || !Number.isFinite(pct)) return "—";
  return `${(Math.floor(pct * 100 + 1e-6) / 100).toFixed(2)}%`;
}

const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const WHOLE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const POINTS = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });

/** "1,440 min", "2.5 min". */
export function formatMinutes(minutes: number): string {
  return `${Math.abs(minutes) >= 100 ? WHOLE.format(minutes) : NUMBER.format(minutes)} min`;
}

/** A whole count with separators: "1,440". */
export function formatWhole(value: number): string {
  return WHOLE.format(value);
}

/** A difference in percentage points: "+0.50 points", "−2.86 points". */
export function formatPoints(points: number): string {
  return `${POINTS.format(points).replace("-", "−")} points`;
}

/** A target as people write it: "99.9%", "99%". */
export function formatTargetPct(pct: number): string {
  return `${new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 }).format(pct)}%`;
}

/** "A, B and C". */
export function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** "1 window", "69 windows". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${WHOLE.format(n)} ${n === 1 ? word : many}`;
}
