"use client";

import { useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFileDrop } from "@/components/imports/use-file-drop";
import { formatFileSize, ImportActions, ImportFailure, ImportProgress } from "@/components/imports/import-progress";
import { uploadPercent, useImportUpload } from "@/components/imports/use-import-upload";
import type { ImportJobView } from "@/lib/imports/import-jobs";
import { COMMON_TIME_ZONES } from "@/lib/time/zones";
import { UPTIME_FORMAT_OPTIONS } from "./uptime-formats";

/** The server's limit (lib/uptime/import-uptime.ts): a folder upload brings its .git. */
const MAX_FILES = 20_000;

/** A chosen file and the name it is sent under: its path inside a chosen folder, else its name. */
type Chosen = { file: File; path: string };

/** The monitors an import made or updated: the job's result is their ids, comma-separated. */
const monitorIds = (job: ImportJobView) => (job.resultId ?? "").split(",").filter(Boolean);

/** One monitor and nothing else to say: the import opens it; otherwise its message stays on screen with links. */
function opensAtOnce(job: ImportJobView): boolean {
  return (
    monitorIds(job).length === 1 &&
    /^Imported 1 monitor \([^)]*\) from [^.]+\.( All were imported before and were updated\.)?$/.test(job.message ?? "")
  );
}

/** Loose files one per line; a folder's files summed into one line per top folder (a .git holds thousands). */
function summarize(chosen: Chosen[]): { key: string; label: string; size: number; count: number }[] {
  const rows = new Map<string, { key: string; label: string; size: number; count: number }>();
  for (const c of chosen) {
    const slash = c.path.indexOf("/");
    const key = slash === -1 ? `file:${c.path}` : `folder:${c.path.slice(0, slash)}`;
    const row = rows.get(key) ?? { key, label: slash === -1 ? c.path : `${c.path.slice(0, slash)}/`, size: 0, count: 0 };
    row.size += c.file.size;
    row.count++;
    rows.set(key, row);
  }
  return [...rows.values()];
}

/**
 * Upload uptime data: drop or choose files, or choose a whole folder (an Upptime repository with
 * its .git, whose history holds every status change). Sent with XMLHttpRequest for upload
 * progress, then the import job is followed until it ends; Cancel works in either phase.
 */
