/**
 * Writes parsed series into an incident as a snapshot: a new chart (or an existing one of the
 * incident), one MetricSeries row per series and its point blocks, in one transaction. The blocks
 * are built before the transaction opens, so it stays short and writes nothing when anything fails.
 */
import { db, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import {
  buildSeriesChunks,
  insertSeriesChunks,
  pointsSha256,
  summarizePoints,
  type SeriesChunk,
} from "@/lib/metrics/point-store";
import { chartUnits } from "@/lib/metrics/metric-chart-spec";
import type { MetricFormatId, ParsedMetrics } from "@/lib/metrics/types";
import type { MetricUnit } from "@/lib/metrics/units";

/** Two value axes: a third unit would need a third axis nobody can read. */
export const MAX_UNITS_PER_CHART = 2;

export type SaveMetricSnapshotInput = {
  incidentNumber: number;
  parsed: ParsedMetrics;
  /** Unit for series whose file states none; "count" when neither says (editable afterwards). */
  unit?: MetricUnit;
  source: string;
  chartId?: string;
  chartTitle?: string;
  kind?: "line" | "bar";
  /** Caption of a new chart: what to look at. */
  caption?: string;
  importJobId?: string;
};

export type SavedMetricSnapshot = {
  chartId: string;
  chartTitle: string;
  seriesIds: string[];
  points: number;
  /** Series that got "count" because neither the file nor the form gave a unit. */
  unitGuessed: number;
};

export function assertChartUnits(existing: MetricUnit[], added: MetricUnit[], chartTitle: string): void {
  const units = chartUnits([...existing, ...added].map((unit) => ({ unit })));
  if (units.length > MAX_UNITS_PER_CHART) {
    const had = existing.length
      ? `"${chartTitle}" already shows ${chartUnits(existing.map((unit) => ({ unit }))).join(" and ")}; `
      : "";
    throw new AppError(
      "VALIDATION",
      `A chart shows at most ${MAX_UNITS_PER_CHART} units (one per axis): ${had}these series would make it ${units.join(", ")}. Put them on a new chart.`,
      { chartId: [`A chart shows at most ${MAX_UNITS_PER_CHART} units`] },
    );
  }
}

function defaultChartTitle(parsed: ParsedMetrics): string {
  if (parsed.series.length === 1) return parsed.series[0].name;
  return `${parsed.series[0].name} and ${parsed.series.length - 1} more`;
}

type PreparedSeries = {
  series: ParsedMetrics["series"][number];
  unit: MetricUnit;
  chunks: SeriesChunk[];
  summary: ReturnType<typeof summarizePoints>;
  sha256: string;
};

/** CPU work before any transaction: units decided, blocks and levels built, fingerprints taken. */
export function prepareMetricSnapshot(
  parsed: ParsedMetrics,
  unit?: MetricUnit,
): { series: PreparedSeries[]; unitGuessed: number } {
  if (parsed.series.length === 0) throw new AppError("VALIDATION", "The file holds no series.");
  let unitGuessed = 0;
  const series = parsed.series.map((s) => {
    const chosen: MetricUnit = s.unit ?? unit ?? (unitGuessed++, "count");
    return {
      series: s,
      unit: chosen,
      chunks: buildSeriesChunks(s.points),
      summary: summarizePoints(s.points),
      sha256: pointsSha256(s.points),
    };
  });
  return { series, unitGuessed };
}

/** Inside the caller's transaction (the import's own, or the demo seed's). */
export async function insertMetricSnapshot(
  tx: Db,
  actor: Actor,
  input: SaveMetricSnapshotInput,
  prepared: { series: PreparedSeries[]; unitGuessed: number },
): Promise<SavedMetricSnapshot> {
  const { parsed } = input;
  const points = prepared.series.reduce((n, p) => n + p.summary.pointCount, 0);
  const incident = await findVisibleIncident(tx, actor, { number: input.incidentNumber });
  let chart: { id: string; title: string };
  let existingUnits: MetricUnit[] = [];
  let nextPosition = 0;
  if (input.chartId) {
    const found = await tx.metricChart.findFirst({
      where: { id: input.chartId, incidentId: incident.id },
      select: { id: true, title: true, series: { select: { unit: true, position: true } } },
    });
    if (!found)
      throw new AppError("VALIDATION", "That chart is not on this incident.", { chartId: ["Choose a chart of this incident"] });
    chart = found;
    existingUnits = found.series.map((s) => s.unit as MetricUnit);
    nextPosition = found.series.reduce((m, s) => Math.max(m, s.position + 1), 0);
  } else {
    const last = await tx.metricChart.aggregate({ where: { incidentId: incident.id }, _max: { position: true } });
    chart = await tx.metricChart.create({
      data: {
        incidentId: incident.id,
        title: input.chartTitle?.trim() || defaultChartTitle(parsed),
        kind: input.kind ?? "line",
        caption: input.caption ?? "",
        position: (last._max.position ?? -1) + 1,
        createdById: actorId(actor),
      },
      select: { id: true, title: true },
    });
  }
  assertChartUnits(
    existingUnits,
    prepared.series.map((p) => p.unit),
    chart.title,
  );
  const seriesIds: string[] = [];
  for (const [i, p] of prepared.series.entries()) {
    const row = await tx.metricSeries.create({
      data: {
        chartId: chart.id,
        incidentId: incident.id,
        position: nextPosition + i,
        name: p.series.name,
        unit: p.unit,
        source: input.source,
        format: parsed.format satisfies MetricFormatId,
        labels: p.series.labels,
        pointCount: p.summary.pointCount,
        firstAt: p.summary.firstAt,
        lastAt: p.summary.lastAt,
        minValue: p.summary.minValue,
        maxValue: p.summary.maxValue,
        gapCount: p.summary.gapCount,
        infiniteCount: p.summary.infiniteCount,
        sha256: p.sha256,
        importJobId: input.importJobId ?? null,
        createdById: actorId(actor),
      },
      select: { id: true },
    });
    await insertSeriesChunks(tx, row.id, p.chunks);
    seriesIds.push(row.id);
  }
  await recordAudit(tx, actor, {
    action: "metrics.import",
    entityType: "MetricChart",
    entityId: chart.id,
    incidentId: incident.id,
    data: {
      chart: chart.title,
      format: parsed.format,
      source: input.source,
      series: prepared.series.map((p) => ({ name: p.series.name, unit: p.unit, points: p.summary.pointCount, sha256: p.sha256 })),
    },
  });
  return { chartId: chart.id, chartTitle: chart.title, seriesIds, points, unitGuessed: prepared.unitGuessed };
}

export async function saveMetricSnapshot({
  actor,
  input,
}: {
  actor: Actor;
  input: SaveMetricSnapshotInput;
}): Promise<SavedMetricSnapshot> {
  assertCan(actor, "edit");
  const prepared = prepareMetricSnapshot(input.parsed, input.unit);
  return db().$transaction(
    (tx: Db) => insertMetricSnapshot(tx, actor, input, prepared),
    // Large snapshots write many blocks; the default 5 s would cut a 1M-point import short.
    { timeout: 120_000, maxWait: 30_000 },
  );
}
