/**
 * Uptime reports leaving the app: the report as a Markdown, CSV or JSON download, and the uptime
 * block of a postmortem export (ExportData.uptime) for the monitors of one incident.
 */
import { TZDate } from "@date-fns/tz";
import { addDays, startOfDay } from "date-fns";
import type { Db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { buildUptimeReport } from "@/lib/uptime/compute/report";
import type { TimeWindow, UptimeReport } from "@/lib/uptime/compute/types";
import { incidentCoverageMonitors, incidentWindowOf } from "@/lib/uptime/load-incident-monitors";
import { parseUptimeReportQuery, uptimeReportFor } from "@/lib/uptime/load-uptime-report";
import { asReported, asUptimeSource } from "@/lib/uptime/monitor-series";
import { uptimeReportCsv, uptimeReportMarkdown } from "@/lib/uptime/report-export";
import { UPTIME_SOURCE_NAMES } from "@/lib/uptime/types";

export type UptimeReportFile = { body: string; contentType: string; fileName: string };

/** GET /api/v1/uptime/report and the CLI: the report in the asked format ("html" reads as JSON here). */
export async function exportUptimeReport({ actor, query }: { actor: Actor; query: unknown }): Promise<UptimeReportFile> {
  assertCan(actor, "read");
  const q = parseUptimeReportQuery(query);
  const report = await uptimeReportFor(q);
  const stem = `uptime-report-${q.from}-to-${q.to}`;
  if (q.format === "md") {
    const title = `Uptime report ${q.from === q.to ? q.from : `${q.from} – ${q.to}`}`;
    return { body: uptimeReportMarkdown(report, { title }), contentType: "text/markdown; charset=utf-8", fileName: `${stem}.md` };
  }
  if (q.format === "csv")
    return { body: uptimeReportCsv(report), contentType: "text/csv; charset=utf-8", fileName: `${stem}.csv` };
  return { body: `${JSON.stringify(report, null, 2)}\n`, contentType: "application/json", fileName: `${stem}.json` };
}

/** The incident's window widened to whole days in its zone: a report reads in days. */
export function wholeDays(window: TimeWindow, timeZone: string): TimeWindow {
  const from = startOfDay(new TZDate(window.from, timeZone));
  const lastDay = startOfDay(new TZDate(Math.max(window.from, window.to - 1), timeZone));
  return { from: from.getTime(), to: addDays(lastDay, 1).getTime() };
}

/**
 * ExportData.uptime: the report over the monitors linked to the incident or on its services, for
 * the incident's days; the target is the strictest monitor SLO (the block applies its own option).
 * Null when no monitor applies.
 */
export async function incidentUptimeReport(
  client: Db,
  incident: { id: string; startedAt: Date; resolvedAt: Date | null; timeZone: string; services: { id: string }[] },
  now = new Date(),
): Promise<UptimeReport | null> {
  const window = wholeDays(incidentWindowOf(incident, now), incident.timeZone);
  const monitors = await incidentCoverageMonitors(client, incident, window, { forReport: true });
  if (monitors.length === 0) return null;
  const targetPct = Math.min(...monitors.map((m) => m.sloTargetPct));
  return buildUptimeReport({
    from: window.from,
    to: window.to,
    timeZone: incident.timeZone,
    targetPct,
    monitors: monitors.map((m) => ({
      id: m.id,
      name: m.name,
      kind: m.kind,
      target: m.target,
      service: m.serviceName,
      source: UPTIME_SOURCE_NAMES[asUptimeSource(m.source)],
      sloTargetPct: m.sloTargetPct,
      gapRule: m.gapRule,
      minDowntimeSec: m.minDowntimeSec,
      series: m.series,
      reported: asReported(m.reported),
    })),
  });
}
