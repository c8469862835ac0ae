/**
 * Lossless JSON export and import of an incident: a rich incident built with the domain verbs is
 * exported, imported into a second, empty database (of the other kind, so both engines serve as
 * source and target), exported again, and the two exports compare equal.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshPglite, freshPostgres, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser } from "./support/factories";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { createIncident } from "@/lib/incidents/create-incident";
import { updateIncident } from "@/lib/incidents/update-incident";
import { createTimelineEvent } from "@/lib/timeline/create-timeline-event";
import { updateTimelineEvent } from "@/lib/timeline/update-timeline-event";
import { deleteTimelineEvent } from "@/lib/timeline/delete-timeline-event";
import { createRootCause } from "@/lib/rootcauses/create-root-cause";
import { deleteRootCause } from "@/lib/rootcauses/delete-root-cause";
import { createActionItem } from "@/lib/actions/create-action-item";
import { updateActionItem } from "@/lib/actions/update-action-item";
import { createAttachment } from "@/lib/attachments/create-attachment";
import { getAttachmentForUser } from "@/lib/attachments/get-attachment";
import { saveSection } from "@/lib/postmortems/save-section";
import { addComment } from "@/lib/comments/add-comment";
import { resolveComment } from "@/lib/comments/resolve-comment";
import { submitForReview } from "@/lib/review/submit-for-review";
import { approvePostmortem } from "@/lib/review/approve-postmortem";
import { saveMetricSnapshot } from "@/lib/metrics/save-metric-snapshot";
import { pointsSha256, readAllPoints } from "@/lib/metrics/point-store";
import { saveLoadTestRun } from "@/lib/loadtests/save-load-test-run";
import { linkLoadTestRun } from "@/lib/loadtests/link-load-test-run";
import { setObservedLoad } from "@/lib/loadtests/incident-load-tests";
import { emptyStatistics, type ParsedRun } from "@/lib/loadtests/types";
import { listRevisions } from "@/lib/revisions/list-revisions";
import { restoreRevision } from "@/lib/revisions/restore-revision";
import { templateSectionsSchema } from "@/lib/templates/types";
import { createTemplate, updateTemplate } from "@/lib/templates/save-template";
import { switchPostmortemTemplate } from "@/lib/templates/postmortem-template";
import { createDeliverable } from "@/lib/deliverables/create-deliverable";
import { saveReportFields } from "@/lib/deliverables/save-report-fields";
import type { TipTapDoc } from "@/lib/postmortems/content-schema";
import { attachmentUrl } from "@/lib/attachments/constants";
import * as search from "@/lib/search/refresh-incident-search";
import { exportIncidentJson } from "@/lib/exports/incident-json/export-incident-json";
import { importIncidentJson, type ImportIncidentJsonResult } from "@/lib/exports/incident-json/import-incident-json";
import { comparableIncidentJson } from "@/lib/exports/incident-json/comparable-incident-json";
import type { IncidentJson } from "@/lib/exports/incident-json/schema";
import { incidentsCommand } from "@/scripts/cli-incidents";

// Passes through to the real refresh; one test makes it fail to show a failed import leaves nothing behind.
vi.mock("@/lib/search/refresh-incident-search", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/search/refresh-incident-search")>();
  return { refreshIncidentSearch: vi.fn(actual.refreshIncidentSearch) };
});

type User = Extract<Actor, { kind: "user" }>;

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

const paragraph = (text: string) => ({ type: "paragraph" as const, content: [{ type: "text" as const, text }] });

/** 10,000 points a minute apart (three level-0 blocks and a level above), with a gap, ±Infinity and -0. */
function latencyPoints() {
  const length = 10_000;
  const times = new Float64Array(length);
  const values = new Float64Array(length);
  const start = Date.UTC(2026, 4, 12, 10, 0);
  for (let i = 0; i < length; i++) {
    times[i] = start + i * 60_000;
    values[i] = 100 + ((i * 37) % 250) + i / 1000;
  }
  values[17] = NaN;
  values[18] = Infinity;
  values[19] = -Infinity;
  values[20] = -0;
  return { times, values, length };
}

