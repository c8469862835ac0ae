/**
 * Recreates an exported incident in this database as a new incident (a new number), in one
 * transaction: everything written about it, its history, files, metric snapshots and linked
 * load-test runs. People are matched by e-mail; unknown ones are created inactive, as viewers,
 * without a password. One audit row ("incident.import") records the import; no other audit rows
 * or revisions are added, so an export of the copy equals the source (see comparableIncidentJson).
 */
import { db, type Db, type Prisma } from "@/lib/db";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { visibleIncidentsWhere } from "@/lib/incidents/access";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";
import { insertSeriesChunks } from "@/lib/metrics/point-store";
import { templateSectionsSchema } from "@/lib/templates/types";
import { findTemplateRow } from "@/lib/templates/stored-template";
import {
  INCIDENT_REF,
  POSTMORTEM_REF,
  SERVICE_REF,
  TEAM_REF,
  TEMPLATE_REF,
  USER_REF,
  sectionRef,
  type IncidentJson,
  type TemplateJson,
} from "@/lib/exports/incident-json/schema";
import { prepareIncidentJson, type PreparedIncidentJson } from "@/lib/exports/incident-json/parse-incident-json";
import { canonicalJson, idsIn, mapReferences, type JsonValue } from "@/lib/exports/incident-json/references";

export type ImportIncidentJsonResult = {
  /** The new incident's number in this database. */
  number: number;
  /** Its number where it was exported. */
  sourceNumber: number;
  /** E-mail addresses of the people created (inactive viewers without a password). */
  createdUsers: string[];
  notes: string[];
};

/** Large incidents write many rows and point blocks; PGlite runs them one after another. */
const TRANSACTION = { timeout: 300_000, maxWait: 30_000 };

const date = (s: string) => new Date(s);
const dateOrNull = (s: string | null) => (s === null ? null : new Date(s));
const json = (v: unknown) => v as Prisma.InputJsonValue;

/**
 * Imports a file made by exportIncidentJson. `input` is its text (or bytes, or the parsed value).
 * A bad file is refused with a VALIDATION error naming the JSON path of each problem, before anything is written.
 */
export async function importIncidentJson({ actor, input }: { actor: Actor; input: unknown }): Promise<ImportIncidentJsonResult> {
  assertCan(actor, "edit");
  const prepared = prepareIncidentJson(input);
  return db().$transaction((tx: Db) => writeIncident(tx, actor, prepared), TRANSACTION);
}

