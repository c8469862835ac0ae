import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";

/** An event of an incident the actor can see; a hidden one looks missing too. */
export async function loadVisibleEvent(tx: Db, actor: Actor, id: string) {
  const event = await tx.timelineEvent.findFirst({
    where: { id, incident: visibleIncidentsWhere(actor) },
    include: { incident: { select: { id: true, number: true, timeZone: true } } },
  });
  if (!event) throw new AppError("NOT_FOUND", "This timeline event no longer exists.");
  return event;
}
