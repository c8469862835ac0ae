/**
 * The incident page's monitors: which monitors linked to the incident or watching its services saw
 * it, which stayed green while it ran (blind spots), and which services no monitor watches.
 */
import { db, type Db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";
import { monitorCoverage, type CoverageMonitor } from "@/lib/uptime/compute/coverage";
import type { TimeWindow } from "@/lib/uptime/compute/types";
import { asGapRule, asReported, loadMonitorSeries, loadReportSeries } from "@/lib/uptime/monitor-series";
import type { IncidentMonitorsView } from "@/lib/uptime/views";

const MONITOR_COLUMNS = {
  id: true,
  name: true,
  kind: true,
  target: true,
  serviceId: true,
  checkIntervalSec: true,
  dataEnd: true,
  gapRule: true,
  service: { select: { name: true } },
} as const;

/** Start to resolution, or to now while the incident is open. */
export function incidentWindowOf(incident: { startedAt: Date; resolvedAt: Date | null }, now = new Date()): TimeWindow {
  const from = incident.startedAt.getTime();
  return { from, to: Math.max(from, (incident.resolvedAt ?? now).getTime()) };
}

/** Monitors linked to the incident or on one of its services, with their series over `window` (whole for a report when needed). */
export async function incidentCoverageMonitors(
  client: Db,
  incident: { id: string; services: { id: string }[] },
  window: TimeWindow,
  { forReport = false }: { forReport?: boolean } = {},
): Promise<(CoverageMonitor & { sloTargetPct: number; minDowntimeSec: number; source: string; reported: Prisma.JsonValue })[]> {
  const monitors = await client.monitor.findMany({
    where: {
      OR: [{ incidents: { some: { incidentId: incident.id } } }, { serviceId: { in: incident.services.map((s) => s.id) } }],
    },
    orderBy: [{ name: "asc" }, { createdAt: "asc" }],
    select: {
      ...MONITOR_COLUMNS,
      sloTargetPct: true,
      minDowntimeSec: true,
      source: true,
      reported: true,
      incidents: { where: { incidentId: incident.id }, select: { monitorId: true } },
    },
  });
  const out = [];
  for (const m of monitors) {
    out.push({
      id: m.id,
      name: m.name,
      kind: m.kind,
      target: m.target,
      serviceId: m.serviceId,
      serviceName: m.service?.name ?? null,
      linked: m.incidents.length > 0,
      series: forReport
        ? await loadReportSeries(client, m, window, asReported(m.reported))
        : await loadMonitorSeries(client, m, window),
      gapRule: asGapRule(m.gapRule),
      sloTargetPct: m.sloTargetPct,
      minDowntimeSec: m.minDowntimeSec,
      source: m.source,
      reported: m.reported,
    });
  }
  return out;
}

export async function loadIncidentMonitors({
  actor,
  incidentNumber,
  now = new Date(),
}: {
  actor: Actor;
  incidentNumber: number;
  now?: Date;
}): Promise<IncidentMonitorsView> {
  assertCan(actor, "read");
  const client = db();
  const incident = await client.incident.findFirst({
    where: { AND: [{ number: incidentNumber }, visibleIncidentsWhere(actor)] },
    select: {
      id: true,
      startedAt: true,
      resolvedAt: true,
      timeZone: true,
      services: { select: { service: { select: { id: true, name: true } } } },
    },
  });
  if (!incident) throw new AppError("NOT_FOUND", "Incident not found.");
  const services = incident.services.map((s) => s.service).sort((a, b) => a.name.localeCompare(b.name));
  const window = incidentWindowOf(incident, now);
  const monitors = await incidentCoverageMonitors(client, { id: incident.id, services }, window);
  const coverage = monitorCoverage({
    window,
    incidentServices: services,
    monitors: monitors.map(({ sloTargetPct: _s, minDowntimeSec: _m, source: _src, reported: _r, ...m }) => m),
    timeZone: incident.timeZone,
  });
  const links = await client.incidentMonitor.findMany({
    where: { incidentId: incident.id },
    orderBy: { createdAt: "asc" },
    select: { monitorId: true, note: true, windowStart: true, windowEnd: true, monitor: { select: { name: true } } },
  });
  const linkedIds = new Set(links.map((l) => l.monitorId));
  const choices = await client.monitor.findMany({
    where: { id: { notIn: [...linkedIds] } },
    orderBy: [{ name: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, service: { select: { name: true } } },
  });
  return {
    coverage,
    linked: links.map((l) => ({
      monitorId: l.monitorId,
      name: l.monitor.name,
      note: l.note,
      windowStart: l.windowStart?.toISOString() ?? null,
      windowEnd: l.windowEnd?.toISOString() ?? null,
    })),
    choices: choices.map((c) => ({ id: c.id, name: c.name, serviceName: c.service?.name ?? null })),
  };
}
