import { db, type Prisma } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";
import { ACTION_PAGE_SIZE, ActionListQuery, type ActionListFilters } from "@/lib/actions/schema";
import { overdueWhere, utcToday } from "@/lib/actions/overdue";

export const actionListSelect = {
  id: true,
  title: true,
  description: true,
  type: true,
  priority: true,
  status: true,
  dueDate: true,
  trackerUrl: true,
  completedAt: true,
  version: true,
  owner: { select: { id: true, name: true, email: true } },
  incident: {
    select: {
      id: true,
      number: true,
      title: true,
      severity: true,
      services: { select: { service: { select: { name: true } } } },
    },
  },
} satisfies Prisma.ActionItemSelect;

export type ActionListItem = Prisma.ActionItemGetPayload<{ select: typeof actionListSelect }>;

export function actionItemsWhere(actor: Actor, q: ActionListFilters, today: string): Prisma.ActionItemWhereInput {
  return {
    AND: [
      { incident: visibleIncidentsWhere(actor) },
      q.owner === "none" ? { ownerId: null } : q.owner ? { ownerId: q.owner } : {},
      q.status ? { status: q.status } : {},
      q.overdue ? overdueWhere(today) : {},
      q.service ? { incident: { services: { some: { service: { name: q.service } } } } } : {},
      q.severity ? { incident: { severity: q.severity } } : {},
    ],
  };
}

export function actionItemsOrder(q: ActionListFilters): Prisma.ActionItemOrderByWithRelationInput[] {
  const due: Prisma.ActionItemOrderByWithRelationInput = { dueDate: { sort: "asc", nulls: "last" } };
  const tail: Prisma.ActionItemOrderByWithRelationInput[] = [{ createdAt: "asc" }, { id: "asc" }];
  return q.sort === "priority" ? [{ priority: "asc" }, due, ...tail] : [due, { priority: "asc" }, ...tail];
}

/** Action items across every incident the actor may see, filtered, sorted and paginated. */
export async function listActionItems({
  actor,
  query = {},
  today = utcToday(),
}: {
  actor: Actor;
  query?: unknown;
  today?: string;
}) {
  assertCan(actor, "read");
  const q = ActionListQuery.parse(query ?? {});
  const where = actionItemsWhere(actor, q, today);
  const [total, items] = await Promise.all([
    db().actionItem.count({ where }),
    db().actionItem.findMany({
      where,
      orderBy: actionItemsOrder(q),
      skip: (q.page - 1) * ACTION_PAGE_SIZE,
      take: ACTION_PAGE_SIZE,
      select: actionListSelect,
    }),
  ]);
  return {
    items,
    total,
    page: q.page,
    pageSize: ACTION_PAGE_SIZE,
    pageCount: Math.max(1, Math.ceil(total / ACTION_PAGE_SIZE)),
    filters: q,
  };
}