export function UptimeUploadForm({ services }: { services: { id: string; name: string }[] }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [format, setFormat] = useState("auto");
  const [timeZone, setTimeZone] = useState("UTC");
  const [monitorName, setMonitorName] = useState("");
  const [target, setTarget] = useState("");
  const [serviceId, setServiceId] = useState("");
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const { phase, busy, fields, setFields, start, cancel, reset } = useImportUpload({
    lostContactMessage: "Lost contact with the server. The import may still finish: look for it in the Monitors list.",
    onSucceeded: (job) => {
      if (opensAtOnce(job)) router.push(`/monitors/${monitorIds(job)[0]}`);
    },
  });
  const chosenFormat = UPTIME_FORMAT_OPTIONS.find((f) => f.id === format);
  const totalBytes = chosen.reduce((a, c) => a + c.file.size, 0);
  const browserZone = typeof Intl !== "undefined" ? Intl.DateTimeFormat().resolvedOptions().timeZone : "UTC";
  const zones = Array.from(new Set(["UTC", browserZone, ...COMMON_TIME_ZONES]));

  function addFiles(list: FileList | null) {
    if (!list || list.length === 0) return;
    // webkitRelativePath is set for a folder's files ("uptime/history/site.yml"), empty for loose ones.
    const added = Array.from(list).map((file) => ({ file, path: file.webkitRelativePath || file.name }));
    setChosen((current) => [...current.filter((c) => !added.some((a) => a.path === c.path)), ...added]);
    if (fields?.file) setFields({ ...fields, file: [] });
    if (phase.kind === "failed" || phase.kind === "cancelled") reset();
  }

  function removeRow(key: string) {
    setChosen((current) =>
      current.filter((c) => {
        const slash = c.path.indexOf("/");
        return (slash === -1 ? `file:${c.path}` : `folder:${c.path.slice(0, slash)}`) !== key;
      }),
    );
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFields(undefined);
    if (chosen.length === 0) {
      setFields({ file: ["Choose or drop the files, a zip or a folder to import."] });
      return;
    }
    if (chosen.length > MAX_FILES) {
      setFields({ file: [`Send at most ${MAX_FILES.toLocaleString("en-US")} files in one import.`] });
      return;
    }
    if (chosen.every((c) => c.file.size === 0)) {
      setFields({ file: ["The chosen files are empty."] });
      return;
    }
    const body = new FormData();
    body.append("format", format);
    body.append("timeZone", timeZone);
    if (monitorName.trim()) body.append("monitorName", monitorName.trim());
    if (target.trim()) body.append("target", target.trim());
    if (serviceId) body.append("serviceId", serviceId);
    for (const c of chosen) body.append("file", c.file, c.path);

    start("/api/v1/monitors/import", body, totalBytes);
  }

  const uploadPct = uploadPercent(phase);
  const job = phase.kind === "processing" || phase.kind === "succeeded" ? phase.job : null;
  const ids = phase.kind === "succeeded" ? monitorIds(phase.job) : [];
  const statusText =
    phase.kind === "uploading"
      ? uploadPct >= 100
        ? "Upload complete; the server is storing the files…"
        : `Uploading ${chosen.length === 1 ? "1 file" : `${chosen.length.toLocaleString("en-US")} files`}…`
      : phase.kind === "processing"
        ? phase.cancelling
          ? "Cancelling…"
          : job?.status === "queued"
            ? "Waiting for the import to start…"
            : "Reading the uptime data…"
        : phase.kind === "succeeded"
          ? `${phase.job.message ?? "Imported."}${opensAtOnce(phase.job) ? " Opening the monitor…" : ""}`
          : phase.kind === "cancelled"
            ? phase.message
            : "";
  const fileError = fields?.file?.find(Boolean);
  const drop = useFileDrop({ busy, onFiles: addFiles });
  const rows = summarize(chosen);
  const fieldError = (name: string) =>
    fields?.[name]?.[0] ? (
      <p id={`up-${name}-error`} className="field-error">
        {fields[name][0]}
      </p>
    ) : null;
  const described = (name: string, hint?: string) => ({
    "aria-invalid": fields?.[name]?.[0] ? true : undefined,
    "aria-describedby": [hint, fields?.[name]?.[0] ? `up-${name}-error` : null].filter(Boolean).join(" ") || undefined,
  });

  return (
    <form onSubmit={submit} aria-label="Import uptime data" className="card space-y-4" noValidate>
      <fieldset disabled={busy} className="space-y-4">
        <legend className="sr-only">Files and details</legend>
        <div
          role="group"
          aria-label="Uptime files"
          aria-describedby={fileError ? "up-file-error" : "up-files-hint"}
          {...drop.handlers}
          className={`rounded-lg border-2 border-dashed p-6 text-center transition-colors ${
            drop.dragging
              ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950"
              : fileError
                ? "border-red-400"
                : "border-slate-300 dark:border-slate-700"
          }`}
        >
          <p className="font-medium">Drop uptime files or a zip here</p>
          <p id="up-files-hint" className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Upptime repository (folder or zip), git log TSV or issues JSON; Uptime Kuma heartbeat JSON or kuma.db; Prometheus
            query_range JSON; Statuspage incidents.json; or a CSV of checks. For a folder, use Choose folder.
          </p>
          <div className="mt-3 flex flex-wrap justify-center gap-2">
            <button type="button" className="btn-secondary" onClick={() => filesRef.current?.click()}>
              Choose files…
            </button>
            <button type="button" className="btn-secondary" onClick={() => folderRef.current?.click()}>
              Choose folder…
            </button>
          </div>
          <input
            ref={filesRef}
            type="file"
            multiple
            className="hidden"
            aria-label="Uptime files"
            onChange={(e) => {
              addFiles(e.target.files);
              e.target.value = "";
            }}
          />
          <input
            ref={folderRef}
            type="file"
            multiple
            className="hidden"
            aria-label="Uptime folder"
            // React has no typed prop for these; the browser picks a folder and names each file by its path.
            {...{ webkitdirectory: "", directory: "" }}
            onChange={(e) => {
              addFiles(e.target.files);
              e.target.value = "";
            }}
          />
          {fileError && (
            <p id="up-file-error" className="field-error">
              {fileError}
            </p>
          )}
        </div>

        {rows.length > 0 && (
          <ul
            aria-label="Chosen files"
            className="divide-y divide-slate-200 rounded border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800"
          >
            {rows.map((r) => (
              <li key={r.key} className="flex items-center gap-3 px-3 py-2">
                <span className="min-w-0 flex-1 truncate font-mono">
                  {r.label}
                  {r.key.startsWith("folder:") && (
                    <span className="font-sans text-slate-500">
                      {" "}
                      ({r.count.toLocaleString("en-US")} file{r.count === 1 ? "" : "s"})
                    </span>
                  )}
                </span>
                <span className="tabular-nums text-slate-500">{formatFileSize(r.size)}</span>
                <button
                  type="button"
                  className="text-red-700 underline disabled:opacity-50 dark:text-red-400"
                  onClick={() => removeRow(r.key)}
                  aria-label={`Remove ${r.label}`}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}

        <div className="grid gap-4 md:grid-cols-2">
          <div>
            <label htmlFor="up-format" className="field-label">
              Format
            </label>
            <select
              id="up-format"
              className="field-input"
              value={format}
              onChange={(e) => setFormat(e.target.value)}
              {...described("format", "up-format-hint")}
            >
              <option value="auto">Detect from content</option>
              {UPTIME_FORMAT_OPTIONS.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title}
                </option>
              ))}
            </select>
            <p id="up-format-hint" className="mt-1 text-xs text-slate-500">
              {chosenFormat ? chosenFormat.upload : "Recognised from the files' content; choose one if it is not."}
            </p>
            {fieldError("format")}
          </div>
          <div>
            <label htmlFor="up-timeZone" className="field-label">
              Time zone <span className="font-normal text-slate-500">(of times written without an offset)</span>
            </label>
            <select
              id="up-timeZone"
              className="field-input"
              value={timeZone}
              onChange={(e) => setTimeZone(e.target.value)}
              {...described("timeZone", "up-timeZone-hint")}
            >
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z === browserZone && z !== "UTC" ? `${z} (this browser's)` : z}
                </option>
              ))}
            </select>
            <p id="up-timeZone-hint" className="mt-1 text-xs text-slate-500">
              For a CSV without offsets. Uptime Kuma writes UTC, and times with an offset keep theirs.
            </p>
            {fieldError("timeZone")}
          </div>
        </div>

        <div className="grid gap-4 md:grid-cols-3">
          <div>
            <label htmlFor="up-monitorName" className="field-label">
              Monitor name <span className="font-normal text-slate-500">(CSV)</span>
            </label>
            <input
              id="up-monitorName"
              className="field-input"
              value={monitorName}
              maxLength={200}
              onChange={(e) => setMonitorName(e.target.value)}
              placeholder="The file name otherwise"
              {...described("monitorName")}
            />
            {fieldError("monitorName")}
          </div>
          <div>
            <label htmlFor="up-target" className="field-label">
              Target <span className="font-normal text-slate-500">(CSV)</span>
            </label>
            <input
              id="up-target"
              className="field-input"
              value={target}
              maxLength={1000}
              onChange={(e) => setTarget(e.target.value)}
              placeholder="wss://rpc.example.com/ws"
              {...described("target")}
            />
            {fieldError("target")}
          </div>
          <div>
            <label htmlFor="up-serviceId" className="field-label">
              Service <span className="font-normal text-slate-500">(new monitors)</span>
            </label>
            <select
              id="up-serviceId"
              className="field-input"
              value={serviceId}
              onChange={(e) => setServiceId(e.target.value)}
              {...described("serviceId")}
            >
              <option value="">None</option>
              {services.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            {fieldError("serviceId")}
          </div>
        </div>
      </fieldset>

      <ImportProgress idPrefix="up" phase={phase} totalBytes={totalBytes} />

      <p role="status" aria-live="polite" className="text-sm text-slate-700 dark:text-slate-300">
        {statusText}
        {phase.kind === "succeeded" && ids.length === 1 && (
          <>
            {" "}
            <Link href={`/monitors/${ids[0]}`} className="underline">
              Open the monitor
            </Link>
          </>
        )}
        {phase.kind === "succeeded" && ids.length > 1 && (
          <>
            {" "}
            <Link href="/monitors" className="underline">
              Open the {ids.length} monitors in the list
            </Link>
          </>
        )}
      </p>
      <ImportFailure phase={phase} />

      <ImportActions phase={phase} busy={busy} onCancel={() => void cancel()}>
        {chosen.length > 0 && phase.kind !== "uploading" && phase.kind !== "processing" && (
          <span className="text-sm text-slate-500">
            {chosen.length === 1 ? "1 file" : `${chosen.length.toLocaleString("en-US")} files`}, {formatFileSize(totalBytes)}
          </span>
        )}
        {phase.kind === "succeeded" && !opensAtOnce(phase.job) && (
          <button
            type="button"
            className="btn-secondary"
            onClick={() => {
              setChosen([]);
              reset();
            }}
          >
            Import more
          </button>
        )}
      </ImportActions>
    </form>
  );
}
