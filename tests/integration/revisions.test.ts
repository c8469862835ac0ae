import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser } from "./support/factories";
import { createIncident } from "@/lib/incidents/create-incident";
import { saveSection } from "@/lib/postmortems/save-section";
import { getNarrative } from "@/lib/postmortems/get-narrative";
import { listRevisions } from "@/lib/revisions/list-revisions";
import { compareRevisions } from "@/lib/revisions/compare-revisions";
import { restoreRevision } from "@/lib/revisions/restore-revision";
import { recordRevision, toSnapshot } from "@/lib/revisions/record-revision";
import type { TipTapDoc } from "@/lib/postmortems/content-schema";
import { loadRootCause, rootCauseSnapshot } from "@/lib/rootcauses/snapshot";

const doc = (text: string): TipTapDoc => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

describe.each(DATABASES)("revision history on %s", (_kind, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("lists, diffs and restores a narrative section as a new version equal to the old snapshot", async () => {
    const editor = await makeUser("editor");
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    const ref = { incidentNumber: incident.number, key: "recovery" as const };
    await saveSection({ actor: editor, input: { ...ref, content: doc("We restarted the cache"), version: 1 } });
    await saveSection({ actor: editor, input: { ...ref, content: doc("We failed over the cache"), version: 2 } });

    const revisions = await listRevisions({ actor: editor, input: { incidentNumber: incident.number } });
    const sectionRevs = revisions.filter((r) => r.entityType === "PostmortemSection");
    expect(sectionRevs.map((r) => r.version)).toEqual([3, 2]);
    expect(sectionRevs[0].author).toBe(editor.name);

    const diff = await compareRevisions({
      actor: editor,
      input: { incidentNumber: incident.number, fromId: sectionRevs[0].id, toId: sectionRevs[1].id },
    });
    expect([diff.fromVersion, diff.toVersion]).toEqual([2, 3]);
    expect(diff.parts.filter((p) => p.op !== "equal")).toEqual([
      { op: "delete", text: "restarted" },
      { op: "insert", text: "failed over" },
    ]);

    const restored = await restoreRevision({
      actor: editor,
      input: { incidentNumber: incident.number, revisionId: sectionRevs[1].id },
    });
    expect(restored.version).toBe(4);
    const v2 = await database.client.revision.findUniqueOrThrow({ where: { id: sectionRevs[1].id } });
    const v4 = await database.client.revision.findFirstOrThrow({ where: { entityId: v2.entityId, version: 4 } });
    expect((v4.snapshot as { content: unknown }).content).toEqual((v2.snapshot as { content: unknown }).content);
    const narrative = await getNarrative({ actor: editor, input: { incidentNumber: incident.number } });
    expect(narrative.sections.find((s) => s.key === "recovery")?.html).toContain("We restarted the cache");
    const audit = await database.client.auditLog.findFirstOrThrow({
      where: { entityId: v2.entityId, data: { path: ["version"], equals: 4 } },
    });
    expect(audit.data).toMatchObject({ restoredFrom: v2.id });

    const viewer = await makeUser("viewer");
    await expect(
      restoreRevision({ actor: viewer, input: { incidentNumber: incident.number, revisionId: sectionRevs[1].id } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses to compare versions of different records", async () => {
    const editor = await makeUser("editor");
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    const a = await saveSection({
      actor: editor,
      input: { incidentNumber: incident.number, key: "summary", content: doc("a"), version: 1 },
    });
    const b = await saveSection({
      actor: editor,
      input: { incidentNumber: incident.number, key: "impact", content: doc("b"), version: 1 },
    });
    const [ra, rb] = await Promise.all(
      [a, b].map((s) => database.client.revision.findFirstOrThrow({ where: { entityId: s.id } })),
    );
    await expect(
      compareRevisions({ actor: editor, input: { incidentNumber: incident.number, fromId: ra.id, toId: rb.id } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("restores a deleted timeline event and an edited action item from their snapshots", async () => {
    const editor = await makeUser("editor");
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    const event = await database.client.timelineEvent.create({
      data: {
        incidentId: incident.id,
        occurredAt: new Date("2026-05-12T17:05:00Z"),
        text: "Pager fired",
        kind: "detection",
        authorId: editor.id,
      },
    });
    await recordRevision(database.client, editor, {
      incidentId: incident.id,
      entityType: "TimelineEvent",
      entityId: event.id,
      version: 1,
      snapshot: toSnapshot(event),
    });
    await database.client.timelineEvent.delete({ where: { id: event.id } });
    await recordRevision(database.client, editor, {
      incidentId: incident.id,
      entityType: "TimelineEvent",
      entityId: event.id,
      version: 2,
      snapshot: { ...(toSnapshot(event) as object), deleted: true },
    });
    const [deletedRev, firstRev] = await database.client.revision.findMany({
      where: { entityId: event.id },
      orderBy: { version: "desc" },
    });
    await expect(
      restoreRevision({ actor: editor, input: { incidentNumber: incident.number, revisionId: deletedRev.id } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const restored = await restoreRevision({
      actor: editor,
      input: { incidentNumber: incident.number, revisionId: firstRev.id },
    });
    expect(restored.version).toBe(3);
    const back = await database.client.timelineEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect([back.text, back.kind, back.occurredAt.toISOString(), back.version]).toEqual([
      "Pager fired",
      "detection",
      "2026-05-12T17:05:00.000Z",
      3,
    ]);

    const item = await database.client.actionItem.create({
      data: { incidentId: incident.id, title: "Add memory alert", type: "detect", priority: "p1" },
    });
    await recordRevision(database.client, editor, {
      incidentId: incident.id,
      entityType: "ActionItem",
      entityId: item.id,
      version: 1,
      snapshot: toSnapshot(item),
    });
    await database.client.actionItem.update({
      where: { id: item.id },
      data: { title: "Something else", priority: "p3", version: 2 },
    });
    const itemRev = await database.client.revision.findFirstOrThrow({ where: { entityId: item.id } });
    const r = await restoreRevision({ actor: editor, input: { incidentNumber: incident.number, revisionId: itemRev.id } });
    expect(r.version).toBe(3);
    const now = await database.client.actionItem.findUniqueOrThrow({ where: { id: item.id } });
    expect([now.title, now.priority, now.version]).toEqual(["Add memory alert", "p1", 3]);
    const latest = await database.client.revision.findFirstOrThrow({ where: { entityId: item.id, version: 3 } });
    expect((latest.snapshot as { title: string }).title).toBe("Add memory alert");
  });

  it("recreates a deleted root cause with its contributing factors", async () => {
    const editor = await makeUser("editor");
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    const rc = await database.client.rootCause.create({
      data: {
        incidentId: incident.id,
        position: 1,
        category: "capacity",
        description: "Cache sized for last year's traffic",
        whys: ["no alert", "no review"],
        factors: { create: [{ position: 1, description: "Holiday peak" }] },
      },
    });
    const record = await loadRootCause(database.client, rc.id);
    await recordRevision(database.client, editor, {
      incidentId: incident.id,
      entityType: "RootCause",
      entityId: rc.id,
      version: 1,
      snapshot: rootCauseSnapshot(record!),
    });
    await database.client.rootCause.delete({ where: { id: rc.id } });
    const rev = await database.client.revision.findFirstOrThrow({ where: { entityId: rc.id } });
    const restored = await restoreRevision({ actor: editor, input: { incidentNumber: incident.number, revisionId: rev.id } });
    expect(restored.version).toBe(2);
    const back = await loadRootCause(database.client, rc.id);
    expect([back?.description, back?.whys, back?.factors.map((f) => f.description), back?.version]).toEqual([
      "Cache sized for last year's traffic",
      ["no alert", "no review"],
      ["Holiday peak"],
      2,
    ]);
  });

  it("hides revisions of restricted incidents from outsiders", async () => {
    const editor = await makeUser("editor");
    const outsider = await makeUser("editor");
    const incident = await createIncident({ actor: editor, input: incidentInput({ restricted: true }) });
    await saveSection({
      actor: editor,
      input: { incidentNumber: incident.number, key: "summary", content: doc("secret"), version: 1 },
    });
    await expect(listRevisions({ actor: outsider, input: { incidentNumber: incident.number } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const rev = await database.client.revision.findFirstOrThrow({ where: { incidentId: incident.id } });
    await expect(
      restoreRevision({ actor: outsider, input: { incidentNumber: incident.number, revisionId: rev.id } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
