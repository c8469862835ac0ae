import { db, type Db } from "@/lib/db";
import { validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { CreateDeliverableInput } from "@/lib/deliverables/schema";
import { DELIVERABLE_SELECT, type DeliverableRecord } from "@/lib/deliverables/record";

/** Adds a deliverable at the end of the incident's table. */
export async function createDeliverable({
  actor,
  input,
  tx,
}: {
  actor: Actor;
  input: CreateDeliverableInput;
  tx?: Db;
}): Promise<DeliverableRecord> {
  assertCan(actor, "edit");
  const parsed = CreateDeliverableInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { incidentId, ...fields } = parsed.data;

  const run = async (client: Db) => {
    const incident = await findVisibleIncident(client, actor, { id: incidentId });
    const last = await client.deliverable.aggregate({ where: { incidentId: incident.id }, _max: { position: true } });
    const record = await client.deliverable.create({
      data: { ...fields, incidentId: incident.id, position: (last._max.position ?? -1) + 1 },
      select: DELIVERABLE_SELECT,
    });
    await recordAudit(client, actor, {
      action: "deliverable.create",
      entityType: "Deliverable",
      entityId: record.id,
      incidentId: incident.id,
      data: { number: record.number, title: record.title },
    });
    return record;
  };
  return tx ? run(tx) : db().$transaction(run);
}
