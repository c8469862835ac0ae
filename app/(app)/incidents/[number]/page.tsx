import { notFound } from "next/navigation";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getIncidentForUser } from "@/lib/incidents/get-incident";
import { INCIDENT_ROLE_LABELS, humanize } from "@/lib/incidents/constants";
import { formatInZone, zoneAbbreviation } from "@/lib/time/zones";
import { incidentDurations } from "@/lib/time/durations";
import { SeverityBadge, StatusBadge } from "@/components/ui/badges";

async function load(numberParam: string) {
  const user = await requireUser("read");
  try {
    return await getIncidentForUser({ actor: user, number: Number(numberParam) });
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  return { title: `Incident #${number}` };
}

export default async function IncidentPage({ params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  const incident = await load(number);
  const tz = incident.timeZone;
  const when = (d: Date | null) => (d ? `${formatInZone(d, tz)} ${zoneAbbreviation(d, tz)}` : "—");
  const durations = incidentDurations(incident);
  const today = new Date();

  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm text-slate-500">
          <Link href="/incidents" className="hover:underline">
            Incidents
          </Link>{" "}
          / #{incident.number}
        </p>
        <h1 className="text-2xl font-semibold">{incident.title}</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <SeverityBadge level={incident.severity} />
          <StatusBadge status={incident.status} />
          {incident.restricted && <span className="rounded bg-slate-200 px-2 py-0.5 text-xs dark:bg-slate-700">Restricted</span>}
          {incident.services.map((s) => (
            <span key={s.serviceId} className="rounded border border-slate-300 px-2 py-0.5 text-xs dark:border-slate-700">
              {s.service.name}
            </span>
          ))}
          {incident.tags.map((t) => (
            <span key={t} className="text-xs text-slate-500">
              #{t}
            </span>
          ))}
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-400" title={incident.severityLevel.description}>
          {incident.severityLevel.name}: {incident.severityLevel.description}
        </p>
      </header>

      <section aria-labelledby="overview" className="grid gap-4 md:grid-cols-3">
        <h2 id="overview" className="sr-only">
          Overview
        </h2>
        <div className="card md:col-span-2 space-y-3">
          <div>
            <h3 className="text-sm font-semibold uppercase text-slate-500">Summary</h3>
            <p className="whitespace-pre-line">{incident.summary || "No summary yet."}</p>
          </div>
          <div>
            <h3 className="text-sm font-semibold uppercase text-slate-500">Customer impact</h3>
            <p className="whitespace-pre-line">{incident.customerImpact || "Not described yet."}</p>
            {incident.usersAffectedPct !== null && <p className="text-sm">{incident.usersAffectedPct}% of users affected</p>}
          </div>
        </div>
        <dl className="card grid grid-cols-2 gap-x-3 gap-y-2 text-sm">
          <dt className="text-slate-500">Started</dt>
          <dd>{when(incident.startedAt)}</dd>
          <dt className="text-slate-500">Detected</dt>
          <dd>{when(incident.detectedAt)}</dd>
          <dt className="text-slate-500">Mitigated</dt>
          <dd>{when(incident.mitigatedAt)}</dd>
          <dt className="text-slate-500">Resolved</dt>
          <dd>{when(incident.resolvedAt)}</dd>
          <dt className="text-slate-500">Time to detect</dt>
          <dd>{durations.timeToDetect ?? "—"}</dd>
          <dt className="text-slate-500">Time to mitigate</dt>
          <dd>{durations.timeToMitigate ?? "—"}</dd>
          <dt className="text-slate-500">Time to resolve</dt>
          <dd>{durations.timeToResolve ?? "—"}</dd>
          <dt className="text-slate-500">Time zone</dt>
          <dd>{tz}</dd>
          {incident.roles.map((r) => (
            <div key={`${r.role}-${r.userId}`} className="contents">
              <dt className="text-slate-500">{INCIDENT_ROLE_LABELS[r.role]}</dt>
              <dd>{r.user.name || r.user.email}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="timeline-heading" className="card">
        <h2 id="timeline-heading" className="text-lg font-semibold">
          Timeline <span className="text-sm font-normal text-slate-500">({tz})</span>
        </h2>
        {incident.timelineEvents.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">No timeline events yet.</p>
        ) : (
          <ol className="mt-3 space-y-2">
            {incident.timelineEvents.map((e) => (
              <li key={e.id} className="grid grid-cols-[11rem_7rem_1fr] gap-3 text-sm">
                <time dateTime={e.occurredAt.toISOString()} className="font-mono text-slate-600 dark:text-slate-400">
                  {e.precision === "day"
                    ? formatInZone(e.occurredAt, tz, "yyyy-MM-dd")
                    : formatInZone(e.occurredAt, tz, e.precision === "second" ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm")}
                </time>
                <span className="text-slate-500">{humanize(e.kind)}</span>
                <span>{e.text}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="causes-heading" className="card">
        <h2 id="causes-heading" className="text-lg font-semibold">
          Root causes
        </h2>
        {incident.rootCauses.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">No root causes recorded yet.</p>
        ) : (
          <ol className="mt-3 space-y-4">
            {incident.rootCauses.map((c) => (
              <li key={c.id}>
                <p className="font-medium">
                  {humanize(c.category)}
                  {c.isTrigger && <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">Trigger</span>}
                </p>
                <p>{c.description}</p>
                {c.whys.length > 0 && (
                  <ol className="ml-5 mt-1 list-decimal text-sm text-slate-700 dark:text-slate-300">
                    {c.whys.map((w, i) => (
                      <li key={i}>{w}</li>
                    ))}
                  </ol>
                )}
                {c.factors.length > 0 && (
                  <ul className="ml-5 mt-1 list-disc text-sm text-slate-600 dark:text-slate-400">
                    {c.factors.map((f) => (
                      <li key={f.id}>Contributing: {f.description}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="actions-heading" className="card">
        <h2 id="actions-heading" className="text-lg font-semibold">
          Action items
        </h2>
        {incident.actionItems.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">No action items yet.</p>
        ) : (
          <table className="mt-3 w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-800">
                <th scope="col" className="py-1 pr-3">
                  Action
                </th>
                <th scope="col" className="py-1 pr-3">
                  Type
                </th>
                <th scope="col" className="py-1 pr-3">
                  Priority
                </th>
                <th scope="col" className="py-1 pr-3">
                  Owner
                </th>
                <th scope="col" className="py-1 pr-3">
                  Due
                </th>
                <th scope="col" className="py-1 pr-3">
                  Status
                </th>
              </tr>
            </thead>
            <tbody>
              {incident.actionItems.map((a) => {
                const overdue = a.dueDate && a.dueDate < today && (a.status === "open" || a.status === "in_progress");
                return (
                  <tr key={a.id} className="border-b border-slate-100 dark:border-slate-800">
                    <td className="py-1 pr-3">
                      {a.trackerUrl ? (
                        <a href={a.trackerUrl} className="underline" rel="noreferrer noopener" target="_blank">
                          {a.title}
                        </a>
                      ) : (
                        a.title
                      )}
                    </td>
                    <td className="py-1 pr-3">{humanize(a.type)}</td>
                    <td className="py-1 pr-3 uppercase">{a.priority}</td>
                    <td className="py-1 pr-3">{a.owner ? a.owner.name || a.owner.email : "Unassigned"}</td>
                    <td className={`py-1 pr-3 ${overdue ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>
                      {a.dueDate ? formatInZone(a.dueDate, "UTC", "yyyy-MM-dd") : "—"}
                      {overdue && " (overdue)"}
                    </td>
                    <td className="py-1 pr-3">{humanize(a.status)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      {incident.linksFrom.length > 0 && (
        <section aria-labelledby="related-heading" className="card">
          <h2 id="related-heading" className="text-lg font-semibold">
            Related incidents
          </h2>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {incident.linksFrom.map((l) => (
              <li key={l.toId}>
                <Link className="underline" href={`/incidents/${l.to.number}`}>
                  #{l.to.number} {l.to.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
