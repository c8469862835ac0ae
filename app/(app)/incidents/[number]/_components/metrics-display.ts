/**
 * Display helpers of the incident's Metrics section, pure so server and browser render the same
 * text: detail of a drawn window, time ranges in the chosen zone, chart-data URLs.
 */
import type { ChartSpec } from "@/lib/charts/spec";
import type { FieldErrors } from "@/lib/errors";
import type { MetricChartData } from "@/lib/metrics/metric-views";
import { formatInZone, zoneAbbreviation } from "@/lib/time/zones";
import type { ZoneChoice } from "@/components/time/zone-choice";

/** Points the server returns per series for one window. */
export const CHART_POINTS = 2000;

const COUNT = new Intl.NumberFormat("en-US");

/** Points of the spec inside its shown window (the server adds one neighbour either side for the lines' edges). */
function pointsInView(spec: ChartSpec): number {
  const range = spec.xRange;
  let n = 0;
  for (const s of spec.series) for (const [x] of s.points) if (!range || (x >= range.min && x <= range.max)) n++;
  return n;
}

/** "Detail: level 0 (raw), 1,200 of 1,200 points"; "levels 1–2" when series are read at different levels. */
export function detailStatus(data: Pick<MetricChartData, "spec" | "series">): string {
  if (data.series.length === 0) return "No series on this chart.";
  const levels = [...new Set(data.series.map((s) => s.level))].sort((a, b) => a - b);
  const level =
    levels.length === 1
      ? `level ${levels[0]}${levels[0] === 0 ? " (raw)" : ""}`
      : `levels ${levels[0]}–${levels[levels.length - 1]}`;
  const raw = data.series.reduce((sum, s) => sum + s.rawPointsInWindow, 0);
  return `Detail: ${level}, ${COUNT.format(Math.min(pointsInView(data.spec), raw))} of ${COUNT.format(raw)} points`;
}

/** The chart-data endpoint for a window (epoch ms). */
export function chartDataUrl(chartId: string, window: { from: number; to: number }, choice: ZoneChoice): string {
  const query = new URLSearchParams({
    from: String(Math.floor(window.from)),
    to: String(Math.ceil(window.to)),
    points: String(CHART_POINTS),
    tz: choice,
  });
  return `/api/v1/metric-charts/${encodeURIComponent(chartId)}/data?${query}`;
}

/** The chart as a PNG in the chosen zone, of the window shown (the whole chart when none). */
export function chartPngUrl(chartId: string, choice: ZoneChoice, window: { from: number; to: number } | null): string {
  const query = new URLSearchParams({ tz: choice });
  if (window) {
    query.set("from", String(Math.floor(window.from)));
    query.set("to", String(Math.ceil(window.to)));
  }
  return `/api/v1/metric-charts/${encodeURIComponent(chartId)}/png?${query}`;
}

/** "2026-05-12 18:30:00 – 21:30:00 CEST"; the end carries its date when it falls on another day. */
export function formatTimeRange(firstAt: string | null, lastAt: string | null, zone: string): string {
  if (!firstAt || !lastAt) return "—";
  const first = new Date(firstAt);
  const last = new Date(lastAt);
  const sameDay = formatInZone(first, zone, "yyyy-MM-dd") === formatInZone(last, zone, "yyyy-MM-dd");
  const end = formatInZone(last, zone, sameDay ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss");
  return `${formatInZone(first, zone, "yyyy-MM-dd HH:mm:ss")} – ${end} ${zoneAbbreviation(last, zone)}`;
}

/** A route's error envelope (lib/transport/route-error.ts) as one sentence. */
export function responseErrorMessage(status: number, body: unknown): string {
  const message = (body as { error?: { message?: string } } | null)?.error?.message;
  if (status === 401) return "Your session has ended. Sign in again.";
  return message ?? `The server answered ${status}.`;
}

/** The first message per field, for forms that show one line under each input. */
export function firstErrors(fields: FieldErrors | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, messages] of Object.entries(fields ?? {})) if (messages[0]) out[field] = messages[0];
  return out;
}
