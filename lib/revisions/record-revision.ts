import type { Db, Prisma } from "@/lib/db";
import { actorId, type Actor } from "@/lib/auth/actor";

export type RevisionEntity = "Incident" | "TimelineEvent" | "RootCause" | "ActionItem" | "PostmortemSection" | "Template";

/**
 * Keeps the full record as saved at `version`, in the same transaction as the save, so any two
 * versions can be diffed and any one restored. A deleted record gets a final revision with
 * `deleted: true`, which is how nothing typed is ever lost.
 */
export async function recordRevision(
  tx: Db,
  actor: Actor,
  entry: { incidentId: string; entityType: RevisionEntity; entityId: string; version: number; snapshot: Prisma.InputJsonValue },
): Promise<void> {
  await tx.revision.create({
    data: {
      incidentId: entry.incidentId,
      entityType: entry.entityType,
      entityId: entry.entityId,
      version: entry.version,
      authorId: actorId(actor),
      snapshot: entry.snapshot,
    },
  });
}

/** Dates become ISO strings so a snapshot is plain JSON. */
export function toSnapshot(record: object): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(record)) as Prisma.InputJsonValue;
}
