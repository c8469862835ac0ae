import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { loadMonitorPage } from "@/lib/uptime/load-monitor-page";
import { monitorPeriodQuerySchema, type MonitorPeriodQuery } from "@/lib/uptime/schema";
import { MONITOR_KIND_NAMES, UPTIME_SOURCE_NAMES } from "@/lib/uptime/types";
import type { MonitorPageView } from "@/lib/uptime/views";
import { formatInZone, utcToLocalInput } from "@/lib/time/zones";
import { MonitorStatusBadge } from "@/components/uptime/monitor-status-badge";
import { StatusStrip } from "@/components/uptime/status-strip";
import {
  formatCount,
  formatDurationMs,
  formatInstant,
  GAP_RULE_LABELS,
  formatTargetPct,
} from "@/components/uptime/uptime-format";
import { PeriodPicker } from "./_components/period-picker";
import { FigureCards } from "./_components/figure-cards";
import { ResponseTimeChart } from "./_components/response-time-chart";
import { DowntimeTable, type DowntimeRow } from "./_components/downtime-table";
import { MonthTable, ReportedTable } from "./_components/uptime-tables";
import { MaintenanceDeleteButton, MaintenanceForm } from "./_components/maintenance-editor";
import { MonitorSettingsForm } from "./_components/monitor-settings-form";
import { DeleteMonitorButton } from "./_components/delete-monitor-button";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Once per request: the page and its metadata share the read. A bad period falls back to all data and says why. */
const load = cache(async (id: string, raw: string) => {
  const user = await requireUser("read", `/monitors/${encodeURIComponent(id)}`);
  const params = Object.fromEntries(new URLSearchParams(raw));
  const parsed = monitorPeriodQuerySchema.safeParse(params);
  let query: MonitorPeriodQuery = parsed.success ? parsed.data : { period: "all", tz: undefined };
  let periodError = parsed.success
    ? undefined
    : `${parsed.error.issues.map((i) => i.message).join(" ")} Showing all data instead.`;
  try {
    let view: MonitorPageView;
    try {
      view = await loadMonitorPage({ actor: user, monitorId: id, query });
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== "VALIDATION") throw e;
      periodError = `${e.message} Showing all data instead.`;
      query = { period: "all", tz: query.tz };
      view = await loadMonitorPage({ actor: user, monitorId: id, query });
    }
    return { user, view, query, periodError };
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
});

function queryKey(raw: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const k of ["period", "from", "to", "tz"]) {
    const v = first(raw[k]);
    if (v) params.set(k, v);
  }
  return params.toString();
}

