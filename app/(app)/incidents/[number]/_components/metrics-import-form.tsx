"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { Field, FieldError } from "@/components/forms/field";
import { FileDropZone } from "@/components/imports/file-drop-zone";
import { formatFileSize } from "@/components/imports/file-size";
import { ImportActions, ImportProgress, ImportStatus, importStatusText } from "@/components/imports/import-progress";
import { useImportUpload } from "@/components/imports/use-import-upload";
import { validationError } from "@/lib/errors";
import { metricImportInputSchema } from "@/lib/metrics/schema";
import { METRIC_UNIT_LABELS, METRIC_UNITS } from "@/lib/metrics/units";
import { COMMON_TIME_ZONES } from "@/lib/time/zones";
import { firstErrors } from "./metrics-display";

const FORMATS = [
  { id: "auto", label: "Detect from content" },
  { id: "prometheus", label: "Prometheus query_range JSON" },
  { id: "grafana-csv", label: "Grafana panel CSV" },
  { id: "csv", label: "CSV (time,value[,series])" },
  { id: "json", label: "JSON" },
] as const;

/** Pasted text travels as a file of this name in the same upload as a chosen file would. */
const PASTED_FILE_NAME = "pasted.txt";

const PASTE_EXAMPLE = "time,value\n2026-05-12 19:00:00,120\n2026-05-12 19:01:00,340";

/**
 * Import one metrics file, or pasted text, into a new or an existing chart of the incident. The
 * upload and its import job run as every import does (components/imports): progress bars, a
 * Cancel button, errors naming line and field; the new chart gets the focus once it is shown.
 */
