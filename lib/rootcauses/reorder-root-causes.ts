import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { recordRevision } from "@/lib/revisions/record-revision";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";
import { ReorderRootCausesInput } from "@/lib/rootcauses/schema";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { loadRootCause, rootCauseSnapshot } from "@/lib/rootcauses/snapshot";

/**
 * Puts an incident's root causes in the given order (every one named exactly once). Only causes
 * whose position changes get a new version and revision, so unmoved ones never go stale.
 */
export async function reorderRootCauses({ actor, input, tx }: { actor: Actor; input: ReorderRootCausesInput; tx?: Db }) {
  assertCan(actor, "edit");
  const parsed = ReorderRootCausesInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { incidentId, ids } = parsed.data;

  const run = async (client: Db) => {
    const incident = await findVisibleIncident(client, actor, { id: incidentId });
    const existing = await client.rootCause.findMany({
      where: { incidentId: incident.id },
      select: { id: true, position: true },
    });
    const known = new Set(existing.map((c) => c.id));
    if (new Set(ids).size !== ids.length || ids.length !== known.size || ids.some((id) => !known.has(id))) {
      throw new AppError("VALIDATION", "Name every root cause of this incident exactly once.", {
        ids: ["The list of root causes changed; reload and try again."],
      });
    }
    const positionOf = new Map(existing.map((c) => [c.id, c.position]));
    const moved: string[] = [];
    for (const [position, id] of ids.entries()) {
      if (positionOf.get(id) === position) continue;
      moved.push(id);
      await client.rootCause.update({ where: { id }, data: { position, version: { increment: 1 } } });
      const record = (await loadRootCause(client, id))!;
      await recordRevision(client, actor, {
        incidentId: incident.id,
        entityType: "RootCause",
        entityId: id,
        version: record.version,
        snapshot: rootCauseSnapshot(record),
      });
    }
    await recordAudit(client, actor, {
      action: "rootcause.reorder",
      entityType: "Incident",
      entityId: incident.id,
      incidentId: incident.id,
      data: { order: ids, moved },
    });
    await refreshIncidentSearch(client, incident.id);
    return { moved };
  };
  return tx ? run(tx) : db().$transaction(run);
}
