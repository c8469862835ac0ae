"use client";

import { useId, useState, useTransition } from "react";
import { validationError } from "@/lib/errors";
import type { MetricSeriesView } from "@/lib/metrics/metric-views";
import { metricSeriesUpdateSchema } from "@/lib/metrics/schema";
import { METRIC_UNIT_LABELS, METRIC_UNITS, type MetricUnit } from "@/lib/metrics/units";
import { updateMetricSeriesAction, type MetricSeriesUpdateInput } from "../metric-actions";
import { firstErrors } from "./metrics-display";

type SeriesValues = { name: string; unit: MetricUnit; source: string; chartId: string };
type Conflict = { current: SeriesValues & { version: number } };

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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [pending, startTransition] = useTransition();

  function save(version: number) {
    const input: MetricSeriesUpdateInput = { seriesId: series.id, version, ...values };
    const parsed = metricSeriesUpdateSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(firstErrors(validationError(parsed.error.issues).fields));
      return;
    }
    setErrors({});
    setFailure(null);
    startTransition(async () => {
      const result = await updateMetricSeriesAction(input);
      if (result.ok) {
        const moved = values.chartId !== series.chartId;
        const target = chartChoices.find((c) => c.id === values.chartId)?.title;
        onDone(moved && target ? `Moved “${values.name}” to “${target}”.` : `Saved “${values.name}”.`);
        return;
      }
      if (result.error.code === "CONFLICT") {
        setConflict(result.error.details as Conflict);
        return;
      }
      setErrors(firstErrors(result.error.fields));
      setFailure(result.error.message);
    });
  }

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
      {failure && (
        <p role="alert" className="field-error">
          {failure}
        </p>
      )}
      {conflict && (
        <div role="alert" className="space-y-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm dark:bg-amber-950">
          <p className="font-medium">Someone else saved this series while you were editing. Nothing was lost.</p>
          <dl className="grid grid-cols-[6rem_1fr] gap-1">
            <dt className="font-medium">Theirs</dt>
            <dd>
              {conflict.current.name} · {conflict.current.unit} · {conflict.current.source || "no source"}
            </dd>
            <dt className="font-medium">Yours</dt>
            <dd>
              {values.name} · {values.unit} · {values.source || "no source"}
            </dd>
          </dl>
          <div className="flex gap-2">
            <button type="button" className="btn-secondary" onClick={onReload}>
              Keep theirs
            </button>
            <button type="button" className="btn-primary" disabled={pending} onClick={() => save(conflict.current.version)}>
              Save mine over theirs
            </button>
          </div>
        </div>
      )}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          Save series
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
