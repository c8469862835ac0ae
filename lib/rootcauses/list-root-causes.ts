import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { rootCauseInclude } from "@/lib/rootcauses/snapshot";

export async function listRootCauses({ actor, incidentId }: { actor: Actor; incidentId: string }) {
  assertCan(actor, "read");
  const incident = await findVisibleIncident(db(), actor, { id: incidentId });
  return db().rootCause.findMany({ where: { incidentId: incident.id }, orderBy: { position: "asc" }, include: rootCauseInclude });
}
