import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";

/** Fetch-or-throw by number: a restricted incident the actor may not see looks exactly like a missing one. */
export async function findVisibleIncident(tx: Db, actor: Actor, number: number) {
  const incident = await tx.incident.findFirst({
    where: { AND: [{ number }, visibleIncidentsWhere(actor)] },
    select: { id: true, number: true },
  });
  if (!incident) throw new AppError("NOT_FOUND", "Incident not found.");
  return incident;
}
