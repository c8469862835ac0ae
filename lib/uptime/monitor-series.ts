/**
 * Reads what the uptime maths needs from the database: one query per monitor for a window, plus
 * the sample just before it (the state at the window's start) and the one just after it (where a
 * downtime window crossing the end closes). Loaders build views from these; nothing here decides
 * a figure.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import type { MonitorSeries, TimeWindow } from "@/lib/uptime/compute/types";
import {
  GAP_RULES,
  UPTIME_SOURCES,
  type GapRule,
  type ReportedUptime,
  type UptimeSample,
  type UptimeSource,
} from "@/lib/uptime/types";
import type { MonitorDetailView, MonitorSummaryView } from "@/lib/uptime/views";

export const DAY_MS = 86_400_000;

/**
 * The window's samples aggregated into one row of columns: PGlite hands back 130,000 rows in about
 * a second, the same samples as five strings in a fifth of that. Times travel as whole epoch ms,
 * latencies as PostgreSQL's shortest exact float text, messages as a JSON array (any text is safe).
 */
type SampleColumns = {
  at: string | null;
  status: string | null;
  latency: string | null;
  code: string | null;
  message: string | null;
};

const STATUS_LETTERS: Record<string, UptimeSample["status"]> = { u: "up", d: "down", g: "degraded", m: "maintenance" };

function fromColumns(row: SampleColumns | undefined): UptimeSample[] {
  if (!row || row.at === null || row.at === "") return [];
  const at = row.at.split(",");
  const latency = (row.latency ?? "").split(",");
  const code = (row.code ?? "").split(",");
  const message = JSON.parse(row.message ?? "[]") as (string | null)[];
  const status = row.status ?? "";
  return at.map((t, i) => ({
    at: Number(t),
    status: STATUS_LETTERS[status[i]],
    latencyMs: latency[i] ? Number(latency[i]) : null,
    code: code[i] ? Number(code[i]) : null,
    message: message[i] ?? "",
  }));
}

/** Samples of one monitor in [from, to] with their neighbours outside it; all of them without a window. */
export async function readSamples(client: Db, monitorId: string, window?: TimeWindow | null): Promise<UptimeSample[]> {
  const from = window ? new Date(window.from) : null;
  const to = window ? new Date(window.to) : null;
  const picked = window
    ? Prisma.sql`
      (SELECT * FROM "UptimeSample" WHERE "monitorId" = ${monitorId} AND "at" < ${from} ORDER BY "at" DESC LIMIT 1)
      UNION ALL
      (SELECT * FROM "UptimeSample" WHERE "monitorId" = ${monitorId} AND "at" >= ${from} AND "at" <= ${to})
      UNION ALL
      (SELECT * FROM "UptimeSample" WHERE "monitorId" = ${monitorId} AND "at" > ${to} ORDER BY "at" ASC LIMIT 1)`
    : Prisma.sql`SELECT * FROM "UptimeSample" WHERE "monitorId" = ${monitorId}`;
  const rows = await client.$queryRaw<SampleColumns[]>`
    SELECT
      string_agg(((extract(epoch FROM s."at") * 1000)::bigint)::text, ',' ORDER BY s."at") AS "at",
      string_agg(CASE s."status" WHEN 'up' THEN 'u' WHEN 'down' THEN 'd' WHEN 'degraded' THEN 'g' ELSE 'm' END, '' ORDER BY s."at") AS "status",
      string_agg(coalesce(s."latencyMs"::text, ''), ',' ORDER BY s."at") AS "latency",
      string_agg(coalesce(s."code"::text, ''), ',' ORDER BY s."at") AS "code",
      json_agg(s."message" ORDER BY s."at")::text AS "message"
    FROM (${picked}) AS s`;
  return fromColumns(rows[0]);
}

export type SeriesMonitor = { id: string; checkIntervalSec: number | null; dataEnd: Date | null };

/** Planned windows meeting the window (all without one). */
export async function readMaintenance(
  client: Db,
  monitorId: string,
  window?: TimeWindow | null,
): Promise<{ id: string; startsAt: Date; endsAt: Date; reason: string }[]> {
  return client.maintenanceWindow.findMany({
    where: {
      monitorId,
      ...(window ? { startsAt: { lte: new Date(window.to) }, endsAt: { gte: new Date(window.from) } } : {}),
    },
    orderBy: { startsAt: "asc" },
    select: { id: true, startsAt: true, endsAt: true, reason: true },
  });
}

