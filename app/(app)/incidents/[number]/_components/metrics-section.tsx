import type { IncidentMetrics } from "@/lib/metrics/metric-views";
import { timesInLabel } from "@/lib/timeline/display";
import { MetricsWorkspace } from "./metrics-workspace";
import { MetricsZoneToggle } from "./metrics-zone-toggle";

export type MetricsSectionProps = {
  incidentNumber: number;
  canEdit: boolean;
  /** From loadIncidentMetrics (lib/metrics/load-incident-metrics.ts). */
  data: IncidentMetrics;
};

/**
 * Metric snapshots of the incident: charts of what the monitoring showed around it, copied in so
 * they stay as they were when the postmortem was written; editors import more and tidy them.
 */
export function MetricsSection({ incidentNumber, canEdit, data }: MetricsSectionProps) {
  const zone = data.incidentTimeZone;
  // The zone's short name at the time the charts show, computed here so server and browser agree.
  const first = data.charts[0]?.data;
  const shownAt = first ? (first.incidentWindow?.from ?? first.fullRange.min) : null;
  const incidentLabel = shownAt === null ? `Times in ${zone}` : timesInLabel(zone, new Date(shownAt));
  return (
    <section aria-labelledby="metrics-heading" className="card space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="metrics-heading" className="text-lg font-semibold">
            Metrics
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Snapshots of monitoring data, stored with the incident: later changes at the source do not alter them.
          </p>
        </div>
        <MetricsZoneToggle incidentNumber={incidentNumber} incidentZone={zone} incidentLabel={incidentLabel} />
      </div>
      <MetricsWorkspace incidentNumber={incidentNumber} canEdit={canEdit} data={data} />
    </section>
  );
}
