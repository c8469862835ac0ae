"use client";

import { useId, useState } from "react";
import type { MetricSeriesView } from "@/lib/metrics/metric-views";
import { metricSeriesUpdateSchema } from "@/lib/metrics/schema";
import { METRIC_UNIT_LABELS, METRIC_UNITS, type MetricUnit } from "@/lib/metrics/units";
import { updateMetricSeriesAction, type MetricSeriesUpdateInput } from "../metric-actions";
import { useVersionedEdit, VersionedEditFooter } from "./metrics-versioned-edit";

type SeriesValues = { name: string; unit: MetricUnit; source: string; chartId: string };

/** A series' name, unit and source, and the chart it belongs to; its points never change. */
export function MetricsSeriesForm({
  series,
  chartChoices,
  onDone,
  onCancel,
  onReload,
}: {
  series: MetricSeriesView;
  chartChoices: { id: string; title: string }[];
  onDone: (notice: string) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const id = useId();
  const [values, setValues] = useState<SeriesValues>({
    name: series.name,
    unit: series.unit,
    source: series.source,
    chartId: series.chartId,
  });
  const { errors, failure, conflict, pending, save } = useVersionedEdit<MetricSeriesUpdateInput, SeriesValues>({
    schema: metricSeriesUpdateSchema,
    inputFor: (version) => ({ seriesId: series.id, version, ...values }),
    action: updateMetricSeriesAction,
    onSaved: () => {
      const moved = values.chartId !== series.chartId;
      const target = chartChoices.find((c) => c.id === values.chartId)?.title;
      onDone(moved && target ? `Moved “${values.name}” to “${target}”.` : `Saved “${values.name}”.`);
    },
  });
  const describe = (v: SeriesValues) => `${v.name} · ${v.unit} · ${v.source || "no source"}`;

  const field = (name: keyof SeriesValues) => ({
    id: `${id}-${name}`,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${id}-${name}-error` : undefined,
  });
  const error = (name: keyof SeriesValues) =>
    errors[name] && (
      <p id={`${id}-${name}-error`} className="field-error">
        {errors[name]}
      </p>
    );

  return (
    <form
      aria-label={`Edit series “${series.name}”`}
      className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save(series.version);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") onCancel();
      }}
    >
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <label htmlFor={`${id}-name`} className="field-label">
            Series name
          </label>
          <input
            {...field("name")}
            className="field-input"
            value={values.name}
            maxLength={200}
            autoFocus
            onChange={(e) => setValues({ ...values, name: e.target.value })}
          />
          {error("name")}
        </div>
        <div>
          <label htmlFor={`${id}-unit`} className="field-label">
            Unit
          </label>
          <select
            {...field("unit")}
            className="field-input"
            value={values.unit}
            onChange={(e) => setValues({ ...values, unit: e.target.value as MetricUnit })}
          >
            {METRIC_UNITS.map((u) => (
              <option key={u} value={u}>
                {METRIC_UNIT_LABELS[u]}
              </option>
            ))}
          </select>
          {error("unit")}
        </div>
        <div>
          <label htmlFor={`${id}-source`} className="field-label">
            Source <span className="font-normal text-slate-500">(query, dashboard link)</span>
          </label>
          <input
            {...field("source")}
            className="field-input"
            value={values.source}
            maxLength={1000}
            onChange={(e) => setValues({ ...values, source: e.target.value })}
          />
          {error("source")}
        </div>
        <div>
          <label htmlFor={`${id}-chartId`} className="field-label">
            Chart
          </label>
          <select
            {...field("chartId")}
            className="field-input"
            value={values.chartId}
            onChange={(e) => setValues({ ...values, chartId: e.target.value })}
          >
            {chartChoices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
          {error("chartId")}
        </div>
      </div>
      <VersionedEditFooter
        what="series"
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
