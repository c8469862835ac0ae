"use client";

import { useId, useState } from "react";
import type { MetricChartView } from "@/lib/metrics/metric-views";
import { metricChartUpdateSchema } from "@/lib/metrics/schema";
import { updateMetricChartAction, type MetricChartUpdateInput } from "../metric-actions";
import { useVersionedEdit, VersionedEditFooter } from "./metrics-versioned-edit";

type ChartValues = { title: string; kind: "line" | "bar"; caption: string };

/** A chart's title, kind and caption; a stale save shows both versions instead of overwriting. */
export function MetricsChartForm({
  chart,
  onDone,
  onCancel,
  onReload,
}: {
  chart: Pick<MetricChartView, "id" | "title" | "kind" | "caption" | "version">;
  onDone: (notice: string) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const id = useId();
  const [values, setValues] = useState<ChartValues>({ title: chart.title, kind: chart.kind, caption: chart.caption });
  const { errors, failure, conflict, pending, save } = useVersionedEdit<MetricChartUpdateInput, ChartValues>({
    schema: metricChartUpdateSchema,
    inputFor: (version) => ({ chartId: chart.id, version, ...values }),
    action: updateMetricChartAction,
    onSaved: () => onDone("Chart saved."),
  });
  const describe = (v: ChartValues) => `${v.title} · ${v.kind === "bar" ? "bars" : "lines"}${v.caption ? ` · ${v.caption}` : ""}`;

  return (
    <form
      aria-label={`Edit chart “${chart.title}”`}
      className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save(chart.version);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") onCancel();
      }}
    >
      <div>
        <label htmlFor={`${id}-title`} className="field-label">
          Chart title
        </label>
        <input
          id={`${id}-title`}
          className="field-input"
          value={values.title}
          maxLength={200}
          autoFocus
          onChange={(e) => setValues({ ...values, title: e.target.value })}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={errors.title ? `${id}-title-error` : undefined}
        />
        {errors.title && (
          <p id={`${id}-title-error`} className="field-error">
            {errors.title}
          </p>
        )}
      </div>
      <fieldset>
        <legend className="field-label">Drawn as</legend>
        <div className="flex gap-4 text-sm">
          {(["line", "bar"] as const).map((kind) => (
            <label key={kind} className="flex items-center gap-1.5">
              <input
                type="radio"
                name={`${id}-kind`}
                value={kind}
                checked={values.kind === kind}
                onChange={() => setValues({ ...values, kind })}
              />
              {kind === "line" ? "Lines" : "Bars (counts per interval)"}
            </label>
          ))}
        </div>
        {errors.kind && <p className="field-error">{errors.kind}</p>}
      </fieldset>
      <div>
        <label htmlFor={`${id}-caption`} className="field-label">
          Caption <span className="font-normal text-slate-500">(one or two sentences on what the chart shows)</span>
        </label>
        <textarea
          id={`${id}-caption`}
          className="field-input"
          rows={2}
          maxLength={2000}
          value={values.caption}
          onChange={(e) => setValues({ ...values, caption: e.target.value })}
          aria-invalid={errors.caption ? true : undefined}
          aria-describedby={errors.caption ? `${id}-caption-error` : undefined}
        />
        {errors.caption && (
          <p id={`${id}-caption-error`} className="field-error">
            {errors.caption}
          </p>
        )}
      </div>
      <VersionedEditFooter
        what="chart"
        failure={failure}
        conflict={conflict && { theirs: describe(conflict.current), yours: describe(values) }}
        pending={pending}
        onKeepTheirs={onReload}
        onSaveMine={() => conflict && save(conflict.current.version)}
        onCancel={onCancel}
      />
    </form>
  );
}