async function writeIncident(tx: Db, actor: Actor, prepared: PreparedIncidentJson): Promise<ImportIncidentJsonResult> {
  const { file, ids } = prepared;
  const notes = [...prepared.notes];
  const id = (ref: string) => ids.get(ref) as string;
  const incidentId = id(INCIDENT_REF);

  const { userIds, createdUsers } = await matchPeople(tx, file);
  const person = (email: string | null) => (email === null ? null : (userIds.get(email.toLowerCase()) ?? null));

  if (!(await tx.severityLevel.findUnique({ where: { level: file.severityLevel.level } }))) {
    await tx.severityLevel.create({ data: file.severityLevel });
    notes.push(`Severity level ${file.severityLevel.level} ("${file.severityLevel.name}") was added.`);
  }
  const { serviceIds, teamIds } = await ensureServices(tx, file.incident.services);
  const template = file.postmortem && file.template ? await resolveTemplate(tx, file.template, notes) : null;

  const inc = file.incident;
  const members = new Set(inc.members.map((m) => person(m)).filter((m): m is string => m !== null));
  // Whoever imports a restricted incident must still see it, as whoever opens one does.
  const importer = actorId(actor);
  if (inc.restricted && actor.kind === "user" && actor.role !== "admin" && importer && !members.has(importer)) {
    members.add(importer);
    notes.push("The incident is restricted: you were added to its members so that you can see it.");
  }
  const created = await tx.incident.create({
    data: {
      id: incidentId,
      title: inc.title,
      severity: inc.severity,
      status: inc.status,
      summary: inc.summary,
      customerImpact: inc.customerImpact,
      usersAffectedPct: inc.usersAffectedPct,
      tags: inc.tags,
      restricted: inc.restricted,
      timeZone: inc.timeZone,
      startedAt: date(inc.startedAt),
      detectedAt: dateOrNull(inc.detectedAt),
      mitigatedAt: dateOrNull(inc.mitigatedAt),
      resolvedAt: dateOrNull(inc.resolvedAt),
      version: inc.version,
      createdById: person(inc.createdBy),
      createdAt: date(inc.createdAt),
      updatedAt: date(inc.updatedAt),
      observedPeakRps: inc.observedPeakRps,
      observedPeakUsers: inc.observedPeakUsers,
      observedLoadNote: inc.observedLoadNote,
      observedLoadVersion: inc.observedLoadVersion,
      services: { create: inc.services.map((s) => ({ serviceId: serviceIds.get(s.name) as string })) },
      members: { create: [...members].map((userId) => ({ userId })) },
      roles: {
        create: inc.roles.flatMap((r) => {
          const userId = person(r.person);
          return userId ? [{ role: r.role, userId }] : [];
        }),
      },
    },
    select: { id: true, number: true },
  });
  notes.unshift(`Imported as incident #${created.number}; it was #${inc.number} where it was exported.`);

  await linkIncidents(tx, actor, incidentId, inc.links, notes);

  // Charts before root causes, which point at them.
  await tx.metricChart.createMany({
    data: file.metricCharts.map((c) => ({
      id: id(c.ref),
      incidentId,
      title: c.title,
      kind: c.kind,
      position: c.position,
      caption: c.caption,
      version: c.version,
      createdById: person(c.createdBy),
      createdAt: date(c.createdAt),
      updatedAt: date(c.updatedAt),
    })),
  });
  for (const chart of file.metricCharts) {
    for (const s of chart.series) {
      const points = prepared.series.get(s.ref);
      if (!points) continue;
      const { summary } = points;
      await tx.metricSeries.create({
        data: {
          id: id(s.ref),
          chartId: id(chart.ref),
          incidentId,
          position: s.position,
          name: s.name,
          unit: s.unit,
          source: s.source,
          format: s.format,
          labels: json(s.labels),
          pointCount: summary.pointCount,
          firstAt: summary.firstAt,
          lastAt: summary.lastAt,
          minValue: summary.minValue,
          maxValue: summary.maxValue,
          gapCount: summary.gapCount,
          infiniteCount: summary.infiniteCount,
          sha256: s.sha256,
          version: s.version,
          createdById: person(s.createdBy),
          createdAt: date(s.createdAt),
          updatedAt: date(s.updatedAt),
        },
        select: { id: true },
      });
      await insertSeriesChunks(tx, id(s.ref), points.chunks);
    }
  }

  await tx.timelineEvent.createMany({
    data: file.timelineEvents.map((e) => ({
      id: id(e.ref),
      incidentId,
      occurredAt: date(e.occurredAt),
      precision: e.precision,
      kind: e.kind,
      text: e.text,
      authorId: person(e.author),
      source: e.source,
      version: e.version,
      createdAt: date(e.createdAt),
      updatedAt: date(e.updatedAt),
    })),
  });
  await tx.rootCause.createMany({
    data: file.rootCauses.map((c) => ({
      id: id(c.ref),
      incidentId,
      position: c.position,
      category: c.category,
      description: c.description,
      whys: c.whys,
      isTrigger: c.isTrigger,
      metricChartId: c.metricChart === null ? null : id(c.metricChart),
      version: c.version,
      createdAt: date(c.createdAt),
      updatedAt: date(c.updatedAt),
    })),
  });
  await tx.contributingFactor.createMany({
    data: file.rootCauses.flatMap((c) =>
      c.factors.map((f) => ({ rootCauseId: id(c.ref), position: f.position, description: f.description })),
    ),
  });
  await tx.actionItem.createMany({
    data: file.actionItems.map((a) => ({
      id: id(a.ref),
      incidentId,
      title: a.title,
      description: a.description,
      type: a.type,
      priority: a.priority,
      status: a.status,
      ownerId: person(a.owner),
      dueDate: a.dueDate === null ? null : new Date(`${a.dueDate}T00:00:00.000Z`),
      trackerUrl: a.trackerUrl,
      completedAt: dateOrNull(a.completedAt),
      version: a.version,
      createdAt: date(a.createdAt),
      updatedAt: date(a.updatedAt),
    })),
  });

  for (const a of file.attachments) {
    const data = prepared.attachments.get(a.ref) as Buffer;
    // Raw insert with decode(): pglite-prisma-adapter 0.6.1 cannot pass Prisma's Bytes values.
    await tx.$executeRaw`
      INSERT INTO "Attachment" (id, "incidentId", "fileName", "contentType", size, sha256, data, "createdById", "createdAt")
      VALUES (${id(a.ref)}, ${incidentId}, ${a.fileName}, ${a.contentType}, ${a.size}::int, ${a.sha256},
              decode(${data.toString("base64")}, 'base64'), ${person(a.createdBy)}, ${date(a.createdAt)}::timestamptz)`;
  }

  const pm = file.postmortem;
  if (pm) {
    await tx.postmortem.create({
      data: {
        id: id(POSTMORTEM_REF),
        incidentId,
        templateId: template?.id ?? null,
        // A postmortem that follows its template's latest version keeps doing so when that is the one it got.
        templateVersion: template
          ? pm.templateVersion === null && template.latest
            ? null
            : template.version
          : pm.templateVersion,
        fields: json(pm.fields),
        status: pm.status,
        version: pm.version,
        submittedAt: dateOrNull(pm.submittedAt),
        approvedAt: dateOrNull(pm.approvedAt),
        approvedById: person(pm.approvedBy),
        publishedAt: dateOrNull(pm.publishedAt),
        createdAt: date(pm.createdAt),
        updatedAt: date(pm.updatedAt),
      },
    });
    await tx.postmortemSection.createMany({
      data: pm.sections.map((s) => ({
        id: id(sectionRef(s.key)),
        postmortemId: id(POSTMORTEM_REF),
        key: s.key,
        title: s.title,
        position: s.position,
        content: json(prepared.sectionContents.get(s.key)),
        version: s.version,
        updatedById: person(s.updatedBy),
        createdAt: date(s.createdAt),
        updatedAt: date(s.updatedAt),
      })),
    });
  }

  await tx.comment.createMany({
    data: parentsFirst(file.comments).map((c) => ({
      id: id(c.ref),
      incidentId,
      postmortemId: c.onPostmortem && pm ? id(POSTMORTEM_REF) : null,
      sectionKey: c.sectionKey,
      parentId: c.parent === null ? null : id(c.parent),
      authorId: person(c.author),
      body: c.body,
      resolvedAt: dateOrNull(c.resolvedAt),
      createdAt: date(c.createdAt),
      updatedAt: date(c.updatedAt),
    })),
  });

  const resolve = await outsideReferences(tx, file, { userIds, serviceIds, teamIds, template });
  const snapshotRefs = {
    id: (ref: string) => ids.get(ref) ?? resolve(ref),
    attachment: (ref: string) => (ref.startsWith("attachment:") ? (ids.get(ref) ?? null) : null),
  };
  await tx.revision.createMany({
    data: file.revisions.map((r) => {
      let snapshot = mapReferences(r.snapshot as JsonValue, snapshotRefs);
      // An incident's snapshots carry its number: the record now has the new one.
      if (
        r.entityType === "Incident" &&
        snapshot !== null &&
        typeof snapshot === "object" &&
        !Array.isArray(snapshot) &&
        "number" in snapshot
      ) {
        snapshot = { ...snapshot, number: created.number };
      }
      return {
        incidentId,
        entityType: r.entityType,
        entityId: id(r.entity),
        version: r.version,
        authorId: person(r.author),
        snapshot: json(snapshot),
        createdAt: date(r.createdAt),
      };
    }),
  });

  await tx.loadTestRun.createMany({
    data: file.loadTestRuns.map((r) => ({
      id: id(r.ref),
      name: r.name,
      tool: r.tool,
      format: r.format,
      startedAt: dateOrNull(r.startedAt),
      endedAt: dateOrNull(r.endedAt),
      environment: json(r.environment),
      notes: r.notes,
      journal: json(r.journal),
      statisticsSource: r.statisticsSource,
      histogramErrorPct: r.histogramErrorPct,
      bucketSeconds: r.bucketSeconds,
      series: json(r.series),
      loadProfile: json(r.loadProfile),
      thresholds: json(r.thresholds),
      warnings: json(r.warnings),
      sourceFiles: json(r.sourceFiles),
      version: r.version,
      createdById: person(r.createdBy),
      createdAt: date(r.createdAt),
      updatedAt: date(r.updatedAt),
    })),
  });
  await tx.loadTestLabelStat.createMany({
    data: file.loadTestRuns.flatMap((r) =>
      r.labels.map((l) => ({ ...l, runId: id(r.ref), otherPercentiles: json(l.otherPercentiles), sources: json(l.sources) })),
    ),
  });
  await tx.incidentLoadTestRun.createMany({
    data: file.loadTestRuns.map((r) => ({
      incidentId,
      runId: id(r.ref),
      note: r.link.note,
      createdById: person(r.link.createdBy),
      createdAt: date(r.link.createdAt),
    })),
  });
  if (file.loadTestRuns.length > 0) {
    notes.push(`${file.loadTestRuns.length} linked load-test run(s) were imported as new runs, linked to this incident only.`);
  }

  await tx.deliverable.createMany({
    data: file.deliverables.map((d) => ({
      id: id(d.ref),
      incidentId,
      position: d.position,
      number: d.number,
      title: d.title,
      link: d.link,
      notes: d.notes,
      engineeringTime: d.engineeringTime,
      version: d.version,
      createdAt: date(d.createdAt),
      updatedAt: date(d.updatedAt),
    })),
  });

  await refreshIncidentSearch(tx, incidentId);
  await recordAudit(tx, actor, {
    action: "incident.import",
    entityType: "Incident",
    entityId: incidentId,
    incidentId,
    data: { number: created.number, sourceNumber: inc.number, exportedAt: file.exportedAt, createdUsers, notes },
  });
  return { number: created.number, sourceNumber: inc.number, createdUsers, notes };
}

