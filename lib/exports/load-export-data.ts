/**
 * Reads everything a postmortem document shows into ExportData, once, so the renderers never
 * touch the database. Charts come with the same spec the page draws; their PNGs are rendered
 * only when an export needs the images (zip, HTML with inline images).
 */
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";
import { INCIDENT_ROLE_LABELS } from "@/lib/incidents/constants";
import { describeChart } from "@/lib/charts/describe";
import { renderChartPng, type ChartPngOptions } from "@/lib/charts/render-png";
import type { ChartSpec } from "@/lib/charts/spec";
import { formatValue } from "@/lib/charts/format";
import { chartFileName } from "@/lib/metrics/metric-chart-images";
import { incidentChartsData } from "@/lib/metrics/metric-chart-data";
import { getLoadTestRun } from "@/lib/loadtests/get-load-test-run";
import { estimateCapacity } from "@/lib/loadtests/analysis/capacity";
import { errorPct } from "@/lib/loadtests/analysis/compare";
import { TOOL_NAMES, type LabelStatistics } from "@/lib/loadtests/types";
import type { ExportChart, ExportData, ExportLoadTestRun, ExportStatistics } from "@/lib/exports/export-data";
import type { JSONContent } from "@tiptap/core";
import { parseLoadTestJournal } from "@/lib/loadtests/load-test-journal";
import { parseReportFields } from "@/lib/postmortems/report-fields";
import { incidentUptimeReport } from "@/lib/uptime/export-uptime";

/** The capacity limits a journal states when the run page was not given others. */
const DEFAULT_LIMITS = { sloMs: 1000, maxErrorPct: 1 };

const person = (u: { name: string | null; email: string } | null | undefined) => (u ? u.name || u.email : null);
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function statistics(s: LabelStatistics): ExportStatistics {
  return {
    label: s.label,
    count: s.count,
    errors: s.errors,
    errorPct: errorPct(s),
    mean: s.mean,
    p50: s.p50,
    p90: s.p90,
    p95: s.p95,
    p99: s.p99,
    max: s.max,
    throughput: s.throughput,
  };
}

async function loadTestRun(actor: Actor, id: string, linkNote: string): Promise<ExportLoadTestRun> {
  const run = await getLoadTestRun({ actor, id });
  const journalRow = await db().loadTestRun.findUnique({ where: { id }, select: { journal: true } });
  const estimate = estimateCapacity(
    {
      series: run.series,
      bucketSeconds: run.bucketSeconds,
      loadProfile: run.loadProfile,
      total: run.total,
      toolName: TOOL_NAMES[run.tool],
    },
    DEFAULT_LIMITS,
  );
  const limits = `p95 ≤ ${formatValue(DEFAULT_LIMITS.sloMs, "ms")} and errors ≤ ${DEFAULT_LIMITS.maxErrorPct}%`;
  const capacity =
    estimate.basis === "series"
      ? estimate.highestRate
        ? `Held ${formatValue(estimate.highestRate.level, "req/s")} for ${estimate.highestRate.seconds} s with ${limits}.`
        : `No stretch of ${estimate.windowSeconds} s stayed within ${limits}.`
      : estimate.reason;
  return {
    id: run.id,
    name: run.name,
    tool: TOOL_NAMES[run.tool] ?? run.tool,
    startedAt: iso(run.startedAt),
    endedAt: iso(run.endedAt),
    notes: run.notes,
    environment: Object.entries(run.environment),
    journal: parseLoadTestJournal(journalRow?.journal),
    total: statistics(run.total),
    labels: run.labels.map(statistics),
    capacity,
    linkNote,
  };
}

export type ExportChartWithSpec = ExportChart & { spec: ChartSpec };

