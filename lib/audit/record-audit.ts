import type { Db, Prisma } from "@/lib/db";
import { actorId, actorLabel, type Actor } from "@/lib/auth/actor";

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string;
  incidentId?: string | null;
  data?: Prisma.InputJsonValue;
};

/** Called inside the mutation's own transaction, so the audit row and the change land together. */
export async function recordAudit(tx: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: actorId(actor),
      actorLabel: actorLabel(actor),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      incidentId: entry.incidentId ?? null,
      data: entry.data ?? {},
    },
  });
}
