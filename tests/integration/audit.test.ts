import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser, SYSTEM } from "./support/factories";
import { listAuditFilterChoices, listAuditLog } from "@/lib/audit/list-audit-log";
import { recordAudit } from "@/lib/audit/record-audit";
import { createIncident } from "@/lib/incidents/create-incident";
import { updateIncident } from "@/lib/incidents/update-incident";
import { createTimelineEvent } from "@/lib/timeline/create-timeline-event";
import { cancelImportJob, createImportJob } from "@/lib/imports/import-jobs";
import { setUserRole } from "@/lib/users/set-user-role";

const tag = () => randomBytes(4).toString("hex");

describe.each(DATABASES)("audit log on %s", (_kind, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  /** An audit row at a chosen instant, written as the verbs write them (the `at` column is the only addition). */
  async function entryAt(at: string, patch: { actorLabel?: string; action?: string; entityType?: string; data?: object } = {}) {
    const row = await database.client.auditLog.create({
      data: {
        at: new Date(at),
        actorLabel: patch.actorLabel ?? "cli",
        action: patch.action ?? "backup.restore",
        entityType: patch.entityType ?? "Backup",
        entityId: tag(),
        data: patch.data ?? {},
      },
    });
    return row.id.toString();
  }

  it("is for admins only, and a token narrows an admin to what its scope allows", async () => {
    const admin = await makeUser("admin");
    for (const role of ["viewer", "editor", "reviewer"] as const) {
      const user = await makeUser(role);
      await expect(listAuditLog({ actor: user })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listAuditFilterChoices({ actor: user })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(listAuditLog({ actor: { ...admin, tokenScope: "write" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listAuditLog({ actor: { ...admin, tokenScope: "admin" } })).resolves.toMatchObject({ timeZone: "UTC" });
  });

  it("lists what the verbs recorded, newest first, with who, the incident and the details", async () => {
    const admin = await makeUser("admin");
    const editor = await makeUser("editor");
    const incident = await createIncident({ actor: editor, input: incidentInput({ title: `Queue backlog ${tag()}` }) });
    await createTimelineEvent({
      actor: editor,
      input: { incidentNumber: incident.number, local: "2026-05-12T19:05", kind: "detection", text: "Alert fired" },
    });
    await updateIncident({
      actor: editor,
      input: { ...incidentInput({ title: incident.title, severity: 1 }), number: incident.number, version: incident.version },
    });
    await setUserRole({ actor: admin, input: { email: editor.email, role: "reviewer" } });

    const page = await listAuditLog({ actor: admin, query: { actor: editor.email } });
    expect(page.entries.map((e) => e.action)).toEqual(["incident.update", "timeline.create", "incident.create"]);
    expect(page.nextCursor).toBeNull();
    const [update] = page.entries;
    expect(update).toMatchObject({
      actor: { id: editor.id, label: editor.email, name: editor.name },
      entityType: "Incident",
      entityId: incident.id,
      incident: { id: incident.id, number: incident.number, title: incident.title },
      data: { version: 2 },
    });
    expect(update.at).toBeInstanceOf(Date);

    // The role change is the admin's doing, about the editor; it concerns no incident.
    const roles = await listAuditLog({ actor: admin, query: { action: "user.set_role", q: editor.email } });
    expect(roles.entries.map((e) => [e.actor.label, e.incident, e.data])).toEqual([
      [admin.email, null, { email: editor.email, from: "editor", to: "reviewer" }],
    ]);

    const choices = await listAuditFilterChoices({ actor: admin });
    expect(choices.actors).toEqual(expect.arrayContaining([admin.email, editor.email]));
    expect(choices.actions).toEqual(
      expect.arrayContaining(["incident.create", "incident.update", "timeline.create", "user.set_role"]),
    );
    expect(choices.entityTypes).toEqual(expect.arrayContaining(["Incident", "TimelineEvent", "User"]));
    expect(choices.actions).toEqual([...choices.actions].sort());
  });

  it("filters by who (any case), action (exact or prefix), entity type, incident number and text", async () => {
    const admin = await makeUser("admin");
    const editor = await makeUser("editor");
    const first = await createIncident({ actor: editor, input: incidentInput({ title: "Disk filled up" }) });
    const second = await createIncident({ actor: editor, input: incidentInput({ title: "Certificate expired" }) });
    await createTimelineEvent({
      actor: editor,
      input: { incidentNumber: second.number, local: "2026-05-12T19:10", text: "Renewed the certificate" },
    });

    const byWho = await listAuditLog({ actor: admin, query: { actor: editor.email.toUpperCase() } });
    expect(byWho.entries).toHaveLength(3);
    expect((await listAuditLog({ actor: admin, query: { actor: editor.id } })).entries).toHaveLength(3);

    const exact = await listAuditLog({ actor: admin, query: { actor: editor.email, action: "incident.create" } });
    expect(exact.entries.map((e) => e.incident?.number)).toEqual([second.number, first.number]);
    const prefix = await listAuditLog({ actor: admin, query: { actor: editor.email, action: "timeline.*" } });
    expect(prefix.entries.map((e) => e.action)).toEqual(["timeline.create"]);
    // "_" and "%" are literal characters in a prefix, not wildcards.
    expect((await listAuditLog({ actor: admin, query: { actor: editor.email, action: "timeline_*" } })).entries).toEqual([]);

    const events = await listAuditLog({ actor: admin, query: { actor: editor.email, entityType: "timelineevent" } });
    expect(events.entries.map((e) => e.entityType)).toEqual(["TimelineEvent"]);

    const ofSecond = await listAuditLog({ actor: admin, query: { incident: String(second.number) } });
    expect(ofSecond.entries.map((e) => e.action)).toEqual(["timeline.create", "incident.create"]);
    expect((await listAuditLog({ actor: admin, query: { incident: "999999" } })).entries).toEqual([]);

    // Text finds the incident's title, and words inside the recorded details.
    const byTitle = await listAuditLog({ actor: admin, query: { q: "certificate EXPIRED" } });
    expect(byTitle.entries.map((e) => e.incident?.number)).toEqual([second.number, second.number]);
    const word = `needle-${tag()}`;
    await recordAudit(database.client, SYSTEM, {
      action: "backup.restore",
      entityType: "Backup",
      entityId: tag(),
      data: { archive: { file: `${word}.json`, tables: 12 } },
    });
    const inData = await listAuditLog({ actor: admin, query: { q: word.toUpperCase() } });
    expect(inData.entries.map((e) => [e.actor.label, e.actor.id, e.data])).toEqual([
      ["test", null, { archive: { file: `${word}.json`, tables: 12 } }],
    ]);
    expect((await listAuditLog({ actor: admin, query: { q: "100%_sure" } })).entries).toEqual([]);
  });

  it("reads a date range as whole days in the chosen zone, or the viewer's own, and takes exact instants", async () => {
    const admin = await makeUser("admin");
    const label = `range-${tag()}@example.test`;
    // 2025-03-09 in Europe/Berlin runs from 2025-03-08T23:00Z to 2025-03-09T23:00Z.
    const justBefore = await entryAt("2025-03-08T22:59:59.999Z", { actorLabel: label });
    const firstMoment = await entryAt("2025-03-08T23:00:00.000Z", { actorLabel: label });
    const lastMoment = await entryAt("2025-03-09T22:59:59.999Z", { actorLabel: label });
    const justAfter = await entryAt("2025-03-09T23:00:00.000Z", { actorLabel: label });
    const ids = async (query: Record<string, string>) =>
      (await listAuditLog({ actor: admin, query: { actor: label, ...query } })).entries.map((e) => e.id);

    expect(await ids({ from: "2025-03-09", to: "2025-03-09", tz: "Europe/Berlin" })).toEqual([lastMoment, firstMoment]);
    expect(await ids({ from: "2025-03-09", to: "2025-03-09", tz: "UTC" })).toEqual([justAfter, lastMoment]);
    expect(await ids({ from: "2025-03-09", tz: "Europe/Berlin" })).toEqual([justAfter, lastMoment, firstMoment]);
    expect(await ids({ to: "2025-03-08", tz: "Europe/Berlin" })).toEqual([justBefore]);
    expect(await ids({ from: "2025-03-08T23:00:00Z", to: "2025-03-09T22:59:59.999Z" })).toEqual([lastMoment, firstMoment]);
    expect(await ids({ from: "2025-03-09T00:00:00+01:00", to: "2025-03-09T00:00:00+01:00" })).toEqual([firstMoment]);

    // Without a zone in the query, days are the viewer's: the zone kept on their account.
    await database.client.user.update({ where: { id: admin.id }, data: { timeZone: "Europe/Berlin" } });
    const viewer = await listAuditLog({ actor: admin, query: { actor: label, from: "2025-03-09", to: "2025-03-09" } });
    expect(viewer.timeZone).toBe("Europe/Berlin");
    expect(viewer.entries.map((e) => e.id)).toEqual([lastMoment, firstMoment]);
  });

  it("pages by cursor through every match once, undisturbed by entries written meanwhile", async () => {
    const admin = await makeUser("admin");
    const label = `pages-${tag()}@example.test`;
    const written: string[] = [];
    for (let i = 0; i < 7; i++) written.push(await entryAt(`2025-06-01T10:00:0${i}Z`, { actorLabel: label, data: { i } }));

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAuditLog({ actor: admin, query: { actor: label, limit: "3", ...(cursor ? { cursor } : {}) } });
      expect(page.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
      // A newer entry arriving mid-walk belongs to the first page, not to the next one.
      if (pages === 1) await entryAt("2025-06-01T11:00:00Z", { actorLabel: label });
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...written].reverse());

    const exact = await listAuditLog({ actor: admin, query: { actor: label, limit: "8" } });
    expect(exact.entries).toHaveLength(8);
    expect(exact.nextCursor).toBeNull();
  });

  it("refuses malformed filters with a message per field", async () => {
    const admin = await makeUser("admin");
    await expect(
      listAuditLog({
        actor: admin,
        query: { from: "2025-02-30", to: "2025-13-01", incident: "abc", cursor: "x1", limit: "500", tz: "Mars/Olympus" },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fields: {
        from: [expect.stringContaining("YYYY-MM-DD")],
        to: [expect.stringContaining("YYYY-MM-DD")],
        incident: ["Enter an incident number"],
        cursor: ["Use the nextCursor of a previous page"],
        limit: ["Ask for at most 200 entries"],
        tz: ["Choose a known time zone"],
      },
    });
    await expect(listAuditLog({ actor: admin, query: { from: "yesterday" } })).rejects.toMatchObject({
      fields: { from: [expect.stringContaining("YYYY-MM-DD")] },
    });
    await expect(listAuditLog({ actor: admin, query: { from: "2025-03-10", to: "2025-03-09" } })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { to: ["The end date is before the start date"] },
    });
    // Blank fields of a submitted GET form are no filter at all.
    const blank = await listAuditLog({
      actor: admin,
      query: { actor: "", action: "", entityType: "", incident: "", from: "", to: "", q: " ", tz: "", cursor: "" },
    });
    expect(blank.filters).toMatchObject({ actor: undefined, incident: undefined, q: undefined, limit: 50 });
  });

  it("records who started and who cancelled an import job", async () => {
    const admin = await makeUser("admin");
    const editor = await makeUser("editor");
    const job = await createImportJob({ actor: editor, kind: "load_test", files: [{ name: "run.jtl", size: 10 }], options: {} });
    await cancelImportJob({ actor: editor, id: job.id });
    await cancelImportJob({ actor: editor, id: job.id }); // asked twice: one record
    const page = await listAuditLog({ actor: admin, query: { entityType: "ImportJob", actor: editor.email } });
    expect(page.entries.map((e) => [e.action, e.entityId, e.data])).toEqual([
      ["import.cancel", job.id, { kind: "load_test" }],
      ["import.start", job.id, { kind: "load_test", format: null, files: ["run.jtl"] }],
    ]);
  });
});
