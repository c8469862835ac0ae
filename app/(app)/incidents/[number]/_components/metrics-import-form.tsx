"use client";

import { useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useFileDrop } from "@/components/imports/use-file-drop";
import { formatFileSize, ImportActions, ImportFailure, ImportProgress } from "@/components/imports/import-progress";
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
  const inputRef = useRef<HTMLInputElement>(null);
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
    if (fields?.file) setFields({ ...fields, file: [] });
    if (phase.kind === "failed" || phase.kind === "cancelled") upload.reset();
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

  const job = phase.kind === "processing" || phase.kind === "succeeded" ? phase.job : null;
  const statusText =
    phase.kind === "uploading"
      ? "Uploading…"
      : phase.kind === "processing"
        ? phase.cancelling
          ? "Cancelling…"
          : job?.status === "queued"
            ? "Waiting for the import to start…"
            : "Reading the metrics…"
        : phase.kind === "cancelled"
          ? phase.message
          : (imported ?? "");
  const described = (field: string, hint?: string) => ({
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": errors[field] ? `${id}-${field}-error` : hint,
  });
  const error = (field: string) =>
    errors[field] && (
      <p id={`${id}-${field}-error`} className="field-error">
        {errors[field]}
      </p>
    );

  const drop = useFileDrop({ busy, onFiles: chooseFile });

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
          <div
            role="group"
            aria-label="Metrics file"
            aria-describedby={errors.file ? `${id}-file-error` : `${id}-file-hint`}
            {...drop.handlers}
            className={`rounded-lg border-2 border-dashed p-4 text-center text-sm transition-colors ${
              drop.dragging
                ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950"
                : errors.file
                  ? "border-red-400"
                  : "border-slate-300 dark:border-slate-700"
            }`}
          >
            {file ? (
              <p>
                <span className="font-mono">{file.name}</span>{" "}
                <span className="tabular-nums text-slate-500">({formatFileSize(file.size)})</span>{" "}
                <button type="button" className="text-red-700 underline dark:text-red-400" onClick={() => setFile(null)}>
                  Remove
                </button>
              </p>
            ) : (
              <p className="font-medium">Drop a metrics file here</p>
            )}
            <p id={`${id}-file-hint`} className="mt-1 text-slate-600 dark:text-slate-400">
              Prometheus query_range JSON, Grafana panel CSV export, CSV with time,value[,series] columns, or JSON.
            </p>
            <button type="button" className="btn-secondary mt-2" onClick={() => inputRef.current?.click()}>
              Choose file…
            </button>
            <input
              ref={inputRef}
              type="file"
              className="hidden"
              aria-label="Metrics file"
              accept=".json,.csv,.txt,.tsv,application/json,text/csv,text/plain"
              onChange={(e) => {
                chooseFile(e.target.files);
                e.target.value = "";
              }}
            />
            {error("file")}
          </div>
        ) : (
          <div>
            <label htmlFor={`${id}-pasted`} className="field-label">
              Pasted data
            </label>
            <textarea
              id={`${id}-pasted`}
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
              {...described("file", `${id}-pasted-hint`)}
            />
            <p id={`${id}-pasted-hint`} className="mt-1 text-xs text-slate-500">
              Paste CSV rows, a Prometheus query_range answer or JSON, as copied from the tool.
            </p>
            {error("file")}
          </div>
        )}

        <div className="grid gap-4 md:grid-cols-2">
          <div>
            <label htmlFor={`${id}-format`} className="field-label">
              Format
            </label>
            <select
              id={`${id}-format`}
              className="field-input"
              value={format}
              onChange={(e) => setFormat(e.target.value)}
              {...described("format")}
            >
              {FORMATS.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
            {error("format")}
          </div>
          <div>
            <label htmlFor={`${id}-unit`} className="field-label">
              Unit <span className="font-normal text-slate-500">(for series whose data states none)</span>
            </label>
            <select
              id={`${id}-unit`}
              className="field-input"
              value={unit}
              onChange={(e) => setUnit(e.target.value)}
              {...described("unit")}
            >
              <option value="">As the data states (else a count)</option>
              {METRIC_UNITS.map((u) => (
                <option key={u} value={u}>
                  {METRIC_UNIT_LABELS[u]}
                </option>
              ))}
            </select>
            {error("unit")}
          </div>
          <div>
            <label htmlFor={`${id}-name`} className="field-label">
              Series name <span className="font-normal text-slate-500">(optional; for data that names none)</span>
            </label>
            <input
              id={`${id}-name`}
              className="field-input"
              value={name}
              maxLength={200}
              placeholder="p95 latency, checkout"
              onChange={(e) => setName(e.target.value)}
              {...described("name")}
            />
            {error("name")}
          </div>
          <div>
            <label htmlFor={`${id}-timeZone`} className="field-label">
              Time zone <span className="font-normal text-slate-500">(of times written without an offset)</span>
            </label>
            <select
              id={`${id}-timeZone`}
              className="field-input"
              value={timeZone}
              onChange={(e) => setTimeZone(e.target.value)}
              {...described("timeZone")}
            >
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z === incidentZone ? `${z} (the incident's)` : z}
                </option>
              ))}
            </select>
            {error("timeZone")}
          </div>
        </div>
        <div>
          <label htmlFor={`${id}-source`} className="field-label">
            Source <span className="font-normal text-slate-500">(optional: the PromQL query, dashboard link)</span>
          </label>
          <input
            id={`${id}-source`}
            className="field-input"
            value={source}
            maxLength={1000}
            placeholder="histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))"
            onChange={(e) => setSource(e.target.value)}
            {...described("source")}
          />
          {error("source")}
        </div>

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
            <div>
              <label htmlFor={`${id}-chartId`} className="field-label">
                Chart
              </label>
              <select
                id={`${id}-chartId`}
                className="field-input"
                value={targetChart}
                onChange={(e) => setChartId(e.target.value)}
                {...described("chartId")}
              >
                {charts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </select>
              {error("chartId")}
            </div>
          ) : (
            <div className="grid gap-4 md:grid-cols-[2fr_1fr]">
              <div>
                <label htmlFor={`${id}-chartTitle`} className="field-label">
                  Chart title <span className="font-normal text-slate-500">(optional; taken from the data otherwise)</span>
                </label>
                <input
                  id={`${id}-chartTitle`}
                  className="field-input"
                  value={chartTitle}
                  maxLength={200}
                  placeholder="Checkout p95 latency"
                  onChange={(e) => setChartTitle(e.target.value)}
                  {...described("chartTitle")}
                />
                {error("chartTitle")}
              </div>
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
                {error("kind")}
              </fieldset>
            </div>
          )}
        </fieldset>
      </fieldset>

      <ImportProgress idPrefix={`${id}-metrics`} phase={phase} totalBytes={sentBytes} />

      <p role="status" aria-live="polite" className="text-sm text-slate-700 dark:text-slate-300">
        {statusText}
      </p>
      <ImportFailure phase={phase} />

      <ImportActions phase={phase} busy={busy} onCancel={() => void upload.cancel()} />
    </form>
  );
}
