/**
 * The monitor page: its figures for a period (uptime, downtime windows, MTTR/MTBF, error budget,
 * latency), the 90-day status strip, uptime per month, the tool's own figures beside ours, and the
 * incidents it is evidence for. All samples are read once; every figure is computed from them.
 */
import { addDays } from "date-fns";
import { db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";
import { formatInZone, localToUtc } from "@/lib/time/zones";
import { errorBudget } from "@/lib/uptime/compute/budget";
import { dailyStatus, monthlyUptime, periodWindow } from "@/lib/uptime/compute/calendar";
import { downtimeWindows } from "@/lib/uptime/compute/downtime";
import { latencyPercentiles } from "@/lib/uptime/compute/latency";
import { reliability } from "@/lib/uptime/compute/reliability";
import { compareReported } from "@/lib/uptime/compute/reported";
import { uptimeOfSeries } from "@/lib/uptime/compute/uptime";
import type { MonitorSeries, TimeWindow } from "@/lib/uptime/compute/types";
import { LATENCY_CHART_POINTS, latencyChart } from "@/lib/uptime/latency-chart";
import {
  asGapRule,
  asReported,
  DAY_MS,
  lastDays,
  MONITOR_SELECT,
  monitorDetail,
  monitorSummary,
  readMaintenance,
  readSamples,
  seriesOf,
} from "@/lib/uptime/monitor-series";
import { monitorPeriodQuerySchema, type MonitorPeriodQuery } from "@/lib/uptime/schema";
import type { MonitorPageView } from "@/lib/uptime/views";

const STRIP_DAYS = 90;

/** The day after a "YYYY-MM-DD", as "YYYY-MM-DD" (calendar arithmetic, no zone involved). */
export function nextDay(day: string): string {
  return addDays(new Date(`${day}T00:00:00Z`), 1)
    .toISOString()
    .slice(0, 10);
}

/** Whole days `from`…`to` (inclusive) in `timeZone` as instants. */
export function daysWindow(from: string, to: string, timeZone: string): TimeWindow {
  return { from: localToUtc(`${from}T00:00`, timeZone).getTime(), to: localToUtc(`${nextDay(to)}T00:00`, timeZone).getTime() };
}

/**
 * The page's window: "all" is the data start to the data end; a calendar period is the one holding
 * the data end (its last instant, so data ending at midnight shows the day it ended); custom is
 * whole days in the zone.
 */
export function monitorPeriod(
  query: Pick<MonitorPeriodQuery, "period" | "from" | "to">,
  data: { start: number; end: number },
  timeZone: string,
): MonitorPageView["period"] {
  const day = (t: number) => formatInZone(new Date(t), timeZone, "yyyy-MM-dd");
  switch (query.period) {
    case "all":
      return { kind: "all", from: data.start, to: data.end, label: `All data (${day(data.start)} – ${day(data.end)})` };
    case "custom": {
      if (!query.from || !query.to) {
        const fields: Record<string, string[]> = {};
        if (!query.from) fields.from = ["Give the first day."];
        if (!query.to) fields.to = ["Give the last day."];
        throw new AppError("VALIDATION", "A custom period needs its first and last day.", fields);
      }
      if (query.to < query.from)
        throw new AppError("VALIDATION", "The period must end on or after its first day.", {
          to: ["End on or after the first day."],
        });
      const w = daysWindow(query.from, query.to, timeZone);
      return { kind: "custom", ...w, label: query.from === query.to ? query.from : `${query.from} – ${query.to}` };
    }
    default: {
      const anchor = Math.max(data.start, data.end - 1);
      const w = periodWindow(query.period, anchor, timeZone);
      const at = new Date(w.from);
      const label = {
        day: formatInZone(at, timeZone, "EEEE yyyy-MM-dd"),
        week: `Week of ${formatInZone(at, timeZone, "yyyy-MM-dd")}`,
        month: formatInZone(at, timeZone, "MMMM yyyy"),
        quarter: formatInZone(at, timeZone, "QQQ yyyy"),
        year: formatInZone(at, timeZone, "yyyy"),
      }[query.period];
      return { kind: query.period, ...w, label };
    }
  }
}

export async function loadMonitorPage({
  actor,
  monitorId,
  query,
}: {
  actor: Actor;
  monitorId: string;
  query: MonitorPeriodQuery | Record<string, unknown>;
}): Promise<MonitorPageView> {
  assertCan(actor, "read");
  const parsed = monitorPeriodQuerySchema.safeParse(query ?? {});
  if (!parsed.success) throw validationError(parsed.error.issues);
  const client = db();
  const monitor = await client.monitor.findUnique({ where: { id: monitorId }, select: MONITOR_SELECT });
  if (!monitor) throw new AppError("NOT_FOUND", "Monitor not found.");

  const timeZone = parsed.data.tz ?? monitor.timeZone;
  const gapRule = asGapRule(monitor.gapRule);
  const minDurationMs = monitor.minDowntimeSec * 1000;
  const samples = await readSamples(client, monitor.id);
  const maintenanceRows = await readMaintenance(client, monitor.id);
  const series: MonitorSeries = seriesOf(monitor, samples, maintenanceRows);
  const now = Date.now();
  const data = {
    start: monitor.dataStart?.getTime() ?? samples[0]?.at ?? now,
    end: monitor.dataEnd?.getTime() ?? samples[samples.length - 1]?.at ?? now,
  };
  const period = monitorPeriod(parsed.data, data, timeZone);
  const window = { from: period.from, to: period.to };

  const figures = uptimeOfSeries(series, window, gapRule);
  const windows = downtimeWindows(series, { minDurationMs, window });
  const last = samples.length ? samples[samples.length - 1] : null;
  const pctOver = (days: number) => {
    const w = lastDays(monitor, days);
    return w ? uptimeOfSeries(series, w, gapRule).uptimePct : null;
  };

  const links = await client.incidentMonitor.findMany({
    where: { monitorId: monitor.id, incident: visibleIncidentsWhere(actor) },
    orderBy: { createdAt: "asc" },
    select: {
      note: true,
      windowStart: true,
      windowEnd: true,
      incident: { select: { number: true, title: true } },
    },
  });
  const outages = await client.reportedOutage.findMany({ where: { monitorId: monitor.id }, orderBy: { startedAt: "desc" } });
  const services = await client.service.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });

  const summary = monitorSummary(monitor, {
    last,
    uptime30dPct: pctOver(30),
    uptime90dPct: pctOver(90),
    incidentCount: links.length,
  });
  // A link made for a downtime window is shown on the windows it overlaps.
  const incidentsFor = (start: number, end: number) =>
    links
      .filter((l) => l.windowStart && l.windowStart.getTime() <= end && (l.windowEnd ?? l.windowStart).getTime() >= start)
      .map((l) => ({ number: l.incident.number, title: l.incident.title }));

  return {
    monitor: monitorDetail(monitor, summary),
    period,
    figures,
    reliability: reliability(windows, figures),
    budget: errorBudget(figures, monitor.sloTargetPct),
    latency: latencyPercentiles(samples, window),
    strip: dailyStatus(series, { end: Math.max(data.start, data.end - 1), days: STRIP_DAYS, timeZone, gapRule }),
    months: monthlyUptime(series, { timeZone, gapRule, minDurationMs }),
    downtime: [...windows].reverse().map((w) => ({ ...w, incidents: incidentsFor(w.start, w.end) })),
    reported: compareReported(series, asReported(monitor.reported), gapRule),
    outages: outages.map((o) => ({
      id: o.id,
      source: o.source,
      reference: o.reference,
      title: o.title,
      url: o.url,
      startedAt: o.startedAt.toISOString(),
      endedAt: o.endedAt?.toISOString() ?? null,
      impact: o.impact,
    })),
    maintenance: [...maintenanceRows].reverse().map((m) => ({
      id: m.id,
      startsAt: m.startsAt.toISOString(),
      endsAt: m.endsAt.toISOString(),
      reason: m.reason,
    })),
    incidents: links.map((l) => ({
      number: l.incident.number,
      title: l.incident.title,
      note: l.note,
      windowStart: l.windowStart?.toISOString() ?? null,
      windowEnd: l.windowEnd?.toISOString() ?? null,
    })),
    responseChart: latencyChart({
      monitor,
      series,
      downtime: windows,
      range: window.to > window.from ? window : { from: window.from - DAY_MS / 2, to: window.to + DAY_MS / 2 },
      fullRange: { min: data.start, max: Math.max(data.end, data.start + 1) },
      maxPoints: LATENCY_CHART_POINTS,
      timeZone,
    }),
    services,
  };
}
