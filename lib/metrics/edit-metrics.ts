/**
 * Editing metric snapshots: chart title/kind/caption, series name/unit/source and chart, deletion.
 * The points themselves never change: a snapshot is evidence. Each record has its own version.
 */
import { z } from "zod";
import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { visibleIncidentsWhere } from "@/lib/incidents/access";
import { staleSaveError } from "@/lib/revisions/stale-save";
import { metricChartUpdateSchema, metricSeriesUpdateSchema } from "@/lib/metrics/schema";
import { assertChartUnits } from "@/lib/metrics/save-metric-snapshot";
import type { MetricUnit } from "@/lib/metrics/units";

const chartRefSchema = z.object({ chartId: z.string().min(1) });
const seriesRefSchema = z.object({ seriesId: z.string().min(1) });

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  return parsed.data;
}

async function findChart(tx: Db, actor: Actor, chartId: string) {
  const chart = await tx.metricChart.findFirst({
    where: { id: chartId, incident: visibleIncidentsWhere(actor) },
    select: {
      id: true,
      title: true,
      kind: true,
      caption: true,
      version: true,
      incidentId: true,
      incident: { select: { number: true } },
    },
  });
  if (!chart) throw new AppError("NOT_FOUND", "Chart not found.");
  return chart;
}

async function findSeries(tx: Db, actor: Actor, seriesId: string) {
  const series = await tx.metricSeries.findFirst({
    where: { id: seriesId, chart: { incident: visibleIncidentsWhere(actor) } },
    select: { id: true, name: true, unit: true, source: true, chartId: true, version: true, incidentId: true, position: true },
  });
  if (!series) throw new AppError("NOT_FOUND", "Series not found.");
  return series;
}

export async function updateMetricChart({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "edit");
  const data = parse(metricChartUpdateSchema, input);
  return db().$transaction(async (tx: Db) => {
    const chart = await findChart(tx, actor, data.chartId);
    const changes = { title: data.title, kind: data.kind, caption: data.caption };
    const updated = await tx.metricChart.updateMany({
      where: { id: chart.id, version: data.version },
      data: { ...changes, version: { increment: 1 } },
    });
    if (updated.count === 0) {
      throw staleSaveError({ title: chart.title, kind: chart.kind, caption: chart.caption, version: chart.version }, changes);
    }
    await recordAudit(tx, actor, {
      action: "metrics.chart.update",
      entityType: "MetricChart",
      entityId: chart.id,
      incidentId: chart.incidentId,
      data: { before: { title: chart.title, kind: chart.kind, caption: chart.caption }, after: changes },
    });
    return { chartId: chart.id, incidentNumber: chart.incident.number, version: data.version + 1 };
  });
}

export async function updateMetricSeries({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "edit");
  const data = parse(metricSeriesUpdateSchema, input);
  return db().$transaction(async (tx: Db) => {
    const series = await findSeries(tx, actor, data.seriesId);
    const target = await tx.metricChart.findFirst({
      where: { id: data.chartId, incidentId: series.incidentId },
      select: {
        id: true,
        title: true,
        incident: { select: { number: true } },
        series: { select: { id: true, unit: true, position: true } },
      },
    });
    if (!target)
      throw new AppError("VALIDATION", "That chart is not on this incident.", { chartId: ["Choose a chart of this incident"] });
    const others = target.series.filter((s) => s.id !== series.id);
    try {
      assertChartUnits(
        others.map((s) => s.unit as MetricUnit),
        [data.unit],
        target.title,
      );
    } catch (e) {
      if (e instanceof AppError) throw new AppError("VALIDATION", e.message, { unit: [e.message] });
      throw e;
    }
    const moving = target.id !== series.chartId;
    const changes = { name: data.name, unit: data.unit, source: data.source, chartId: target.id };
    const updated = await tx.metricSeries.updateMany({
      where: { id: series.id, version: data.version },
      data: {
        ...changes,
        ...(moving ? { position: others.reduce((m, s) => Math.max(m, s.position + 1), 0) } : {}),
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) {
      throw staleSaveError(
        { name: series.name, unit: series.unit, source: series.source, chartId: series.chartId, version: series.version },
        changes,
      );
    }
    await recordAudit(tx, actor, {
      action: "metrics.series.update",
      entityType: "MetricSeries",
      entityId: series.id,
      incidentId: series.incidentId,
      data: { before: { name: series.name, unit: series.unit, source: series.source, chartId: series.chartId }, after: changes },
    });
    return { seriesId: series.id, incidentNumber: target.incident.number, version: data.version + 1 };
  });
}

export async function deleteMetricSeries({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "edit");
  const { seriesId } = parse(seriesRefSchema, input);
  return db().$transaction(async (tx: Db) => {
    const series = await findSeries(tx, actor, seriesId);
    const chart = await findChart(tx, actor, series.chartId);
    // Blocks go with the series (ON DELETE CASCADE).
    await tx.metricSeries.delete({ where: { id: series.id } });
    await recordAudit(tx, actor, {
      action: "metrics.series.delete",
      entityType: "MetricSeries",
      entityId: series.id,
      incidentId: series.incidentId,
      data: { name: series.name, unit: series.unit, chart: chart.title },
    });
    return { seriesId: series.id, incidentNumber: chart.incident.number };
  });
}

export async function deleteMetricChart({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "edit");
  const { chartId } = parse(chartRefSchema, input);
  return db().$transaction(async (tx: Db) => {
    const chart = await findChart(tx, actor, chartId);
    const series = await tx.metricSeries.findMany({ where: { chartId }, select: { name: true } });
    await tx.metricChart.delete({ where: { id: chart.id } });
    await recordAudit(tx, actor, {
      action: "metrics.chart.delete",
      entityType: "MetricChart",
      entityId: chart.id,
      incidentId: chart.incidentId,
      data: { title: chart.title, series: series.map((s) => s.name) },
    });
    return { chartId: chart.id, incidentNumber: chart.incident.number };
  });
}
