import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser } from "./support/factories";
import type { Actor } from "@/lib/auth/actor";
import type { AppError } from "@/lib/errors";
import { createIncident } from "@/lib/incidents/create-incident";
import { createActionItem } from "@/lib/actions/create-action-item";
import { updateActionItem } from "@/lib/actions/update-action-item";
import { deleteActionItem } from "@/lib/actions/delete-action-item";
import { listActionItems } from "@/lib/actions/list-action-items";
import { bulkSetActionStatus } from "@/lib/actions/bulk-set-action-status";
import { exportActionItemsCsv } from "@/lib/actions/export-action-items";

type User = Extract<Actor, { kind: "user" }>;
const TODAY = "2026-05-10";

describe.each(DATABASES)("action items on %s", (_kind, fresh) => {
  let database: TestDatabase;
  let editor: User, viewer: User, outsider: User, owner1: User, owner2: User;
  // Filled by the first test, which builds the fixture every filter below is checked against.
  const ids: Record<string, string> = {};
  const numbers: Record<string, number> = {};

  beforeAll(async () => {
    database = await fresh();
    [editor, viewer, outsider, owner1, owner2] = await Promise.all([
      makeUser("editor"),
      makeUser("viewer"),
      makeUser("editor"),
      makeUser("editor"),
      makeUser("reviewer"),
    ]);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const titles = async (actor: Actor, query: Record<string, unknown>) =>
    (await listActionItems({ actor, query, today: TODAY })).items.map((a) => a.title.replace(/^item /, ""));

  it("filters across visible incidents with exact sets and orders", async () => {
    const a = await createIncident({ actor: editor, input: incidentInput({ title: "Incident A", severity: 2 }) });
    const b = await createIncident({
      actor: editor,
      input: incidentInput({ title: "Incident B", severity: 4, services: ["billing"] }),
    });
    const c = await createIncident({
      actor: editor,
      input: incidentInput({ title: "Incident C", severity: 1, restricted: true }),
    });
    Object.assign(numbers, { a: a.number, b: b.number, c: c.number });
    const rows = [
      ["a1", a.id, { priority: "p1", status: "open", ownerId: owner1.id, dueDate: "2026-05-01" }],
      ["a2", a.id, { priority: "p0", status: "in_progress", ownerId: owner2.id, dueDate: "2026-05-09" }],
      ["a3", a.id, { priority: "p2", status: "done", ownerId: owner1.id, dueDate: "2026-05-01" }],
      ["a4", a.id, { priority: "p0", status: "open", ownerId: owner1.id, dueDate: "" }],
      ["b1", b.id, { priority: "p3", status: "open", ownerId: owner1.id, dueDate: "2026-05-10" }],
      ["b2", b.id, { priority: "p2", status: "wont_do", ownerId: owner2.id, dueDate: "2026-04-20" }],
      ["b3", b.id, { priority: "p2", status: "open", ownerId: "", dueDate: "2026-05-05" }],
      ["c1", c.id, { priority: "p2", status: "open", ownerId: owner1.id, dueDate: "2026-05-01" }],
    ] as const;
    for (const [title, incidentId, patch] of rows) {
      const item = await createActionItem({
        actor: editor,
        input: { incidentId, title: `item ${title}`, type: "prevent", ...patch },
      });
      ids[title] = item.id;
    }

    expect((await titles(editor, { overdue: "1" })).sort()).toEqual(["a1", "a2", "b3", "c1"]);
    expect((await titles(outsider, { overdue: "1" })).sort()).toEqual(["a1", "a2", "b3"]);
    expect(await titles(editor, { owner: owner1.id })).toEqual(["a1", "a3", "c1", "b1", "a4"]);
    expect(await titles(outsider, { owner: owner1.id })).toEqual(["a1", "a3", "b1", "a4"]);
    expect(await titles(editor, { owner: "none" })).toEqual(["b3"]);
    expect((await titles(editor, { status: "open" })).sort()).toEqual(["a1", "a4", "b1", "b3", "c1"]);
    expect(await titles(outsider, { service: "billing" })).toEqual(["b2", "b3", "b1"]);
    expect(await titles(outsider, { severity: "2" })).toEqual(["a1", "a3", "a2", "a4"]);
    expect(await titles(editor, { severity: "1" })).toEqual(["c1"]);
    expect(await titles(outsider, { severity: "1" })).toEqual([]);
    expect(await titles(outsider, { overdue: "1", service: "messaging-api" })).toEqual(["a1", "a2"]);
    expect(await titles(outsider, {})).toEqual(["b2", "a1", "a3", "b3", "a2", "b1", "a4"]);
    expect(await titles(outsider, { sort: "priority" })).toEqual(["a2", "a4", "a1", "b2", "a3", "b3", "b1"]);
    // Nonsense in the query string is ignored, not fatal.
    expect(await titles(outsider, { status: "nope", severity: "x", sort: "zzz" })).toHaveLength(7);

    const page2 = await listActionItems({ actor: outsider, query: { page: "2" }, today: TODAY });
    expect([page2.total, page2.items.length, page2.pageCount]).toEqual([7, 0, 1]);
  });

  it("exports the filtered list as escaped CSV", async () => {
    const bNumber = numbers.b;
    await updateActionItem({
      actor: editor,
      input: {
        id: ids.b3,
        version: 1,
        title: '=HYPERLINK("x"), "quoted"',
        type: "detect",
        priority: "p2",
        dueDate: "2026-05-05",
      },
    });
    const csv = await exportActionItemsCsv({ actor: outsider, query: { service: "billing" }, today: TODAY });
    expect(csv).toBe(
      [
        "Incident,Incident title,Severity,Action,Type,Priority,Status,Owner,Owner email,Due date,Overdue,Tracker URL,Completed at",
        `${bNumber},Incident B,SEV4,item b2,prevent,p2,wont_do,reviewer user,${owner2.email},2026-04-20,no,,`,
        `${bNumber},Incident B,SEV4,"'=HYPERLINK(""x""), ""quoted""",detect,p2,open,,,2026-05-05,yes,,`,
        `${bNumber},Incident B,SEV4,item b1,prevent,p3,open,editor user,${owner1.email},2026-05-10,no,,`,
        "",
      ].join("\r\n"),
    );
    // The restricted incident's item never leaks into an outsider's export.
    expect(await exportActionItemsCsv({ actor: outsider, query: {}, today: TODAY })).not.toContain("Incident C");
  });

  it("versions updates, refuses stale saves with both texts, and tracks completion", async () => {
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    const item = await createActionItem({
      actor: editor,
      input: {
        incidentId: incident.id,
        title: "Add memory alert",
        type: "detect",
        trackerUrl: "https://tracker.example/ISSUE-1",
      },
    });
    expect([item.version, item.status, item.priority, item.completedAt]).toEqual([1, "open", "p2", null]);

    const done = await updateActionItem({
      actor: editor,
      input: { id: item.id, version: 1, title: "Add memory alert", type: "detect", status: "done", ownerId: owner1.id },
    });
    expect(done.version).toBe(2);
    expect(done.completedAt).toBeInstanceOf(Date);
    expect(done.trackerUrl).toBeNull();

    const stale = (await updateActionItem({
      actor: editor,
      input: { id: item.id, version: 1, title: "My stale title", type: "detect" },
    }).catch((e) => e)) as AppError;
    expect(stale.code).toBe("CONFLICT");
    const details = stale.details as { current: { title: string; version: number }; yours: { title: string } };
    expect([details.current.title, details.current.version, details.yours.title]).toEqual([
      "Add memory alert",
      2,
      "My stale title",
    ]);

    const reopened = await updateActionItem({
      actor: editor,
      input: { id: item.id, version: 2, title: "Add memory alert", type: "detect", status: "in_progress" },
    });
    expect([reopened.version, reopened.completedAt]).toEqual([3, null]);

    await deleteActionItem({ actor: editor, input: { id: item.id } });
    const revisions = await database.client.revision.findMany({
      where: { entityType: "ActionItem", entityId: item.id },
      orderBy: { version: "asc" },
    });
    expect(revisions.map((r) => r.version)).toEqual([1, 2, 3, 4]);
    expect(revisions[3].snapshot).toMatchObject({ deleted: true, title: "Add memory alert" });
    const audit = await database.client.auditLog.findMany({ where: { entityId: item.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["action.create", "action.update", "action.update", "action.delete"]);
  });

  it("validates tracker URLs, due dates and owners", async () => {
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    const base = { incidentId: incident.id, title: "Something", type: "prevent" as const };
    await expect(
      createActionItem({ actor: editor, input: { ...base, trackerUrl: "javascript:alert(1)" } }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { trackerUrl: ["Enter a full http:// or https:// link"] },
    });
    await expect(createActionItem({ actor: editor, input: { ...base, trackerUrl: "not a url" } })).rejects.toMatchObject({
      fields: { trackerUrl: ["Enter a full http:// or https:// link"] },
    });
    await expect(createActionItem({ actor: editor, input: { ...base, dueDate: "2026-02-30" } })).rejects.toMatchObject({
      fields: { dueDate: ["Enter a real calendar date"] },
    });
    await expect(createActionItem({ actor: editor, input: { ...base, ownerId: "nobody" } })).rejects.toMatchObject({
      fields: { ownerId: ["Choose an active user"] },
    });
  });

  it("forbids viewers and hides restricted incidents' items", async () => {
    const open = await createIncident({ actor: editor, input: incidentInput() });
    await expect(
      createActionItem({ actor: viewer, input: { incidentId: open.id, title: "Nope", type: "prevent" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(bulkSetActionStatus({ actor: viewer, input: { ids: [ids.a1], status: "done" } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const before = await database.client.auditLog.count();
    await expect(
      createActionItem({
        actor: outsider,
        input: { incidentId: (await secretIncidentId()) ?? "", title: "Sneak", type: "prevent" },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      updateActionItem({ actor: outsider, input: { id: ids.c1, version: 1, title: "Overwrite", type: "prevent" } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteActionItem({ actor: outsider, input: { id: ids.c1 } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await database.client.auditLog.count()).toBe(before);
  });

  async function secretIncidentId() {
    return (await database.client.incident.findUnique({ where: { number: numbers.c } }))?.id;
  }

  it("sets status in bulk, all or nothing", async () => {
    const before = await database.client.actionItem.findMany({ where: { id: { in: [ids.a1, ids.b1, ids.c1] } } });
    const versionOf = (id: string) => before.find((x) => x.id === id)!.version;

    await expect(
      bulkSetActionStatus({ actor: outsider, input: { ids: [ids.a1, ids.c1], status: "done" } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      bulkSetActionStatus({ actor: editor, input: { ids: [ids.a1, "missing-id"], status: "done" } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const untouched = await database.client.actionItem.findUnique({ where: { id: ids.a1 } });
    expect([untouched?.status, untouched?.version]).toEqual(["open", versionOf(ids.a1)]);

    const result = await bulkSetActionStatus({ actor: editor, input: { ids: [ids.a1, ids.b1, ids.c1, ids.a1], status: "done" } });
    expect(result.updated).toBe(3);
    const after = await database.client.actionItem.findMany({ where: { id: { in: [ids.a1, ids.b1, ids.c1] } } });
    for (const item of after) {
      expect(item.status).toBe("done");
      expect(item.completedAt).toBeInstanceOf(Date);
      expect(item.version).toBe(versionOf(item.id) + 1);
      const rev = await database.client.revision.findUnique({
        where: { entityType_entityId_version: { entityType: "ActionItem", entityId: item.id, version: item.version } },
      });
      expect(rev?.snapshot).toMatchObject({ status: "done" });
    }
    const audit = await database.client.auditLog.findMany({ where: { action: "action.set_status" } });
    expect(audit.map((a) => a.entityId).sort()).toEqual([ids.a1, ids.b1, ids.c1].sort());
    const overdue = (await listActionItems({ actor: editor, query: { overdue: "1" }, today: TODAY })).items.map((a) => a.id);
    expect(overdue.sort()).toEqual([ids.a2, ids.b3].sort());
  });
});