/** People by e-mail; someone unknown here is created inactive, as a viewer, without a password. */
async function matchPeople(tx: Db, file: IncidentJson) {
  const wanted = new Map(file.people.map((p) => [p.email.toLowerCase(), p]));
  const found = await tx.user.findMany({ where: { email: { in: [...wanted.keys()] } }, select: { id: true, email: true } });
  const userIds = new Map(found.map((u) => [u.email.toLowerCase(), u.id]));
  const createdUsers: string[] = [];
  for (const [email, p] of wanted) {
    if (userIds.has(email)) continue;
    const user = await tx.user.create({
      data: { email, name: p.name, role: "viewer", active: false, passwordHash: null },
      select: { id: true },
    });
    userIds.set(email, user.id);
    createdUsers.push(email);
  }
  return { userIds, createdUsers };
}

/** Services by name; a missing one is created with its description and team (the team by name, created if missing). */
async function ensureServices(tx: Db, services: IncidentJson["incident"]["services"]) {
  const serviceIds = new Map<string, string>();
  const teamIds = new Map<string, string>();
  for (const s of services) {
    const existing = await tx.service.findUnique({ where: { name: s.name }, select: { id: true } });
    if (existing) {
      serviceIds.set(s.name, existing.id);
      continue;
    }
    let teamId: string | null = null;
    if (s.team !== null) {
      teamId =
        teamIds.get(s.team) ?? (await tx.team.upsert({ where: { name: s.team }, create: { name: s.team }, update: {} })).id;
      teamIds.set(s.team, teamId);
    }
    const created = await tx.service.create({ data: { name: s.name, description: s.description, teamId }, select: { id: true } });
    serviceIds.set(s.name, created.id);
  }
  return { serviceIds, teamIds };
}

