/**
 * The monitors list: each monitor's last status and its uptime over the 30 and 90 days before its
 * data end, read with one query per monitor for those 90 days.
 */
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";
import { uptimeOfSeries } from "@/lib/uptime/compute/uptime";
import { asGapRule, lastDays, loadMonitorSeries, MONITOR_SELECT, monitorSummary } from "@/lib/uptime/monitor-series";
import type { MonitorSummaryView } from "@/lib/uptime/views";

export async function listMonitors({ actor }: { actor: Actor }): Promise<MonitorSummaryView[]> {
  assertCan(actor, "read");
  const client = db();
  const monitors = await client.monitor.findMany({
    orderBy: [{ name: "asc" }, { createdAt: "asc" }],
    select: {
      ...MONITOR_SELECT,
      _count: { select: { incidents: { where: { incident: visibleIncidentsWhere(actor) } } } },
    },
  });
  const views: MonitorSummaryView[] = [];
  for (const monitor of monitors) {
    // One after another: PGlite serialises queries anyway, and PostgreSQL pools stay free for others.
    const window90 = lastDays(monitor, 90);
    const window30 = lastDays(monitor, 30);
    const gapRule = asGapRule(monitor.gapRule);
    const series = window90 ? await loadMonitorSeries(client, monitor, window90) : null;
    const last = series?.samples.length ? series.samples[series.samples.length - 1] : null;
    views.push(
      monitorSummary(monitor, {
        last,
        uptime30dPct: series && window30 ? uptimeOfSeries(series, window30, gapRule).uptimePct : null,
        uptime90dPct: series && window90 ? uptimeOfSeries(series, window90, gapRule).uptimePct : null,
        incidentCount: monitor._count.incidents,
      }),
    );
  }
  return views;
}
