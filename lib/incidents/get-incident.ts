import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";

/** Fetch-or-throw: a restricted incident the actor may not see is indistinguishable from a missing one. */
export async function getIncidentForUser({ actor, number }: { actor: Actor; number: number }) {
  assertCan(actor, "read");
  if (!Number.isInteger(number) || number < 1) throw new AppError("NOT_FOUND", "Incident not found.");
  const incident = await db().incident.findFirst({
    where: { AND: [{ number }, visibleIncidentsWhere(actor)] },
    include: {
      severityLevel: true,
      createdBy: { select: { name: true, email: true } },
      services: { include: { service: true } },
      roles: { include: { user: { select: { id: true, name: true, email: true } } } },
      linksFrom: {
        where: { to: visibleIncidentsWhere(actor) },
        include: { to: { select: { number: true, title: true } } },
      },
      timelineEvents: { orderBy: { occurredAt: "asc" }, include: { author: { select: { name: true } } } },
      rootCauses: { orderBy: { position: "asc" }, include: { factors: { orderBy: { position: "asc" } } } },
      actionItems: {
        orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
        include: { owner: { select: { name: true, email: true } } },
      },
      postmortem: { select: { status: true } },
    },
  });
  if (!incident) throw new AppError("NOT_FOUND", "Incident not found.");
  return incident;
}
