import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { staleSaveError } from "@/lib/revisions/stale-save";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { UpdateDeliverableInput } from "@/lib/deliverables/schema";
import { loadDeliverable, type DeliverableRecord } from "@/lib/deliverables/record";

/** Saves a deliverable if `version` is still the one the form loaded; otherwise both texts come back. */
export async function updateDeliverable({
  actor,
  input,
  tx,
}: {
  actor: Actor;
  input: UpdateDeliverableInput;
  tx?: Db;
}): Promise<DeliverableRecord> {
  assertCan(actor, "edit");
  const parsed = UpdateDeliverableInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { id, version, ...fields } = parsed.data;

  const run = async (client: Db) => {
    const existing = await loadDeliverable(client, id);
    if (!existing) throw new AppError("NOT_FOUND", "Deliverable not found.");
    await findVisibleIncident(client, actor, { id: existing.incidentId });
    const { count } = await client.deliverable.updateMany({
      where: { id, version },
      data: { ...fields, version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await loadDeliverable(client, id);
      if (!current) throw new AppError("NOT_FOUND", "Deliverable not found.");
      throw staleSaveError(current, parsed.data);
    }
    const record = (await loadDeliverable(client, id))!;
    await recordAudit(client, actor, {
      action: "deliverable.update",
      entityType: "Deliverable",
      entityId: id,
      incidentId: record.incidentId,
      data: {
        version: record.version,
        before: {
          number: existing.number,
          title: existing.title,
          link: existing.link,
          engineeringTime: existing.engineeringTime,
        },
        after: { number: record.number, title: record.title, link: record.link, engineeringTime: record.engineeringTime },
      },
    });
    return record;
  };
  return tx ? run(tx) : db().$transaction(run);
}
