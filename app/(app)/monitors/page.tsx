import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listMonitors } from "@/lib/uptime/list-monitors";
import { MONITOR_KIND_NAMES, UPTIME_SOURCE_NAMES } from "@/lib/uptime/types";
import { MonitorStatusBadge } from "@/components/uptime/monitor-status-badge";
import { formatDay, formatInstant, formatUptimePct, formatTargetPct } from "@/components/uptime/uptime-format";

export const metadata = { title: "Monitors" };

/** An uptime figure against the monitor's SLO, in words as well as numbers. */
function UptimeCell({ pct, slo }: { pct: number | null; slo: number }) {
  if (pct === null) return <span className="text-slate-500">No data</span>;
  const met = pct >= slo;
  return (
    <>
      <span className="tabular-nums">{formatUptimePct(pct)}</span>
      <span
        className={`block whitespace-nowrap text-xs ${met ? "text-emerald-800 dark:text-emerald-300" : "font-semibold text-red-800 dark:text-red-300"}`}
      >
        {met ? "meets" : "below"} SLO {formatTargetPct(slo)}
      </span>
    </>
  );
}

export default async function MonitorsPage() {
  const user = await requireUser("read", "/monitors");
  const monitors = await listMonitors({ actor: user });
  const canImport = can(user.role, "edit");
  const th = "py-2 pr-3";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Monitors</h1>
        <div className="ml-auto flex flex-wrap gap-2">
          {monitors.length > 0 && (
            <Link href="/monitors/report" className="btn-secondary">
              Uptime report
            </Link>
          )}
          {canImport && (
            <Link href="/monitors/import" className="btn-primary">
              Import uptime data
            </Link>
          )}
        </div>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Uptime evidence from Upptime, Uptime Kuma, Prometheus, Atlassian Statuspage or a CSV of checks. Figures are computed here
        from the imported history; time without data is not counted as up unless a monitor says so.
      </p>

      {monitors.length === 0 ? (
        <div className="card text-center">
          <p className="font-medium">No monitors yet.</p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {canImport ? (
              <>
                <Link className="underline" href="/monitors/import">
                  Import uptime data
                </Link>{" "}
                (an Upptime repository, Uptime Kuma heartbeats or kuma.db, Prometheus probe results, Statuspage incidents or a
                CSV) to see uptime, downtime windows and error budgets, and to find monitors that stayed green during an incident.
              </>
            ) : (
              "Editors can import uptime data from Upptime, Uptime Kuma, Prometheus, Statuspage or a CSV of checks."
            )}
          </p>
        </div>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">Monitors, with uptime over the 30 and 90 days before their data ends</caption>
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                <th scope="col" className={th}>
                  Name
                </th>
                <th scope="col" className={th}>
                  Kind
                </th>
                <th scope="col" className={th}>
                  Service
                </th>
                <th scope="col" className={th}>
                  Source
                </th>
                <th scope="col" className={th}>
                  Status
                </th>
                <th scope="col" className={th}>
                  30 days
                </th>
                <th scope="col" className={th}>
                  90 days
                </th>
                <th scope="col" className={th}>
                  Last check
                </th>
                <th scope="col" className={th}>
                  Data
                </th>
              </tr>
            </thead>
            <tbody>
              {monitors.map((m) => (
                <tr key={m.id} className="border-b border-slate-200 align-top dark:border-slate-800">
                  <td className="py-2 pr-3">
                    <Link href={`/monitors/${m.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                      {m.name}
                    </Link>
                    {m.target && <div className="max-w-xs truncate font-mono text-xs text-slate-500">{m.target}</div>}
                  </td>
                  <td className="whitespace-nowrap py-2 pr-3">{MONITOR_KIND_NAMES[m.kind]}</td>
                  <td className="whitespace-nowrap py-2 pr-3">{m.serviceName ?? <span className="text-slate-400">—</span>}</td>
                  <td className="whitespace-nowrap py-2 pr-3">{UPTIME_SOURCE_NAMES[m.source] ?? m.source}</td>
                  <td className="py-2 pr-3">
                    <MonitorStatusBadge status={m.lastStatus} prefix="Last status:" />
                  </td>
                  <td className="py-2 pr-3">
                    <UptimeCell pct={m.uptime30dPct} slo={m.sloTargetPct} />
                  </td>
                  <td className="py-2 pr-3">
                    <UptimeCell pct={m.uptime90dPct} slo={m.sloTargetPct} />
                  </td>
                  <td className="py-2 pr-3 tabular-nums">{formatInstant(m.lastCheckAt, "UTC")}</td>
                  <td className="whitespace-nowrap py-2 pr-3 text-xs text-slate-600 dark:text-slate-400">
                    {m.dataStart ? `${formatDay(m.dataStart, "UTC")} – ${formatDay(m.dataEnd, "UTC")}` : "No samples"}
                    <div>
                      {m.sampleCount.toLocaleString("en-US")} sample{m.sampleCount === 1 ? "" : "s"}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-xs text-slate-500">
            Uptime over the 30 and 90 days before each monitor&apos;s data ends, against its SLO target. Times in UTC.
          </p>
        </div>
      )}
    </div>
  );
}
