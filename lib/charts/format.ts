/**
 * Labels for chart values and axes, shared by the browser renderer, its data table, the aria
 * summary and the pages around the charts. Times go through lib/time in an explicit zone.
 */
import { formatInZone, zoneAbbreviation } from "@/lib/time/zones";
import type { ChartUnit, ChartXAxis } from "@/lib/charts/spec";

const FORMATS = [0, 1, 2].map((digits) => new Intl.NumberFormat("en-US", { maximumFractionDigits: digits }));

/** Whole numbers from 100 up, one decimal from 10, two below: "1,234", "45.6", "0.42". */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  return FORMATS[abs >= 100 ? 0 : abs >= 10 ? 1 : 2].format(value);
}

const UNIT_SUFFIX: Record<ChartUnit, string> = {
  ms: " ms",
  "req/s": " req/s",
  "errors/s": " errors/s",
  users: " users",
  "%": "%",
  count: "",
  bytes: " B",
  s: " s",
};

export function formatValue(value: number | null, unit: ChartUnit): string {
  if (value === null || !Number.isFinite(value)) return "—";
  if (unit === "count") return FORMATS[0].format(value);
  if (unit === "s") return formatElapsed(value);
  return `${formatNumber(value)}${UNIT_SUFFIX[unit]}`;
}

/** A value without its unit, for table cells under a header that names the unit. */
export function formatBare(value: number | null, unit: ChartUnit): string {
  if (value === null || !Number.isFinite(value)) return "—";
  if (unit === "count") return FORMATS[0].format(value);
  if (unit === "s") return formatElapsed(value);
  return formatNumber(value);
}

/** Seconds as "45 s", "1:30" (m:ss) or "1:02:03" (h:mm:ss). */
export function formatElapsed(seconds: number): string {
  const sign = seconds < 0 ? "−" : "";
  const total = Math.round(Math.abs(seconds));
  if (total < 60) return `${sign}${total} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, "0")}:${s}` : `${sign}${m}:${s}`;
}

/** A length of time in words: "45 s", "10 min", "10 min 30 s", "1 h 5 min". */
export function formatSpan(seconds: number): string {
  const total = Math.round(seconds);
  if (total < 60) return `${total} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return s > 0 ? `${m} min ${s} s` : `${m} min`;
}

/** Wall-clock time of an instant in `zone`, with the zone's short name: "14:05:30 UTC". */
export function formatTime(epochMs: number, zone: string, pattern = "HH:mm:ss"): string {
  const d = new Date(epochMs);
  return `${formatInZone(d, zone, pattern)} ${zoneAbbreviation(d, zone)}`;
}

/** An x value as the axis shows it, without the zone name (the axis title carries it). */
export function formatX(x: number, axis: ChartXAxis, zone: string): string {
  return axis.kind === "time" ? formatInZone(new Date(x), zone, "HH:mm:ss") : formatElapsed(x);
}

/** "Time (UTC)", "Time (CEST)", "Seconds since start". */
export function xAxisTitle(axis: ChartXAxis, zone: string, sample?: number): string {
  if (axis.title) return axis.title;
  if (axis.kind === "elapsed") return "Time since start";
  return `Time (${zoneAbbreviation(new Date(sample ?? 0), zone)})`;
}
