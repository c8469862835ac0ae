import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { findVisibleIncident, incidentRef } from "@/lib/incidents/find-visible-incident";
import { diffWords } from "@/lib/revisions/diff";
import { snapshotToText } from "@/lib/revisions/snapshot-text";

/** Word diff between two revisions of the same record (older first, whichever order they come in). */
export async function compareRevisions({
  actor,
  input,
}: {
  actor: Actor;
  input: { incidentNumber: number; fromId: string; toId: string };
}) {
  assertCan(actor, "read");
  const incident = await findVisibleIncident(db(), actor, incidentRef(input));
  const revisions = await db().revision.findMany({ where: { id: { in: [input.fromId, input.toId] }, incidentId: incident.id } });
  const a = revisions.find((r) => r.id === input.fromId);
  const b = revisions.find((r) => r.id === input.toId);
  if (!a || !b) throw new AppError("NOT_FOUND", "Revision not found.");
  if (a.entityType !== b.entityType || a.entityId !== b.entityId) {
    throw new AppError("VALIDATION", "Pick two versions of the same record.");
  }
  const [older, newer] = a.version <= b.version ? [a, b] : [b, a];
  return {
    entityType: older.entityType,
    fromVersion: older.version,
    toVersion: newer.version,
    parts: diffWords(snapshotToText(older.entityType, older.snapshot), snapshotToText(newer.entityType, newer.snapshot)),
  };
}
