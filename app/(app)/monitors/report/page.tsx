import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listMonitors } from "@/lib/uptime/list-monitors";
import { loadUptimeReport } from "@/lib/uptime/load-uptime-report";
import { listServiceChoices } from "@/lib/uptime/service-choices";
import { uptimeReportQuerySchema } from "@/lib/uptime/schema";
import { MONITOR_KIND_NAMES } from "@/lib/uptime/types";
import type { MonitorSummaryView } from "@/lib/uptime/views";
import { COMMON_TIME_ZONES, formatInZone } from "@/lib/time/zones";
import { Field } from "@/components/forms/field";
import { TargetBadge } from "@/components/uptime/monitor-status-badge";
import { formatMinutes, formatUptimePct, formatTargetPct } from "@/components/uptime/uptime-format";

export const metadata = { title: "Uptime report" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const DAY_MS = 86_400_000;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const th = "py-2 pr-3";

/** Without dates, the 30 days up to the newest data: imported history often ends long before today. */
function defaultDays(monitors: MonitorSummaryView[], tz: string): { from: string; to: string } {
  const newest = monitors.reduce((max, m) => Math.max(max, m.dataEnd ? Date.parse(m.dataEnd) - 1 : 0), 0) || Date.now();
  return {
    to: formatInZone(new Date(newest), tz, "yyyy-MM-dd"),
    from: formatInZone(new Date(newest - 29 * DAY_MS), tz, "yyyy-MM-dd"),
  };
}

export default async function UptimeReportPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("read", "/monitors/report");
  const raw = await searchParams;
  const [monitors, services] = await Promise.all([listMonitors({ actor: user }), listServiceChoices({ actor: user })]);

  const tz = first(raw.tz) || "UTC";
  const defaults = defaultDays(monitors, tz);
  // Ticked monitors arrive as repeated `monitors` (a GET form), a link sends them comma-separated.
  const ticked = (Array.isArray(raw.monitors) ? raw.monitors : raw.monitors ? [raw.monitors] : [])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  const form = {
    from: first(raw.from) || defaults.from,
    to: first(raw.to) || defaults.to,
    targetPct: first(raw.targetPct) || "99",
    tz,
    serviceId: first(raw.serviceId) || "",
    monitors: ticked,
  };
  const parsed = uptimeReportQuerySchema.safeParse({
    ...form,
    serviceId: form.serviceId || undefined,
    monitors: ticked.length ? ticked.join(",") : undefined,
    format: "html",
  });
  const fieldErrors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "_")] ??= issue.message;
  const report = parsed.success && monitors.length > 0 ? await loadUptimeReport({ actor: user, query: parsed.data }) : null;

  const download = (format: "md" | "csv" | "json") => {
    const params = new URLSearchParams({ from: form.from, to: form.to, targetPct: form.targetPct, tz: form.tz, format });
    if (form.serviceId) params.set("serviceId", form.serviceId);
    if (ticked.length) params.set("monitors", ticked.join(","));
    return `/api/v1/uptime/report?${params}`;
  };
  const zones = Array.from(new Set([tz, "UTC", ...COMMON_TIME_ZONES]));
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <p className="text-sm text-slate-500">
          <Link href="/monitors" className="hover:underline">
            Monitors
          </Link>{" "}
          / Uptime report
        </p>
        <h1 className="text-2xl font-semibold">Uptime report</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Uptime of each monitor over a period against a target, computed from the imported history: what a promise such as
          &ldquo;99% uptime for publicly accessible endpoints&rdquo; is checked against. The same report goes into exports as the
          uptime block.
        </p>
      </div>

      {monitors.length === 0 ? (
        <div className="card text-center">
          <p className="font-medium">No monitors yet.</p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {can(user.role, "edit") ? (
              <>
                <Link href="/monitors/import" className="underline">
                  Import uptime data
                </Link>{" "}
                first; the report covers the monitors it creates.
              </>
            ) : (
              "The report covers monitors an editor has imported; there are none yet."
            )}
          </p>
        </div>
      ) : (
        <form method="get" action="/monitors/report" aria-label="Report period and target" className="card space-y-4">
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
            <Field id="report-from" label="From" error={fieldErrors.from}>
              {(control) => <input {...control} name="from" type="date" className="field-input" defaultValue={form.from} />}
            </Field>
            <Field id="report-to" label="To" aside="inclusive" error={fieldErrors.to}>
              {(control) => <input {...control} name="to" type="date" className="field-input" defaultValue={form.to} />}
            </Field>
            <Field id="report-targetPct" label="Target %" error={fieldErrors.targetPct}>
              {(control) => (
                <input
                  {...control}
                  name="targetPct"
                  type="number"
                  step="any"
                  min={0}
                  max={100}
                  inputMode="decimal"
                  className="field-input"
                  defaultValue={form.targetPct}
                />
              )}
            </Field>
            <Field id="report-tz" label="Days in" error={fieldErrors.tz}>
              {(control) => (
                <select {...control} name="tz" className="field-input" defaultValue={form.tz}>
                  {zones.map((z) => (
                    <option key={z} value={z}>
                      {z}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="report-serviceId" label="Service" error={fieldErrors.serviceId}>
              {(control) => (
                <select {...control} name="serviceId" className="field-input" defaultValue={form.serviceId}>
                  <option value="">Any</option>
                  {services.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <fieldset>
            <legend className="field-label">
              Monitors <span className="font-normal text-slate-500">(none ticked: all)</span>
            </legend>
            <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1 text-sm">
              {monitors.map((m) => (
                <label key={m.id} className="flex items-center gap-2">
                  <input type="checkbox" name="monitors" value={m.id} defaultChecked={ticked.includes(m.id)} />
                  {m.name}
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="btn-primary">
            Show report
          </button>
        </form>
      )}

      {report && (
        <section aria-labelledby="report-heading" className="card space-y-4">
          <div className="flex flex-wrap items-center gap-3">
            <h2 id="report-heading" className="text-lg font-semibold">
              {formatInZone(new Date(report.from), report.timeZone, "yyyy-MM-dd")} to{" "}
              {formatInZone(new Date(Date.parse(report.to) - 1), report.timeZone, "yyyy-MM-dd")} ({report.timeZone}), target{" "}
              {formatTargetPct(report.targetPct)}
            </h2>
            <div className="ml-auto flex flex-wrap gap-2" role="group" aria-label="Download the report">
              <a href={download("md")} download className="btn-secondary">
                Markdown
              </a>
              <a href={download("csv")} download className="btn-secondary">
                CSV
              </a>
              <a href={download("json")} download className="btn-secondary">
                JSON
              </a>
            </div>
          </div>
          {report.monitors.length === 0 ? (
            <p className="text-sm text-slate-500">No monitor matches these choices.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-left text-sm">
                <caption className="sr-only">Uptime per monitor against the target</caption>
                <thead>
                  <tr className="border-b border-slate-300 dark:border-slate-700">
                    <th scope="col" className={th}>
                      Monitor
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Uptime
                    </th>
                    <th scope="col" className={th}>
                      Meets target
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Downtime
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Windows
                    </th>
                    <th scope="col" className={th}>
                      Error budget (own SLO)
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Coverage
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.monitors.map((m) => (
                    <tr key={m.id} className="border-b border-slate-200 align-top dark:border-slate-800">
                      <th scope="row" className="py-2 pr-3 font-normal">
                        <Link
                          href={`/monitors/${m.id}`}
                          className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                        >
                          {m.name}
                        </Link>
                        <div className="text-xs text-slate-500">
                          {MONITOR_KIND_NAMES[m.kind]}
                          {m.service ? ` · ${m.service}` : ""}
                        </div>
                      </th>
                      <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{formatUptimePct(m.uptimePct, 3)}</td>
                      <td className="py-2 pr-3">
                        <TargetBadge meets={m.meetsTarget} />
                      </td>
                      <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{formatMinutes(m.downMinutes)}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{m.downtimeWindows.length}</td>
                      <td className="py-2 pr-3">
                        <span className="whitespace-nowrap">
                          {formatMinutes(m.budget.usedMinutes)} of {formatMinutes(m.budget.allowedMinutes)}
                        </span>
                        <div className="text-xs text-slate-500">
                          SLO {formatTargetPct(m.sloTargetPct)} ·{" "}
                          {m.budget.remainingMinutes < 0
                            ? `${formatMinutes(-m.budget.remainingMinutes)} over`
                            : `${formatMinutes(m.budget.remainingMinutes)} left`}
                          {m.budget.burnRate !== null && ` · burn ${m.budget.burnRate.toFixed(2)}×`}
                        </div>
                      </td>
                      <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">
                        {formatUptimePct(m.coveragePct, 1)}
                        {m.unknownMinutes > 0 && (
                          <div className="text-xs text-slate-500">{formatMinutes(m.unknownMinutes)} without data</div>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {report.notes.length > 0 && (
            <div className="space-y-1 text-sm">
              <h3 className="font-semibold">Notes</h3>
              <ul className="list-disc space-y-1 pl-5 text-slate-700 dark:text-slate-300">
                {report.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
