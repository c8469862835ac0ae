import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";

const notFound = () => new AppError("NOT_FOUND", "Incident not found.");

/**
 * The incident a timeline change belongs to, through the same visibility rule as the workspace page:
 * a restricted incident the actor may not see is reported exactly like a missing one.
 */
export async function loadEditableIncident(tx: Db, actor: Actor, where: { number: number } | { id: string }) {
  const incident = await tx.incident.findFirst({
    where: { AND: [where, visibleIncidentsWhere(actor)] },
    select: { id: true, number: true, timeZone: true },
  });
  if (!incident) throw notFound();
  return incident;
}

/** An event of an incident the actor can see; a hidden one looks missing too. */
export async function loadVisibleEvent(tx: Db, actor: Actor, id: string) {
  const event = await tx.timelineEvent.findFirst({
    where: { id, incident: visibleIncidentsWhere(actor) },
    include: { incident: { select: { id: true, number: true, timeZone: true } } },
  });
  if (!event) throw new AppError("NOT_FOUND", "This timeline event no longer exists.");
  return event;
}