export async function loadExportData({
  actor,
  incidentNumber,
  tz = "incident",
  now = new Date(),
}: {
  actor: Actor;
  incidentNumber: number;
  /** Zone of the charts' time labels. */
  tz?: "incident" | "utc";
  now?: Date;
}): Promise<{ data: ExportData; chartSpecs: ExportChartWithSpec[] }> {
  assertCan(actor, "read");
  const incident = await db().incident.findFirst({
    where: { AND: [{ number: incidentNumber }, visibleIncidentsWhere(actor)] },
    include: {
      severityLevel: true,
      services: { include: { service: true } },
      roles: { include: { user: { select: { name: true, email: true } } } },
      // A linked incident the reader may not open stays out of their document.
      linksFrom: {
        where: { to: visibleIncidentsWhere(actor) },
        include: {
          to: {
            select: { number: true, title: true, severity: true, status: true, startedAt: true, resolvedAt: true, summary: true },
          },
        },
      },
      timelineEvents: {
        orderBy: [{ occurredAt: "asc" }, { createdAt: "asc" }],
        include: { author: { select: { name: true, email: true } } },
      },
      rootCauses: { orderBy: { position: "asc" }, include: { factors: { orderBy: { position: "asc" } } } },
      actionItems: {
        orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
        include: { owner: { select: { name: true, email: true } } },
      },
      postmortem: {
        include: {
          sections: { orderBy: { position: "asc" } },
          template: { select: { key: true } },
        },
      },
      loadTestRuns: { orderBy: { createdAt: "asc" }, select: { runId: true, note: true } },
      deliverables: { orderBy: { position: "asc" } },
      metricCharts: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, title: true, caption: true } },
    },
  });
  if (!incident) throw new AppError("NOT_FOUND", "Incident not found.");
  const approver = incident.postmortem?.approvedById
    ? await db().user.findUnique({ where: { id: incident.postmortem.approvedById }, select: { name: true, email: true } })
    : null;

  const chartData = await incidentChartsData(
    db(),
    actor,
    incident.metricCharts.map((c) => c.id),
    tz,
  );
  const chartSpecs: ExportChartWithSpec[] = incident.metricCharts.flatMap((c, i) => {
    const d = chartData.get(c.id);
    if (!d) return [];
    return [
      {
        id: c.id,
        title: c.title,
        caption: d.spec.caption,
        fileName: `charts/${chartFileName(i, c.title)}`,
        alt: describeChart(d.spec),
        spec: d.spec,
      },
    ];
  });

  const runs: ExportLoadTestRun[] = [];
  for (const link of incident.loadTestRuns) runs.push(await loadTestRun(actor, link.runId, link.note));

  const data: ExportData = {
    exportedAt: now.toISOString(),
    incident: {
      number: incident.number,
      title: incident.title,
      severity: { level: incident.severity, name: incident.severityLevel.name },
      status: incident.status,
      summary: incident.summary,
      customerImpact: incident.customerImpact,
      usersAffectedPct: incident.usersAffectedPct,
      tags: incident.tags,
      restricted: incident.restricted,
      timeZone: incident.timeZone,
      startedAt: incident.startedAt.toISOString(),
      detectedAt: iso(incident.detectedAt),
      mitigatedAt: iso(incident.mitigatedAt),
      resolvedAt: iso(incident.resolvedAt),
      services: incident.services.map((s) => s.service.name).sort(),
      roles: incident.roles.map((r) => ({ role: INCIDENT_ROLE_LABELS[r.role], person: person(r.user) ?? "" })),
    },
    timeline: incident.timelineEvents.map((e) => ({
      occurredAt: e.occurredAt.toISOString(),
      precision: e.precision,
      kind: e.kind,
      text: e.text,
      author: person(e.author),
    })),
    rootCauses: incident.rootCauses.map((r) => ({
      position: r.position,
      category: r.category,
      description: r.description,
      whys: r.whys,
      isTrigger: r.isTrigger,
      factors: r.factors.map((f) => f.description),
      chartId: r.metricChartId && chartSpecs.some((c) => c.id === r.metricChartId) ? r.metricChartId : null,
    })),
    actions: incident.actionItems.map((a) => ({
      title: a.title,
      description: a.description,
      type: a.type,
      priority: a.priority,
      status: a.status,
      owner: person(a.owner),
      dueDate: a.dueDate ? a.dueDate.toISOString().slice(0, 10) : null,
      trackerUrl: a.trackerUrl,
      completedAt: iso(a.completedAt),
    })),
    narrative: Object.fromEntries(
      (incident.postmortem?.sections ?? []).map((s) => [s.key, { title: s.title, content: s.content as JSONContent }]),
    ),
    postmortem: incident.postmortem
      ? {
          status: incident.postmortem.status,
          templateKey: incident.postmortem.template?.key ?? null,
          templateVersion: incident.postmortem.templateVersion,
          fields: parseReportFields(incident.postmortem.fields),
          approvedBy: person(approver),
          approvedAt: iso(incident.postmortem.approvedAt),
          publishedAt: iso(incident.postmortem.publishedAt),
        }
      : null,
    charts: chartSpecs.map(({ spec: _spec, ...chart }) => chart),
    loadTests: {
      runs,
      observed: { peakRps: incident.observedPeakRps, peakUsers: incident.observedPeakUsers, note: incident.observedLoadNote },
    },
    deliverables: incident.deliverables.map((d) => ({
      number: d.number,
      title: d.title,
      link: d.link,
      notes: d.notes,
      engineeringTime: d.engineeringTime,
    })),
    uptime: await incidentUptimeReport(db(), { ...incident, services: incident.services.map((s) => ({ id: s.serviceId })) }, now),
    relatedIncidents: incident.linksFrom.map((l) => ({
      number: l.to.number,
      title: l.to.title,
      severity: l.to.severity,
      status: l.to.status,
      startedAt: l.to.startedAt.toISOString(),
      resolvedAt: iso(l.to.resolvedAt),
      summary: l.to.summary,
    })),
  };
  return { data, chartSpecs };
}

/** The PNG of every chart, keyed by its file name in the export. */
export async function renderExportChartImages(
  charts: ExportChartWithSpec[],
  image: ChartPngOptions = {},
): Promise<Map<string, Buffer>> {
  const images = new Map<string, Buffer>();
  for (const c of charts) images.set(c.fileName, await renderChartPng(c.spec, { width: 1200, height: 500, scale: 1, ...image }));
  return images;
}
