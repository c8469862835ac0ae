"use server";

import type { z } from "zod";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runAction, type ActionResult } from "@/lib/transport/action-result";
import { deleteMetricChart, deleteMetricSeries, updateMetricChart, updateMetricSeries } from "@/lib/metrics/edit-metrics";
import type { metricChartUpdateSchema, metricSeriesUpdateSchema } from "@/lib/metrics/schema";

/** What the forms send: the schemas' input (the verbs parse it again). */
export type MetricChartUpdateInput = z.input<typeof metricChartUpdateSchema>;
export type MetricSeriesUpdateInput = z.input<typeof metricSeriesUpdateSchema>;

/** Every verb names the incident it changed: its page is drawn again with the new charts. */
async function done<T extends { incidentNumber: number }>(result: ActionResult<T>): Promise<ActionResult<T>> {
  if (result.ok) revalidatePath(`/incidents/${result.data.incidentNumber}`);
  return result;
}

export async function updateMetricChartAction(
  input: MetricChartUpdateInput,
): Promise<ActionResult<{ chartId: string; incidentNumber: number; version: number }>> {
  const actor = await requireUser("edit");
  return done(await runAction(() => updateMetricChart({ actor, input })));
}

export async function updateMetricSeriesAction(
  input: MetricSeriesUpdateInput,
): Promise<ActionResult<{ seriesId: string; incidentNumber: number; version: number }>> {
  const actor = await requireUser("edit");
  return done(await runAction(() => updateMetricSeries({ actor, input })));
}

export async function deleteMetricChartAction(input: {
  chartId: string;
}): Promise<ActionResult<{ chartId: string; incidentNumber: number }>> {
  const actor = await requireUser("edit");
  return done(await runAction(() => deleteMetricChart({ actor, input })));
}

export async function deleteMetricSeriesAction(input: {
  seriesId: string;
}): Promise<ActionResult<{ seriesId: string; incidentNumber: number }>> {
  const actor = await requireUser("edit");
  return done(await runAction(() => deleteMetricSeries({ actor, input })));
}
