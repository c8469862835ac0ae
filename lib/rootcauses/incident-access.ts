import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";

/** Fetch-or-throw inside the verb's transaction: an incident the actor may not see looks missing. */
export async function findVisibleIncident(tx: Db, actor: Actor, incidentId: string) {
  const incident = await tx.incident.findFirst({
    where: { AND: [{ id: incidentId }, visibleIncidentsWhere(actor)] },
    select: { id: true, number: true },
  });
  if (!incident) throw new AppError("NOT_FOUND", "Incident not found.");
  return incident;
}
