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
  "bytes/s": " B/s",
  cores: " cores",
  s: " s",
  sec: " s",
};

const BINARY_PREFIXES = ["", "Ki", "Mi", "Gi", "Ti", "Pi"];

/** 1536 → "1.5 KiB": memory and cache sizes read in binary multiples. */
function formatBytes(value: number, suffix: "B" | "B/s", bare: boolean): string {
  let scaled = value;
  let i = 0;
  while (Math.abs(scaled) >= 1024 && i < BINARY_PREFIXES.length - 1) {
    scaled /= 1024;
    i++;
  }
  return bare && i === 0 ? formatNumber(scaled) : `${formatNumber(scaled)} ${BINARY_PREFIXES[i]}${suffix}`;
}

export function formatValue(value: number | null, unit: ChartUnit): string {
  if (value === null || !Number.isFinite(value)) return "—";
  // Counts are whole until a rate of them is not (Prometheus rate() of a counter): keep the fraction then.
  if (unit === "count") return Number.isInteger(value) ? FORMATS[0].format(value) : formatNumber(value);
  if (unit === "bytes") return formatBytes(value, "B", false);
  if (unit === "bytes/s") return formatBytes(value, "B/s", false);
  if (unit === "s") return formatElapsed(value);
  return `${formatNumber(value)}${UNIT_SUFFIX[unit]}`;
}

/** A value without its unit, for table cells under a header that names the unit. */
export function formatBare(value: number | null, unit: ChartUnit): string {
  if (value === null || !Number.isFinite(value)) return "—";
  // Counts are whole until a rate of them is not (Prometheus rate() of a counter): keep the fraction then.
  if (unit === "count") return Number.isInteger(value) ? FORMATS[0].format(value) : formatNumber(value);
  // Axis ticks of memory read "1.5 GiB": a bare 1,610,612,736 says nothing.
  if (unit === "bytes") return formatBytes(value, "B", true);
  if (unit === "bytes/s") return formatBytes(value, "B/s", true);
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

/** A chart spanning more than this shows dates with its times. */
export const DATE_LABEL_SPAN_MS = 86_400_000;

/**
 * An x value as a table row or summary shows it, without the zone name (the axis title carries
 * it): the time to the second, with the date when the chart spans more than a day.
 */
export function formatX(x: number, axis: ChartXAxis, zone: string, spanMs = 0): string {
  if (axis.kind !== "time") return formatElapsed(x);
  return formatInZone(new Date(x), zone, spanMs > DATE_LABEL_SPAN_MS ? "MMM d HH:mm:ss" : "HH:mm:ss");
}

/**
 * A time-axis tick label: "14:05:30" for steps under a minute, "14:05" up to a day's span, "May 3
 * 14:00" beyond, "May 3" for daily steps. A tick at midnight names its day, so a night reads on.
 */
export function formatTimeTick(x: number, zone: string, spanMs: number, stepMs: number): string {
  const at = new Date(x);
  const midnight = formatInZone(at, zone, "HH:mm:ss") === "00:00:00";
  if (stepMs >= DATE_LABEL_SPAN_MS || (midnight && stepMs >= 60_000)) return formatInZone(at, zone, "MMM d");
  if (spanMs > DATE_LABEL_SPAN_MS) return formatInZone(at, zone, "MMM d HH:mm");
  return formatInZone(at, zone, stepMs < 60_000 ? "HH:mm:ss" : "HH:mm");
}

/**
 * "Time (UTC)", "Time (CEST)", "Time since start"; a range across a daylight-saving change names
 * both: "Time (CEST/CET)".
 */
export function xAxisTitle(axis: ChartXAxis, zone: string, sample?: number, sampleEnd?: number): string {
  if (axis.title) return axis.title;
  if (axis.kind === "elapsed") return "Time since start";
  const first = zoneAbbreviation(new Date(sample ?? 0), zone);
  const last = sampleEnd === undefined ? first : zoneAbbreviation(new Date(sampleEnd), zone);
  return `Time (${first === last ? first : `${first}/${last}`})`;
}
