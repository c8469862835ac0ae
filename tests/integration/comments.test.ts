import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser } from "./support/factories";
import { createIncident } from "@/lib/incidents/create-incident";
import { addComment } from "@/lib/comments/add-comment";
import { resolveComment } from "@/lib/comments/resolve-comment";
import { listComments } from "@/lib/comments/list-comments";

describe.each(DATABASES)("comments on %s", (_kind, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("lets a viewer comment and reply; threads come back in order with audit rows", async () => {
    const author = await makeUser("editor");
    const viewer = await makeUser("viewer");
    const incident = await createIncident({ actor: author, input: incidentInput() });
    const n = incident.number;
    const first = await addComment({
      actor: viewer,
      input: { incidentNumber: n, body: "  Is <b>this</b> right?  ", sectionKey: "impact" },
    });
    expect(first.body).toBe("Is <b>this</b> right?");
    const second = await addComment({ actor: author, input: { incidentNumber: n, body: "Whole doc note", sectionKey: "" } });
    const reply = await addComment({
      actor: author,
      input: { incidentNumber: n, body: "Yes", parentId: first.id, sectionKey: "summary" },
    });
    // A reply to a reply joins the thread, one level deep, and keeps the thread's section.
    const nested = await addComment({ actor: viewer, input: { incidentNumber: n, body: "Thanks", parentId: reply.id } });
    expect([reply.sectionKey, nested.parentId, nested.sectionKey]).toEqual(["impact", first.id, "impact"]);

    const threads = await listComments({ actor: viewer, incidentNumber: n });
    expect(threads.map((t) => [t.id, t.sectionKey, t.replies.map((r) => r.body)])).toEqual([
      [first.id, "impact", ["Yes", "Thanks"]],
      [second.id, null, []],
    ]);
    expect(threads[0]!.canResolve).toBe(true); // the viewer wrote it
    expect(threads[1]!.canResolve).toBe(false);
    const audit = await database.client.auditLog.findMany({ where: { action: "comment.add", incidentId: incident.id } });
    expect(audit).toHaveLength(4);
  });

  it("validates the body and section", async () => {
    const author = await makeUser("editor");
    const { number: n } = await createIncident({ actor: author, input: incidentInput() });
    await expect(addComment({ actor: author, input: { incidentNumber: n, body: "   " } })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { body: ["Write a comment"] },
    });
    await expect(addComment({ actor: author, input: { incidentNumber: n, body: "x".repeat(5001) } })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(addComment({ actor: author, input: { incidentNumber: n, body: "x".repeat(5000) } })).resolves.toBeTruthy();
    await expect(
      addComment({ actor: author, input: { incidentNumber: n, body: "hi", sectionKey: "nope" as "summary" } }),
    ).rejects.toMatchObject({ code: "VALIDATION", fields: { sectionKey: expect.any(Array) } });
    await expect(
      addComment({ actor: author, input: { incidentNumber: n, body: "hi", parentId: "missing" } }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("resolves threads for their author or an editor, not for other viewers", async () => {
    const author = await makeUser("editor");
    const viewer = await makeUser("viewer");
    const otherViewer = await makeUser("viewer");
    const { number: n, id: incidentId } = await createIncident({ actor: author, input: incidentInput() });
    const c = await addComment({ actor: viewer, input: { incidentNumber: n, body: "Typo in the summary" } });
    await expect(resolveComment({ actor: otherViewer, input: { commentId: c.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const resolved = await resolveComment({ actor: viewer, input: { commentId: c.id } });
    expect(resolved.resolvedAt).toBeInstanceOf(Date);
    const reopened = await resolveComment({ actor: author, input: { commentId: c.id, resolved: false } });
    expect(reopened.resolvedAt).toBeNull();
    const actions = await database.client.auditLog.findMany({ where: { entityId: c.id }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["comment.add", "comment.resolve", "comment.unresolve"]);
    expect(actions.every((a) => a.incidentId === incidentId)).toBe(true);
  });

  it("hides comments of a restricted incident from non-members", async () => {
    const author = await makeUser("editor");
    const outsider = await makeUser("admin");
    const stranger = await makeUser("viewer");
    const { number: n } = await createIncident({ actor: author, input: incidentInput({ restricted: true }) });
    const c = await addComment({ actor: author, input: { incidentNumber: n, body: "secret" } });
    await expect(addComment({ actor: stranger, input: { incidentNumber: n, body: "hi" } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(listComments({ actor: stranger, incidentNumber: n })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resolveComment({ actor: stranger, input: { commentId: c.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Admins see every incident.
    expect(await listComments({ actor: outsider, incidentNumber: n })).toHaveLength(1);
  });
});
