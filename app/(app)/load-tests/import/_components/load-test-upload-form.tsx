"use client";

import { useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFileDrop } from "@/components/imports/use-file-drop";
import { ImportActions, ImportFailure, ImportProgress } from "@/components/imports/import-progress";
import { uploadPercent, useImportUpload } from "@/components/imports/use-import-upload";
import { formatBytes } from "@/app/(app)/load-tests/_components/load-test-figures";

export type ImportFormatOption = { id: string; tool: string; toolName: string; title: string; hint: string };

/** The server's limit (lib/imports/multipart-upload.ts), checked here to answer at once. */
const MAX_FILES = 10;

const DELIMITERS = [
  { value: "", label: "Detect from the header (else comma)" },
  { value: ",", label: "Comma ," },
  { value: ";", label: "Semicolon ;" },
  { value: "tab", label: "Tab" },
  { value: "|", label: "Pipe |" },
];

/**
 * Upload one run's result files: drop or choose them, send with XMLHttpRequest (for upload
 * progress), then follow the import job until it ends. Cancel aborts the upload, or asks the
 * server to stop the job; either way nothing is saved.
 */
export function LoadTestUploadForm({
  formats,
  initialIncident,
}: {
  formats: ImportFormatOption[];
  initialIncident: number | null;
}) {
  const router = useRouter();
  const [files, setFiles] = useState<File[]>([]);
  const [format, setFormat] = useState("auto");
  const [name, setName] = useState("");
  const [notes, setNotes] = useState("");
  const [incident, setIncident] = useState(initialIncident === null ? "" : String(initialIncident));
  const [columns, setColumns] = useState("");
  const [delimiter, setDelimiter] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  const { phase, busy, fields, setFields, start, cancel, reset } = useImportUpload({
    lostContactMessage: "Lost contact with the server. The import may still finish: look for it in the Load tests list.",
    onSucceeded: (job) => router.push(`/load-tests/${job.resultId}`),
  });
  const chosenFormat = formats.find((f) => f.id === format);
  const totalBytes = files.reduce((a, f) => a + f.size, 0);

  function addFiles(list: FileList | null) {
    if (!list || list.length === 0) return;
    const added = Array.from(list);
    setFiles((current) => [...current.filter((f) => !added.some((a) => a.name === f.name)), ...added]);
    if (fields?.file) setFields({ ...fields, file: [] });
    if (phase.kind === "failed" || phase.kind === "cancelled") reset();
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFields(undefined);
    if (files.length === 0) {
      setFields({ file: ["Choose or drop at least one result file."] });
      return;
    }
    if (files.length > MAX_FILES) {
      setFields({ file: [`Send at most ${MAX_FILES} files in one import.`] });
      return;
    }
    const emptyFile = files.find((f) => f.size === 0);
    if (emptyFile) {
      setFields({ file: [`${emptyFile.name} is empty.`] });
      return;
    }
    const body = new FormData();
    body.append("format", format);
    if (name.trim()) body.append("name", name.trim());
    if (notes.trim()) body.append("notes", notes);
    if (incident.trim()) body.append("incident", incident.trim());
    if (columns.trim()) body.append("columns", columns.trim());
    if (delimiter) body.append("delimiter", delimiter);
    for (const f of files) body.append("file", f, f.name);

    start("/api/v1/load-tests", body, totalBytes);
  }

  const uploadPct = uploadPercent(phase);
  const job = phase.kind === "processing" || phase.kind === "succeeded" ? phase.job : null;
  const statusText =
    phase.kind === "uploading"
      ? uploadPct >= 100
        ? "Upload complete; the server is storing the files…"
        : `Uploading ${files.length === 1 ? "1 file" : `${files.length} files`}…`
      : phase.kind === "processing"
        ? phase.cancelling
          ? "Cancelling…"
          : job?.status === "queued"
            ? "Waiting for the import to start…"
            : "Reading the results…"
        : phase.kind === "succeeded"
          ? `${phase.job.message ?? "Imported."} Opening the run…`
          : phase.kind === "cancelled"
            ? phase.message
            : "";
  const fileError = fields?.file?.find(Boolean);

  const drop = useFileDrop({ busy, onFiles: addFiles });

  return (
    <form onSubmit={submit} aria-label="Import a load-test run" className="card space-y-4" noValidate>
      <fieldset disabled={busy} className="space-y-4">
        <legend className="sr-only">Files and details</legend>
        <div
          role="group"
          aria-label="Result files"
          aria-describedby={fileError ? "lt-files-error" : "lt-files-hint"}
          {...drop.handlers}
          className={`rounded-lg border-2 border-dashed p-6 text-center transition-colors ${
            drop.dragging
              ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950"
              : fileError
                ? "border-red-400"
                : "border-slate-300 dark:border-slate-700"
          }`}
        >
          <p className="font-medium">Drop result files here</p>
          <p id="lt-files-hint" className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            JTL (CSV or XML), k6 JSON, Gatling simulation.log or stats.json, Locust CSVs, Artillery, autocannon or ab output. Up
            to {MAX_FILES} files of one run.
          </p>
          <button type="button" className="btn-secondary mt-3" onClick={() => inputRef.current?.click()}>
            Choose files…
          </button>
          <input
            ref={inputRef}
            type="file"
            multiple
            className="hidden"
            aria-label="Result files"
            onChange={(e) => {
              addFiles(e.target.files);
              e.target.value = "";
            }}
          />
          {fileError && (
            <p id="lt-files-error" className="field-error">
              {fileError}
            </p>
          )}
        </div>

        {files.length > 0 && (
          <ul
            aria-label="Chosen files"
            className="divide-y divide-slate-200 rounded border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800"
          >
            {files.map((f) => (
              <li key={f.name} className="flex items-center gap-3 px-3 py-2">
                <span className="min-w-0 flex-1 truncate font-mono">{f.name}</span>
                <span className="tabular-nums text-slate-500">{formatBytes(f.size)}</span>
                <button
                  type="button"
                  className="text-red-700 underline disabled:opacity-50 dark:text-red-400"
                  onClick={() => setFiles((current) => current.filter((c) => c !== f))}
                  aria-label={`Remove ${f.name}`}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}

        <div className="grid gap-4 md:grid-cols-2">
          <div>
            <label htmlFor="lt-format" className="field-label">
              Format
            </label>
            <select
              id="lt-format"
              className="field-input"
              value={format}
              onChange={(e) => setFormat(e.target.value)}
              aria-describedby="lt-format-hint"
            >
              <option value="auto">Detect from content</option>
              {Array.from(new Set(formats.map((f) => f.toolName))).map((tool) => (
                <optgroup key={tool} label={tool}>
                  {formats
                    .filter((f) => f.toolName === tool)
                    .map((f) => (
                      <option key={f.id} value={f.id}>
                        {f.title}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
            <p id="lt-format-hint" className="mt-1 text-xs text-slate-500">
              {chosenFormat ? (
                <>
                  Produced by <code className="break-all">{chosenFormat.hint}</code>
                </>
              ) : (
                "Recognised from the files' content; choose one if it is not."
              )}
            </p>
          </div>
          <div>
            <label htmlFor="lt-incident" className="field-label">
              Link to incident # <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <input
              id="lt-incident"
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              className="field-input"
              value={incident}
              onChange={(e) => setIncident(e.target.value)}
              aria-invalid={fields?.incident ? true : undefined}
              aria-describedby={fields?.incident ? "lt-incident-error" : undefined}
            />
            {fields?.incident && (
              <p id="lt-incident-error" className="field-error">
                {fields.incident[0]}
              </p>
            )}
          </div>
        </div>

        <div>
          <label htmlFor="lt-name" className="field-label">
            Name <span className="font-normal text-slate-500">(optional; taken from the files or their names otherwise)</span>
          </label>
          <input
            id="lt-name"
            className="field-input"
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            placeholder="Checkout soak test before the 4.2 release"
            aria-invalid={fields?.name ? true : undefined}
            aria-describedby={fields?.name ? "lt-name-error" : undefined}
          />
          {fields?.name && (
            <p id="lt-name-error" className="field-error">
              {fields.name[0]}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="lt-notes" className="field-label">
            Notes <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <textarea
            id="lt-notes"
            className="field-input"
            rows={3}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            aria-invalid={fields?.notes ? true : undefined}
            aria-describedby={fields?.notes ? "lt-notes-error" : undefined}
          />
          {fields?.notes && (
            <p id="lt-notes-error" className="field-error">
              {fields.notes[0]}
            </p>
          )}
        </div>

        <details
          className="rounded border border-slate-200 p-3 text-sm dark:border-slate-800"
          open={Boolean(fields?.columns || fields?.delimiter)}
        >
          <summary className="cursor-pointer font-medium">Advanced: JMeter CSV without a header</summary>
          <div className="mt-3 grid gap-4 md:grid-cols-[2fr_1fr]">
            <div>
              <label htmlFor="lt-columns" className="field-label">
                Columns, in file order
              </label>
              <input
                id="lt-columns"
                className="field-input font-mono"
                value={columns}
                maxLength={2000}
                onChange={(e) => setColumns(e.target.value)}
                placeholder="timeStamp,elapsed,label,responseCode,…"
                aria-describedby="lt-columns-hint"
                aria-invalid={fields?.columns ? true : undefined}
              />
              <p id="lt-columns-hint" className="mt-1 text-xs text-slate-500">
                Comma separated. Leave empty to read a headerless file in JMeter&apos;s default column order.
              </p>
              {fields?.columns && <p className="field-error">{fields.columns[0]}</p>}
            </div>
            <div>
              <label htmlFor="lt-delimiter" className="field-label">
                Delimiter
              </label>
              <select
                id="lt-delimiter"
                className="field-input"
                value={delimiter}
                onChange={(e) => setDelimiter(e.target.value)}
                aria-invalid={fields?.delimiter ? true : undefined}
              >
                {DELIMITERS.map((d) => (
                  <option key={d.value} value={d.value}>
                    {d.label}
                  </option>
                ))}
              </select>
              {fields?.delimiter && <p className="field-error">{fields.delimiter[0]}</p>}
            </div>
          </div>
        </details>
      </fieldset>

      <ImportProgress idPrefix="lt" phase={phase} totalBytes={totalBytes} />

      <p role="status" aria-live="polite" className="text-sm text-slate-700 dark:text-slate-300">
        {statusText}
        {phase.kind === "succeeded" && phase.job.resultId && (
          <>
            {" "}
            <Link href={`/load-tests/${phase.job.resultId}`} className="underline">
              Open the run
            </Link>
          </>
        )}
      </p>
      <ImportFailure phase={phase} />

      <ImportActions phase={phase} busy={busy} onCancel={() => void cancel()}>
        {files.length > 0 && phase.kind !== "uploading" && phase.kind !== "processing" && (
          <span className="text-sm text-slate-500">
            {files.length === 1 ? "1 file" : `${files.length} files`}, {formatBytes(totalBytes)}
          </span>
        )}
      </ImportActions>
    </form>
  );
}
