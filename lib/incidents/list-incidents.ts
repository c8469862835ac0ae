import { db, type Prisma } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";
import { IncidentListQuery } from "@/lib/incidents/schema";

export async function listIncidents({ actor, query = {} }: { actor: Actor; query?: unknown }) {
  assertCan(actor, "read");
  const q = IncidentListQuery.parse(query);
  const where: Prisma.IncidentWhereInput = {
    AND: [
      visibleIncidentsWhere(actor),
      q.status ? { status: q.status } : {},
      q.severity ? { severity: q.severity } : {},
      q.q ? { title: { contains: q.q, mode: "insensitive" } } : {},
    ],
  };
  return db().incident.findMany({
    where,
    orderBy: { startedAt: "desc" },
    take: 200,
    select: {
      id: true,
      number: true,
      title: true,
      severity: true,
      status: true,
      restricted: true,
      startedAt: true,
      resolvedAt: true,
      timeZone: true,
      services: { select: { service: { select: { name: true } } } },
      _count: { select: { actionItems: { where: { status: { in: ["open", "in_progress"] } } } } },
    },
  });
}
