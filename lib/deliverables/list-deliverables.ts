import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { DELIVERABLE_ORDER, DELIVERABLE_SELECT, type DeliverableRecord } from "@/lib/deliverables/record";

/** The incident's deliverables in table order. */
export async function listDeliverables({
  actor,
  incidentId,
}: {
  actor: Actor;
  incidentId: string;
}): Promise<DeliverableRecord[]> {
  assertCan(actor, "read");
  const incident = await findVisibleIncident(db(), actor, { id: incidentId });
  return db().deliverable.findMany({
    where: { incidentId: incident.id },
    orderBy: DELIVERABLE_ORDER,
    select: DELIVERABLE_SELECT,
  });
}