type TemplatePin = { id: string; key: string; version: number; /** The template's current version. */ latest: boolean };

/**
 * The template version the postmortem was written with. Version numbers are per database, so a pin
 * is reused only when its content is the same; a template missing here is created; one that exists
 * with other content is left alone and the exported version comes in as a copy under a new key.
 */
async function resolveTemplate(tx: Db, t: TemplateJson, notes: string[]): Promise<TemplatePin> {
  const content = (row: { name: string; description: string; audience: string; sections: unknown }) => {
    const sections = templateSectionsSchema.safeParse(row.sections);
    return canonicalJson([row.name, row.description, row.audience, sections.success ? sections.data : row.sections]);
  };
  const wanted = content(t);
  // A built-in not installed here yet (a database the start script has not prepared) is installed first.
  const existing = await findTemplateRow(tx, t.key);
  if (existing) {
    const versions = await tx.templateVersion.findMany({ where: { templateId: existing.id } });
    const candidates = [...versions, existing].filter((v) => content(v) === wanted);
    const exact = candidates.find((v) => v.version === t.version);
    if (exact) return { id: existing.id, key: existing.key, version: t.version, latest: t.version === existing.version };
    const same = candidates.sort((a, b) => b.version - a.version)[0];
    if (same) {
      notes.push(
        `Template "${t.key}" version ${t.version} is version ${same.version} here (same sections); the postmortem uses it.`,
      );
      return { id: existing.id, key: existing.key, version: same.version, latest: same.version === existing.version };
    }
  }
  const key = existing ? await freeTemplateKey(tx, t.key) : t.key;
  const created = await tx.template.create({
    data: {
      key,
      name: t.name,
      description: t.description,
      audience: t.audience,
      sections: json(t.sections),
      // Built-ins of this version of Hindsight were installed above; any other template is a custom one here.
      builtIn: false,
      version: t.version,
      versions: {
        create: {
          version: t.version,
          name: t.name,
          description: t.description,
          audience: t.audience,
          sections: json(t.sections),
        },
      },
    },
    select: { id: true },
  });
  notes.push(
    existing
      ? `Template "${t.key}" here differs from version ${t.version} of the export; that version was added as template "${key}".`
      : `Template "${t.key}" (version ${t.version}) was added.`,
  );
  return { id: created.id, key, version: t.version, latest: true };
}

