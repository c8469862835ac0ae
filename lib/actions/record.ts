import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { toSnapshot } from "@/lib/revisions/record-revision";

export async function loadActionItem(tx: Db, id: string) {
  return tx.actionItem.findUnique({ where: { id } });
}
export type ActionItemRecord = NonNullable<Awaited<ReturnType<typeof loadActionItem>>>;

export function actionItemSnapshot(record: ActionItemRecord, extra: Record<string, unknown> = {}) {
  return toSnapshot({ ...record, ...extra });
}

/** An owner must be a known, active user. */
export async function assertOwner(tx: Db, ownerId: string | null): Promise<void> {
  if (!ownerId) return;
  const owner = await tx.user.findFirst({ where: { id: ownerId, active: true }, select: { id: true } });
  if (!owner) throw new AppError("VALIDATION", "Some fields need attention.", { ownerId: ["Choose an active user"] });
}
