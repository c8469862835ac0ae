"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { formatValue } from "@/lib/charts/format";
import type { MetricChartView, MetricSeriesView } from "@/lib/metrics/metric-views";
import { deleteMetricSeriesAction } from "../metric-actions";
import { formatTimeRange } from "./metrics-display";
import { MetricsSeriesForm } from "./metrics-series-form";

const COUNT = new Intl.NumberFormat("en-US");
const FINGERPRINT_HELP =
  "Snapshot fingerprint: the SHA-256 of the stored points. The same fingerprint means the same data, unchanged since it was imported.";

function labelsText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${v}"`).join(", ")}}` : "";
}

/** Where the points of a series are not plain numbers: said in words, never by colour alone. */
function unusualValues(s: MetricSeriesView): string[] {
  const notes: string[] = [];
  if (s.gapCount > 0) notes.push(`${COUNT.format(s.gapCount)} NaN (drawn as gaps)`);
  if (s.infiniteCount > 0) notes.push(`${COUNT.format(s.infiniteCount)} ±Inf`);
  return notes;
}

/** The series of one chart: what they are, where they came from, what was stored; editors can change or delete them. */
export function MetricsSeriesList({
  chart,
  chartChoices,
  zone,
  canEdit,
}: {
  chart: MetricChartView;
  chartChoices: { id: string; title: string }[];
  zone: string;
  canEdit: boolean;
}) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const editingSeries = chart.series.find((s) => s.id === editing);

  function remove(s: MetricSeriesView) {
    startTransition(async () => {
      const result = await deleteMetricSeriesAction({ seriesId: s.id });
      setConfirming(null);
      setNotice(result.ok ? { tone: "ok", text: `Deleted “${s.name}”.` } : { tone: "error", text: result.error.message });
    });
  }

  if (chart.series.length === 0) return <p className="text-sm text-slate-500">This chart has no series.</p>;
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Series of “{chart.title}”</caption>
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-700">
              <th scope="col" className="py-1.5 pr-3">
                Series
              </th>
              <th scope="col" className="py-1.5 pr-3">
                Unit
              </th>
              <th scope="col" className="py-1.5 pr-3">
                Source
              </th>
              <th scope="col" className="py-1.5 pr-3 text-right">
                Points
              </th>
              <th scope="col" className="py-1.5 pr-3">
                Values
              </th>
              <th scope="col" className="py-1.5 pr-3">
                Time range
              </th>
              <th scope="col" className="py-1.5 pr-3">
                <abbr title={FINGERPRINT_HELP} className="cursor-help">
                  Snapshot
                </abbr>
              </th>
              {canEdit && (
                <th scope="col" className="py-1.5">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {chart.series.map((s) => (
              <tr key={s.id} className="border-b border-slate-200 align-top dark:border-slate-800">
                <th scope="row" className="py-1.5 pr-3 font-medium">
                  {s.name}
                  {labelsText(s.labels) && (
                    <span className="block break-all font-mono text-xs font-normal text-slate-500">{labelsText(s.labels)}</span>
                  )}
                </th>
                <td className="py-1.5 pr-3">{s.unit}</td>
                <td className="max-w-xs py-1.5 pr-3">
                  <span className="line-clamp-2 break-words" title={s.source}>
                    {s.source || "—"}
                  </span>
                  <span className="block text-xs text-slate-500">{s.format}</span>
                </td>
                <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">
                  {COUNT.format(s.pointCount)}
                  {unusualValues(s).map((note) => (
                    <span key={note} className="block text-xs text-amber-800 dark:text-amber-300">
                      {note}
                    </span>
                  ))}
                </td>
                <td className="whitespace-nowrap py-1.5 pr-3 tabular-nums">
                  {s.minValue === null || s.maxValue === null
                    ? "—"
                    : `${formatValue(s.minValue, s.unit)} – ${formatValue(s.maxValue, s.unit)}`}
                </td>
                <td className="min-w-40 py-1.5 pr-3 text-xs tabular-nums">{formatTimeRange(s.firstAt, s.lastAt, zone)}</td>
                <td className="py-1.5 pr-3">
                  <code className="text-xs" title={`${FINGERPRINT_HELP} Full: ${s.sha256}`}>
                    {s.sha256.slice(0, 12)}
                  </code>
                </td>
                {canEdit && (
                  <td className="whitespace-nowrap py-1.5 text-right">
                    {confirming === s.id ? (
                      <span className="flex items-center justify-end gap-2">
                        <span>Delete this series and its points?</span>
                        <button
                          type="button"
                          className="text-red-700 underline dark:text-red-400"
                          disabled={pending}
                          onClick={() => remove(s)}
                        >
                          Yes, delete
                        </button>
                        <button type="button" className="underline" autoFocus onClick={() => setConfirming(null)}>
                          Keep
                        </button>
                      </span>
                    ) : (
                      <span className="flex justify-end gap-2">
                        <button
                          type="button"
                          className="underline"
                          aria-label={`Edit series ${s.name}`}
                          onClick={() => {
                            setNotice(null);
                            setEditing(s.id);
                          }}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          className="underline"
                          aria-label={`Delete series ${s.name}`}
                          onClick={() => setConfirming(s.id)}
                        >
                          Delete
                        </button>
                      </span>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {notice?.tone === "error" && (
        <p role="alert" className="field-error">
          {notice.text}
        </p>
      )}
      {notice?.tone === "ok" && (
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          {notice.text}
        </p>
      )}
      {canEdit && editingSeries && (
        <MetricsSeriesForm
          key={editingSeries.id}
          series={editingSeries}
          chartChoices={chartChoices}
          onDone={(text) => {
            setEditing(null);
            setNotice({ tone: "ok", text });
          }}
          onCancel={() => setEditing(null)}
          onReload={() => {
            setEditing(null);
            router.refresh();
          }}
        />
      )}
    </div>
  );
}
