/**
 * Editing a monitor: what it is (name, target, kind, service) and how its figures are counted
 * (SLO, gap rule, minimum downtime, check interval). Samples never change here: they are evidence.
 */
import { z } from "zod";
import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { staleSaveError } from "@/lib/revisions/stale-save";
import { monitorUpdateSchema } from "@/lib/uptime/schema";

const monitorRefSchema = z.object({ monitorId: z.string().min(1, "Choose a monitor.") });

export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  return parsed.data;
}

const EDITABLE = {
  id: true,
  name: true,
  target: true,
  kind: true,
  serviceId: true,
  sloTargetPct: true,
  gapRule: true,
  minDowntimeSec: true,
  checkIntervalSec: true,
  version: true,
} as const;

export async function findMonitor(tx: Db, monitorId: string) {
  const monitor = await tx.monitor.findUnique({ where: { id: monitorId }, select: EDITABLE });
  if (!monitor) throw new AppError("NOT_FOUND", "Monitor not found.");
  return monitor;
}

export async function updateMonitor({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "edit");
  const data = parseInput(monitorUpdateSchema, input);
  return db().$transaction(async (tx: Db) => {
    const monitor = await findMonitor(tx, data.monitorId);
    if (data.serviceId) {
      const service = await tx.service.findUnique({ where: { id: data.serviceId }, select: { id: true } });
      if (!service) throw new AppError("VALIDATION", "Unknown service.", { serviceId: ["Choose a known service"] });
    }
    const changes = {
      name: data.name,
      target: data.target,
      kind: data.kind,
      serviceId: data.serviceId,
      sloTargetPct: data.sloTargetPct,
      gapRule: data.gapRule,
      minDowntimeSec: data.minDowntimeSec,
      checkIntervalSec: data.checkIntervalSec,
    };
    const updated = await tx.monitor.updateMany({
      where: { id: monitor.id, version: data.version },
      data: { ...changes, version: { increment: 1 } },
    });
    const { id: _id, version, ...before } = monitor;
    if (updated.count === 0) throw staleSaveError({ ...before, version }, changes);
    await recordAudit(tx, actor, {
      action: "uptime.monitor.update",
      entityType: "Monitor",
      entityId: monitor.id,
      data: { before, after: changes },
    });
    return { monitorId: monitor.id, version: data.version + 1 };
  });
}

/** Removes a monitor with its samples, maintenance windows, reported outages and incident links. */
export async function deleteMonitor({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "edit");
  const { monitorId } = parseInput(monitorRefSchema, input);
  return db().$transaction(async (tx: Db) => {
    const monitor = await tx.monitor.findUnique({
      where: { id: monitorId },
      select: { id: true, name: true, source: true, sourceKey: true, sampleCount: true },
    });
    if (!monitor) throw new AppError("NOT_FOUND", "Monitor not found.");
    // Samples, windows, outages and links go with it (ON DELETE CASCADE).
    await tx.monitor.delete({ where: { id: monitor.id } });
    await recordAudit(tx, actor, {
      action: "uptime.monitor.delete",
      entityType: "Monitor",
      entityId: monitor.id,
      data: { name: monitor.name, source: monitor.source, sourceKey: monitor.sourceKey, samples: monitor.sampleCount },
    });
    return { monitorId: monitor.id };
  });
}
