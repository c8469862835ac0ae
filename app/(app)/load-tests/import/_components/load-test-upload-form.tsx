"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Field } from "@/components/forms/field";
import { ChosenFilesList } from "@/components/imports/chosen-files-list";
import { FileDropZone } from "@/components/imports/file-drop-zone";
import { ImportActions, ImportProgress, ImportStatus, importStatusText } from "@/components/imports/import-progress";
import { useImportUpload } from "@/components/imports/use-import-upload";

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
  const { phase, busy, fields, setFields, start, cancel, filesChanged } = useImportUpload({
    lostContactMessage: "Lost contact with the server. The import may still finish: look for it in the Load tests list.",
    onSucceeded: (job) => router.push(`/load-tests/${job.resultId}`),
  });
  const chosenFormat = formats.find((f) => f.id === format);
  const totalBytes = files.reduce((a, f) => a + f.size, 0);

  function addFiles(list: FileList | null) {
    if (!list || list.length === 0) return;
    const added = Array.from(list);
    setFiles((current) => [...current.filter((f) => !added.some((a) => a.name === f.name)), ...added]);
    filesChanged();
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

  const statusText = importStatusText(phase, {
    files: files.length,
    reading: "Reading the results…",
    succeeded: (job) => `${job.message ?? "Imported."} Opening the run…`,
  });

  return (
    <form onSubmit={submit} aria-label="Import a load-test run" className="card space-y-4" noValidate>
      <fieldset disabled={busy} className="space-y-4">
        <legend className="sr-only">Files and details</legend>
        <FileDropZone
          idPrefix="lt"
          label="Result files"
          title="Drop result files here"
          hint={`JTL (CSV or XML), k6 JSON, Gatling simulation.log or stats.json, Locust CSVs, Artillery, autocannon or ab output. Up to ${MAX_FILES} files of one run.`}
          error={fields?.file?.find(Boolean)}
          pickers={[{ button: "Choose files…", label: "Result files", multiple: true }]}
          busy={busy}
          onFiles={addFiles}
        />

        <ChosenFilesList
          rows={files.map((f) => ({ key: f.name, label: f.name, size: f.size }))}
          onRemove={(name) => setFiles((current) => current.filter((c) => c.name !== name))}
        />

        <div className="grid gap-4 md:grid-cols-2">
          <Field
            id="lt-format"
            label="Format"
            hint={
              chosenFormat ? (
                <>
                  Produced by <code className="break-all">{chosenFormat.hint}</code>
                </>
              ) : (
                "Recognised from the files' content; choose one if it is not."
              )
            }
          >
            {(control) => (
              <select {...control} className="field-input" value={format} onChange={(e) => setFormat(e.target.value)}>
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
            )}
          </Field>
          <Field id="lt-incident" label="Link to incident #" aside="optional" error={fields?.incident?.[0]}>
            {(control) => (
              <input
                {...control}
                type="number"
                min={1}
                step={1}
                inputMode="numeric"
                className="field-input"
                value={incident}
                onChange={(e) => setIncident(e.target.value)}
              />
            )}
          </Field>
        </div>

        <Field
          id="lt-name"
          label="Name"
          aside="optional; taken from the files or their names otherwise"
          error={fields?.name?.[0]}
        >
          {(control) => (
            <input
              {...control}
              className="field-input"
              value={name}
              maxLength={200}
              onChange={(e) => setName(e.target.value)}
              placeholder="Checkout soak test before the 4.2 release"
            />
          )}
        </Field>
        <Field id="lt-notes" label="Notes" aside="optional" error={fields?.notes?.[0]}>
          {(control) => (
            <textarea {...control} className="field-input" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
          )}
        </Field>

        <details
          className="rounded border border-slate-200 p-3 text-sm dark:border-slate-800"
          open={Boolean(fields?.columns || fields?.delimiter)}
        >
          <summary className="cursor-pointer font-medium">Advanced: JMeter CSV without a header</summary>
          <div className="mt-3 grid gap-4 md:grid-cols-[2fr_1fr]">
            <Field
              id="lt-columns"
              label="Columns, in file order"
              hint="Comma separated. Leave empty to read a headerless file in JMeter's default column order."
              error={fields?.columns?.[0]}
            >
              {(control) => (
                <input
                  {...control}
                  className="field-input font-mono"
                  value={columns}
                  maxLength={2000}
                  onChange={(e) => setColumns(e.target.value)}
                  placeholder="timeStamp,elapsed,label,responseCode,…"
                />
              )}
            </Field>
            <Field id="lt-delimiter" label="Delimiter" error={fields?.delimiter?.[0]}>
              {(control) => (
                <select {...control} className="field-input" value={delimiter} onChange={(e) => setDelimiter(e.target.value)}>
                  {DELIMITERS.map((d) => (
                    <option key={d.value} value={d.value}>
                      {d.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </details>
      </fieldset>

      <ImportProgress idPrefix="lt" phase={phase} totalBytes={totalBytes} />

      <ImportStatus phase={phase} text={statusText}>
        {phase.kind === "succeeded" && phase.job.resultId && (
          <>
            {" "}
            <Link href={`/load-tests/${phase.job.resultId}`} className="underline">
              Open the run
            </Link>
          </>
        )}
      </ImportStatus>

      <ImportActions
        phase={phase}
        busy={busy}
        onCancel={() => void cancel()}
        chosen={{ files: files.length, bytes: totalBytes }}
      />
    </form>
  );
}
