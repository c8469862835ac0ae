import Link from "next/link";
import type { CoverageRow } from "@/lib/uptime/compute/types";
import { MONITOR_KIND_NAMES } from "@/lib/uptime/types";
import type { IncidentMonitorsView } from "@/lib/uptime/views";
import { formatDurationMs, formatInstant, verdictLabel } from "@/components/uptime/uptime-format";
import { IncidentMonitorsLinkForm, IncidentMonitorsUnlinkButton } from "./incident-monitors-link-form";

/** The badge's tint follows the verdict; its words carry the meaning. */
function verdictTone(row: CoverageRow): string {
  if (row.verdict === "caught") return "up";
  if (row.blindSpot) return "down";
  if (row.verdict === "partial-data") return "degraded";
  return "unknown";
}

/**
 * Uptime monitors as evidence: which of them saw the incident and which stayed green while its
 * services were down (blind spots), services nobody monitors, and monitors linked by hand.
 */
export function IncidentMonitorsSection({
  incidentNumber,
  canEdit,
  timeZone,
  data,
}: {
  incidentNumber: number;
  canEdit: boolean;
  timeZone: string;
  /** From loadIncidentMonitors (lib/uptime/load-incident-monitors.ts). */
  data: IncidentMonitorsView;
}) {
  const { coverage, linked, choices } = data;
  const nothing = coverage.rows.length === 0 && coverage.unmonitoredServices.length === 0 && linked.length === 0;
  const when = (at: number | string | null) => formatInstant(at, timeZone);

  return (
    <section aria-labelledby="monitors-heading" className="card space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <div>
          <h2 id="monitors-heading" className="text-lg font-semibold">
            Monitors
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            What the uptime monitors saw from {when(coverage.window.from)} to {when(coverage.window.to)}.
          </p>
        </div>
        {canEdit && (
          <Link href="/monitors/import" className="btn-secondary ml-auto">
            Import uptime data
          </Link>
        )}
      </div>

      {nothing ? (
        <p className="text-sm text-slate-500">
          No monitor covers this incident&apos;s services, and none is linked.
          {canEdit ? " Give a monitor one of its services, or link one below." : ""}
        </p>
      ) : (
        <>
          {coverage.summary && <p className="text-sm font-medium">{coverage.summary}</p>}
          {coverage.unmonitoredServices.length > 0 && (
            <div
              className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
              data-testid="unmonitored-services"
            >
              <p className="font-medium">Not monitored</p>
              <ul className="mt-1 list-disc pl-5">
                {coverage.unmonitoredServices.map((s) => (
                  <li key={s}>
                    <span className="font-mono">{s}</span> has no monitor.
                  </li>
                ))}
              </ul>
            </div>
          )}
          {coverage.rows.length > 0 && (
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-left text-sm">
                <caption className="sr-only">Monitor coverage of the incident</caption>
                <thead>
                  <tr className="border-b border-slate-300 dark:border-slate-700">
                    <th scope="col" className="py-2 pr-3">
                      Monitor
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      Service
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      Verdict
                    </th>
                    <th scope="col" className="whitespace-nowrap py-2 pr-3 text-right">
                      Down during it
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      Why
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {coverage.rows.map((r) => (
                    <tr
                      key={r.monitorId}
                      className="border-b border-slate-200 align-top dark:border-slate-800"
                      data-testid="coverage-row"
                    >
                      <th scope="row" className="min-w-56 py-2 pr-3 font-normal">
                        <Link
                          href={`/monitors/${r.monitorId}`}
                          className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                        >
                          {r.name}
                        </Link>
                        <div className="text-xs text-slate-500">
                          {MONITOR_KIND_NAMES[r.kind]}
                          {r.linked && " · linked"}
                        </div>
                        {r.target && <div className="break-all font-mono text-xs text-slate-500">{r.target}</div>}
                      </th>
                      <td className="whitespace-nowrap py-2 pr-3">
                        {r.serviceName ?? <span className="text-slate-400">—</span>}
                      </td>
                      <td className="py-2 pr-3">
                        <span className={`uptime-badge uptime-badge-${verdictTone(r)}`}>
                          {verdictLabel(r.verdict, r.blindSpot)}
                        </span>
                      </td>
                      <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">
                        {formatDurationMs(r.downMs)}
                        {r.firstDownAt !== null && <div className="text-xs text-slate-500">from {when(r.firstDownAt)}</div>}
                      </td>
                      <td className="min-w-64 py-2 pr-3">{r.explanation}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {linked.length > 0 && (
            <div className="space-y-1">
              <h3 className="font-semibold">Linked monitors</h3>
              <ul className="space-y-1 text-sm">
                {linked.map((l) => (
                  <li key={l.monitorId} className="flex flex-wrap items-baseline gap-x-3">
                    <Link href={`/monitors/${l.monitorId}`} className="font-medium underline">
                      {l.name}
                    </Link>
                    {l.windowStart && (
                      <span className="text-slate-600 dark:text-slate-400">
                        downtime {when(l.windowStart)} – {l.windowEnd ? when(l.windowEnd) : "still down"}
                      </span>
                    )}
                    {l.note && <span className="text-slate-600 dark:text-slate-400">{l.note}</span>}
                    {canEdit && (
                      <IncidentMonitorsUnlinkButton incidentNumber={incidentNumber} monitorId={l.monitorId} name={l.name} />
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}

      {canEdit && choices.length > 0 && <IncidentMonitorsLinkForm incidentNumber={incidentNumber} choices={choices} />}
    </section>
  );
}
