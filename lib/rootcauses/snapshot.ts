import type { Db } from "@/lib/db";
import { toSnapshot } from "@/lib/revisions/record-revision";

export const rootCauseInclude = { factors: { orderBy: { position: "asc" as const } } };

/** The record as saved, factors included, in the shape a revision keeps and a conflict shows. */
export async function loadRootCause(tx: Db, id: string) {
  return tx.rootCause.findUnique({ where: { id }, include: rootCauseInclude });
}

export type RootCauseRecord = NonNullable<Awaited<ReturnType<typeof loadRootCause>>>;

export function rootCauseSnapshot(record: RootCauseRecord) {
  return toSnapshot({
    ...record,
    factors: record.factors.map((f) => ({ position: f.position, description: f.description })),
  });
}