async function freeTemplateKey(tx: Db, key: string): Promise<string> {
  const base = `${key.slice(0, 48)}_imported`;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}_${n}`;
    if (!(await tx.template.findUnique({ where: { key: candidate }, select: { id: true } }))) return candidate;
  }
}

/** Links to incidents here with the same number and title; any other is reported, never guessed. */
async function linkIncidents(
  tx: Db,
  actor: Actor,
  incidentId: string,
  links: IncidentJson["incident"]["links"],
  notes: string[],
) {
  for (const link of links) {
    const other = await tx.incident.findFirst({
      where: { AND: [{ number: link.number, title: link.title, id: { not: incidentId } }, visibleIncidentsWhere(actor)] },
      select: { id: true },
    });
    if (!other) {
      notes.push(
        `The link ${link.direction === "outgoing" ? "to" : "from"} incident #${link.number} "${link.title}" was left out: no incident here has that number and title.`,
      );
      continue;
    }
    const [fromId, toId] = link.direction === "outgoing" ? [incidentId, other.id] : [other.id, incidentId];
    await tx.incidentLink.create({ data: { fromId, toId, note: link.note, createdAt: date(link.createdAt) } });
  }
}

/** Replies after the comments they answer (the file's order may put them anywhere). */
function parentsFirst(comments: IncidentJson["comments"]): IncidentJson["comments"] {
  const byRef = new Map(comments.map((c) => [c.ref, c]));
  const done = new Set<string>();
  const out: IncidentJson["comments"] = [];
  const visit = (c: IncidentJson["comments"][number]) => {
    if (done.has(c.ref)) return;
    done.add(c.ref);
    const parent = c.parent === null ? undefined : byRef.get(c.parent);
    if (parent) visit(parent);
    out.push(c);
  };
  comments.forEach(visit);
  return out;
}

/**
 * How snapshot references to things outside the incident resolve here: people as matched, services,
 * teams and templates by name or key (null when this database has none of that name).
 */
async function outsideReferences(
  tx: Db,
  file: IncidentJson,
  known: {
    userIds: Map<string, string>;
    serviceIds: Map<string, string>;
    teamIds: Map<string, string>;
    template: TemplatePin | null;
  },
): Promise<(ref: string) => string | null> {
  const refs = new Set<string>();
  for (const r of file.revisions) idsIn(r.snapshot as JsonValue, refs);
  const named = (prefix: string) => [...refs].filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length));
  const services = await tx.service.findMany({ where: { name: { in: named(SERVICE_REF) } }, select: { id: true, name: true } });
  const teams = await tx.team.findMany({ where: { name: { in: named(TEAM_REF) } }, select: { id: true, name: true } });
  const templates = await tx.template.findMany({ where: { key: { in: named(TEMPLATE_REF) } }, select: { id: true, key: true } });
  const byRef = new Map<string, string>([
    ...services.map((s) => [SERVICE_REF + s.name, s.id] as const),
    ...teams.map((t) => [TEAM_REF + t.name, t.id] as const),
    ...templates.map((t) => [TEMPLATE_REF + t.key, t.id] as const),
    ...[...known.serviceIds].map(([name, id]) => [SERVICE_REF + name, id] as const),
    ...[...known.teamIds].map(([name, id]) => [TEAM_REF + name, id] as const),
    ...[...known.userIds].map(([email, id]) => [USER_REF + email, id] as const),
  ]);
  // The exported template's key may have come in under another key.
  if (known.template && file.template) byRef.set(TEMPLATE_REF + file.template.key, known.template.id);
  return (ref) => byRef.get(ref.startsWith(USER_REF) ? ref.toLowerCase() : ref) ?? null;
}
