import type { Db } from "@/lib/db";

export const DELIVERABLE_SELECT = {
  id: true,
  incidentId: true,
  position: true,
  number: true,
  title: true,
  link: true,
  notes: true,
  engineeringTime: true,
  version: true,
} as const;

export async function loadDeliverable(tx: Db, id: string) {
  return tx.deliverable.findUnique({ where: { id }, select: DELIVERABLE_SELECT });
}

export type DeliverableRecord = NonNullable<Awaited<ReturnType<typeof loadDeliverable>>>;

/** Table order: position, then age, so two rows that got the same position still sort the same way every time. */
export const DELIVERABLE_ORDER = [{ position: "asc" as const }, { createdAt: "asc" as const }, { id: "asc" as const }];
