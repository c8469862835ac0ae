import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { staleSaveError } from "@/lib/revisions/stale-save";
import { loadTestRunUpdateSchema } from "@/lib/loadtests/schema";

/** "machine: c5.xlarge" per line ↔ { machine: "c5.xlarge" }: the journal's Setup as plain text. */
export function parseEnvironmentText(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const i = line.indexOf(":");
    if (i <= 0) out[line] = "";
    else out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

export function environmentText(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => (v ? `${k}: ${v}` : k))
    .join("\n");
}

/** Name, notes and setup of a run; the figures themselves are evidence and never edited. */
export async function updateLoadTestRun({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "edit");
  const parsed = loadTestRunUpdateSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { id, version, name, notes, environment } = parsed.data;
  return db().$transaction(async (tx: Db) => {
    const current = await tx.loadTestRun.findUnique({
      where: { id },
      select: { id: true, name: true, notes: true, environment: true },
    });
    if (!current) throw new AppError("NOT_FOUND", "Load-test run not found.");
    const env = parseEnvironmentText(environment);
    const updated = await tx.loadTestRun.updateMany({
      where: { id, version },
      data: { name, notes, environment: Object.entries(env), version: { increment: 1 } },
    });
    if (updated.count === 0) throw staleSaveError(current, parsed.data);
    await recordAudit(tx, actor, { action: "loadtest.update", entityType: "LoadTestRun", entityId: id, data: { name } });
    return { id };
  });
}

/** Removes a run and its links; the import can be repeated from the original files. */
export async function deleteLoadTestRun({ actor, id }: { actor: Actor; id: string }) {
  assertCan(actor, "edit");
  return db().$transaction(async (tx: Db) => {
    const run = await tx.loadTestRun.findUnique({ where: { id }, select: { id: true, name: true } });
    if (!run) throw new AppError("NOT_FOUND", "Load-test run not found.");
    await tx.loadTestRun.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "loadtest.delete",
      entityType: "LoadTestRun",
      entityId: id,
      data: { name: run.name },
    });
    return { id };
  });
}
