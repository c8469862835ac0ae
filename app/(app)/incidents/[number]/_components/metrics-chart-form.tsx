"use client";

import { useId, useState, useTransition } from "react";
import { validationError } from "@/lib/errors";
import type { MetricChartView } from "@/lib/metrics/metric-views";
import { metricChartUpdateSchema } from "@/lib/metrics/schema";
import { updateMetricChartAction, type MetricChartUpdateInput } from "../metric-actions";
import { firstErrors } from "./metrics-display";

type ChartValues = { title: string; kind: "line" | "bar"; caption: string };
type Conflict = { current: ChartValues & { version: number } };

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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [pending, startTransition] = useTransition();

  function save(version: number) {
    const input: MetricChartUpdateInput = { chartId: chart.id, version, ...values };
    const parsed = metricChartUpdateSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(firstErrors(validationError(parsed.error.issues).fields));
      return;
    }
    setErrors({});
    setFailure(null);
    startTransition(async () => {
      const result = await updateMetricChartAction(input);
      if (result.ok) {
        setConflict(null);
        onDone("Chart saved.");
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
      {failure && (
        <p role="alert" className="field-error">
          {failure}
        </p>
      )}
      {conflict && (
        <div role="alert" className="space-y-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm dark:bg-amber-950">
          <p className="font-medium">Someone else saved this chart while you were editing. Nothing was lost.</p>
          <dl className="grid grid-cols-[6rem_1fr] gap-1">
            <dt className="font-medium">Theirs</dt>
            <dd>
              {conflict.current.title} · {conflict.current.kind === "bar" ? "bars" : "lines"}
              {conflict.current.caption ? ` · ${conflict.current.caption}` : ""}
            </dd>
            <dt className="font-medium">Yours</dt>
            <dd>
              {values.title} · {values.kind === "bar" ? "bars" : "lines"}
              {values.caption ? ` · ${values.caption}` : ""}
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
          Save chart
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
