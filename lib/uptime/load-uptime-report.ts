/**
 * The uptime report for a period against a target: whole days in a zone, every monitor (or those of
 * one service, or those named), each read with one query for the period.
 */
import { db } from "@/lib/db";
import { validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { buildUptimeReport } from "@/lib/uptime/compute/report";
import type { UptimeReport } from "@/lib/uptime/compute/types";
import { daysWindow } from "@/lib/uptime/load-monitor-page";
import { asGapRule, asReported, asUptimeSource, loadReportSeries } from "@/lib/uptime/monitor-series";
import { uptimeReportQuerySchema, type UptimeReportQuery } from "@/lib/uptime/schema";
import { UPTIME_SOURCE_NAMES } from "@/lib/uptime/types";

export function parseUptimeReportQuery(query: unknown): UptimeReportQuery {
  const parsed = uptimeReportQuerySchema.safeParse(query ?? {});
  if (!parsed.success) throw validationError(parsed.error.issues);
  return parsed.data;
}

export async function loadUptimeReport({
  actor,
  query,
}: {
  actor: Actor;
  query: UptimeReportQuery | Record<string, unknown>;
}): Promise<UptimeReport> {
  assertCan(actor, "read");
  return uptimeReportFor(parseUptimeReportQuery(query));
}

/** The report for an already validated query (the export reads the query's format too). */
export async function uptimeReportFor(q: UptimeReportQuery): Promise<UptimeReport> {
  const window = daysWindow(q.from, q.to, q.tz);
  const client = db();
  const monitors = await client.monitor.findMany({
    where: { ...(q.serviceId ? { serviceId: q.serviceId } : {}), ...(q.monitors ? { id: { in: q.monitors } } : {}) },
    orderBy: [{ name: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      name: true,
      kind: true,
      target: true,
      source: true,
      sloTargetPct: true,
      gapRule: true,
      minDowntimeSec: true,
      checkIntervalSec: true,
      dataEnd: true,
      reported: true,
      service: { select: { name: true } },
    },
  });
  const inputs = [];
  for (const m of monitors) {
    const reported = asReported(m.reported);
    inputs.push({
      id: m.id,
      name: m.name,
      kind: m.kind,
      target: m.target,
      service: m.service?.name ?? null,
      source: UPTIME_SOURCE_NAMES[asUptimeSource(m.source)],
      sloTargetPct: m.sloTargetPct,
      gapRule: asGapRule(m.gapRule),
      minDowntimeSec: m.minDowntimeSec,
      series: await loadReportSeries(client, m, window, reported),
      reported,
    });
  }
  return buildUptimeReport({ from: window.from, to: window.to, timeZone: q.tz, targetPct: q.targetPct, monitors: inputs });
}