export async function generateMetadata({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const { view } = await load(id, queryKey(await searchParams));
  return { title: view.monitor.name };
}

/** "403, 0 · Forbidden": what the failing checks said; a message that starts with the code says it once. */
function codesText(codes: number[], message: string): string {
  const text = message.trim();
  if (codes.length === 1 && text.startsWith(String(codes[0]))) return text;
  return [codes.join(", "), text].filter(Boolean).join(" · ");
}

export default async function MonitorPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const { user, view, query, periodError } = await load(id, queryKey(await searchParams));
  const { monitor } = view;
  const canEdit = can(user.role, "edit");
  const zone = query.tz ?? monitor.timeZone;
  const path = `/monitors/${encodeURIComponent(monitor.id)}`;
  const toolName = UPTIME_SOURCE_NAMES[monitor.source] ?? monitor.source;
  const when = (at: number | string | null) => formatInstant(at, zone);
  const recentIncidents = canEdit
    ? (await listIncidents({ actor: user, query: {} })).items.map((i) => ({ number: i.number, title: i.title }))
    : [];

  const downtimeRows: DowntimeRow[] = view.downtime.map((w) => {
    const duration = formatDurationMs(w.durationMs);
    const codes = codesText(w.codes, w.message);
    const end = w.open ? "still down" : when(w.end);
    return {
      key: String(w.start),
      start: when(w.start),
      end,
      open: w.open,
      duration: w.open ? `${duration} so far` : duration,
      failedChecks: formatCount(w.failedChecks),
      codes,
      incidents: w.incidents,
      window: { start: new Date(w.start).toISOString(), end: w.open ? null : new Date(w.end).toISOString() },
      draft: {
        title: `${monitor.name} down`,
        severity: 2,
        startedAt: utcToLocalInput(new Date(w.start), zone),
        resolvedAt: w.open ? "" : utcToLocalInput(new Date(w.end), zone),
        summary:
          `The uptime monitor "${monitor.name}"${monitor.target ? ` (${monitor.target})` : ""} recorded downtime from ` +
          `${when(w.start)} ${w.open ? "and was still down when its data ends" : `to ${when(w.end)}`} (${duration}; ` +
          `${w.failedChecks === 1 ? "1 failed check" : `${formatCount(w.failedChecks)} failed checks`}${codes ? `; ${codes}` : ""}).`,
      },
    };
  });

  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm text-slate-500">
          <Link href="/monitors" className="hover:underline">
            Monitors
          </Link>{" "}
          / {monitor.name}
        </p>
        <div className="flex flex-wrap items-start gap-3">
          <h1 className="text-2xl font-semibold">{monitor.name}</h1>
          <MonitorStatusBadge status={monitor.lastStatus} prefix="Last status:" />
          <Link href={`/monitors/report?monitors=${encodeURIComponent(monitor.id)}`} className="btn-secondary ml-auto">
            Uptime report
          </Link>
        </div>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr_max-content_1fr]">
          <dt className="text-slate-500">Kind</dt>
          <dd>{MONITOR_KIND_NAMES[monitor.kind]}</dd>
          <dt className="text-slate-500">Target</dt>
          <dd className="break-all font-mono">{monitor.target || "—"}</dd>
          <dt className="text-slate-500">Service</dt>
          <dd>{monitor.serviceName ?? "None"}</dd>
          <dt className="text-slate-500">Source</dt>
          <dd>
            {toolName} <span className="font-mono text-xs text-slate-500">{monitor.sourceKey}</span>
          </dd>
          <dt className="text-slate-500">SLO target</dt>
          <dd>{formatTargetPct(monitor.sloTargetPct)}</dd>
          <dt className="text-slate-500">Time without data</dt>
          <dd>{GAP_RULE_LABELS[monitor.gapRule]}</dd>
          <dt className="text-slate-500">Checks</dt>
          <dd>
            {monitor.checkIntervalSec === null
              ? "Changes only (no fixed interval)"
              : `Every ${formatDurationMs(monitor.checkIntervalSec * 1000)}`}{" "}
            · {formatCount(monitor.sampleCount)} samples
          </dd>
          <dt className="text-slate-500">Data</dt>
          <dd>{monitor.dataStart ? `${when(monitor.dataStart)} – ${when(monitor.dataEnd)}` : "No samples"}</dd>
        </dl>
      </header>

      <PeriodPicker
        action={path}
        period={query.period}
        from={query.from ?? formatInZone(new Date(view.period.from), zone, "yyyy-MM-dd")}
        to={query.to ?? formatInZone(new Date(Math.max(view.period.from, view.period.to - 1)), zone, "yyyy-MM-dd")}
        zone={zone}
        monitorZone={monitor.timeZone}
        error={periodError}
      />

      <section aria-labelledby="figures-heading" className="space-y-3">
        <h2 id="figures-heading" className="text-lg font-semibold" data-testid="period-label">
          {view.period.label}
        </h2>
        <FigureCards
          figures={view.figures}
          reliability={view.reliability}
          budget={view.budget}
          latency={view.latency}
          downtimeCount={view.downtime.length}
        />
      </section>

      <section aria-labelledby="strip-heading" className="card space-y-3">
        <h2 id="strip-heading" className="text-lg font-semibold">
          Last 90 days
        </h2>
        <StatusStrip days={view.strip} timeZone={zone} />
      </section>

      <section aria-labelledby="latency-heading" className="space-y-3">
        <h2 id="latency-heading" className="text-lg font-semibold">
          Response time
        </h2>
        {view.responseChart ? (
          <ResponseTimeChart
            monitorId={monitor.id}
            spec={view.responseChart.spec}
            status={view.responseChart.status}
            fullRange={view.responseChart.fullRange}
            timeZone={zone}
          />
        ) : (
          <p className="card text-sm text-slate-600 dark:text-slate-400">
            No response times in this period{monitor.source === "statuspage" ? ": Statuspage reports incidents, not checks" : ""}.
          </p>
        )}
      </section>

      <section aria-labelledby="months-heading" className="card space-y-3">
        <h2 id="months-heading" className="text-lg font-semibold">
          Uptime per month
        </h2>
        <MonthTable months={view.months} monitorName={monitor.name} />
      </section>

      {view.reported.length > 0 && (
        <section aria-labelledby="reported-heading" className="card space-y-3">
          <h2 id="reported-heading" className="text-lg font-semibold">
            Reported by {toolName}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {toolName}&apos;s own figures beside the ones computed here from the imported history, over the same windows. They are
            shown, never mixed into ours.
          </p>
          <ReportedTable reported={view.reported} toolName={toolName} timeZone={zone} />
        </section>
      )}

      <section aria-labelledby="downtime-heading" className="card space-y-3">
        <div className="flex flex-wrap items-baseline gap-3">
          <h2 id="downtime-heading" className="text-lg font-semibold">
            Downtime windows
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Consecutive failing checks merged, newest first, in {zone}
            {monitor.minDowntimeSec > 0
              ? `; windows shorter than ${formatDurationMs(monitor.minDowntimeSec * 1000)} are not listed`
              : ""}
            .
          </p>
        </div>
        {downtimeRows.length === 0 ? (
          <p className="text-sm text-slate-500">No downtime in this period.</p>
        ) : (
          <DowntimeTable
            monitorId={monitor.id}
            monitorName={monitor.name}
            timeZone={zone}
            rows={downtimeRows}
            canEdit={canEdit}
            incidents={recentIncidents}
          />
        )}
      </section>

      {view.outages.length > 0 && (
        <section aria-labelledby="outages-heading" className="card space-y-3">
          <h2 id="outages-heading" className="text-lg font-semibold">
            Outages reported by {toolName}
          </h2>
          <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
            {view.outages.map((o) => (
              <li key={o.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2">
                <span className="font-medium">
                  {o.url ? (
                    <a href={o.url} className="underline" rel="noreferrer noopener" target="_blank">
                      {o.title}
                    </a>
                  ) : (
                    o.title
                  )}
                </span>
                <span className="text-xs text-slate-500">
                  {o.source === "upptime-issue" ? `issue #${o.reference}` : o.reference}
                  {o.impact && ` · impact ${o.impact}`}
                </span>
                <span className="tabular-nums text-slate-600 dark:text-slate-400">
                  {when(o.startedAt)} – {o.endedAt ? when(o.endedAt) : "still open"}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="maintenance-heading" className="card space-y-3">
        <h2 id="maintenance-heading" className="text-lg font-semibold">
          Maintenance windows
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">Planned time, left out of uptime and of the error budget.</p>
        {view.maintenance.length === 0 ? (
          <p className="text-sm text-slate-500">None.</p>
        ) : (
          <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
            {view.maintenance.map((m) => {
              const label = `${when(m.startsAt)} – ${when(m.endsAt)}`;
              return (
                <li key={m.id} className="flex flex-wrap items-center gap-3 py-2">
                  <span className="tabular-nums">{label}</span>
                  <span className="text-slate-600 dark:text-slate-400">{m.reason || "No reason given"}</span>
                  {canEdit && (
                    <span className="ml-auto">
                      <MaintenanceDeleteButton id={m.id} label={label} />
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {canEdit && <MaintenanceForm monitorId={monitor.id} timeZone={zone} />}
      </section>

      <section aria-labelledby="incidents-heading" className="card space-y-3">
        <h2 id="incidents-heading" className="text-lg font-semibold">
          Linked incidents
        </h2>
        {view.incidents.length === 0 ? (
          <p className="text-sm text-slate-500">
            Not linked to any incident you can see.
            {canEdit ? " Link one from a downtime window, or from an incident's page." : ""}
          </p>
        ) : (
          <ul className="space-y-2 text-sm">
            {view.incidents.map((i) => (
              <li key={i.number}>
                <Link href={`/incidents/${i.number}`} className="font-medium underline">
                  #{i.number} {i.title}
                </Link>
                {i.windowStart && (
                  <span className="ml-2 text-slate-600 dark:text-slate-400">
                    downtime {when(i.windowStart)} – {i.windowEnd ? when(i.windowEnd) : "still down"}
                  </span>
                )}
                {i.note && <p className="text-slate-600 dark:text-slate-400">{i.note}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>

      {canEdit && (
        <section aria-labelledby="settings-heading" className="card space-y-3">
          <h2 id="settings-heading" className="text-lg font-semibold">
            Settings
          </h2>
          <MonitorSettingsForm
            monitorId={monitor.id}
            version={monitor.version}
            services={view.services}
            initial={{
              name: monitor.name,
              target: monitor.target,
              kind: monitor.kind,
              serviceId: monitor.serviceId ?? "",
              sloTargetPct: String(monitor.sloTargetPct),
              gapRule: monitor.gapRule,
              minDowntimeSec: String(monitor.minDowntimeSec),
              checkIntervalSec: monitor.checkIntervalSec === null ? "" : String(monitor.checkIntervalSec),
            }}
          />
        </section>
      )}

      {canEdit && (
        <section aria-labelledby="danger-heading" className="card">
          <h2 id="danger-heading" className="sr-only">
            Delete
          </h2>
          <DeleteMonitorButton id={monitor.id} name={monitor.name} samples={monitor.sampleCount} />
        </section>
      )}
    </article>
  );
}
