/** The Metrics section of an incident: its charts, their series and what each chart draws at first. */
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { incidentChartsData } from "@/lib/metrics/metric-chart-data";
import { METRIC_SERIES_SELECT, toMetricSeriesView, type IncidentMetrics, type MetricChartView } from "@/lib/metrics/metric-views";

export async function listIncidentMetricCharts({ actor, incidentNumber }: { actor: Actor; incidentNumber: number }) {
  assertCan(actor, "read");
  const incident = await findVisibleIncident(db(), actor, { number: incidentNumber });
  const charts = await db().metricChart.findMany({
    where: { incidentId: incident.id },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      title: true,
      kind: true,
      caption: true,
      position: true,
      version: true,
      series: { orderBy: { position: "asc" }, select: METRIC_SERIES_SELECT },
    },
  });
  const authorIds = [...new Set(charts.flatMap((c) => c.series.map((s) => s.createdById)).filter((id): id is string => !!id))];
  const authors = new Map(
    (await db().user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true, email: true } })).map((u) => [
      u.id,
      u,
    ]),
  );
  const views: MetricChartView[] = charts.map((c) => ({
    id: c.id,
    title: c.title,
    kind: c.kind,
    caption: c.caption,
    position: c.position,
    version: c.version,
    series: c.series.map((s) =>
      toMetricSeriesView({ ...s, createdBy: s.createdById ? (authors.get(s.createdById) ?? null) : null }),
    ),
  }));
  return { incident, charts: views };
}

export async function loadIncidentMetrics({
  actor,
  incidentNumber,
}: {
  actor: Actor;
  incidentNumber: number;
}): Promise<IncidentMetrics> {
  const { incident, charts } = await listIncidentMetricCharts({ actor, incidentNumber });
  const data = await incidentChartsData(
    db(),
    actor,
    charts.map((c) => c.id),
  );
  return {
    incidentTimeZone: incident.timeZone,
    charts: charts.flatMap((c) => {
      const d = data.get(c.id);
      return d ? [{ ...c, data: d }] : [];
    }),
  };
}