function loadTestRun(): ParsedRun {
  const t0 = Date.UTC(2026, 4, 13, 9, 0);
  const label = (name: string, count: number) => ({
    ...emptyStatistics(name),
    count,
    errors: 1,
    min: 4,
    mean: 21.5,
    max: 180,
    p50: 18,
    p90: 44,
    p95: 61,
    p99: 150,
    throughput: count / 60,
    sources: { "*": `computed from ${count} samples` },
  });
  return {
    tool: "jmeter",
    format: "jmeter-csv",
    suggestedName: "Checkout soak",
    startedAt: new Date(t0),
    endedAt: new Date(t0 + 60_000),
    environment: { threads: "50", host: "staging-api" },
    statisticsSource: "samples",
    histogramErrorPct: null,
    labels: [label("GET /cart", 600), { ...label("POST /checkout", 400), otherPercentiles: { "97.5": 120 } }],
    total: { ...label("TOTAL", 1000), isTotal: true },
    bucketSeconds: 60,
    series: [{ t: t0, requests: 1000, errors: 2, mean: 21.5, p50: 18, p90: 44, p95: 61, p99: 150, users: 50 }],
    loadProfile: [{ t: t0, users: 50 }],
    thresholds: [{ name: "p95 < 100 ms", passed: true }],
    warnings: ["3 samples had no label"],
    rowsRead: 1000,
  };
}

const TEMPLATE_SECTIONS = templateSectionsSchema.parse([
  { key: "summary", title: "Summary", kind: "narrative", hint: "What happened, in two sentences" },
  { key: "response", title: "Response", kind: "narrative" },
  { key: "timeline", title: "Timeline", kind: "data", block: "timeline" },
  { key: "deliverables", title: "Deliverables", kind: "data", block: "deliverables", internal: true },
]);