export function MetricsImportForm({
  incidentNumber,
  incidentZone,
  charts,
  onImported,
}: {
  incidentNumber: number;
  incidentZone: string;
  charts: { id: string; title: string }[];
  onImported: (chartId: string) => void;
}) {
  const id = useId();
  const router = useRouter();
  const [from, setFrom] = useState<"file" | "paste">("file");
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState("");
  const [format, setFormat] = useState("auto");
  const [unit, setUnit] = useState("");
  const [name, setName] = useState("");
  const [source, setSource] = useState("");
  const [target, setTarget] = useState<"new" | "existing">("new");
  const [chartId, setChartId] = useState("");
  const [chartTitle, setChartTitle] = useState("");
  const [kind, setKind] = useState<"line" | "bar">("line");
  const [timeZone, setTimeZone] = useState(incidentZone);
  const [imported, setImported] = useState<string | null>(null);
  const [sentBytes, setSentBytes] = useState(0);
  const upload = useImportUpload({
    lostContactMessage: "Lost contact with the server. The import may still finish: reload the page in a moment to see it.",
    onSucceeded: (job) => {
      setImported(job.message ?? "Imported.");
      setFile(null);
      setPasted("");
      upload.reset();
      if (job.resultId) onImported(job.resultId);
      router.refresh();
    },
  });
  const { phase, busy, fields, setFields } = upload;
  const errors = firstErrors(fields);
  const existing = target === "existing" && charts.length > 0;
  // The chosen chart, or the first while none is chosen (or the chosen one was deleted meanwhile).
  const targetChart = charts.some((c) => c.id === chartId) ? chartId : (charts[0]?.id ?? "");
  const zones = [incidentZone, ...COMMON_TIME_ZONES.filter((z) => z !== incidentZone)];

  function chooseFile(list: FileList | null) {
    const chosen = list?.[0];
    if (!chosen) return;
    setFile(chosen);
    setFrom("file");
    setImported(null);
    upload.filesChanged();
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (busy) return;
    setImported(null);
    const values = {
      format,
      unit,
      name,
      source,
      ...(existing ? { chartId: targetChart } : { chartTitle, kind }),
      timeZone,
    };
    const data = from === "file" ? file : pasted.trim() ? new File([pasted], PASTED_FILE_NAME, { type: "text/plain" }) : null;
    const parsed = metricImportInputSchema.safeParse(values);
    const bad = parsed.success ? {} : (validationError(parsed.error.issues).fields ?? {});
    if (!data) bad.file = [from === "file" ? "Choose or drop a file." : "Paste the data first."];
    else if (data.size === 0) bad.file = [`${data.name} is empty.`];
    if (!data || Object.keys(bad).length > 0) {
      setFields(bad);
      return;
    }
    const body = new FormData();
    for (const [key, value] of Object.entries(values)) if (value.trim()) body.append(key, value.trim());
    body.append("file", data, data.name);
    setSentBytes(data.size);
    upload.start(`/api/v1/incidents/${incidentNumber}/metrics`, body, data.size);
  }

  // The upload resets once the job succeeded (the form is ready for the next file); its message stays.
  const statusText = importStatusText(phase, { reading: "Reading the metrics…" }) || (imported ?? "");

  return (
    <form
      onSubmit={submit}
      aria-label="Import metrics"
      className="space-y-4 border-t border-slate-200 pt-4 dark:border-slate-800"
      noValidate
    >
      <h3 className="font-semibold">Import metrics</h3>
      <fieldset disabled={busy} className="space-y-4">
        <legend className="sr-only">Data and details</legend>
        <fieldset>
          <legend className="field-label">Data from</legend>
          <div className="flex gap-4 text-sm">
            <label className="flex items-center gap-1.5">
              <input type="radio" name={`${id}-from`} checked={from === "file"} onChange={() => setFrom("file")} />A file
            </label>
            <label className="flex items-center gap-1.5">
              <input type="radio" name={`${id}-from`} checked={from === "paste"} onChange={() => setFrom("paste")} />
              Pasted text
            </label>
          </div>
        </fieldset>

        {from === "file" ? (
          <FileDropZone
            idPrefix={id}
            label="Metrics file"
            title="Drop a metrics file here"
            chosen={
              file && (
                <p>
                  <span className="font-mono">{file.name}</span>{" "}
                  <span className="tabular-nums text-slate-500">({formatFileSize(file.size)})</span>{" "}
                  <button type="button" className="text-red-700 underline dark:text-red-400" onClick={() => setFile(null)}>
                    Remove
                  </button>
                </p>
              )
            }
            hint="Prometheus query_range JSON, Grafana panel CSV export, CSV with time,value[,series] columns, or JSON."
            error={errors.file}
            pickers={[
              {
                button: "Choose file…",
                label: "Metrics file",
                accept: ".json,.csv,.txt,.tsv,application/json,text/csv,text/plain",
              },
            ]}
            busy={busy}
            onFiles={chooseFile}
            compact
          />
        ) : (
          <Field
            id={`${id}-pasted`}
            label="Pasted data"
            hint="Paste CSV rows, a Prometheus query_range answer or JSON, as copied from the tool."
            error={errors.file}
          >
            {(control) => (
              <textarea
                {...control}
                className="field-input font-mono text-xs"
                rows={8}
                value={pasted}
                spellCheck={false}
                placeholder={PASTE_EXAMPLE}
                onChange={(e) => {
                  setPasted(e.target.value);
                  setImported(null);
                  if (phase.kind === "failed" || phase.kind === "cancelled") upload.reset();
                }}
              />
            )}
          </Field>
        )}

        <div className="grid gap-4 md:grid-cols-2">
          <Field id={`${id}-format`} label="Format" error={errors.format}>
            {(control) => (
              <select {...control} className="field-input" value={format} onChange={(e) => setFormat(e.target.value)}>
                {FORMATS.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`${id}-unit`} label="Unit" aside="for series whose data states none" error={errors.unit}>
            {(control) => (
              <select {...control} className="field-input" value={unit} onChange={(e) => setUnit(e.target.value)}>
                <option value="">As the data states (else a count)</option>
                {METRIC_UNITS.map((u) => (
                  <option key={u} value={u}>
                    {METRIC_UNIT_LABELS[u]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`${id}-name`} label="Series name" aside="optional; for data that names none" error={errors.name}>
            {(control) => (
              <input
                {...control}
                className="field-input"
                value={name}
                maxLength={200}
                placeholder="p95 latency, checkout"
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
          <Field id={`${id}-timeZone`} label="Time zone" aside="of times written without an offset" error={errors.timeZone}>
            {(control) => (
              <select {...control} className="field-input" value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z === incidentZone ? `${z} (the incident's)` : z}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field id={`${id}-source`} label="Source" aside="optional: the PromQL query, dashboard link" error={errors.source}>
          {(control) => (
            <input
              {...control}
              className="field-input"
              value={source}
              maxLength={1000}
              placeholder="histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))"
              onChange={(e) => setSource(e.target.value)}
            />
          )}
        </Field>

        <fieldset className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-800">
          <legend className="px-1 text-sm font-medium">Add to</legend>
          <div className="flex flex-wrap gap-4 text-sm">
            <label className="flex items-center gap-1.5">
              <input type="radio" name={`${id}-target`} checked={!existing} onChange={() => setTarget("new")} />A new chart
            </label>
            <label className="flex items-center gap-1.5">
              <input
                type="radio"
                name={`${id}-target`}
                checked={existing}
                disabled={charts.length === 0}
                onChange={() => setTarget("existing")}
              />
              An existing chart{charts.length === 0 ? " (none yet)" : ""}
            </label>
          </div>
          {existing ? (
            <Field id={`${id}-chartId`} label="Chart" error={errors.chartId}>
              {(control) => (
                <select {...control} className="field-input" value={targetChart} onChange={(e) => setChartId(e.target.value)}>
                  {charts.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : (
            <div className="grid gap-4 md:grid-cols-[2fr_1fr]">
              <Field
                id={`${id}-chartTitle`}
                label="Chart title"
                aside="optional; taken from the data otherwise"
                error={errors.chartTitle}
              >
                {(control) => (
                  <input
                    {...control}
                    className="field-input"
                    value={chartTitle}
                    maxLength={200}
                    placeholder="Checkout p95 latency"
                    onChange={(e) => setChartTitle(e.target.value)}
                  />
                )}
              </Field>
              <fieldset>
                <legend className="field-label">Drawn as</legend>
                <div className="flex gap-4 text-sm">
                  <label className="flex items-center gap-1.5">
                    <input type="radio" name={`${id}-kind`} checked={kind === "line"} onChange={() => setKind("line")} />
                    Lines
                  </label>
                  <label className="flex items-center gap-1.5">
                    <input type="radio" name={`${id}-kind`} checked={kind === "bar"} onChange={() => setKind("bar")} />
                    Bars
                  </label>
                </div>
                <FieldError id={`${id}-kind-error`} message={errors.kind} />
              </fieldset>
            </div>
          )}
        </fieldset>
      </fieldset>

      <ImportProgress idPrefix={`${id}-metrics`} phase={phase} totalBytes={sentBytes} />

      <ImportStatus phase={phase} text={statusText} />

      <ImportActions phase={phase} busy={busy} onCancel={() => void upload.cancel()} />
    </form>
  );
}
