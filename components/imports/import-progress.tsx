import type { ReactNode } from "react";
import type { ImportJobView } from "@/lib/imports/import-jobs";
import { countFiles, formatFileSize } from "@/components/imports/file-size";
import { ProgressBar } from "@/components/imports/progress-bar";
import { uploadPercent, type ImportPhase } from "@/components/imports/use-import-upload";

/**
 * The two bars of an import while it runs: the upload (bytes sent) and the job on the server
 * (percent of the bytes read, rows so far). Nothing when idle or ended.
 */
export function ImportProgress({ idPrefix, phase, totalBytes }: { idPrefix: string; phase: ImportPhase; totalBytes: number }) {
  if (phase.kind !== "uploading" && phase.kind !== "processing" && phase.kind !== "succeeded") return null;
  const job = phase.kind === "uploading" ? null : phase.job;
  return (
    <div className="space-y-3" data-testid="import-progress">
      <ProgressBar
        id={`${idPrefix}-upload-label`}
        label="Upload"
        value={uploadPercent(phase)}
        text={
          phase.kind === "uploading"
            ? `${formatFileSize(phase.sent)} of ${formatFileSize(phase.total)}`
            : `${formatFileSize(job?.bytesTotal ?? totalBytes)} sent`
        }
      />
      {job && (
        <ProgressBar
          id={`${idPrefix}-import-label`}
          label="Import"
          value={job.percent}
          text={`${job.percent === null ? "starting" : `${job.percent}%`} · ${job.rowsRead.toLocaleString("en-US")} rows read`}
        />
      )}
    </div>
  );
}

/**
 * What an import is doing, in words: uploading (`files` counted; without it simply "Uploading…"),
 * waiting, `reading` while the job runs, the job's own message once it succeeded (or `succeeded`'s
 * words), the cancel message; empty while idle or failed (ImportStatus shows the failure).
 */
export function importStatusText(
  phase: ImportPhase,
  { files, reading, succeeded }: { files?: number; reading: string; succeeded?: (job: ImportJobView) => string },
): string {
  switch (phase.kind) {
    case "uploading":
      if (files === undefined) return "Uploading…";
      return uploadPercent(phase) >= 100
        ? "Upload complete; the server is storing the files…"
        : `Uploading ${countFiles(files)}…`;
    case "processing":
      if (phase.cancelling) return "Cancelling…";
      return phase.job.status === "queued" ? "Waiting for the import to start…" : reading;
    case "succeeded":
      return succeeded ? succeeded(phase.job) : (phase.job.message ?? "Imported.");
    case "cancelled":
      return phase.message;
    default:
      return "";
  }
}

/**
 * The import's live status line (`text`, then `children`: links to what it made), and, when it
 * failed, why, as an alert saying nothing was saved.
 */
export function ImportStatus({ phase, text, children }: { phase: ImportPhase; text: string; children?: ReactNode }) {
  return (
    <>
      <p role="status" aria-live="polite" className="text-sm text-slate-700 dark:text-slate-300">
        {text}
        {children}
      </p>
      {phase.kind === "failed" && (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          <p className="font-medium">The import did not go through; nothing was saved.</p>
          <p className="mt-1 whitespace-pre-line break-words">{phase.message}</p>
        </div>
      )}
    </>
  );
}

/**
 * Import, and Cancel while the upload or the job runs; then, while neither runs, how many files
 * of what size are `chosen`; `children` follow (another action, such as Import more).
 */
export function ImportActions({
  phase,
  busy,
  onCancel,
  chosen,
  children,
}: {
  phase: ImportPhase;
  busy: boolean;
  onCancel: () => void;
  chosen?: { files: number; bytes: number };
  children?: ReactNode;
}) {
  const running = phase.kind === "uploading" || phase.kind === "processing";
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button type="submit" className="btn-primary" disabled={busy}>
        Import
      </button>
      {running && (
        <button
          type="button"
          className="btn-secondary"
          onClick={onCancel}
          disabled={phase.kind === "processing" && phase.cancelling}
        >
          Cancel import
        </button>
      )}
      {chosen && chosen.files > 0 && !running && (
        <span className="text-sm text-slate-500">
          {countFiles(chosen.files)}, {formatFileSize(chosen.bytes)}
        </span>
      )}
      {children}
    </div>
  );
}
