"use client";

import { useEffect, useRef } from "react";
import { useZoneChoice } from "@/components/time/zone-choice";
import type { IncidentMetrics } from "@/lib/metrics/metric-views";
import { MetricsChartCard } from "./metrics-chart-card";
import { MetricsImportForm } from "./metrics-import-form";

/** The charts of the section and, for editors, the import form; an import focuses the chart it filled. */
export function MetricsWorkspace({
  incidentNumber,
  canEdit,
  data,
}: {
  incidentNumber: number;
  canEdit: boolean;
  data: IncidentMetrics;
}) {
  const [choice] = useZoneChoice(incidentNumber);
  /** A chart to focus once the refreshed page shows it. */
  const pendingFocus = useRef<string | null>(null);
  const chartChoices = data.charts.map((c) => ({ id: c.id, title: c.title }));

  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    const element = document.getElementById(`metric-chart-${id}`);
    if (!element) return;
    pendingFocus.current = null;
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: "start" });
  }, [data.charts]);

  return (
    <div className="space-y-6">
      {data.charts.length === 0 ? (
        <div className="rounded-md border border-dashed border-slate-300 p-4 text-sm dark:border-slate-700">
          <p className="font-medium">No metric snapshots yet</p>
          <p className="mt-1 text-slate-600 dark:text-slate-400">
            {canEdit
              ? "Import what the monitoring showed around the incident — a Prometheus query_range JSON, a Grafana panel CSV, a CSV of time,value[,series] or JSON — as a file or pasted text below."
              : "Editors can import what the monitoring showed around the incident: Prometheus query_range JSON, Grafana panel CSV, CSV, JSON or pasted text."}
          </p>
        </div>
      ) : (
        data.charts.map((chart) => (
          <MetricsChartCard
            key={chart.id}
            chart={chart}
            chartChoices={chartChoices}
            choice={choice}
            incidentZone={data.incidentTimeZone}
            canEdit={canEdit}
          />
        ))
      )}
      {canEdit && (
        <MetricsImportForm
          incidentNumber={incidentNumber}
          incidentZone={data.incidentTimeZone}
          charts={chartChoices}
          onImported={(chartId) => {
            pendingFocus.current = chartId;
          }}
        />
      )}
    </div>
  );
}