/** Everything an incident can hold, written through the verbs wherever one exists. */
async function buildRichIncident(database: TestDatabase) {
  const client = database.client;
  const [editor, reviewer, owner, viewer] = await Promise.all([
    makeUser("editor"),
    makeUser("reviewer"),
    makeUser("editor"),
    makeUser("viewer"),
  ]);
  const related = await createIncident({ actor: editor, input: incidentInput({ title: "DNS resolver outage" }) });
  const elsewhere = await createIncident({ actor: editor, input: incidentInput({ title: "Only in the source database" }) });
  const roles = [
    { role: "commander", userId: editor.id },
    { role: "scribe", userId: owner.id },
    { role: "communications", userId: reviewer.id },
    { role: "subject_expert", userId: viewer.id },
  ] as const;
  const base = incidentInput({
    restricted: true,
    summary: "Redis evicted session keys under memory pressure.",
    customerImpact: "Users were signed out.",
    usersAffectedPct: 12.5,
    roles: [...roles],
  });
  const incident = await createIncident({ actor: editor, input: base });
  const number = incident.number;
  await updateIncident({
    actor: editor,
    input: { ...base, number, version: 1, status: "resolved", mitigatedAt: "2026-05-12T19:40", resolvedAt: "2026-05-12T20:20" },
  });
  await setObservedLoad({
    actor: editor,
    input: {
      incidentNumber: number,
      version: 1,
      observedPeakRps: 1840.5,
      observedPeakUsers: 5200,
      observedLoadNote: "Evening peak",
    },
  });
  await client.incidentLink.create({ data: { fromId: incident.id, toId: related.id, note: "Same resolver pool" } });
  await client.incidentLink.create({ data: { fromId: elsewhere.id, toId: incident.id, note: "Follow-up" } });

  const detected = await createTimelineEvent({
    actor: editor,
    input: { incidentNumber: number, local: "2026-05-12T19:12", kind: "detection", text: "Alert: p95 latency above 2 s" },
  });
  await createTimelineEvent({
    actor: owner,
    input: { incidentNumber: number, local: "2026-05-11", text: "Traffic grew all day" },
  });
  const wrong = await createTimelineEvent({
    actor: editor,
    input: { incidentNumber: number, local: "2026-05-12T19:20", text: "Wrong entry" },
  });
  await updateTimelineEvent({
    actor: owner,
    input: { id: detected.id, version: 1, local: "2026-05-12T19:12:30", kind: "detection", text: "Alert fired: p95 above 2 s" },
  });
  await deleteTimelineEvent({ actor: editor, input: { id: wrong.id, version: 1 } });

  const snapshot = await saveMetricSnapshot({
    actor: editor,
    input: {
      incidentNumber: number,
      source: "Prometheus: histogram_quantile(0.95, …)",
      chartTitle: "API latency",
      caption: "The spike at 19:10",
      parsed: {
        format: "csv",
        series: [{ name: "p95 latency", unit: "ms", labels: { job: "api" }, points: latencyPoints() }],
        notes: [],
        rowsRead: 10_000,
      },
    },
  });

  const trigger = await createRootCause({
    actor: editor,
    input: {
      incidentId: incident.id,
      category: "capacity",
      description: "maxmemory was too small for the evening peak",
      whys: ["Keys were evicted", "Memory was full"],
      isTrigger: true,
      factors: ["No memory alert", "Session TTL of 30 days"],
    },
  });
  await client.rootCause.update({ where: { id: trigger.id }, data: { metricChartId: snapshot.chartId } });
  const dropped = await createRootCause({
    actor: editor,
    input: { incidentId: incident.id, category: "other", description: "A theory we dropped" },
  });
  await deleteRootCause({ actor: editor, input: { id: dropped.id } });

  const action = await createActionItem({
    actor: editor,
    input: {
      incidentId: incident.id,
      title: "Alert on Redis memory above 80 %",
      type: "detect",
      priority: "p1",
      ownerId: owner.id,
      dueDate: "2026-06-01",
      trackerUrl: "https://tracker.example/OPS-12",
    },
  });
  await updateActionItem({
    actor: owner,
    input: {
      id: action.id,
      version: action.version,
      title: action.title,
      type: "detect",
      priority: "p1",
      status: "done",
      ownerId: owner.id,
      dueDate: "2026-06-01",
      trackerUrl: "https://tracker.example/OPS-12",
    },
  });
  await createActionItem({ actor: editor, input: { incidentId: incident.id, title: "Raise maxmemory", type: "prevent" } });

  await createTemplate({
    actor: reviewer,
    input: { key: "grant_report", name: "Grant report", audience: "internal", sections: TEMPLATE_SECTIONS.slice(0, 1) },
  });
  await updateTemplate({
    actor: reviewer,
    input: {
      key: "grant_report",
      version: 1,
      name: "Grant report",
      description: "Milestone report",
      audience: "internal",
      sections: TEMPLATE_SECTIONS,
    },
  });
  await switchPostmortemTemplate({ actor: editor, input: { incidentNumber: number, templateKey: "grant_report" } });

  const image = await createAttachment({
    actor: editor,
    input: {
      incidentNumber: number,
      fileName: "dashboard.png",
      body: (async function* () {
        yield PNG;
      })(),
    },
  });
  const summary: TipTapDoc = {
    type: "doc",
    content: [
      paragraph("Session keys were evicted by Redis."),
      { type: "image", attrs: { src: attachmentUrl(image.id), alt: "Memory graph" } },
      {
        type: "paragraph",
        content: [
          { type: "text", text: "Runbook", marks: [{ type: "link", attrs: { href: "https://runbooks.example/redis" } }] },
        ],
      },
    ],
  };
  await saveSection({ actor: editor, input: { incidentNumber: number, key: "summary", content: summary, version: 1 } });
  await saveSection({
    actor: owner,
    input: {
      incidentNumber: number,
      key: "response",
      content: { type: "doc", content: [paragraph("We raised maxmemory.")] },
      version: 1,
    },
  });

  const question = await addComment({
    actor: viewer,
    input: { incidentNumber: number, sectionKey: "summary", body: "Which keys exactly?" },
  });
  await addComment({ actor: editor, input: { incidentNumber: number, parentId: question.id, body: "Session keys only." } });
  await resolveComment({ actor: editor, input: { commentId: question.id } });

  await saveReportFields({
    actor: editor,
    input: { incidentId: incident.id, applicationLink: "https://app.example", milestoneNumber: "M3", previous: {} },
  });
  const pm = await client.postmortem.findUniqueOrThrow({ where: { incidentId: incident.id } });
  await submitForReview({ actor: editor, input: { incidentNumber: number, version: pm.version } });
  const submitted = await client.postmortem.findUniqueOrThrow({ where: { id: pm.id } });
  await approvePostmortem({ actor: reviewer, input: { incidentNumber: number, version: submitted.version } });

  const run = await saveLoadTestRun({
    actor: editor,
    run: loadTestRun(),
    sourceFiles: [{ name: "soak.jtl", size: 123456 }],
    incidentNumber: number,
  });
  await linkLoadTestRun({
    actor: editor,
    input: { runId: run.id, incidentNumber: number, note: "Reproduced the eviction at 50 threads" },
  });
  await client.loadTestRun.update({
    where: { id: run.id },
    data: { journal: { changes: "maxmemory 2 GB", nextUp: "4 GB", notDoing: "", thoughts: "" } },
  });

  await createDeliverable({
    actor: editor,
    input: {
      incidentId: incident.id,
      number: "3.1",
      title: "Memory alerting",
      link: "https://example.org/pr/1",
      engineeringTime: "3 days",
    },
  });
  await createDeliverable({
    actor: owner,
    input: { incidentId: incident.id, number: "3.2", title: "Capacity runbook", notes: "Reviewed by ops" },
  });
  return { number, editor, viewer, sourceId: incident.id, elsewhereNumber: elsewhere.number };
}

