import { notFound } from "next/navigation";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getIncidentForUser } from "@/lib/incidents/get-incident";
import { INCIDENT_ROLE_LABELS } from "@/lib/incidents/constants";
import { formatInZone, zoneAbbreviation } from "@/lib/time/zones";
import { incidentDurations } from "@/lib/time/durations";
import { SeverityBadge, StatusBadge } from "@/components/ui/badges";
import { can } from "@/lib/auth/permissions";
import { WorkspaceShortcuts } from "@/components/ui/workspace-shortcuts";
import { TimelineSection } from "./_components/timeline-section";
import { RootCausesSection } from "./_components/root-causes-section";
import { ActionsSection } from "./_components/actions-section";
import { NarrativeSection } from "./_components/narrative-section";
import { HistorySection } from "./_components/history-section";
import { AttachmentsSection } from "./_components/attachments-section";
import { ReviewPanel } from "./_components/review-panel";
import { CommentsSection } from "./_components/comments-section";
import { LoadTestsSection } from "./_components/load-tests-section";
import { MetricsSection } from "./_components/metrics-section";
import { DeliverablesSection } from "./_components/deliverables-section";
import { ReportFieldsSection } from "./_components/report-fields-section";
import { ExportSection } from "./_components/export-section";
import { TemplateChoice } from "./_components/template-choice";
import { loadIncidentMetrics } from "@/lib/metrics/load-incident-metrics";
import { loadIncidentMonitors } from "@/lib/uptime/load-incident-monitors";
import { IncidentMonitorsSection } from "./_components/incident-monitors-section";

async function load(numberParam: string) {
  const user = await requireUser("read");
  try {
    return { user, incident: await getIncidentForUser({ actor: user, number: Number(numberParam) }) };
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
  const { user, incident } = await load(number);
  const canEdit = can(user.role, "edit");
  const tz = incident.timeZone;
  const when = (d: Date | null) => (d ? `${formatInZone(d, tz)} ${zoneAbbreviation(d, tz)}` : "—");
  const durations = incidentDurations(incident);
  const metrics = await loadIncidentMetrics({ actor: user, incidentNumber: incident.number });
  const monitors = await loadIncidentMonitors({ actor: user, incidentNumber: incident.number });

  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm text-slate-500">
          <Link href="/incidents" className="hover:underline">
            Incidents
          </Link>{" "}
          / #{incident.number}
        </p>
        <div className="flex flex-wrap items-start gap-3">
          <h1 className="text-2xl font-semibold">{incident.title}</h1>
          {canEdit && (
            <Link
              href={`/incidents/${incident.number}/edit`}
              className="btn-secondary ml-auto"
              aria-keyshortcuts="e"
              data-shortcut="e"
            >
              Edit overview
            </Link>
          )}
        </div>
        <WorkspaceShortcuts />
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

      <ReviewPanel actor={user} incidentNumber={incident.number} timeZone={incident.timeZone} />

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

      <TimelineSection incident={incident} canEdit={canEdit} />
      <MetricsSection incidentNumber={incident.number} canEdit={canEdit} data={metrics} />
      <RootCausesSection incident={incident} canEdit={canEdit} actor={user} />
      <ActionsSection incident={incident} canEdit={canEdit} />
      <TemplateChoice actor={user} incidentNumber={incident.number} canEdit={canEdit} />
      <NarrativeSection incident={incident} canEdit={canEdit} actor={user} />
      <LoadTestsSection incidentNumber={incident.number} canEdit={canEdit} actor={user} />
      <IncidentMonitorsSection incidentNumber={incident.number} canEdit={canEdit} timeZone={tz} data={monitors} />
      <DeliverablesSection incident={incident} canEdit={canEdit} actor={user} />
      <ReportFieldsSection incident={incident} canEdit={canEdit} actor={user} />
      <ExportSection incidentNumber={incident.number} canEdit={canEdit} actor={user} />
      <AttachmentsSection incident={incident} actor={user} />
      <HistorySection incident={incident} canEdit={canEdit} actor={user} />

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

      <CommentsSection actor={user} incidentNumber={incident.number} timeZone={incident.timeZone} />
    </article>
  );
}
