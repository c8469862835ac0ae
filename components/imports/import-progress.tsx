import { ProgressBar } from "@/components/imports/progress-bar";
import { uploadPercent, type ImportPhase } from "@/components/imports/use-import-upload";

/** "812 B", "1.5 KB", "12.0 MB": file sizes as people read them in a file manager. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}

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

/** Why an import ended without saving anything, as an alert; nothing otherwise. */
export function ImportFailure({ phase }: { phase: ImportPhase }) {
  if (phase.kind !== "failed") return null;
  return (
    <div
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    >
      <p className="font-medium">The import did not go through; nothing was saved.</p>
      <p className="mt-1 whitespace-pre-line break-words">{phase.message}</p>
    </div>
  );
}

/** Import, and Cancel while the upload or the job runs; `children` follow (a summary of the chosen files). */
export function ImportActions({
  phase,
  busy,
  onCancel,
  children,
}: {
  phase: ImportPhase;
  busy: boolean;
  onCancel: () => void;
  children?: React.ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button type="submit" className="btn-primary" disabled={busy}>
        Import
      </button>
      {(phase.kind === "uploading" || phase.kind === "processing") && (
        <button
          type="button"
          className="btn-secondary"
          onClick={onCancel}
          disabled={phase.kind === "processing" && phase.cancelling}
        >
          Cancel import
        </button>
      )}
      {children}
    </div>
  );
}
