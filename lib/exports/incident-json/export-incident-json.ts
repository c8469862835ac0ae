/**
 * Reads one incident and everything written about it into the lossless JSON of schema.ts. Ids are
 * replaced by references (positions, keys, e-mail addresses) and lists are ordered by content, so
 * an export of the imported copy equals this one apart from what comparableIncidentJson drops.
 * Public shares (token hashes) and audit rows are not incident content and are left out.
 */
import { db, type Db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { encodeChunk, readAllPoints } from "@/lib/metrics/point-store";
import type { MetricUnit } from "@/lib/metrics/units";
import { templateSectionsSchema, type TemplateAudience } from "@/lib/templates/types";
import {
  GONE_REF,
  INCIDENT_JSON_FORMAT,
  INCIDENT_JSON_VERSION,
  INCIDENT_REF,
  POSTMORTEM_REF,
  SERVICE_REF,
  TEAM_REF,
  TEMPLATE_REF,
  USER_REF,
  sectionRef,
  type IncidentJson,
  type Json,
  type PersonJson,
  type TemplateJson,
} from "@/lib/exports/incident-json/schema";
import {
  canonicalJson,
  idsIn,
  mapReferences,
  sortByKey,
  withoutIds,
  type JsonValue,
} from "@/lib/exports/incident-json/references";

/** Exports read many blocks of points; the default 5 s would cut a large incident short. */
const TRANSACTION = { timeout: 120_000, maxWait: 30_000 };

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const json = (v: Prisma.JsonValue) => v as Json;
const jsonObject = (v: Prisma.JsonValue): Record<string, Json> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, Json>) : {};

export async function exportIncidentJson({
  actor,
  incidentNumber,
}: {
  actor: Actor;
  incidentNumber: number;
}): Promise<IncidentJson> {
  assertCan(actor, "read");
  return db().$transaction((tx: Db) => readIncidentJson(tx, actor, incidentNumber), TRANSACTION);
}

