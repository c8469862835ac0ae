import { db, type Db } from "@/lib/db";
import { validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { recordRevision } from "@/lib/revisions/record-revision";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { CreateActionItemInput } from "@/lib/actions/schema";
import { completionFor } from "@/lib/actions/overdue";
import { actionItemSnapshot, assertOwner } from "@/lib/actions/record";

export async function createActionItem({ actor, input, tx }: { actor: Actor; input: CreateActionItemInput; tx?: Db }) {
  assertCan(actor, "edit");
  const parsed = CreateActionItemInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { incidentId, ...data } = parsed.data;

  const run = async (client: Db) => {
    const incident = await findVisibleIncident(client, actor, { id: incidentId });
    await assertOwner(client, data.ownerId);
    const record = await client.actionItem.create({
      data: { ...data, incidentId: incident.id, completedAt: completionFor(null, data.status) },
    });
    await recordRevision(client, actor, {
      incidentId: incident.id,
      entityType: "ActionItem",
      entityId: record.id,
      version: record.version,
      snapshot: actionItemSnapshot(record),
    });
    await recordAudit(client, actor, {
      action: "action.create",
      entityType: "ActionItem",
      entityId: record.id,
      incidentId: incident.id,
      data: { title: record.title, status: record.status, priority: record.priority },
    });
    await refreshIncidentSearch(client, incident.id);
    return record;
  };
  return tx ? run(tx) : db().$transaction(run);
}
