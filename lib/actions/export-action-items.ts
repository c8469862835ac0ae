import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { ActionListQuery } from "@/lib/actions/schema";
import { actionItemsOrder, actionItemsWhere, actionListSelect, type ActionListItem } from "@/lib/actions/list-action-items";
import { isOverdue, utcToday } from "@/lib/actions/overdue";
import { toCsv } from "@/lib/actions/csv";

export const CSV_EXPORT_LIMIT = 10_000;

export const CSV_HEADER = [
  "Incident",
  "Incident title",
  "Severity",
  "Action",
  "Type",
  "Priority",
  "Status",
  "Owner",
  "Owner email",
  "Due date",
  "Overdue",
  "Tracker URL",
  "Completed at",
] as const;

export function actionItemsToCsv(items: ActionListItem[], today: string = utcToday()): string {
  return toCsv([
    CSV_HEADER,
    ...items.map((a) => [
      a.incident.number,
      a.incident.title,
      `SEV${a.incident.severity}`,
      a.title,
      a.type,
      a.priority,
      a.status,
      a.owner?.name ?? "",
      a.owner?.email ?? "",
      a.dueDate ? a.dueDate.toISOString().slice(0, 10) : "",
      isOverdue(a, today) ? "yes" : "no",
      a.trackerUrl ?? "",
      a.completedAt ? a.completedAt.toISOString() : "",
    ]),
  ]);
}

/** The same filters and order as the list, every page (up to a limit), as CSV. */
export async function exportActionItemsCsv({
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
  const items = await db().actionItem.findMany({
    where: actionItemsWhere(actor, q, today),
    orderBy: actionItemsOrder(q),
    take: CSV_EXPORT_LIMIT,
    select: actionListSelect,
  });
  return actionItemsToCsv(items, today);
}
