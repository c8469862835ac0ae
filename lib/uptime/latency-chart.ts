/**
 * A monitor's response time as a ChartSpec: the checks' latencies downsampled with M4 (extremes
 * kept, so a single slow check still shows) and its downtime and maintenance windows shaded. The
 * monitor page draws it over its period; the latency endpoint redraws it for a zoomed window.
 */
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { isValidTimeZone } from "@/lib/time/zones";
import { lineBucketsFor, m4 } from "@/lib/charts/downsample";
import type { PointColumns } from "@/lib/charts/point-columns";
import { chartSpec, type ChartAnnotation, type ChartSpec } from "@/lib/charts/spec";
import { downtimeWindows } from "@/lib/uptime/compute/downtime";
import { formatWhole } from "@/lib/uptime/compute/format";
import type { DowntimeWindow, MonitorSeries, TimeWindow } from "@/lib/uptime/compute/types";
import { loadMonitorSeries } from "@/lib/uptime/monitor-series";

export const LATENCY_CHART_POINTS = 2000;
/** Shaded windows drawn at most; the longest are kept, the downtime list has them all. */
const MAX_SHADED = 300;
/** A periodic check's latency line breaks where no check answered for this many intervals. */
const GAP_CHECKS = 2;

export const monitorLatencyQuerySchema = z
  .object({
    from: z.coerce.number().finite().optional(),
    to: z.coerce.number().finite().optional(),
    points: z.coerce
      .number()
      .int()
      .min(50, "Ask for at least 50 points.")
      .max(10_000, "Ask for at most 10,000 points.")
      .default(LATENCY_CHART_POINTS),
    tz: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || isValidTimeZone(v), "Choose a known time zone, such as Europe/Berlin or UTC."),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    message: "from must be before to.",
    path: ["from"],
  });
export type MonitorLatencyQuery = z.output<typeof monitorLatencyQuerySchema>;

export type LatencyChart = { spec: ChartSpec; status: string; fullRange: { min: number; max: number } };

/** Latencies as columns; a check without one (a timeout) and a stretch no check covered are gaps. */
function latencyColumns(series: MonitorSeries): { columns: PointColumns; withLatency: number[] } {
  const { samples } = series;
  const gapMs = series.checkIntervalSec ? series.checkIntervalSec * 1000 * GAP_CHECKS : null;
  const times: number[] = [];
  const values: number[] = [];
  const withLatency: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    if (i > 0 && gapMs !== null && s.at - samples[i - 1].at > gapMs) {
      times.push(samples[i - 1].at + gapMs / GAP_CHECKS);
      values.push(NaN);
    }
    const latency = s.latencyMs !== null && Number.isFinite(s.latencyMs) ? s.latencyMs : NaN;
    times.push(s.at);
    values.push(latency);
    if (!Number.isNaN(latency)) withLatency.push(s.at);
  }
  return {
    columns: { times: Float64Array.from(times), values: Float64Array.from(values), length: times.length },
    withLatency,
  };
}

function shaded(downtime: DowntimeWindow[], maintenance: MonitorSeries["maintenance"], range: TimeWindow): ChartAnnotation[] {
  const down = downtime
    .filter((w) => w.end >= range.from && w.start <= range.to)
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, MAX_SHADED)
    .sort((a, b) => a.start - b.start)
    .map((w): ChartAnnotation => ({
      kind: "window",
      from: w.start,
      to: w.end,
      label: w.codes.length ? `Down (${w.codes.join(", ")})` : "Down",
      tone: "bad",
    }));
  const planned = maintenance
    .filter((m) => m.endsAt >= range.from && m.startsAt <= range.to)
    .map((m): ChartAnnotation => ({ kind: "window", from: m.startsAt, to: m.endsAt, label: "Maintenance", tone: "neutral" }));
  return [...down, ...planned];
}

/** Null when no check in the whole series carries a latency (Statuspage, a status-only CSV). */
export function latencyChart(input: {
  monitor: { id: string; name: string };
  series: MonitorSeries;
  downtime: DowntimeWindow[];
  range: TimeWindow;
  fullRange: { min: number; max: number };
  maxPoints: number;
  timeZone: string;
}): LatencyChart | null {
  const { monitor, series, downtime, range, maxPoints, timeZone } = input;
  const { columns, withLatency } = latencyColumns(series);
  if (withLatency.length === 0) return null;
  const inRange = withLatency.filter((t) => t >= range.from && t <= range.to).length;
  const points = columns.length ? m4(columns, { from: range.from, to: range.to, buckets: lineBucketsFor(maxPoints) }) : [];
  const drawn = points.filter(([x, y]) => y !== null && x >= range.from && x <= range.to).length;
  const status =
    inRange === 0
      ? "No check in this window recorded a response time."
      : drawn < inRange
        ? `Showing ${formatWhole(drawn)} of ${formatWhole(inRange)} response times; the fastest and slowest of each stretch are kept.`
        : `All ${formatWhole(inRange)} response times in this window.`;
  const spec = chartSpec({
    id: `monitor-latency-${monitor.id}`,
    title: `${monitor.name}: response time`,
    caption: "Response time of each check. Shaded: downtime windows (red) and maintenance (grey).",
    x: { kind: "time" },
    y: { title: "Milliseconds", unit: "ms", beginAtZero: true },
    series: [{ id: "latency", label: "Response time", unit: "ms", axis: "y", color: "blue", style: "line", points }],
    annotations: shaded(downtime, series.maintenance, range),
    timeZone,
    xRange: { min: range.from, max: range.to },
  });
  return { spec, status, fullRange: input.fullRange };
}

/** The latency endpoint: the chart for a window of one monitor (the whole data span without one). */
export async function monitorLatencyChart({
  actor,
  monitorId,
  query,
}: {
  actor: Actor;
  monitorId: string;
  query: unknown;
}): Promise<{ spec: ChartSpec; status: string; fullRange: { min: number; max: number } }> {
  assertCan(actor, "read");
  const parsed = monitorLatencyQuerySchema.safeParse(query ?? {});
  if (!parsed.success) throw validationError(parsed.error.issues);
  const q = parsed.data;
  const monitor = await db().monitor.findUnique({
    where: { id: monitorId },
    select: {
      id: true,
      name: true,
      checkIntervalSec: true,
      dataStart: true,
      dataEnd: true,
      minDowntimeSec: true,
      timeZone: true,
    },
  });
  if (!monitor) throw new AppError("NOT_FOUND", "Monitor not found.");
  const now = Date.now();
  const fullRange = { min: monitor.dataStart?.getTime() ?? now, max: monitor.dataEnd?.getTime() ?? now };
  const range = { from: q.from ?? fullRange.min, to: q.to ?? Math.max(fullRange.max, (q.from ?? fullRange.min) + 1) };
  const series = await loadMonitorSeries(db(), monitor, range);
  const downtime = downtimeWindows(series, { minDurationMs: monitor.minDowntimeSec * 1000, window: range });
  const chart = latencyChart({
    monitor,
    series,
    downtime,
    range,
    fullRange,
    maxPoints: q.points,
    timeZone: q.tz ?? monitor.timeZone,
  });
  if (chart) return chart;
  const spec = chartSpec({
    id: `monitor-latency-${monitor.id}`,
    title: `${monitor.name}: response time`,
    caption: "This monitor's checks record no response times.",
    x: { kind: "time" },
    y: { title: "Milliseconds", unit: "ms", beginAtZero: true },
    series: [],
    timeZone: q.tz ?? monitor.timeZone,
    xRange: { min: range.from, max: range.to },
  });
  return { spec, status: "No check of this monitor recorded a response time.", fullRange };
}