/** The source export without what cannot exist in the target: the link from an incident only the source has. */
function withoutLinkFrom(json: IncidentJson, number: number): IncidentJson {
  return { ...json, incident: { ...json.incident, links: json.incident.links.filter((l) => l.number !== number) } };
}

async function counts(database: TestDatabase) {
  const c = database.client;
  return {
    incidents: await c.incident.count(),
    users: await c.user.count(),
    audit: await c.auditLog.count(),
    revisions: await c.revision.count(),
    templates: await c.template.count(),
    runs: await c.loadTestRun.count(),
    services: await c.service.count(),
  };
}

const PAIRS = [
  { from: "pglite", freshSource: freshPglite, to: "postgresql", freshTarget: freshPostgres },
  { from: "postgresql", freshSource: freshPostgres, to: "pglite", freshTarget: freshPglite },
];

describe.each(PAIRS)("incident JSON from $from into an empty $to", ({ freshSource, freshTarget }) => {
  let source: TestDatabase;
  let target: TestDatabase;
  let built: Awaited<ReturnType<typeof buildRichIncident>>;
  let exported: IncidentJson;
  let importer: User;
  let result: ImportIncidentJsonResult;
  let reexported: IncidentJson;

  beforeAll(async () => {
    source = await freshSource();
    built = await buildRichIncident(source);
    exported = await exportIncidentJson({ actor: built.editor, incidentNumber: built.number });

    target = await freshTarget(); // now the process client
    importer = await makeUser("admin");
    await createIncident({ actor: importer, input: incidentInput({ title: "DNS resolver outage" }) });
    result = await importIncidentJson({ actor: importer, input: JSON.stringify(exported) });
    reexported = await exportIncidentJson({ actor: importer, incidentNumber: result.number });
  });
  afterAll(async () => {
    await target?.dispose();
    await source?.dispose();
  });

  it("exports every part of the incident with references instead of ids", () => {
    expect(exported).toMatchObject({ format: "hindsight-incident", version: 1 });
    expect(exported.timelineEvents.map((e) => e.text)).toEqual(["Traffic grew all day", "Alert fired: p95 above 2 s"]);
    expect(exported.timelineEvents[0]).toMatchObject({ precision: "day", ref: "event:1" });
    expect(exported.rootCauses).toHaveLength(1);
    expect(exported.rootCauses[0]).toMatchObject({
      metricChart: "chart:1",
      factors: [{ description: "No memory alert" }, { description: "Session TTL of 30 days" }],
    });
    expect(exported.actionItems.map((a) => [a.title, a.status, a.dueDate])).toEqual([
      ["Alert on Redis memory above 80 %", "done", "2026-06-01"],
      ["Raise maxmemory", "open", null],
    ]);
    expect(exported.comments.map((c) => [c.ref, c.parent, c.resolvedAt !== null])).toEqual([
      ["comment:1", null, true],
      ["comment:2", "comment:1", false],
    ]);
    expect(exported.postmortem).toMatchObject({ status: "approved", templateVersion: 2, fields: { milestoneNumber: "M3" } });
    expect(exported.template).toMatchObject({ key: "grant_report", version: 2, sections: TEMPLATE_SECTIONS });
    const summary = exported.postmortem?.sections.find((s) => s.key === "summary");
    expect(JSON.stringify(summary?.content)).toContain('"/api/v1/attachments/attachment:1"');
    expect(exported.metricCharts[0].series[0]).toMatchObject({ pointCount: 10_000, gapCount: 1, infiniteCount: 2 });
    expect(exported.loadTestRuns[0]).toMatchObject({
      name: "Checkout soak (JMeter)",
      link: { note: "Reproduced the eviction at 50 threads" },
    });
    expect(exported.deliverables.map((d) => d.number)).toEqual(["3.1", "3.2"]);
    expect(exported.incident.links.map((l) => [l.direction, l.title])).toEqual([
      ["incoming", "Only in the source database"],
      ["outgoing", "DNS resolver outage"],
    ]);
    // Deleted records keep their history under a reference of their own.
    expect(
      exported.revisions
        .filter((r) => r.entity.startsWith("gone:"))
        .map((r) => r.entityType)
        .sort(),
    ).toEqual(["RootCause", "RootCause", "TimelineEvent", "TimelineEvent"]);
    const text = JSON.stringify(exported);
    expect(text).not.toContain(built.sourceId);
    expect(text).not.toContain(built.editor.id);
  });

  it("imports into an empty database and exports identical domain content", () => {
    expect(result.sourceNumber).toBe(built.number);
    expect(result.notes[0]).toBe(`Imported as incident #${result.number}; it was #${built.number} where it was exported.`);
    expect(comparableIncidentJson(reexported)).toEqual(comparableIncidentJson(withoutLinkFrom(exported, built.elsewhereNumber)));
    expect(result.notes.some((n) => n.includes(`#${built.elsewhereNumber} "Only in the source database" was left out`))).toBe(
      true,
    );
  });

  it("creates unknown people inactive, as viewers without a password", async () => {
    expect(result.createdUsers.sort()).toEqual(exported.people.map((p) => p.email).sort());
    const users = await target.client.user.findMany({ where: { email: { in: result.createdUsers } } });
    expect(users).toHaveLength(exported.people.length);
    for (const u of users) expect(u).toMatchObject({ active: false, role: "viewer", passwordHash: null });
    expect(users.map((u) => u.name).sort()).toEqual(exported.people.map((p) => p.name).sort());
  });

  it("keeps files and metric points bit for bit", async () => {
    const incident = await target.client.incident.findUniqueOrThrow({ where: { number: result.number } });
    const [attachment] = await target.client.attachment.findMany({ where: { incidentId: incident.id } });
    const file = await getAttachmentForUser({ actor: importer, id: attachment.id });
    expect(file.data.equals(PNG)).toBe(true);
    const section = await target.client.postmortemSection.findFirstOrThrow({
      where: { postmortem: { incidentId: incident.id }, key: "summary" },
    });
    expect(JSON.stringify(section.content)).toContain(attachmentUrl(attachment.id));

    const [series] = await target.client.metricSeries.findMany({ where: { incidentId: incident.id } });
    const points = await readAllPoints(target.client, series.id);
    const expected = latencyPoints();
    expect(pointsSha256(points)).toBe(pointsSha256(expected));
    expect(Object.is(points.values[20], -0)).toBe(true);
    const levels = await target.client.metricSeriesChunk.groupBy({ by: ["level"], where: { seriesId: series.id }, _count: true });
    expect(levels.map((l) => [l.level, l._count])).toEqual([
      [0, 3],
      [1, 1],
    ]);
  });

  it("writes one audit row, refreshes search and keeps the history restorable", async () => {
    const incident = await target.client.incident.findUniqueOrThrow({ where: { number: result.number } });
    const audit = await target.client.auditLog.findMany({ where: { incidentId: incident.id } });
    expect(audit.map((a) => a.action)).toEqual(["incident.import"]);
    expect(audit[0].data).toMatchObject({ number: result.number, sourceNumber: built.number });
    const found = await target.client.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Incident" WHERE id = ${incident.id} AND "searchVector" @@ plainto_tsquery('english', 'maxmemory evicted')`;
    expect(found[0].n).toBe(1);

    // The deleted event's first version brings it back, under the id its history was given.
    const revisions = await listRevisions({ actor: importer, input: { incidentNumber: result.number } });
    const deleted = revisions.find((r) => r.entityType === "TimelineEvent" && r.label.includes("Wrong entry") && !r.deleted);
    expect(deleted).toBeDefined();
    await restoreRevision({ actor: importer, input: { incidentNumber: result.number, revisionId: deleted!.id } });
    const events = await target.client.timelineEvent.findMany({
      where: { incidentId: incident.id },
      orderBy: { occurredAt: "asc" },
    });
    expect(events.map((e) => e.text)).toContain("Wrong entry");
  });

  it("lets only editors and above import", async () => {
    const viewer = await makeUser("viewer");
    const before = await counts(target);
    await expect(importIncidentJson({ actor: viewer, input: JSON.stringify(exported) })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await counts(target)).toEqual(before);
  });

  it("refuses malformed files with the JSON path of each problem and writes nothing", async () => {
    const text = JSON.stringify(exported);
    const before = await counts(target);
    const refuse = async (input: unknown) => {
      const error = await importIncidentJson({ actor: importer, input }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("VALIDATION");
      return error as AppError;
    };
    const cut = await refuse(text.slice(0, Math.floor(text.length / 2)));
    expect(cut.message).toContain("not valid JSON");

    const wrongFormat = await refuse({ ...exported, format: "something-else" });
    expect(wrongFormat.fields).toHaveProperty("format");

    const wrongTypes = structuredClone(exported) as unknown as {
      timelineEvents: { occurredAt: unknown }[];
      actionItems: { owner: unknown }[];
    };
    wrongTypes.timelineEvents[1].occurredAt = 5;
    wrongTypes.actionItems[0].owner = "nobody@example.test";
    const typed = await refuse(wrongTypes);
    expect(Object.keys(typed.fields ?? {})).toEqual(["timelineEvents.1.occurredAt"]);
    const unknownOwner = structuredClone(exported);
    unknownOwner.actionItems[0].owner = "nobody@example.test";
    expect((await refuse(unknownOwner)).fields).toEqual({
      "actionItems.0.owner": ["nobody@example.test is not listed in people"],
    });

    const tampered = structuredClone(exported);
    const points = Buffer.from(tampered.metricCharts[0].series[0].points, "base64");
    points[8 * 10_000 + 5 * 8] ^= 1; // one bit of the sixth value
    tampered.metricCharts[0].series[0].points = points.toString("base64");
    expect((await refuse(tampered)).fields).toHaveProperty(["metricCharts.0.series.0.sha256"]);

    const html = structuredClone(exported);
    html.attachments[0].contentType = "text/html";
    expect((await refuse(html)).fields).toHaveProperty(["attachments.0.contentType"]);

    expect(await counts(target)).toEqual(before);
  });

  it("leaves nothing behind when a write fails halfway", async () => {
    const before = await counts(target);
    vi.mocked(search.refreshIncidentSearch).mockRejectedValueOnce(new Error("disk full"));
    await expect(importIncidentJson({ actor: importer, input: JSON.stringify(exported) })).rejects.toThrow("disk full");
    expect(await counts(target)).toEqual(before);
  });

  it("reuses people, services and the template already here on a second import", async () => {
    const before = await counts(target);
    const again = await importIncidentJson({ actor: importer, input: exported });
    expect(again.createdUsers).toEqual([]);
    expect(again.number).not.toBe(result.number);
    const after = await counts(target);
    expect(after).toMatchObject({
      users: before.users,
      templates: before.templates,
      services: before.services,
      incidents: before.incidents + 1,
    });
    const copy = await exportIncidentJson({ actor: importer, incidentNumber: again.number });
    expect(comparableIncidentJson(copy)).toEqual(comparableIncidentJson(withoutLinkFrom(exported, built.elsewhereNumber)));
  });

  it("runs as the incidents export and import commands", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-incident-json-"));
    const out = path.join(dir, "incident.json");
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const direct = { withDatabase: <T>(work: () => Promise<T>) => work() };
    try {
      expect(await incidentsCommand(["export", String(result.number), "--out", out], direct)).toBe(0);
      expect(stderr.mock.calls.map((c) => String(c[0])).join("")).toContain(`Wrote ${out}`);
      expect(await incidentsCommand(["import", out, "--json"], direct)).toBe(0);
      const printed = JSON.parse(stdout.mock.calls.map((c) => String(c[0])).join("")) as ImportIncidentJsonResult;
      expect(printed).toMatchObject({ sourceNumber: result.number, createdUsers: [] });
      expect(await incidentsCommand(["import"], direct)).toBe(2);
      expect(await incidentsCommand(["export", "x"], direct)).toBe(2);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