async function readIncidentJson(tx: Db, actor: Actor, incidentNumber: number): Promise<IncidentJson> {
  const { id: incidentId } = await findVisibleIncident(tx, actor, { number: incidentNumber });
  const visible = visibleIncidentsWhere(actor);
  const incident = await tx.incident.findUniqueOrThrow({
    where: { id: incidentId },
    include: {
      severityLevel: true,
      services: { include: { service: { include: { team: { select: { name: true } } } } } },
      members: { select: { userId: true } },
      roles: { select: { role: true, userId: true } },
      // A link to an incident the actor may not see would leak its title.
      linksFrom: { where: { to: visible }, include: { to: { select: { number: true, title: true } } } },
      linksTo: { where: { from: visible }, include: { from: { select: { number: true, title: true } } } },
    },
  });
  const where = { incidentId };
  const events = await tx.timelineEvent.findMany({ where });
  const causes = await tx.rootCause.findMany({ where, include: { factors: true } });
  const actions = await tx.actionItem.findMany({ where });
  const postmortem = await tx.postmortem.findUnique({ where, include: { sections: true, template: true } });
  const comments = await tx.comment.findMany({ where });
  const attachments = await tx.attachment.findMany({ where, omit: { data: true } });
  // Bytes travel as base64 text: pglite-prisma-adapter 0.6.1 mishandles Prisma's Bytes values.
  const attachmentData = await tx.$queryRaw<{ id: string; b64: string }[]>`
    SELECT id, encode(data, 'base64') AS b64 FROM "Attachment" WHERE "incidentId" = ${incidentId}`;
  const charts = await tx.metricChart.findMany({ where, include: { series: true } });
  const runLinks = await tx.incidentLoadTestRun.findMany({ where, include: { run: { include: { labels: true } } } });
  const deliverables = await tx.deliverable.findMany({ where });
  const revisions = await tx.revision.findMany({ where });

  // Everything outside the incident that an id may name: people, services, teams, templates.
  const candidates = new Set<string>();
  for (const r of revisions) {
    idsIn(r.snapshot, candidates);
    if (r.authorId) candidates.add(r.authorId);
  }
  const direct = [
    incident.createdById,
    ...incident.members.map((m) => m.userId),
    ...incident.roles.map((r) => r.userId),
    ...events.map((e) => e.authorId),
    ...actions.map((a) => a.ownerId),
    postmortem?.approvedById,
    ...(postmortem?.sections ?? []).map((s) => s.updatedById),
    ...comments.map((c) => c.authorId),
    ...attachments.map((a) => a.createdById),
    ...charts.flatMap((c) => [c.createdById, ...c.series.map((s) => s.createdById)]),
    ...runLinks.flatMap((l) => [l.createdById, l.run.createdById]),
  ];
  for (const id of direct) if (id) candidates.add(id);
  const ids = [...candidates];
  const [users, services, teams, templates] = [
    await tx.user.findMany({
      where: { id: { in: ids } },
      select: { id: true, email: true, name: true, role: true, active: true },
    }),
    await tx.service.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    await tx.team.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    await tx.template.findMany({ where: { id: { in: ids } }, select: { id: true, key: true } }),
  ];
  const usersById = new Map(users.map((u) => [u.id, u]));
  const people = new Map<string, PersonJson>();
  const person = (id: string | null | undefined): string | null => {
    const user = id ? usersById.get(id) : undefined;
    if (!user) return null;
    people.set(user.email, { email: user.email, name: user.name, role: user.role, active: user.active });
    return user.email;
  };

  /** Database id → reference, for everything a snapshot may name. */
  const refs = new Map<string, string>([[incident.id, INCIDENT_REF]]);
  if (postmortem) refs.set(postmortem.id, POSTMORTEM_REF);
  for (const s of services) refs.set(s.id, SERVICE_REF + s.name);
  for (const t of teams) refs.set(t.id, TEAM_REF + t.name);
  for (const t of templates) refs.set(t.id, TEMPLATE_REF + t.key);
  for (const s of incident.services) refs.set(s.serviceId, SERVICE_REF + s.service.name);
  if (postmortem?.template) refs.set(postmortem.template.id, TEMPLATE_REF + postmortem.template.key);

  const history = historyKeys(revisions);
  const assign = <T extends { id: string }>(rows: T[], prefix: string) =>
    rows.map((row, i) => {
      const ref = `${prefix}:${i + 1}`;
      refs.set(row.id, ref);
      return { row, ref };
    });

  // Attachments first: narrative sections and snapshots point at them.
  const attachmentB64 = new Map(attachmentData.map((a) => [a.id, a.b64.replace(/\s+/g, "")]));
  const attachmentsJson = assign(
    sortByKey(attachments, (a) => [a.createdAt, a.sha256, a.fileName, a.contentType]),
    "attachment",
  ).map(({ row: a, ref }) => ({
    ref,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256,
    data: attachmentB64.get(a.id) ?? "",
    createdBy: person(a.createdById),
    createdAt: iso(a.createdAt),
  }));
  const attachmentRef = (id: string) => {
    const ref = refs.get(id);
    return ref?.startsWith("attachment:") ? ref : null;
  };

  const chartsJson: IncidentJson["metricCharts"] = [];
  for (const { row: c, ref } of assign(
    sortByKey(charts, (c) => [c.position, c.createdAt, c.title, c.caption]),
    "chart",
  )) {
    const series: IncidentJson["metricCharts"][number]["series"] = [];
    for (const [j, s] of sortByKey(c.series, (s) => [s.position, s.createdAt, s.name, s.sha256]).entries()) {
      const seriesRef = `${ref}.series:${j + 1}`;
      refs.set(s.id, seriesRef);
      const points = await readAllPoints(tx, s.id);
      series.push({
        ref: seriesRef,
        position: s.position,
        name: s.name,
        unit: s.unit as MetricUnit,
        source: s.source,
        format: s.format,
        labels: jsonObject(s.labels),
        pointCount: s.pointCount,
        firstAt: isoOrNull(s.firstAt),
        lastAt: isoOrNull(s.lastAt),
        minValue: s.minValue,
        maxValue: s.maxValue,
        gapCount: s.gapCount,
        infiniteCount: s.infiniteCount,
        sha256: s.sha256,
        version: s.version,
        createdBy: person(s.createdById),
        createdAt: iso(s.createdAt),
        updatedAt: iso(s.updatedAt),
        points: encodeChunk(points).toString("base64"),
      });
    }
    chartsJson.push({
      ref,
      title: c.title,
      kind: c.kind,
      position: c.position,
      caption: c.caption,
      version: c.version,
      createdBy: person(c.createdById),
      createdAt: iso(c.createdAt),
      updatedAt: iso(c.updatedAt),
      series,
    });
  }

  const eventContent = (e: (typeof events)[number]) => ({
    occurredAt: iso(e.occurredAt),
    precision: e.precision,
    kind: e.kind,
    text: e.text,
    author: person(e.authorId),
    source: e.source,
    version: e.version,
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
  });
  const eventsJson = assign(
    sortByKey(events, (e) => [e.occurredAt, e.createdAt, canonicalJson(eventContent(e)), history(e.id)]),
    "event",
  ).map(({ row, ref }) => ({ ref, ...eventContent(row) }));

  const causeContent = (c: (typeof causes)[number]) => ({
    position: c.position,
    category: c.category,
    description: c.description,
    whys: c.whys,
    isTrigger: c.isTrigger,
    metricChart: c.metricChartId ? (refs.get(c.metricChartId) ?? null) : null,
    version: c.version,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    factors: sortByKey(c.factors, (f) => [f.position, f.description]).map((f) => ({
      position: f.position,
      description: f.description,
    })),
  });
  const causesJson = assign(
    sortByKey(causes, (c) => [c.position, c.createdAt, canonicalJson(causeContent(c)), history(c.id)]),
    "cause",
  ).map(({ row, ref }) => ({ ref, ...causeContent(row) }));

  const actionContent = (a: (typeof actions)[number]) => ({
    title: a.title,
    description: a.description,
    type: a.type,
    priority: a.priority,
    status: a.status,
    owner: person(a.ownerId),
    dueDate: a.dueDate ? iso(a.dueDate).slice(0, 10) : null,
    trackerUrl: a.trackerUrl,
    completedAt: isoOrNull(a.completedAt),
    version: a.version,
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
  });
  const actionsJson = assign(
    sortByKey(actions, (a) => [a.createdAt, canonicalJson(actionContent(a)), history(a.id)]),
    "action",
  ).map(({ row, ref }) => ({ ref, ...actionContent(row) }));

  const contentRefs = { id: (v: string) => v, attachment: attachmentRef };
  let postmortemJson: IncidentJson["postmortem"] = null;
  let templateJson: TemplateJson | null = null;
  if (postmortem) {
    for (const s of postmortem.sections) refs.set(s.id, sectionRef(s.key));
    postmortemJson = {
      templateVersion: postmortem.templateVersion,
      fields: jsonObject(postmortem.fields),
      status: postmortem.status,
      version: postmortem.version,
      submittedAt: isoOrNull(postmortem.submittedAt),
      approvedAt: isoOrNull(postmortem.approvedAt),
      approvedBy: person(postmortem.approvedById),
      publishedAt: isoOrNull(postmortem.publishedAt),
      createdAt: iso(postmortem.createdAt),
      updatedAt: iso(postmortem.updatedAt),
      sections: sortByKey(postmortem.sections, (s) => [s.position, s.key]).map((s) => ({
        key: s.key,
        title: s.title,
        position: s.position,
        content: jsonObject(mapReferences(s.content, contentRefs)),
        version: s.version,
        updatedBy: person(s.updatedById),
        createdAt: iso(s.createdAt),
        updatedAt: iso(s.updatedAt),
      })),
    };
    if (postmortem.template) templateJson = await pinnedTemplateJson(tx, postmortem.template, postmortem.templateVersion);
  }

  const commentContent = (c: (typeof comments)[number]) => ({
    onPostmortem: c.postmortemId !== null,
    sectionKey: c.sectionKey,
    author: person(c.authorId),
    body: c.body,
    resolvedAt: isoOrNull(c.resolvedAt),
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  });
  const commentsJson = assign(
    sortByKey(comments, (c) => [c.createdAt, canonicalJson(commentContent(c))]),
    "comment",
  ).map(({ row, ref }) => ({ ref, parent: row.parentId ? (refs.get(row.parentId) ?? null) : null, ...commentContent(row) }));

  const runsJson = assign(
    sortByKey(
      runLinks.map((l) => ({ ...l, id: l.runId })),
      (l) => [l.createdAt, l.run.createdAt, l.run.name, l.run.startedAt, canonicalJson(l.run.labels.map((x) => withoutIds(x)))],
    ),
    "run",
  ).map(({ row: { run, ...link }, ref }) => ({
    ref,
    name: run.name,
    tool: run.tool,
    format: run.format,
    startedAt: isoOrNull(run.startedAt),
    endedAt: isoOrNull(run.endedAt),
    environment: json(run.environment),
    notes: run.notes,
    journal: json(run.journal),
    statisticsSource: run.statisticsSource,
    histogramErrorPct: run.histogramErrorPct,
    bucketSeconds: run.bucketSeconds,
    series: json(run.series),
    loadProfile: json(run.loadProfile),
    thresholds: json(run.thresholds),
    warnings: json(run.warnings),
    sourceFiles: json(run.sourceFiles),
    version: run.version,
    createdBy: person(run.createdById),
    createdAt: iso(run.createdAt),
    updatedAt: iso(run.updatedAt),
    labels: sortByKey(run.labels, (x) => [x.position]).map(({ id: _id, runId: _runId, ...label }) => ({
      ...label,
      otherPercentiles: json(label.otherPercentiles),
      sources: json(label.sources),
    })),
    link: { note: link.note, createdBy: person(link.createdById), createdAt: iso(link.createdAt) },
  }));

  const deliverableContent = (d: (typeof deliverables)[number]) => ({
    position: d.position,
    number: d.number,
    title: d.title,
    link: d.link,
    notes: d.notes,
    engineeringTime: d.engineeringTime,
    version: d.version,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  });
  const deliverablesJson = assign(
    sortByKey(deliverables, (d) => [d.position, d.createdAt, canonicalJson(deliverableContent(d))]),
    "deliverable",
  ).map(({ row, ref }) => ({ ref, ...deliverableContent(row) }));

  // Deleted records keep their history: each gets a reference of its own, ordered by what it said.
  // (A revision of something outside the incident, were there one, is kept the same way.)
  const isRecord = (id: string) => {
    const ref = refs.get(id);
    return ref !== undefined && ![USER_REF, SERVICE_REF, TEAM_REF, TEMPLATE_REF].some((prefix) => ref.startsWith(prefix));
  };
  const gone = [...new Set(revisions.filter((r) => !isRecord(r.entityId)).map((r) => r.entityId))].map((id) => ({
    id,
    entityType: revisions.find((r) => r.entityId === id)?.entityType ?? "",
  }));
  const goneRefs = new Map(sortByKey(gone, (g) => [g.entityType, history(g.id)]).map((g, i) => [g.id, `${GONE_REF}${i + 1}`]));
  const entityRef = (id: string) => goneRefs.get(id) ?? refs.get(id) ?? "";

  const snapshotRefs = {
    id: (v: string) => {
      const ref = goneRefs.get(v) ?? refs.get(v);
      if (ref !== undefined) return ref;
      const email = person(v);
      return email ? USER_REF + email : null;
    },
    attachment: attachmentRef,
  };
  const revisionsJson = sortByKey(
    revisions.map((r) => ({ r, entity: entityRef(r.entityId) })),
    ({ r, entity }) => [r.createdAt, r.entityType, entity, r.version],
  ).map(({ r, entity }) => ({
    entityType: r.entityType,
    entity,
    version: r.version,
    author: person(r.authorId),
    snapshot: json(mapReferences(r.snapshot, snapshotRefs)),
    createdAt: iso(r.createdAt),
  }));

  const links = sortByKey(
    [
      ...incident.linksFrom.map((l) => ({ direction: "outgoing" as const, other: l.to, note: l.note, createdAt: l.createdAt })),
      ...incident.linksTo.map((l) => ({ direction: "incoming" as const, other: l.from, note: l.note, createdAt: l.createdAt })),
    ],
    (l) => [l.direction, l.other.number, l.other.title, l.note],
  ).map((l) => ({
    direction: l.direction,
    number: l.other.number,
    title: l.other.title,
    note: l.note,
    createdAt: iso(l.createdAt),
  }));

  const incidentJson: IncidentJson["incident"] = {
    number: incident.number,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    summary: incident.summary,
    customerImpact: incident.customerImpact,
    usersAffectedPct: incident.usersAffectedPct,
    tags: incident.tags,
    restricted: incident.restricted,
    timeZone: incident.timeZone,
    startedAt: iso(incident.startedAt),
    detectedAt: isoOrNull(incident.detectedAt),
    mitigatedAt: isoOrNull(incident.mitigatedAt),
    resolvedAt: isoOrNull(incident.resolvedAt),
    version: incident.version,
    createdBy: person(incident.createdById),
    createdAt: iso(incident.createdAt),
    updatedAt: iso(incident.updatedAt),
    observedPeakRps: incident.observedPeakRps,
    observedPeakUsers: incident.observedPeakUsers,
    observedLoadNote: incident.observedLoadNote,
    observedLoadVersion: incident.observedLoadVersion,
    services: sortByKey(incident.services, (s) => [s.service.name]).map((s) => ({
      name: s.service.name,
      description: s.service.description,
      team: s.service.team?.name ?? null,
    })),
    members: incident.members.flatMap((m) => person(m.userId) ?? []).sort(),
    roles: sortByKey(
      incident.roles.flatMap((r) => {
        const email = person(r.userId);
        return email ? [{ role: r.role, person: email }] : [];
      }),
      (r) => [r.role, r.person],
    ),
    links,
  };

  return {
    format: INCIDENT_JSON_FORMAT,
    version: INCIDENT_JSON_VERSION,
    exportedAt: new Date().toISOString(),
    people: sortByKey([...people.values()], (p) => [p.email]),
    severityLevel: {
      level: incident.severityLevel.level,
      name: incident.severityLevel.name,
      description: incident.severityLevel.description,
    },
    incident: incidentJson,
    template: templateJson,
    postmortem: postmortemJson,
    timelineEvents: eventsJson,
    rootCauses: causesJson,
    actionItems: actionsJson,
    comments: commentsJson,
    attachments: attachmentsJson,
    metricCharts: chartsJson,
    loadTestRuns: runsJson,
    deliverables: deliverablesJson,
    revisions: revisionsJson,
  };
}