export async function loadMonitorSeries(client: Db, monitor: SeriesMonitor, window?: TimeWindow | null): Promise<MonitorSeries> {
  const samples = await readSamples(client, monitor.id, window);
  const maintenance = await readMaintenance(client, monitor.id, window);
  return seriesOf(monitor, samples, maintenance);
}

/**
 * For a report: the tool's own figures cover its whole history (or hours before its own `asOf`),
 * so a monitor that has any is read whole; others only for the window.
 */
export async function loadReportSeries(
  client: Db,
  monitor: SeriesMonitor,
  window: TimeWindow,
  reported: ReportedUptime[],
): Promise<MonitorSeries> {
  return loadMonitorSeries(client, monitor, reported.length > 0 ? null : window);
}

export function seriesOf(
  monitor: SeriesMonitor,
  samples: UptimeSample[],
  maintenance: { startsAt: Date; endsAt: Date }[],
): MonitorSeries {
  return {
    samples,
    checkIntervalSec: monitor.checkIntervalSec,
    dataEnd: monitor.dataEnd ? monitor.dataEnd.getTime() : null,
    maintenance: maintenance.map((w) => ({ startsAt: w.startsAt.getTime(), endsAt: w.endsAt.getTime() })),
  };
}

export function asGapRule(value: string): GapRule {
  return (GAP_RULES as readonly string[]).includes(value) ? (value as GapRule) : "unknown";
}

export function asUptimeSource(value: string): UptimeSource {
  return (UPTIME_SOURCES as readonly string[]).includes(value) ? (value as UptimeSource) : "csv";
}

/** The stored `reported` JSON as the parsers wrote it; anything else reads as nothing reported. */
export function asReported(value: Prisma.JsonValue): ReportedUptime[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (r): r is Prisma.JsonObject => typeof r === "object" && r !== null && !Array.isArray(r) && Array.isArray(r.figures),
  ) as unknown as ReportedUptime[];
}

/** Columns every monitor view reads. */
export const MONITOR_SELECT = {
  id: true,
  name: true,
  kind: true,
  target: true,
  source: true,
  sourceKey: true,
  serviceId: true,
  sloTargetPct: true,
  checkIntervalSec: true,
  gapRule: true,
  minDowntimeSec: true,
  reported: true,
  dataStart: true,
  dataEnd: true,
  sampleCount: true,
  timeZone: true,
  version: true,
  service: { select: { name: true } },
} as const satisfies Prisma.MonitorSelect;

export type MonitorRecord = Prisma.MonitorGetPayload<{ select: typeof MONITOR_SELECT }>;

/** The window a monitor's "last N days" figures use: the N days before its data end. */
export function lastDays(monitor: { dataEnd: Date | null }, days: number): TimeWindow | null {
  if (!monitor.dataEnd) return null;
  const to = monitor.dataEnd.getTime();
  return { from: to - days * DAY_MS, to };
}

export function monitorSummary(
  monitor: MonitorRecord,
  figures: {
    last: UptimeSample | null;
    uptime30dPct: number | null;
    uptime90dPct: number | null;
    incidentCount: number;
  },
): MonitorSummaryView {
  return {
    id: monitor.id,
    name: monitor.name,
    kind: monitor.kind,
    target: monitor.target,
    source: asUptimeSource(monitor.source),
    serviceId: monitor.serviceId,
    serviceName: monitor.service?.name ?? null,
    sloTargetPct: monitor.sloTargetPct,
    lastStatus: figures.last?.status ?? "unknown",
    lastCheckAt: figures.last ? new Date(figures.last.at).toISOString() : null,
    uptime30dPct: figures.uptime30dPct,
    uptime90dPct: figures.uptime90dPct,
    dataStart: monitor.dataStart?.toISOString() ?? null,
    dataEnd: monitor.dataEnd?.toISOString() ?? null,
    sampleCount: monitor.sampleCount,
    incidentCount: figures.incidentCount,
  };
}

export function monitorDetail(monitor: MonitorRecord, summary: MonitorSummaryView): MonitorDetailView {
  return {
    ...summary,
    sourceKey: monitor.sourceKey,
    checkIntervalSec: monitor.checkIntervalSec,
    gapRule: asGapRule(monitor.gapRule),
    minDowntimeSec: monitor.minDowntimeSec,
    timeZone: monitor.timeZone,
    version: monitor.version,
  };
}
