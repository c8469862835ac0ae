"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Field } from "@/components/forms/field";
import { ChosenFilesList, type ChosenFileRow } from "@/components/imports/chosen-files-list";
import { FileDropZone } from "@/components/imports/file-drop-zone";
import { ImportActions, ImportProgress, ImportStatus, importStatusText } from "@/components/imports/import-progress";
import { useImportUpload } from "@/components/imports/use-import-upload";
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

/** The line a chosen file is listed on: its own, or its top folder's. */
function rowKey(path: string): string {
  const slash = path.indexOf("/");
  return slash === -1 ? `file:${path}` : `folder:${path.slice(0, slash)}`;
}

/** Loose files one per line; a folder's files summed into one line per top folder (a .git holds thousands). */
function summarize(chosen: Chosen[]): ChosenFileRow[] {
  const rows = new Map<string, { key: string; label: string; size: number; count: number }>();
  for (const c of chosen) {
    const key = rowKey(c.path);
    const row = rows.get(key) ?? { key, label: key.startsWith("folder:") ? `${key.slice(7)}/` : c.path, size: 0, count: 0 };
    row.size += c.file.size;
    row.count++;
    rows.set(key, row);
  }
  return [...rows.values()].map((r) => ({
    key: r.key,
    label: r.label,
    size: r.size,
    detail: r.key.startsWith("folder:") ? `${r.count.toLocaleString("en-US")} file${r.count === 1 ? "" : "s"}` : undefined,
  }));
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
  const { phase, busy, fields, setFields, start, cancel, reset, filesChanged } = useImportUpload({
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
    filesChanged();
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

  const ids = phase.kind === "succeeded" ? monitorIds(phase.job) : [];
  const statusText = importStatusText(phase, {
    files: chosen.length,
    reading: "Reading the uptime data…",
    succeeded: (job) => `${job.message ?? "Imported."}${opensAtOnce(job) ? " Opening the monitor…" : ""}`,
  });

  return (
    <form onSubmit={submit} aria-label="Import uptime data" className="card space-y-4" noValidate>
      <fieldset disabled={busy} className="space-y-4">
        <legend className="sr-only">Files and details</legend>
        <FileDropZone
          idPrefix="up"
          label="Uptime files"
          title="Drop uptime files or a zip here"
          hint="Upptime repository (folder or zip), git log TSV or issues JSON; Uptime Kuma heartbeat JSON or kuma.db; Prometheus query_range JSON; Statuspage incidents.json; or a CSV of checks. For a folder, use Choose folder."
          error={fields?.file?.find(Boolean)}
          pickers={[
            { button: "Choose files…", label: "Uptime files", multiple: true },
            { button: "Choose folder…", label: "Uptime folder", multiple: true, folder: true },
          ]}
          busy={busy}
          onFiles={addFiles}
        />

        <ChosenFilesList
          rows={summarize(chosen)}
          onRemove={(key) => setChosen((current) => current.filter((c) => rowKey(c.path) !== key))}
        />

        <div className="grid gap-4 md:grid-cols-2">
          <Field
            id="up-format"
            label="Format"
            hint={chosenFormat ? chosenFormat.upload : "Recognised from the files' content; choose one if it is not."}
            error={fields?.format?.[0]}
          >
            {(control) => (
              <select {...control} className="field-input" value={format} onChange={(e) => setFormat(e.target.value)}>
                <option value="auto">Detect from content</option>
                {UPTIME_FORMAT_OPTIONS.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="up-timeZone"
            label="Time zone"
            aside="of times written without an offset"
            hint="For a CSV without offsets. Uptime Kuma writes UTC, and times with an offset keep theirs."
            error={fields?.timeZone?.[0]}
          >
            {(control) => (
              <select {...control} className="field-input" value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z === browserZone && z !== "UTC" ? `${z} (this browser's)` : z}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>

        <div className="grid gap-4 md:grid-cols-3">
          <Field id="up-monitorName" label="Monitor name" aside="CSV" error={fields?.monitorName?.[0]}>
            {(control) => (
              <input
                {...control}
                className="field-input"
                value={monitorName}
                maxLength={200}
                onChange={(e) => setMonitorName(e.target.value)}
                placeholder="The file name otherwise"
              />
            )}
          </Field>
          <Field id="up-target" label="Target" aside="CSV" error={fields?.target?.[0]}>
            {(control) => (
              <input
                {...control}
                className="field-input"
                value={target}
                maxLength={1000}
                onChange={(e) => setTarget(e.target.value)}
                placeholder="wss://rpc.example.com/ws"
              />
            )}
          </Field>
          <Field id="up-serviceId" label="Service" aside="new monitors" error={fields?.serviceId?.[0]}>
            {(control) => (
              <select {...control} className="field-input" value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
                <option value="">None</option>
                {services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <ImportProgress idPrefix="up" phase={phase} totalBytes={totalBytes} />

      <ImportStatus phase={phase} text={statusText}>
        {ids.length === 1 && (
          <>
            {" "}
            <Link href={`/monitors/${ids[0]}`} className="underline">
              Open the monitor
            </Link>
          </>
        )}
        {ids.length > 1 && (
          <>
            {" "}
            <Link href="/monitors" className="underline">
              Open the {ids.length} monitors in the list
            </Link>
          </>
        )}
      </ImportStatus>

      <ImportActions
        phase={phase}
        busy={busy}
        onCancel={() => void cancel()}
        chosen={{ files: chosen.length, bytes: totalBytes }}
      >
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
