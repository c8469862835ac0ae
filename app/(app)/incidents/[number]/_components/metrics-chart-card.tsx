"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ZoomableChart, type ChartWindow } from "@/components/charts/zoomable-chart";
import { zoneOf, type ZoneChoice } from "@/components/time/zone-choice";
import type { IncidentMetrics, MetricChartData } from "@/lib/metrics/metric-views";
import { deleteMetricChartAction } from "../metric-actions";
import { chartDataUrl, chartPngUrl, detailStatus, responseErrorMessage } from "./metrics-display";
import { MetricsChartForm } from "./metrics-chart-form";
import { MetricsSeriesList } from "./metrics-series-list";

type IncidentChart = IncidentMetrics["charts"][number];

/** One metric chart: the zoomable figure, its series, and for editors its settings and deletion. */
export function MetricsChartCard({
  chart,
  chartChoices,
  choice,
  incidentZone,
  canEdit,
}: {
  chart: IncidentChart;
  chartChoices: { id: string; title: string }[];
  choice: ZoneChoice;
  incidentZone: string;
  canEdit: boolean;
}) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [notice, setNotice] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const zone = zoneOf(choice, incidentZone);
  const data = chart.data;
  const headingId = `metric-chart-${chart.id}-heading`;

  async function loadWindow(window: ChartWindow, signal: AbortSignal) {
    const res = await fetch(chartDataUrl(chart.id, window, choice), {
      signal,
      cache: "no-store",
      headers: { Accept: "application/json" },
    });
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) throw new Error(responseErrorMessage(res.status, body));
    const detail = body as MetricChartData;
    return { spec: detail.spec, status: detailStatus(detail) };
  }

  function remove() {
    startTransition(async () => {
      const result = await deleteMetricChartAction({ chartId: chart.id });
      if (!result.ok) {
        setConfirmingDelete(false);
        setNotice({ tone: "error", text: result.error.message });
      }
    });
  }

  const seriesCount = chart.series.length === 1 ? "its series" : `its ${chart.series.length} series`;
  return (
    <article
      id={`metric-chart-${chart.id}`}
      tabIndex={-1}
      aria-labelledby={headingId}
      className="space-y-3 rounded-md outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
      data-metric-chart={chart.id}
    >
      <h3 id={headingId} className="sr-only">
        {chart.title}
      </h3>
      <ZoomableChart
        spec={data.spec}
        status={detailStatus(data)}
        timeZone={zone}
        fullRange={data.fullRange}
        focus={data.incidentWindow ? { window: data.incidentWindow, label: "Incident window" } : null}
        loadWindow={loadWindow}
        png={(window) => chartPngUrl(chart.id, choice, window)}
      />
      <MetricsSeriesList chart={chart} chartChoices={chartChoices} zone={zone} canEdit={canEdit} />

      {notice?.tone === "error" && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {notice.text}
        </p>
      )}
      {notice?.tone === "ok" && (
        <p role="status" className="rounded-md bg-slate-100 p-2 text-sm dark:bg-slate-800">
          {notice.text}
        </p>
      )}
      {canEdit &&
        (editing ? (
          <MetricsChartForm
            chart={chart}
            onDone={(text) => {
              setEditing(false);
              setNotice({ tone: "ok", text });
            }}
            onCancel={() => setEditing(false)}
            onReload={() => {
              setEditing(false);
              router.refresh();
            }}
          />
        ) : (
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <button
              type="button"
              className="underline"
              onClick={() => {
                setNotice(null);
                setEditing(true);
              }}
            >
              Edit chart
            </button>
            {confirmingDelete ? (
              <span role="group" aria-label="Confirm deletion" className="flex flex-wrap items-center gap-2">
                <span>
                  Delete “{chart.title}” and {seriesCount}? The stored points go with it.
                </span>
                <button type="button" className="text-red-700 underline dark:text-red-400" disabled={pending} onClick={remove}>
                  Yes, delete chart
                </button>
                <button type="button" className="underline" autoFocus onClick={() => setConfirmingDelete(false)}>
                  Keep
                </button>
              </span>
            ) : (
              <button
                type="button"
                className="text-red-700 underline dark:text-red-400"
                onClick={() => setConfirmingDelete(true)}
              >
                Delete chart
              </button>
            )}
          </div>
        ))}
    </article>
  );
}
