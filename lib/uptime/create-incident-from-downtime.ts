/**
 * "Create incident" from a downtime window: the incident with the window's times and the monitor's
 * service, a timeline event where the monitor went down and one where it recovered, and the monitor
 * linked as evidence for that window, all in one transaction.
 */
import { db, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { createIncident } from "@/lib/incidents/create-incident";
import { createTimelineEvent } from "@/lib/timeline/create-timeline-event";
import { localToUtc } from "@/lib/time/zones";
import { incidentFromDowntimeSchema } from "@/lib/uptime/schema";
import { insertIncidentMonitorLink } from "@/lib/uptime/link-incident-monitor";
import { parseInput } from "@/lib/uptime/update-monitor";

/** Failing checks read to describe the outage: enough for its codes, bounded for a long one. */
const DESCRIBE_CHECKS = 1000;

/** "403: Forbidden", "timeout", "403, 502": what the failing checks said, for the "went down" event. */
export function downDescription(checks: { code: number | null; message: string }[]): string {
  const codes = [...new Set(checks.map((c) => c.code).filter((c): c is number => c !== null))];
  const message = checks.find((c) => c.message.trim())?.message.trim() ?? "";
  const codeText = codes.join(", ");
  if (!message) return codeText;
  if (!codeText || message.startsWith(String(codes[0]))) return message;
  return `${codeText}: ${message}`;
}

export async function createIncidentFromDowntime({
  actor,
  input,
}: {
  actor: Actor;
  input: unknown;
}): Promise<{ number: number }> {
  assertCan(actor, "edit");
  const data = parseInput(incidentFromDowntimeSchema, input);
  const startedAt = localToUtc(data.startedAt, data.timeZone);
  const resolvedAt = data.resolvedAt ? localToUtc(data.resolvedAt, data.timeZone) : null;
  return db().$transaction(async (tx: Db) => {
    const monitor = await tx.monitor.findUnique({
      where: { id: data.monitorId },
      select: { id: true, name: true, service: { select: { name: true } } },
    });
    if (!monitor) throw new AppError("NOT_FOUND", "Monitor not found.");
    // The form's times are whole minutes: read from the start of that minute to the end of the last one.
    const checks = await tx.uptimeSample.findMany({
      where: {
        monitorId: monitor.id,
        status: "down",
        at: { gte: startedAt, ...(resolvedAt ? { lt: new Date(resolvedAt.getTime() + 60_000) } : {}) },
      },
      orderBy: { at: "asc" },
      take: DESCRIBE_CHECKS,
      select: { code: true, message: true },
    });
    const incident = await createIncident({
      actor,
      tx,
      input: {
        title: data.title,
        severity: data.severity,
        status: resolvedAt ? "resolved" : "investigating",
        summary: data.summary,
        services: monitor.service ? [monitor.service.name] : [],
        timeZone: data.timeZone,
        startedAt: data.startedAt,
        resolvedAt: data.resolvedAt ?? "",
      },
    });
    const what = downDescription(checks);
    await createTimelineEvent({
      actor,
      tx,
      input: {
        incidentNumber: incident.number,
        local: data.startedAt,
        zone: data.timeZone,
        kind: "detection",
        text: `${monitor.name} went down${what ? ` (${what})` : ""}`,
      },
    });
    if (data.resolvedAt) {
      await createTimelineEvent({
        actor,
        tx,
        input: {
          incidentNumber: incident.number,
          local: data.resolvedAt,
          zone: data.timeZone,
          kind: "resolution",
          text: `${monitor.name} recovered`,
        },
      });
    }
    await insertIncidentMonitorLink(tx, actor, {
      incidentNumber: incident.number,
      monitorId: monitor.id,
      note: "The incident was created from this downtime window.",
      windowStart: startedAt.toISOString(),
      windowEnd: resolvedAt?.toISOString(),
    });
    return { number: incident.number };
  });
}
