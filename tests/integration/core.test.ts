import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser, SYSTEM } from "./support/factories";
import { createIncident } from "@/lib/incidents/create-incident";
import { getIncidentForUser } from "@/lib/incidents/get-incident";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { updateIncident } from "@/lib/incidents/update-incident";
import { createUser } from "@/lib/users/create-user";
import { setUserActive, setUserRole } from "@/lib/users/set-user-role";
import { authenticate, LOGIN_LIMITS } from "@/lib/users/authenticate";
import { consumeRateLimit } from "@/lib/auth/rate-limit";
import { ensureFirstAdmin, seedDemo } from "@/lib/seed/demo";
import { hashPassword } from "@/lib/auth/password";

describe.each(DATABASES)("core model on %s", (_kind, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("creates an incident with services, roles and an audit row in one transaction", async () => {
    const editor = await makeUser("editor");
    const incident = await createIncident({
      actor: editor,
      input: incidentInput({ roles: [{ role: "commander", userId: editor.id }] }),
    });
    expect(incident.number).toBeGreaterThan(0);
    expect(incident.startedAt.toISOString()).toBe("2026-05-12T17:00:00.000Z");
    expect(incident.version).toBe(1);
    const full = await getIncidentForUser({ actor: editor, number: incident.number });
    expect(full.services.map((s) => s.service.name).sort()).toEqual(["messaging-api", "redis-cache"]);
    expect(full.roles).toHaveLength(1);
    expect(full.severityLevel.name).toBe("SEV2");
    const audit = await database.client.auditLog.findMany({ where: { entityId: incident.id } });
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([["incident.create", editor.email]]);
  });

  it("refuses invalid input with field errors and writes nothing", async () => {
    const editor = await makeUser("editor");
    const before = await database.client.incident.count();
    const auditBefore = await database.client.auditLog.count();
    await expect(createIncident({ actor: editor, input: incidentInput({ title: "" }) })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { title: ["Give the incident a title of at least 3 characters"] },
    });
    await expect(
      createIncident({ actor: editor, input: incidentInput({ detectedAt: "2026-05-12T18:00" }) }),
    ).rejects.toMatchObject({ code: "VALIDATION", fields: { detectedAt: ["Cannot be before the incident started"] } });
    // An unknown user in a role fails inside the transaction: the new service must not stay behind.
    await expect(
      createIncident({
        actor: editor,
        input: incidentInput({ services: ["brand-new-svc"], roles: [{ role: "scribe", userId: "nope" }] }),
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await database.client.incident.count()).toBe(before);
    expect(await database.client.auditLog.count()).toBe(auditBefore);
    expect(await database.client.service.findUnique({ where: { name: "brand-new-svc" } })).toBeNull();
  });

  it("lets viewers read but not create", async () => {
    const viewer = await makeUser("viewer");
    await expect(createIncident({ actor: viewer, input: incidentInput() })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listIncidents({ actor: viewer })).resolves.toMatchObject({ page: 1, items: expect.any(Array) });
  });

  it("hides restricted incidents from non-members exactly like missing ones", async () => {
    const editor = await makeUser("editor");
    const outsider = await makeUser("reviewer");
    const admin = await makeUser("admin");
    const secret = await createIncident({ actor: editor, input: incidentInput({ title: "Leaked key", restricted: true }) });
    expect((await getIncidentForUser({ actor: editor, number: secret.number })).title).toBe("Leaked key");
    expect((await getIncidentForUser({ actor: admin, number: secret.number })).title).toBe("Leaked key");
    const hidden = await getIncidentForUser({ actor: outsider, number: secret.number }).catch((e) => e);
    const missing = await getIncidentForUser({ actor: outsider, number: 999_999 }).catch((e) => e);
    expect([hidden.code, hidden.message]).toEqual([missing.code, missing.message]);
    const listed = (await listIncidents({ actor: outsider })).items;
    expect(listed.map((i) => i.number)).not.toContain(secret.number);
  });

  it("filters the incident list by status, severity and title", async () => {
    const editor = await makeUser("editor");
    await createIncident({ actor: editor, input: incidentInput({ title: "Websocket gateway down", severity: 1 }) });
    const sev1 = await listIncidents({ actor: editor, query: { severity: "1", q: "websocket" } });
    expect(sev1.items.map((i) => i.title)).toEqual(["Websocket gateway down"]);
    const bogus = await listIncidents({ actor: editor, query: { status: "nonsense", page: "-3" } });
    expect(bogus.items.length).toBeGreaterThan(0);
    expect(bogus.page).toBe(1);
  });

  it("searches full text with ranking, and filters by service and date range", async () => {
    const editor = await makeUser("editor");
    const strong = await createIncident({
      actor: editor,
      input: incidentInput({
        title: "Redis memory exhausted",
        summary: "Evictions of session keys",
        services: ["search-svc-a"],
        startedAt: "2025-01-10T10:00",
      }),
    });
    const weak = await createIncident({
      actor: editor,
      input: incidentInput({
        title: "Checkout slow",
        summary: "A memory leak in one pod",
        services: ["search-svc-b"],
        startedAt: "2025-02-10T10:00",
      }),
    });
    const hits = await listIncidents({ actor: editor, query: { q: "memory" } });
    const order = hits.items.map((i) => i.number).filter((n) => n === strong.number || n === weak.number);
    // The title match outranks a summary-only match.
    expect(order).toEqual([strong.number, weak.number]);
    const stemmed = await listIncidents({ actor: editor, query: { q: "eviction" } });
    expect(stemmed.items.map((i) => i.number)).toContain(strong.number);
    const byService = await listIncidents({ actor: editor, query: { service: "search-svc-b" } });
    expect(byService.items.map((i) => i.number)).toEqual([weak.number]);
    const byRange = await listIncidents({ actor: editor, query: { from: "2025-01-01", to: "2025-01-31" } });
    expect(byRange.items.map((i) => i.number)).toEqual([strong.number]);
  });

  it("updates the overview under optimistic locking and keeps a revision of each save", async () => {
    const editor = await makeUser("editor");
    const other = await makeUser("editor");
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    const input = { ...incidentInput({ title: "Cache ran out of memory (updated)" }), number: incident.number, version: 1 };
    const saved = await updateIncident({ actor: editor, input });
    expect(saved.version).toBe(2);
    const stale = await updateIncident({ actor: other, input: { ...input, title: "Someone else's title" } }).catch((e) => e);
    expect(stale.code).toBe("CONFLICT");
    expect(stale.details.current.title).toBe("Cache ran out of memory (updated)");
    expect(stale.details.yours.title).toBe("Someone else's title");
    const revisions = await database.client.revision.findMany({ where: { entityId: incident.id }, orderBy: { version: "asc" } });
    expect(revisions.map((r) => r.version)).toEqual([1, 2]);
    const viewer = await makeUser("viewer");
    await expect(updateIncident({ actor: viewer, input: { ...input, version: 2 } })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("manages users: duplicate e-mail is a conflict, the last admin cannot be demoted", async () => {
    const only = await database.client.user.findMany({ where: { role: "admin" } });
    for (const a of only) await database.client.user.update({ where: { id: a.id }, data: { role: "viewer" } });
    const admin = await makeUser("admin");
    await expect(
      createUser({ actor: SYSTEM, input: { email: admin.email.toUpperCase(), role: "viewer" } }),
    ).rejects.toMatchObject({ code: "CONFLICT", fields: { email: expect.any(Array) } });
    await expect(setUserRole({ actor: admin, input: { email: admin.email, role: "viewer" } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(setUserActive({ actor: admin, input: { email: admin.email, active: false } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const editor = await makeUser("editor");
    await expect(setUserRole({ actor: editor, input: { email: editor.email, role: "admin" } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const changed = await setUserRole({ actor: admin, input: { email: editor.email, role: "reviewer" } });
    expect(changed.role).toBe("reviewer");
  });

  it("authenticates; wrong password, unknown user, inactive and locked-out all look the same", async () => {
    const user = await makeUser("editor", "a very good password");
    expect(await authenticate({ email: user.email, password: "a very good password" }, "10.0.0.1")).toMatchObject({
      id: user.id,
    });
    expect(await authenticate({ email: user.email, password: "wrong" }, "10.0.0.1")).toBeNull();
    expect(await authenticate({ email: "nobody@example.test", password: "x" }, "10.0.0.1")).toBeNull();
    expect(await authenticate({ email: "not an email", password: "x" }, "10.0.0.1")).toBeNull();
    const inactive = await makeUser("viewer", "another good password");
    await database.client.user.update({ where: { id: inactive.id }, data: { active: false } });
    expect(await authenticate({ email: inactive.email, password: "another good password" }, "10.0.0.2")).toBeNull();

    const target = await makeUser("viewer", "the right password!");
    for (let i = 0; i < LOGIN_LIMITS.perAccount.limit; i++) {
      await authenticate({ email: target.email, password: "guess" }, `10.1.0.${i}`);
    }
    // Locked out: even the right password is refused until the window passes.
    expect(await authenticate({ email: target.email, password: "the right password!" }, "10.2.0.1")).toBeNull();
  });

  it("counts rate-limit windows in the database", async () => {
    const key = `test:${Math.random()}`;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await consumeRateLimit(key, 3, 60));
    expect(results.map((r) => [r.count, r.allowed])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, false],
    ]);
    await database.client.rateLimitBucket.update({ where: { key }, data: { windowStart: new Date(Date.now() - 61_000) } });
    expect(await consumeRateLimit(key, 3, 60)).toMatchObject({ count: 1, allowed: true });
  });

  it("creates the first admin once, even when two instances start together", async () => {
    await database.client.user.updateMany({ where: { role: "admin" }, data: { role: "viewer" } });
    const results = await Promise.allSettled([
      ensureFirstAdmin("first@example.test", "long enough password"),
      ensureFirstAdmin("first@example.test", "long enough password"),
    ]);
    const created = results.filter((r) => r.status === "fulfilled" && r.value === true).length;
    expect(created).toBe(1);
    expect(await database.client.user.count({ where: { email: "first@example.test", role: "admin" } })).toBe(1);
    expect(await ensureFirstAdmin("second@example.test", "long enough password")).toBe(false);
  });

  it("stores argon2id hashes", async () => {
    expect(await hashPassword("x".repeat(12))).toMatch(/^\$argon2id\$/);
  });
});

describe("demo seed", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await DATABASES[0][1]();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("seeds demo data once and prints working credentials", async () => {
    const demo = await seedDemo();
    expect(demo?.email).toBe("admin@demo.hindsight.local");
    expect(await authenticate({ email: demo!.email, password: demo!.password })).toMatchObject({ role: "admin" });
    const incidents = await database.client.incident.count();
    expect(incidents).toBeGreaterThanOrEqual(4);
    expect(await database.client.timelineEvent.count({ where: { precision: "day" } })).toBe(1);
    // The demo postmortem's narrative is searchable like anything people write.
    const narrativeHits = await database.client.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Incident" WHERE "searchVector" @@ plainto_tsquery('english', 'rehearsed')`;
    expect(narrativeHits[0].n).toBe(1);
    expect(await seedDemo()).toBeNull();
    expect(await database.client.incident.count()).toBe(incidents);
  });
});
