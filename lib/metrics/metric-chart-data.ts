/**
 * The chart-data endpoint's work: one metric chart downsampled for a window (the whole chart, or
 * the window a reader zoomed into), as the ChartSpec the page, the API and PNG exports draw.
 */
import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";
import { seriesChartPoints } from "@/lib/metrics/point-store";
import { incidentWindow, metricChartSpec } from "@/lib/metrics/metric-chart-spec";
import { metricChartDataQuerySchema, type MetricChartDataQuery } from "@/lib/metrics/schema";
import type { MetricChartData } from "@/lib/metrics/metric-views";
import { isMetricUnit } from "@/lib/metrics/units";

/** A chart with no points yet still spans the incident, or an hour from its start. */
const EMPTY_SPAN_MS = 60 * 60 * 1000;

const CHART_SELECT = {
  id: true,
  title: true,
  kind: true,
  caption: true,
  series: {
    orderBy: { position: "asc" },
    select: { id: true, name: true, unit: true, firstAt: true, lastAt: true },
  },
  incident: {
    select: {
      timeZone: true,
      startedAt: true,
      mitigatedAt: true,
      resolvedAt: true,
      timelineEvents: { orderBy: { occurredAt: "asc" }, select: { occurredAt: true, precision: true, text: true } },
    },
  },
} as const;

type ChartRow = NonNullable<Awaited<ReturnType<typeof findChart>>>;

function findChart(client: Db, actor: Actor, chartId: string) {
  return client.metricChart.findFirst({ where: { id: chartId, incident: visibleIncidentsWhere(actor) }, select: CHART_SELECT });
}

/** Data and incident window together: what "reset zoom" returns to. */
export function chartFullRange(chart: Pick<ChartRow, "series" | "incident">): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const s of chart.series) {
    if (s.firstAt) min = Math.min(min, s.firstAt.getTime());
    if (s.lastAt) max = Math.max(max, s.lastAt.getTime());
  }
  const dataEnd = Number.isFinite(max) ? max : null;
  const window = incidentWindow(chart.incident, dataEnd);
  if (window) {
    min = Math.min(min, window.from);
    max = Math.max(max, window.to);
  }
  if (!Number.isFinite(min)) min = chart.incident.startedAt.getTime();
  if (!Number.isFinite(max) || max <= min) max = min + EMPTY_SPAN_MS;
  return { min, max };
}

async function chartData(client: Db, chart: ChartRow, query: MetricChartDataQuery): Promise<MetricChartData> {
  const fullRange = chartFullRange(chart);
  const from = query.from ?? fullRange.min;
  const to = query.to ?? fullRange.max;
  const kind = chart.kind === "bar" ? "bar" : "line";
  const drawn = [];
  for (const s of chart.series) {
    // One after another: PGlite serialises queries anyway, and PostgreSQL pools stay free for others.
    const { points, level, rawPointsInWindow } = await seriesChartPoints(
      client,
      { id: s.id },
      { from, to, maxPoints: query.points, kind },
    );
    drawn.push({ series: s, points, level, rawPointsInWindow });
  }
  const window = incidentWindow(chart.incident, fullRange.max);
  const spec = metricChartSpec({
    chart: { id: chart.id, title: chart.title, kind, caption: chart.caption },
    series: drawn.map((d) => ({
      id: d.series.id,
      name: d.series.name,
      unit: isMetricUnit(d.series.unit) ? d.series.unit : "count",
      points: d.points,
    })),
    incident: chart.incident,
    events: chart.incident.timelineEvents,
    timeZone: query.tz === "utc" ? "UTC" : chart.incident.timeZone,
    xRange: { min: from, max: to },
  });
  return {
    chartId: chart.id,
    spec,
    fullRange,
    incidentWindow: window ? { from: window.from, to: window.to } : null,
    incidentTimeZone: chart.incident.timeZone,
    series: drawn.map((d) => ({
      id: d.series.id,
      level: d.level,
      rawPointsInWindow: d.rawPointsInWindow,
      shownPoints: d.points.length,
    })),
  };
}

/** Reads one chart the actor may see; a chart of a restricted incident is simply not found. */
export async function metricChartData({
  actor,
  chartId,
  query,
}: {
  actor: Actor;
  chartId: string;
  query: unknown;
}): Promise<MetricChartData> {
  assertCan(actor, "read");
  const parsed = metricChartDataQuerySchema.safeParse(query ?? {});
  if (!parsed.success) throw validationError(parsed.error.issues);
  const chart = await findChart(db(), actor, chartId);
  if (!chart) throw new AppError("NOT_FOUND", "Chart not found.");
  return chartData(db(), chart, parsed.data);
}

/** Every chart of an incident in full range (the page's first view), in the order they were added. */
export async function incidentChartsData(
  client: Db,
  actor: Actor,
  chartIds: string[],
  tz: "incident" | "utc" = "incident",
): Promise<Map<string, MetricChartData>> {
  const result = new Map<string, MetricChartData>();
  for (const id of chartIds) {
    const chart = await findChart(client, actor, id);
    if (chart) result.set(id, await chartData(client, chart, metricChartDataQuerySchema.parse({ tz })));
  }
  return result;
}
