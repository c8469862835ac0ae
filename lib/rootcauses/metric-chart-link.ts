import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const CHART_OF_ANOTHER_INCIDENT = "Choose one of this incident's charts";

/** A root cause may only point at a chart of its own incident: anything else is refused as a field error. */
export async function assertIncidentChart(tx: Db, incidentId: string, chartId: string | null | undefined): Promise<void> {
  if (!chartId) return;
  const chart = await tx.metricChart.findFirst({ where: { id: chartId, incidentId }, select: { id: true } });
  if (!chart) throw new AppError("VALIDATION", "Some fields need attention.", { metricChartId: [CHART_OF_ANOTHER_INCIDENT] });
}
