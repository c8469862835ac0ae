import type { Prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";

/**
 * Open postmortem culture: every signed-in user sees every incident, except restricted ones,
 * which only their members and admins see.
 */
export function visibleIncidentsWhere(actor: Actor): Prisma.IncidentWhereInput {
  if (actor.kind === "system" || actor.role === "admin") return {};
  return { OR: [{ restricted: false }, { members: { some: { userId: actor.id } } }] };
}
