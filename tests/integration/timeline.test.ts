import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser } from "./support/factories";
import { createIncident } from "@/lib/incidents/create-incident";
import { createTimelineEvent } from "@/lib/timeline/create-timeline-event";
import { updateTimelineEvent } from "@/lib/timeline/update-timeline-event";
import { deleteTimelineEvent } from "@/lib/timeline/delete-timeline-event";
import { importTimelineEvents } from "@/lib/timeline/import-timeline-events";
import { parseTimelineText } from "@/lib/timeline/parse-timeline-text";
import { pasteToImportRows } from "@/lib/timeline/paste-to-import";
import type { AppError } from "@/lib/errors";

describe.each(DATABASES)("timeline editor on %s", (_kind, fresh) => {
  let database: TestDatabase;
  let editor: Awaited<ReturnType<typeof makeUser>>;
  let other: Awaited<ReturnType<typeof makeUser>>;
  let incidentNumber: number;
  let incidentId: string;

  beforeAll(async () => {
    database = await fresh();
    editor = await makeUser("editor");
    other = await makeUser("reviewer");
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    incidentNumber = incident.number;
    incidentId = incident.id;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const searchCount = async (word: string) => {
    const rows = await database.client.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Incident" WHERE id = ${incidentId} AND "searchVector" @@ plainto_tsquery('english', ${word})`;
    return rows[0].n;
  };

  it("creates, updates and deletes an event with revisions, audit rows and search", async () => {
    const created = await createTimelineEvent({
      actor: editor,
      input: { incidentNumber, local: "2026-05-12T19:05", kind: "detection", text: "Memcached evictions alert fired" },
    });
    // Read in the incident's zone (Europe/Berlin, CEST).
    expect(created.occurredAt.toISOString()).toBe("2026-05-12T17:05:00.000Z");
    expect([created.precision, created.version, created.source, created.authorId]).toEqual(["minute", 1, "manual", editor.id]);
    expect(await searchCount("evictions")).toBe(1);

    const updated = await updateTimelineEvent({
      actor: editor,
      input: {
        id: created.id,
        version: 1,
        local: "2026-05-12 17:06:30",
        zone: "UTC",
        kind: "detection",
        text: "Redis alert fired",
      },
    });
    expect([updated.occurredAt.toISOString(), updated.precision, updated.version]).toEqual([
      "2026-05-12T17:06:30.000Z",
      "second",
      2,
    ]);
    expect(await searchCount("evictions")).toBe(0);
    expect(await searchCount("redis")).toBe(1);

    const deleted = await deleteTimelineEvent({ actor: editor, input: { id: created.id, version: 2 } });
    expect(deleted).toEqual({ id: created.id, incidentNumber });
    expect(await database.client.timelineEvent.findUnique({ where: { id: created.id } })).toBeNull();
    expect(await searchCount("redis")).toBe(0);

    const revisions = await database.client.revision.findMany({
      where: { entityType: "TimelineEvent", entityId: created.id },
      orderBy: { version: "asc" },
    });
    expect(revisions.map((r) => [r.version, r.authorId])).toEqual([
      [1, editor.id],
      [2, editor.id],
      [3, editor.id],
    ]);
    expect(revisions[0].snapshot).toMatchObject({
      text: "Memcached evictions alert fired",
      occurredAt: "2026-05-12T17:05:00.000Z",
    });
    expect(revisions[2].snapshot).toMatchObject({ deleted: true, text: "Redis alert fired", version: 2 });
    const audit = await database.client.auditLog.findMany({ where: { entityId: created.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorLabel, a.incidentId])).toEqual([
      ["timeline.create", editor.email, incidentId],
      ["timeline.update", editor.email, incidentId],
      ["timeline.delete", editor.email, incidentId],
    ]);
  });

  it("stores a day-precision event at midnight in the incident's zone, whatever zone was chosen", async () => {
    const a = await createTimelineEvent({ actor: editor, input: { incidentNumber, local: "2026-05-03", text: "Sign-ups grew" } });
    const b = await createTimelineEvent({
      actor: editor,
      input: { incidentNumber, local: "2026-05-03", zone: "UTC", text: "Sign-ups kept growing" },
    });
    for (const e of [a, b]) expect([e.occurredAt.toISOString(), e.precision]).toEqual(["2026-05-02T22:00:00.000Z", "day"]);
    const c = await createTimelineEvent({ actor: editor, input: { incidentNumber, at: "2026-05-12T17:30:00Z", text: "ISO" } });
    expect([c.occurredAt.toISOString(), c.precision]).toEqual(["2026-05-12T17:30:00.000Z", "second"]);
  });

  it("refuses bad input with field errors", async () => {
    const err = (await createTimelineEvent({
      actor: editor,
      input: { incidentNumber, local: "2026-02-30 10:00", kind: "bogus" as never, text: " " },
    }).catch((e) => e)) as AppError;
    expect(err.code).toBe("VALIDATION");
    expect(Object.keys(err.fields ?? {}).sort()).toEqual(["kind", "local", "text"]);
  });

  it("lets one of two concurrent saves of the same event win; the other gets both texts", async () => {
    const event = await createTimelineEvent({
      actor: editor,
      input: { incidentNumber, local: "2026-05-12T19:20", text: "Paged on-call" },
    });
    const save = (actor: typeof editor, text: string) =>
      updateTimelineEvent({ actor, input: { id: event.id, version: 1, local: "2026-05-12T19:20", kind: "escalation", text } });
    const results = await Promise.allSettled([save(editor, "Paged the DB team"), save(other, "Paged the cache team")]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect([won.length, lost.length]).toEqual([1, 1]);
    const error = lost[0].reason as AppError;
    expect(error.code).toBe("CONFLICT");
    const details = error.details as { current: { text: string; version: number }; yours: { text: string } };
    const winner = (won[0] as PromiseFulfilledResult<{ text: string }>).value.text;
    expect(details.current).toMatchObject({ text: winner, version: 2 });
    expect(details.yours.text).not.toBe(winner);
    expect(["Paged the DB team", "Paged the cache team"]).toContain(details.yours.text);
    // Nothing half-written: one revision for the winner only.
    expect(await database.client.revision.count({ where: { entityId: event.id } })).toBe(2);
    // A stale delete is refused the same way; a deleted event then reads as gone.
    await expect(deleteTimelineEvent({ actor: editor, input: { id: event.id, version: 1 } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await deleteTimelineEvent({ actor: editor, input: { id: event.id, version: 2 } });
    await expect(save(editor, "late")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("saves concurrent edits of different events", async () => {
    const [a, b] = await Promise.all([
      createTimelineEvent({ actor: editor, input: { incidentNumber, local: "2026-05-12T19:30", text: "A" } }),
      createTimelineEvent({ actor: other, input: { incidentNumber, local: "2026-05-12T19:31", text: "B" } }),
    ]);
    const [a2, b2] = await Promise.all([
      updateTimelineEvent({ actor: editor, input: { id: a.id, version: 1, local: "2026-05-12T19:30", text: "A edited" } }),
      updateTimelineEvent({ actor: other, input: { id: b.id, version: 1, local: "2026-05-12T19:31", text: "B edited" } }),
    ]);
    expect([a2.text, a2.version, b2.text, b2.version]).toEqual(["A edited", 2, "B edited", 2]);
  });

  it("forbids viewers and hides restricted incidents from non-members", async () => {
    const viewer = await makeUser("viewer");
    await expect(
      createTimelineEvent({ actor: viewer, input: { incidentNumber, local: "2026-05-12T19:40", text: "x" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const secret = await createIncident({ actor: editor, input: incidentInput({ title: "Leaked key", restricted: true }) });
    const mine = await createTimelineEvent({
      actor: editor,
      input: { incidentNumber: secret.number, local: "2026-05-12T19:40", text: "Key rotated" },
    });
    const outsider = await makeUser("editor");
    const missing = await createTimelineEvent({
      actor: outsider,
      input: { incidentNumber: 999_999, local: "2026-05-12T19:40", text: "x" },
    }).catch((e) => e);
    const hidden = await createTimelineEvent({
      actor: outsider,
      input: { incidentNumber: secret.number, local: "2026-05-12T19:40", text: "x" },
    }).catch((e) => e);
    expect([hidden.code, hidden.message]).toEqual([missing.code, missing.message]);
    expect(hidden.code).toBe("NOT_FOUND");
    for (const attempt of [
      () => updateTimelineEvent({ actor: outsider, input: { id: mine.id, version: 1, local: "2026-05-12T19:40", text: "y" } }),
      () => deleteTimelineEvent({ actor: outsider, input: { id: mine.id, version: 1 } }),
      () =>
        importTimelineEvents({
          actor: outsider,
          input: { incidentNumber: secret.number, events: [{ local: "2026-05-12", text: "z" }] },
        }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await database.client.timelineEvent.findUniqueOrThrow({ where: { id: mine.id } })).text).toBe("Key rotated");
  });

  it("imports a parsed paste in one transaction, and a bad row writes nothing", async () => {
    const paste = [
      "May 3: cache hit ratio started to drop",
      "2026-05-12 19:02 Deployed cache config change",
      "19:12:30 Alert fired",
      "lunch",
      "19:40 UTC Rolled back",
    ].join("\n");
    const parsed = parseTimelineText(paste, { year: 2026, timeZone: "Europe/Berlin" });
    expect(parsed.unparsed.map((u) => u.line)).toEqual([4]);
    const events = pasteToImportRows(parsed.events, "Europe/Berlin");

    const countBefore = await database.client.timelineEvent.count({ where: { incidentId } });
    const auditBefore = await database.client.auditLog.count();
    const bad = await importTimelineEvents({
      actor: editor,
      input: { incidentNumber, events: [...events, { local: "2026-05-12T19:50", text: "" }] },
    }).catch((e) => e);
    expect(bad.code).toBe("VALIDATION");
    expect(Object.keys(bad.fields)).toEqual(["events.4.text"]);
    expect(await database.client.timelineEvent.count({ where: { incidentId } })).toBe(countBefore);
    expect(await database.client.auditLog.count()).toBe(auditBefore);

    const result = await importTimelineEvents({ actor: editor, input: { incidentNumber, events } });
    expect(result.count).toBe(4);
    const stored = await database.client.timelineEvent.findMany({
      where: { id: { in: result.events.map((e) => e.id) } },
      orderBy: { occurredAt: "asc" },
    });
    expect(stored.map((e) => [e.occurredAt.toISOString(), e.precision, e.kind, e.source])).toEqual([
      ["2026-05-02T22:00:00.000Z", "day", "note", "paste"],
      ["2026-05-12T17:02:00.000Z", "minute", "action", "paste"],
      ["2026-05-12T17:12:30.000Z", "second", "detection", "paste"],
      ["2026-05-12T19:40:00.000Z", "minute", "mitigation", "paste"],
    ]);
    expect(await database.client.revision.count({ where: { entityId: { in: stored.map((e) => e.id) }, version: 1 } })).toBe(4);
    const audit = await database.client.auditLog.findMany({ where: { action: "timeline.import", incidentId } });
    expect(audit).toHaveLength(1);
    expect(audit[0].data).toMatchObject({ count: 4, source: "paste" });
    expect(await searchCount("cache")).toBe(1);
    expect(await searchCount("rolled back")).toBe(1);
  });
});
