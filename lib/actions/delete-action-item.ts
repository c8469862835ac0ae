import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { recordRevision } from "@/lib/revisions/record-revision";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { DeleteActionItemInput } from "@/lib/actions/schema";
import { actionItemSnapshot, loadActionItem } from "@/lib/actions/record";

/** Deletes an action item, keeping a final revision with `deleted: true`. */
export async function deleteActionItem({ actor, input, tx }: { actor: Actor; input: DeleteActionItemInput; tx?: Db }) {
  assertCan(actor, "edit");
  const parsed = DeleteActionItemInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);

  const run = async (client: Db) => {
    const record = await loadActionItem(client, parsed.data.id);
    if (!record) throw new AppError("NOT_FOUND", "Action item not found.");
    await findVisibleIncident(client, actor, { id: record.incidentId });
    await client.actionItem.delete({ where: { id: record.id } });
    await recordRevision(client, actor, {
      incidentId: record.incidentId,
      entityType: "ActionItem",
      entityId: record.id,
      version: record.version + 1,
      snapshot: actionItemSnapshot(record, { version: record.version + 1, deleted: true }),
    });
    await recordAudit(client, actor, {
      action: "action.delete",
      entityType: "ActionItem",
      entityId: record.id,
      incidentId: record.incidentId,
      data: { title: record.title },
    });
    await refreshIncidentSearch(client, record.incidentId);
    return { id: record.id, incidentId: record.incidentId };
  };
  return tx ? run(tx) : db().$transaction(run);
}
