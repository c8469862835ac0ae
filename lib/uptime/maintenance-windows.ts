/**
 * Planned downtime: windows left out of a monitor's uptime figures. People write them as wall-clock
 * times in a zone they choose; they are stored in UTC.
 */
import { db, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { localToUtc } from "@/lib/time/zones";
import { maintenanceWindowCreateSchema, maintenanceWindowDeleteSchema } from "@/lib/uptime/schema";
import { parseInput } from "@/lib/uptime/update-monitor";

export async function createMaintenanceWindow({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "edit");
  const data = parseInput(maintenanceWindowCreateSchema, input);
  const startsAt = localToUtc(data.startsAt, data.timeZone);
  const endsAt = localToUtc(data.endsAt, data.timeZone);
  // Written times are ordered, but a daylight-saving change can still fold them onto one instant.
  if (endsAt <= startsAt)
    throw new AppError("VALIDATION", "The window must end after it starts.", {
      endsAt: ["The window must end after it starts."],
    });
  return db().$transaction(async (tx: Db) => {
    const monitor = await tx.monitor.findUnique({ where: { id: data.monitorId }, select: { id: true, name: true } });
    if (!monitor) throw new AppError("NOT_FOUND", "Monitor not found.");
    const window = await tx.maintenanceWindow.create({
      data: { monitorId: monitor.id, startsAt, endsAt, reason: data.reason },
    });
    await recordAudit(tx, actor, {
      action: "uptime.maintenance.create",
      entityType: "MaintenanceWindow",
      entityId: window.id,
      data: {
        monitorId: monitor.id,
        monitor: monitor.name,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        reason: data.reason,
      },
    });
    return { id: window.id, monitorId: monitor.id };
  });
}

export async function deleteMaintenanceWindow({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "edit");
  const { id } = parseInput(maintenanceWindowDeleteSchema, input);
  return db().$transaction(async (tx: Db) => {
    const window = await tx.maintenanceWindow.findUnique({
      where: { id },
      select: { id: true, monitorId: true, startsAt: true, endsAt: true, reason: true },
    });
    if (!window) throw new AppError("NOT_FOUND", "Maintenance window not found.");
    await tx.maintenanceWindow.delete({ where: { id: window.id } });
    await recordAudit(tx, actor, {
      action: "uptime.maintenance.delete",
      entityType: "MaintenanceWindow",
      entityId: window.id,
      data: {
        monitorId: window.monitorId,
        startsAt: window.startsAt.toISOString(),
        endsAt: window.endsAt.toISOString(),
        reason: window.reason,
      },
    });
    return { id: window.id, monitorId: window.monitorId };
  });
}
