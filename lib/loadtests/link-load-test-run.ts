import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { linkLoadTestRunSchema } from "@/lib/loadtests/schema";

/** Links a run to an incident as evidence; linking twice updates the note. */
export async function linkLoadTestRun({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "edit");
  const parsed = linkLoadTestRunSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { runId, incidentNumber, note } = parsed.data;
  return db().$transaction(async (tx: Db) => {
    const incident = await findVisibleIncident(tx, actor, { number: incidentNumber });
    const run = await tx.loadTestRun.findUnique({ where: { id: runId }, select: { id: true, name: true } });
    if (!run) throw new AppError("NOT_FOUND", "Load-test run not found.");
    await tx.incidentLoadTestRun.upsert({
      where: { incidentId_runId: { incidentId: incident.id, runId } },
      create: { incidentId: incident.id, runId, note, createdById: actorId(actor) },
      update: { note },
    });
    await recordAudit(tx, actor, {
      action: "loadtest.link",
      entityType: "LoadTestRun",
      entityId: runId,
      incidentId: incident.id,
      data: { incident: incident.number, run: run.name, note },
    });
    return { incidentNumber: incident.number, runId };
  });
}

export async function unlinkLoadTestRun({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "edit");
  const parsed = linkLoadTestRunSchema.pick({ runId: true, incidentNumber: true }).safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { runId, incidentNumber } = parsed.data;
  return db().$transaction(async (tx: Db) => {
    const incident = await findVisibleIncident(tx, actor, { number: incidentNumber });
    const removed = await tx.incidentLoadTestRun.deleteMany({ where: { incidentId: incident.id, runId } });
    if (removed.count === 0) throw new AppError("NOT_FOUND", "That run is not linked to this incident.");
    await recordAudit(tx, actor, {
      action: "loadtest.unlink",
      entityType: "LoadTestRun",
      entityId: runId,
      incidentId: incident.id,
      data: { incident: incident.number },
    });
    return { incidentNumber: incident.number, runId };
  });
}
