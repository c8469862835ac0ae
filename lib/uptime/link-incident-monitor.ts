/**
 * A monitor as evidence on an incident, optionally for one downtime window. Linking again updates
 * the note and window. A restricted incident the actor may not see is refused as not found.
 */
import { db, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { incidentMonitorLinkSchema, incidentMonitorUnlinkSchema, type IncidentMonitorLink } from "@/lib/uptime/schema";
import { parseInput } from "@/lib/uptime/update-monitor";

/** The link's writes inside the caller's transaction (creating an incident from a downtime window composes it). */
export async function insertIncidentMonitorLink(tx: Db, actor: Actor, link: IncidentMonitorLink) {
  const incident = await findVisibleIncident(tx, actor, { number: link.incidentNumber });
  const monitor = await tx.monitor.findUnique({ where: { id: link.monitorId }, select: { id: true, name: true } });
  if (!monitor) throw new AppError("NOT_FOUND", "Monitor not found.");
  const window = {
    note: link.note,
    windowStart: link.windowStart ? new Date(link.windowStart) : null,
    windowEnd: link.windowEnd ? new Date(link.windowEnd) : null,
  };
  await tx.incidentMonitor.upsert({
    where: { incidentId_monitorId: { incidentId: incident.id, monitorId: monitor.id } },
    create: { incidentId: incident.id, monitorId: monitor.id, ...window },
    update: window,
  });
  await recordAudit(tx, actor, {
    action: "uptime.link",
    entityType: "Monitor",
    entityId: monitor.id,
    incidentId: incident.id,
    data: {
      incident: incident.number,
      monitor: monitor.name,
      note: window.note,
      windowStart: window.windowStart?.toISOString() ?? null,
      windowEnd: window.windowEnd?.toISOString() ?? null,
    },
  });
  return { incidentNumber: incident.number, monitorId: monitor.id };
}

export async function linkIncidentMonitor({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "edit");
  const link = parseInput(incidentMonitorLinkSchema, input);
  return db().$transaction((tx: Db) => insertIncidentMonitorLink(tx, actor, link));
}

export async function unlinkIncidentMonitor({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "edit");
  const { incidentNumber, monitorId } = parseInput(incidentMonitorUnlinkSchema, input);
  return db().$transaction(async (tx: Db) => {
    const incident = await findVisibleIncident(tx, actor, { number: incidentNumber });
    const removed = await tx.incidentMonitor.deleteMany({ where: { incidentId: incident.id, monitorId } });
    if (removed.count === 0) throw new AppError("NOT_FOUND", "That monitor is not linked to this incident.");
    await recordAudit(tx, actor, {
      action: "uptime.unlink",
      entityType: "Monitor",
      entityId: monitorId,
      incidentId: incident.id,
      data: { incident: incident.number },
    });
    return { incidentNumber: incident.number, monitorId };
  });
}
