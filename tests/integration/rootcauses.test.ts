import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser } from "./support/factories";
import { createIncident } from "@/lib/incidents/create-incident";
import { createRootCause } from "@/lib/rootcauses/create-root-cause";
import { updateRootCause } from "@/lib/rootcauses/update-root-cause";
import { deleteRootCause } from "@/lib/rootcauses/delete-root-cause";
import { reorderRootCauses } from "@/lib/rootcauses/reorder-root-causes";
import { listRootCauses } from "@/lib/rootcauses/list-root-causes";
import type { AppError } from "@/lib/errors";

const causeInput = (incidentId: string, patch: Record<string, unknown> = {}) => ({
  incidentId,
  category: "capacity" as const,
  description: "Redis maxmemory reached under the nightly batch",
  whys: ["Evictions spiked", "", "Batch doubled its key count"],
  isTrigger: true,
  factors: ["No memory alert", "Batch not load tested"],
  ...patch,
});

describe.each(DATABASES)("root causes on %s", (_kind, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("creates, updates with versions and refuses a stale save with both texts", async () => {
    const editor = await makeUser("editor");
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    const cause = await createRootCause({ actor: editor, input: causeInput(incident.id) });
    expect(cause.version).toBe(1);
    expect(cause.position).toBe(0);
    expect(cause.whys).toEqual(["Evictions spiked", "Batch doubled its key count"]);
    expect(cause.factors.map((f) => [f.position, f.description])).toEqual([
      [0, "No memory alert"],
      [1, "Batch not load tested"],
    ]);

    const updated = await updateRootCause({
      actor: editor,
      input: {
        id: cause.id,
        version: 1,
        category: "monitoring_gap",
        description: "Memory alert was missing",
        whys: ["Why 1", "Why 2", "Why 3"],
        isTrigger: false,
        factors: ["Only one factor now"],
      },
    });
    expect(updated.version).toBe(2);
    expect(updated.factors.map((f) => f.description)).toEqual(["Only one factor now"]);

    const stale = (await updateRootCause({
      actor: editor,
      input: {
        id: cause.id,
        version: 1,
        category: "other",
        description: "My stale text",
        whys: [],
        isTrigger: false,
        factors: [],
      },
    }).catch((e) => e)) as AppError;
    expect(stale.code).toBe("CONFLICT");
    const details = stale.details as { current: { description: string; version: number }; yours: { description: string } };
    expect(details.current.description).toBe("Memory alert was missing");
    expect(details.current.version).toBe(2);
    expect(details.yours.description).toBe("My stale text");
    // The refused save changed nothing.
    const [still] = await listRootCauses({ actor: editor, incidentId: incident.id });
    expect([still.description, still.version]).toEqual(["Memory alert was missing", 2]);

    const revisions = await database.client.revision.findMany({
      where: { entityType: "RootCause", entityId: cause.id },
      orderBy: { version: "asc" },
    });
    expect(revisions.map((r) => r.version)).toEqual([1, 2]);
    expect((revisions[0].snapshot as { factors: { description: string }[] }).factors.map((f) => f.description)).toEqual([
      "No memory alert",
      "Batch not load tested",
    ]);
    const audit = await database.client.auditLog.findMany({ where: { entityId: cause.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["rootcause.create", "rootcause.update"]);

    const hits = await database.client.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Incident" WHERE "searchVector" @@ plainto_tsquery('english', 'memory alert missing')`;
    expect(hits.map((h) => h.id)).toContain(incident.id);
  });

  it("refuses too many whys and an unknown category with field errors", async () => {
    const editor = await makeUser("editor");
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    await expect(
      createRootCause({ actor: editor, input: causeInput(incident.id, { whys: Array.from({ length: 11 }, (_, i) => `w${i}`) }) }),
    ).rejects.toMatchObject({ code: "VALIDATION", fields: { whys: ["At most 10 whys"] } });
    await expect(createRootCause({ actor: editor, input: causeInput(incident.id, { category: "bad" }) })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { category: ["Choose a category"] },
    });
  });

  it("deletes with a final revision, and reorders", async () => {
    const editor = await makeUser("editor");
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    const a = await createRootCause({ actor: editor, input: causeInput(incident.id, { description: "Cause A" }) });
    const b = await createRootCause({ actor: editor, input: causeInput(incident.id, { description: "Cause B" }) });
    const c = await createRootCause({ actor: editor, input: causeInput(incident.id, { description: "Cause C" }) });
    expect([a.position, b.position, c.position]).toEqual([0, 1, 2]);

    const { moved } = await reorderRootCauses({ actor: editor, input: { incidentId: incident.id, ids: [c.id, b.id, a.id] } });
    expect(moved.sort()).toEqual([a.id, c.id].sort());
    const order = await listRootCauses({ actor: editor, incidentId: incident.id });
    expect(order.map((x) => [x.description, x.version])).toEqual([
      ["Cause C", 2],
      ["Cause B", 1],
      ["Cause A", 2],
    ]);
    await expect(
      reorderRootCauses({ actor: editor, input: { incidentId: incident.id, ids: [a.id, b.id] } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });

    await deleteRootCause({ actor: editor, input: { id: b.id } });
    expect((await listRootCauses({ actor: editor, incidentId: incident.id })).map((x) => x.description)).toEqual([
      "Cause C",
      "Cause A",
    ]);
    const last = await database.client.revision.findFirst({
      where: { entityType: "RootCause", entityId: b.id },
      orderBy: { version: "desc" },
    });
    expect(last?.version).toBe(2);
    expect(last?.snapshot).toMatchObject({ deleted: true, description: "Cause B" });
    await expect(
      updateRootCause({
        actor: editor,
        input: { id: b.id, version: 1, category: "other", description: "Gone now", whys: [], isTrigger: false, factors: [] },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("forbids viewers and hides restricted incidents from non-members", async () => {
    const editor = await makeUser("editor");
    const viewer = await makeUser("viewer");
    const outsider = await makeUser("editor");
    const open = await createIncident({ actor: editor, input: incidentInput() });
    await expect(createRootCause({ actor: viewer, input: causeInput(open.id) })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const secret = await createIncident({ actor: editor, input: incidentInput({ restricted: true }) });
    const cause = await createRootCause({ actor: editor, input: causeInput(secret.id) });
    const before = await database.client.auditLog.count();
    await expect(createRootCause({ actor: outsider, input: causeInput(secret.id) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      updateRootCause({
        actor: outsider,
        input: { id: cause.id, version: 1, category: "other", description: "Overwrite", whys: [], isTrigger: false, factors: [] },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteRootCause({ actor: outsider, input: { id: cause.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(reorderRootCauses({ actor: outsider, input: { incidentId: secret.id, ids: [cause.id] } })).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
      },
    );
    await expect(listRootCauses({ actor: outsider, incidentId: secret.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await database.client.auditLog.count()).toBe(before);
  });
});
