import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { findVisibleIncident, incidentRef } from "@/lib/incidents/find-visible-incident";
import { snapshotLabel } from "@/lib/revisions/snapshot-text";

/** Every saved version of every record of a visible incident, newest first. */
export async function listRevisions({ actor, input }: { actor: Actor; input: { incidentNumber: number; limit?: number } }) {
  assertCan(actor, "read");
  const incident = await findVisibleIncident(db(), actor, incidentRef(input));
  const rows = await db().revision.findMany({
    where: { incidentId: incident.id },
    orderBy: [{ createdAt: "desc" }, { version: "desc" }],
    take: Math.min(input.limit ?? 200, 1000),
    include: { author: { select: { name: true, email: true } } },
  });
  return rows.map((r) => {
    const snap = (r.snapshot ?? {}) as Record<string, unknown>;
    return {
      id: r.id,
      entityType: r.entityType,
      entityId: r.entityId,
      version: r.version,
      createdAt: r.createdAt,
      author: r.author ? r.author.name || r.author.email : "system",
      label: snapshotLabel(r.entityType, r.snapshot),
      deleted: snap.deleted === true,
    };
  });
}
