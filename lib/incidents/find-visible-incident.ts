import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";

export type IncidentRef = { id: string } | { number: number };

/** Forms send the incident's number, verbs on child records know its id. */
export function incidentRef(input: { incidentId?: string; incidentNumber?: number }): IncidentRef {
  return input.incidentId !== undefined ? { id: input.incidentId } : { number: input.incidentNumber ?? -1 };
}

/**
 * Fetch-or-throw inside the verb's transaction, shared by every verb that changes an incident:
 * a restricted incident the actor may not see looks exactly like a missing one.
 */
export async function findVisibleIncident(tx: Db, actor: Actor, ref: IncidentRef) {
  const incident = await tx.incident.findFirst({
    where: { AND: [ref, visibleIncidentsWhere(actor)] },
    select: { id: true, number: true, timeZone: true },
  });
  if (!incident) throw new AppError("NOT_FOUND", "Incident not found.");
  return incident;
}
