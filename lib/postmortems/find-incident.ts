import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";

/** Fetch-or-throw by number or id; an invisible incident looks exactly like a missing one. */
export async function findVisibleIncident(
  tx: Db,
  actor: Actor,
  ref: { incidentNumber?: number; incidentId?: string },
): Promise<{ id: string; number: number }> {
  const where = ref.incidentId !== undefined ? { id: ref.incidentId } : { number: ref.incidentNumber ?? -1 };
  const incident = await tx.incident.findFirst({
    where: { AND: [where, visibleIncidentsWhere(actor)] },
    select: { id: true, number: true },
  });
  if (!incident) throw new AppError("NOT_FOUND", "Incident not found.");
  return incident;
}
