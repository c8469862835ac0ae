/**
 * Import jobs live in the database (DECISIONS.md: any app instance can report on, or cancel, a job
 * another instance runs). Jobs are visible to the user who started them and to admins.
 */
import { db, type Db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { ImportKind, ImportJobStatus } from "@/lib/generated/prisma/client";

/** A running job whose heartbeat is older than this was orphaned by a stopped server. */
export const STALE_JOB_MS = 2 * 60 * 1000;

export type ImportJobView = {
  id: string;
  kind: ImportKind;
  status: ImportJobStatus;
  format: string | null;
  files: { name: string; size: number }[];
  bytesTotal: number;
  bytesRead: number;
  rowsRead: number;
  /** 0–100 from bytes read, null before the job starts. */
  percent: number | null;
  message: string | null;
  errorLine: number | null;
  errorField: string | null;
  resultId: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

type JobRow = Prisma.ImportJobGetPayload<object>;

export function toImportJobView(job: JobRow): ImportJobView {
  const files = Array.isArray(job.files) ? (job.files as { name: string; size: number }[]) : [];
  const percent =
    job.status === "succeeded"
      ? 100
      : job.bytesTotal > 0
        ? Math.min(99, Math.floor((job.bytesRead / job.bytesTotal) * 100))
        : null;
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    format: job.format,
    files,
    bytesTotal: job.bytesTotal,
    bytesRead: job.bytesRead,
    rowsRead: job.rowsRead,
    percent,
    message: job.message,
    errorLine: job.errorLine,
    errorField: job.errorField,
    resultId: job.resultId,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

export async function createImportJob({
  actor,
  kind,
  files,
  format,
  options,
  tx,
}: {
  actor: Actor;
  kind: ImportKind;
  files: { name: string; size: number }[];
  format?: string | null;
  options: Prisma.InputJsonValue;
  tx?: Db;
}): Promise<ImportJobView> {
  assertCan(actor, "edit");
  const run = async (client: Db) => {
    const job = await client.importJob.create({
      data: {
        kind,
        format: format ?? null,
        files: files.map((f) => ({ name: f.name, size: f.size })),
        bytesTotal: files.reduce((a, f) => a + f.size, 0),
        options,
        createdById: actorId(actor),
      },
    });
    // The import's result is audited by the verb that saves it; this row says who started it, even if it fails.
    await recordAudit(client, actor, {
      action: "import.start",
      entityType: "ImportJob",
      entityId: job.id,
      data: { kind, format: format ?? null, files: files.map((f) => f.name) },
    });
    return job;
  };
  return toImportJobView(tx ? await run(tx) : await db().$transaction(run));
}

function visibleJobWhere(actor: Actor, id: string): Prisma.ImportJobWhereInput {
  if (actor.kind === "system" || actor.role === "admin") return { id };
  return { id, createdById: actor.id };
}

/** Reads a job; a running job whose server stopped is closed here as failed, so nobody waits forever. */
export async function getImportJob({ actor, id }: { actor: Actor; id: string }): Promise<ImportJobView> {
  assertCan(actor, "read");
  const job = await db().importJob.findFirst({ where: visibleJobWhere(actor, id) });
  if (!job) throw new AppError("NOT_FOUND", "Import job not found.");
  const beat = job.heartbeatAt ?? job.startedAt ?? job.createdAt;
  if ((job.status === "running" || job.status === "queued") && Date.now() - beat.getTime() > STALE_JOB_MS) {
    const closed = await db().importJob.update({
      where: { id: job.id },
      data: {
        status: "failed",
        message: "The server stopped during this import; nothing was saved. Upload the files again.",
        finishedAt: new Date(),
      },
    });
    return toImportJobView(closed);
  }
  return toImportJobView(job);
}

/** Asks the runner to stop; it notices at its next progress tick and writes nothing. */
export async function cancelImportJob({ actor, id }: { actor: Actor; id: string }): Promise<ImportJobView> {
  assertCan(actor, "edit");
  const job = await db().importJob.findFirst({ where: visibleJobWhere(actor, id) });
  if (!job) throw new AppError("NOT_FOUND", "Import job not found.");
  if ((job.status === "queued" || job.status === "running") && !job.cancelRequested) {
    await db().$transaction(async (tx: Db) => {
      await tx.importJob.update({ where: { id }, data: { cancelRequested: true } });
      await recordAudit(tx, actor, { action: "import.cancel", entityType: "ImportJob", entityId: id, data: { kind: job.kind } });
    });
  }
  return getImportJob({ actor, id });
}
