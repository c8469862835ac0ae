/**
 * Runs one import job in this process: parse outside any transaction, write the result in one
 * short transaction at the end (inside `work`), and keep the job row up to date so the UI and CLI
 * can show progress and the user can cancel. A failed or cancelled job writes nothing.
 */
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ImportCancelledError, ImportError } from "@/lib/imports/errors";
import { countingProgress, type ImportProgress } from "@/lib/imports/progress";
import { toImportJobView, type ImportJobView } from "@/lib/imports/import-jobs";

/** Progress reaches the database at most this often (PGlite serialises every query). */
const FLUSH_EVERY_MS = 400;

export type ImportWorkResult = { resultId: string; message: string; format?: string | null };

export async function runImportJob({
  jobId,
  work,
  cleanup,
  onProgress,
}: {
  jobId: string;
  work: (progress: ImportProgress) => Promise<ImportWorkResult>;
  cleanup?: () => Promise<void>;
  /** Local observer (the CLI's progress line); called at each flush. */
  onProgress?: (state: { bytesRead: number; rowsRead: number }) => void;
}): Promise<ImportJobView> {
  const client = db();
  try {
    const started = await client.importJob.updateMany({
      where: { id: jobId, status: "queued", cancelRequested: false },
      data: { status: "running", startedAt: new Date(), heartbeatAt: new Date() },
    });
    if (started.count === 0) {
      const job = await client.importJob.findUnique({ where: { id: jobId } });
      if (!job) throw new AppError("NOT_FOUND", "Import job not found.");
      if (job.status === "queued") {
        return toImportJobView(
          await client.importJob.update({
            where: { id: jobId },
            data: { status: "cancelled", message: "Cancelled before it started; nothing was saved.", finishedAt: new Date() },
          }),
        );
      }
      return toImportJobView(job);
    }

    let lastFlush = Date.now();
    const progress = countingProgress(async (state) => {
      if (Date.now() - lastFlush < FLUSH_EVERY_MS) return;
      lastFlush = Date.now();
      onProgress?.(state);
      const job = await client.importJob.update({
        where: { id: jobId },
        data: { bytesRead: state.bytesRead, rowsRead: state.rowsRead, heartbeatAt: new Date() },
        select: { cancelRequested: true },
      });
      if (job.cancelRequested) throw new ImportCancelledError();
    });

    try {
      const result = await work(progress);
      onProgress?.(progress.state);
      return toImportJobView(
        await client.importJob.update({
          where: { id: jobId },
          data: {
            status: "succeeded",
            resultId: result.resultId,
            message: result.message,
            ...(result.format ? { format: result.format } : {}),
            bytesRead: progress.state.bytesRead,
            rowsRead: progress.state.rowsRead,
            finishedAt: new Date(),
            heartbeatAt: new Date(),
          },
        }),
      );
    } catch (e) {
      const failure = describeFailure(e);
      return toImportJobView(
        await client.importJob.update({
          where: { id: jobId },
          data: {
            status: e instanceof ImportCancelledError ? "cancelled" : "failed",
            message: failure.message,
            errorLine: failure.line,
            errorField: failure.field,
            bytesRead: progress.state.bytesRead,
            rowsRead: progress.state.rowsRead,
            finishedAt: new Date(),
          },
        }),
      );
    }
  } finally {
    await cleanup?.().catch(() => undefined);
  }
}

export function describeFailure(e: unknown): { message: string; line: number | null; field: string | null } {
  if (e instanceof ImportCancelledError) return { message: "Cancelled; nothing was saved.", line: null, field: null };
  if (e instanceof ImportError) return { message: e.message, line: e.line, field: e.field };
  if (e instanceof AppError) return { message: e.message, line: null, field: null };
  console.error(e);
  return {
    message: `The import failed unexpectedly (${e instanceof Error ? e.message : String(e)}); nothing was saved.`,
    line: null,
    field: null,
  };
}
