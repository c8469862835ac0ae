import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { recordRevision } from "@/lib/revisions/record-revision";
import { staleSaveError } from "@/lib/revisions/stale-save";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { UpdateActionItemInput } from "@/lib/actions/schema";
import { completionFor } from "@/lib/actions/overdue";
import { actionItemSnapshot, assertOwner, loadActionItem } from "@/lib/actions/record";

/** Saves an action item if `version` is still current; done sets completedAt, reopening clears it. */
export async function updateActionItem({ actor, input, tx }: { actor: Actor; input: UpdateActionItemInput; tx?: Db }) {
  assertCan(actor, "edit");
  const parsed = UpdateActionItemInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { id, version, ...data } = parsed.data;

  const run = async (client: Db) => {
    const existing = await loadActionItem(client, id);
    if (!existing) throw new AppError("NOT_FOUND", "Action item not found.");
    await findVisibleIncident(client, actor, { id: existing.incidentId });
    await assertOwner(client, data.ownerId);
    const { count } = await client.actionItem.updateMany({
      where: { id, version },
      data: { ...data, completedAt: completionFor(existing, data.status), version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await loadActionItem(client, id);
      if (!current) throw new AppError("NOT_FOUND", "Action item not found.");
      throw staleSaveError(current, parsed.data);
    }
    const record = (await loadActionItem(client, id))!;
    await recordRevision(client, actor, {
      incidentId: record.incidentId,
      entityType: "ActionItem",
      entityId: id,
      version: record.version,
      snapshot: actionItemSnapshot(record),
    });
    await recordAudit(client, actor, {
      action: "action.update",
      entityType: "ActionItem",
      entityId: id,
      incidentId: record.incidentId,
      data: { version: record.version, status: record.status },
    });
    await refreshIncidentSearch(client, record.incidentId);
    return record;
  };
  return tx ? run(tx) : db().$transaction(run);
}
