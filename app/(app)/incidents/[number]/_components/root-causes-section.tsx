import { requireUser, type SessionUser } from "@/lib/auth/session";
import { listIncidentMetricCharts } from "@/lib/metrics/load-incident-metrics";
import type { SectionProps } from "./incident-types";
import { RootCauseList } from "./root-cause-list";
import { MetricChartChoicesProvider } from "./root-cause-form";

export async function RootCausesSection({ incident, canEdit, actor }: SectionProps & { actor?: SessionUser }) {
  // Only the form offers the charts, so only editors need them.
  const charts = canEdit
    ? (
        await listIncidentMetricCharts({ actor: actor ?? (await requireUser("read")), incidentNumber: incident.number })
      ).charts.map((c) => ({ id: c.id, title: c.title }))
    : [];
  const causes = incident.rootCauses.map((c) => ({
    id: c.id,
    version: c.version,
    category: c.category,
    description: c.description,
    whys: c.whys,
    isTrigger: c.isTrigger,
    factors: c.factors.map((f) => f.description),
    metricChartId: c.metricChartId,
  }));
  return (
    <section aria-labelledby="causes-heading" className="card">
      <h2 id="causes-heading" className="text-lg font-semibold">
        Root causes
      </h2>
      <MetricChartChoicesProvider charts={charts}>
        <RootCauseList incidentId={incident.id} causes={causes} canEdit={canEdit} />
      </MetricChartChoicesProvider>
    </section>
  );
}
