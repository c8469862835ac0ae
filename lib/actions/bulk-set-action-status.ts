import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { recordRevision } from "@/lib/revisions/record-revision";
import { visibleIncidentsWhere } from "@/lib/incidents/access";
import { BulkSetActionStatusInput } from "@/lib/actions/schema";
import { completionFor } from "@/lib/actions/overdue";
import { actionItemSnapshot, loadActionItem } from "@/lib/actions/record";

/**
 * Sets one status on many action items, all or nothing: if any id is missing or on an incident
 * the actor may not see, nothing changes and the answer is NOT_FOUND (never saying which).
 */
export async function bulkSetActionStatus({ actor, input, tx }: { actor: Actor; input: BulkSetActionStatusInput; tx?: Db }) {
  assertCan(actor, "edit");
  const parsed = BulkSetActionStatusInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const ids = [...new Set(parsed.data.ids)];
  const { status } = parsed.data;

  const run = async (client: Db) => {
    const items = await client.actionItem.findMany({
      where: { id: { in: ids }, incident: visibleIncidentsWhere(actor) },
      orderBy: { id: "asc" },
    });
    if (items.length !== ids.length) throw new AppError("NOT_FOUND", "One or more action items were not found.");
    const now = new Date();
    for (const item of items) {
      const { count } = await client.actionItem.updateMany({
        where: { id: item.id, version: item.version },
        data: { status, completedAt: completionFor(item, status, now), version: { increment: 1 } },
      });
      if (count === 0) throw new AppError("CONFLICT", "An action item changed while you were saving. Reload and try again.");
      const record = (await loadActionItem(client, item.id))!;
      await recordRevision(client, actor, {
        incidentId: record.incidentId,
        entityType: "ActionItem",
        entityId: record.id,
        version: record.version,
        snapshot: actionItemSnapshot(record),
      });
      await recordAudit(client, actor, {
        action: "action.set_status",
        entityType: "ActionItem",
        entityId: record.id,
        incidentId: record.incidentId,
        data: { from: item.status, to: status, version: record.version, bulk: true },
      });
    }
    return { updated: items.length };
  };
  return tx ? run(tx) : db().$transaction(run);
}
