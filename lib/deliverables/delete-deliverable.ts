import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { DeleteDeliverableInput } from "@/lib/deliverables/schema";
import { loadDeliverable } from "@/lib/deliverables/record";

/** Removes a deliverable; the audit row keeps every field, so what was typed can still be read back. */
export async function deleteDeliverable({ actor, input, tx }: { actor: Actor; input: DeleteDeliverableInput; tx?: Db }) {
  assertCan(actor, "edit");
  const parsed = DeleteDeliverableInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);

  const run = async (client: Db) => {
    const record = await loadDeliverable(client, parsed.data.id);
    if (!record) throw new AppError("NOT_FOUND", "Deliverable not found.");
    await findVisibleIncident(client, actor, { id: record.incidentId });
    await client.deliverable.delete({ where: { id: record.id } });
    await recordAudit(client, actor, {
      action: "deliverable.delete",
      entityType: "Deliverable",
      entityId: record.id,
      incidentId: record.incidentId,
      data: {
        number: record.number,
        title: record.title,
        link: record.link,
        notes: record.notes,
        engineeringTime: record.engineeringTime,
        version: record.version,
      },
    });
    return { id: record.id, incidentId: record.incidentId };
  };
  return tx ? run(tx) : db().$transaction(run);
}