/**
 * A record's history as text without ids: the last tie-break when two records say exactly the same,
 * so even twins come out in the same order from every database.
 */
function historyKeys(revisions: { entityId: string; version: number; createdAt: Date; snapshot: Prisma.JsonValue }[]) {
  const byEntity = new Map<string, typeof revisions>();
  for (const r of revisions) byEntity.set(r.entityId, [...(byEntity.get(r.entityId) ?? []), r]);
  const keys = new Map<string, string>();
  for (const [id, rows] of byEntity) {
    const ordered = sortByKey(rows, (r) => [r.version, r.createdAt]);
    keys.set(id, canonicalJson(ordered.map((r) => [r.version, iso(r.createdAt), withoutIds(r.snapshot as JsonValue)])));
  }
  return (id: string) => keys.get(id) ?? "";
}

/** The template version the postmortem renders with (its pin, or the template's latest), whole. */
async function pinnedTemplateJson(
  tx: Db,
  template: {
    id: string;
    key: string;
    name: string;
    description: string;
    audience: string;
    builtIn: boolean;
    version: number;
    sections: Prisma.JsonValue;
  },
  pinned: number | null,
): Promise<TemplateJson> {
  const version = pinned ?? template.version;
  const row = (await tx.templateVersion.findUnique({ where: { templateId_version: { templateId: template.id, version } } })) ?? {
    // A template saved before versions were kept has only its current state.
    ...template,
    version: template.version,
  };
  const sections = templateSectionsSchema.safeParse(row.sections);
  if (!sections.success) {
    throw new AppError("INTERNAL", `Template "${template.key}" version ${row.version} has sections that are no longer valid.`);
  }
  return {
    key: template.key,
    name: row.name,
    description: row.description,
    audience: (row.audience === "customer" ? "customer" : "internal") satisfies TemplateAudience,
    builtIn: template.builtIn,
    version: row.version,
    sections: sections.data,
  };
}
