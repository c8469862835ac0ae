/** Prisma-free so client components can flag overdue rows the same way the filter does. */
export const OPEN_ACTION_STATUSES = ["open", "in_progress"] as const;

/**
 * Due dates are calendar dates (stored at UTC midnight), so "today" is the UTC calendar date:
 * one answer for every server and browser, never an implicit local zone.
 */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Due before today and still open or in progress. A date due today is not overdue yet. */
export function isOverdue(item: { dueDate: Date | null; status: string }, today: string = utcToday()): boolean {
  if (!item.dueDate) return false;
  if (!(OPEN_ACTION_STATUSES as readonly string[]).includes(item.status)) return false;
  return item.dueDate.toISOString().slice(0, 10) < today;
}

/** The same rule as a query condition on ActionItem. */
export function overdueWhere(today: string = utcToday()) {
  return { dueDate: { lt: new Date(`${today}T00:00:00.000Z`) }, status: { in: [...OPEN_ACTION_STATUSES] } };
}

/** Done sets the completion time (kept if it was already done); any other status clears it. */
export function completionFor(
  previous: { status: string; completedAt: Date | null } | null,
  nextStatus: string,
  now: Date = new Date(),
): Date | null {
  if (nextStatus !== "done") return null;
  if (previous?.status === "done" && previous.completedAt) return previous.completedAt;
  return now;
}
