import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addDays } from "date-fns";
import { DATABASES, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser } from "./support/factories";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";
import { authenticateToken, authenticateTokenRequest, TOKEN_LIMITS } from "@/lib/tokens/authenticate-token";
import { hashTokenSecret } from "@/lib/tokens/secret";
import { setUserActive, setUserRole } from "@/lib/users/set-user-role";
import { createIncident } from "@/lib/incidents/create-incident";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { errorResponse } from "@/lib/transport/route-error";
import { SYSTEM } from "./support/factories";

const T0 = new Date("2026-11-20T10:00:00.000Z");
const seconds = (n: number) => new Date(T0.getTime() + n * 1000);

describe.each(DATABASES)("API tokens on %s", (_kind, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("creates a token whose secret is shown once and stored only as its SHA-256", async () => {
    const editor = await makeUser("editor");
    const { token, secret } = await createApiToken({
      actor: editor,
      input: { name: "  nightly export  ", scope: "write", expiresInDays: "90" },
      now: T0,
    });
    expect(secret).toMatch(/^hs_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({
      name: "nightly export",
      scope: "write",
      prefix: secret.slice(0, 10),
      state: "active",
      createdAt: T0.toISOString(),
      expiresAt: addDays(T0, 90).toISOString(),
      revokedAt: null,
      lastUsedAt: null,
      owner: { id: editor.id, email: editor.email },
    });
    const row = await database.client.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(hashTokenSecret(secret));
    expect(JSON.stringify(row)).not.toContain(secret.slice(10));
    const audit = await database.client.auditLog.findMany({ where: { entityId: token.id } });
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([["token.create", editor.email]]);
    expect(JSON.stringify(audit.map((a) => [a.data, a.actorLabel]))).not.toContain(secret.slice(10));
    expect(JSON.stringify(await listApiTokens({ actor: editor }))).not.toContain(secret.slice(10));
  });

  it("authenticates as the owner with the token's scope and records last use at most once a minute", async () => {
    const editor = await makeUser("editor");
    const { token, secret } = await createApiToken({
      actor: editor,
      input: { name: "ci", scope: "read", expiresInDays: "never" },
      now: T0,
    });
    const lastUsed = async () => (await database.client.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt;

    expect(await authenticateToken(secret, { now: seconds(5) })).toEqual({
      kind: "user",
      id: editor.id,
      email: editor.email,
      name: editor.name,
      role: "editor",
      tokenScope: "read",
      tokenId: token.id,
    });
    expect(await lastUsed()).toEqual(seconds(5));
    await authenticateToken(secret, { now: seconds(30) });
    await authenticateToken(secret, { now: seconds(64) });
    expect(await lastUsed()).toEqual(seconds(5));
    await authenticateToken(secret, { now: seconds(65) });
    expect(await lastUsed()).toEqual(seconds(65));
    await authenticateToken(secret, { now: seconds(100) });
    expect(await lastUsed()).toEqual(seconds(65));
    expect((await listApiTokens({ actor: editor, now: seconds(100) }))[0].lastUsedAt).toBe(seconds(65).toISOString());
  });

  it("lets verbs see the scope: a read token reads but may not write", async () => {
    const editor = await makeUser("editor");
    const { secret } = await createApiToken({ actor: editor, input: { name: "reader", scope: "read", expiresInDays: "30" } });
    const viaToken = (await authenticateToken(secret))!;
    await expect(listIncidents({ actor: viaToken })).resolves.toBeDefined();
    await expect(createIncident({ actor: viaToken, input: incidentInput() })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "This API token's scope (read) does not allow this.",
    });
    const { secret: writeSecret } = await createApiToken({
      actor: editor,
      input: { name: "writer", scope: "write", expiresInDays: "30" },
    });
    const writer = (await authenticateToken(writeSecret))!;
    await expect(createIncident({ actor: writer, input: incidentInput() })).resolves.toMatchObject({
      title: "Cache ran out of memory",
    });
  });

  it("refuses revoked, expired, unknown and malformed tokens and tokens of deactivated owners", async () => {
    const editor = await makeUser("editor");
    const { token, secret } = await createApiToken({
      actor: editor,
      input: { name: "a", scope: "read", expiresInDays: "30" },
      now: T0,
    });
    expect(await authenticateToken(secret, { now: addDays(T0, 29) })).not.toBeNull();
    expect(await authenticateToken(secret, { now: addDays(T0, 30) })).toBeNull();
    expect(await authenticateToken(secret, { now: addDays(T0, 31) })).toBeNull();

    const { secret: other } = await createApiToken({
      actor: editor,
      input: { name: "b", scope: "read", expiresInDays: "never" },
    });
    expect(await authenticateToken(other)).not.toBeNull();
    const revoked = await revokeApiToken({ actor: editor, input: { tokenId: (await authenticateToken(other))!.tokenId } });
    expect(revoked.state).toBe("revoked");
    expect(await authenticateToken(other)).toBeNull();

    expect(await authenticateToken("hs_" + "A".repeat(43))).toBeNull();
    expect(await authenticateToken("not a token")).toBeNull();
    expect(await authenticateToken(secret.slice(0, -1))).toBeNull();

    const owner = await makeUser("editor");
    const { secret: third } = await createApiToken({ actor: owner, input: { name: "c", scope: "read", expiresInDays: "never" } });
    await setUserActive({ actor: SYSTEM, input: { email: owner.email, active: false } });
    expect(await authenticateToken(third)).toBeNull();
    expect(token.state).toBe("active");
  });

  it("applies the owner's current role: a demoted owner's write token writes no more", async () => {
    const editor = await makeUser("editor");
    const { secret } = await createApiToken({ actor: editor, input: { name: "w", scope: "write", expiresInDays: "never" } });
    await setUserRole({ actor: SYSTEM, input: { email: editor.email, role: "viewer" } });
    const actor = (await authenticateToken(secret))!;
    expect(actor.role).toBe("viewer");
    await expect(createIncident({ actor, input: incidentInput() })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("offers each role only the scopes it can use", async () => {
    const viewer = await makeUser("viewer");
    const before = await database.client.apiToken.count();
    await expect(
      createApiToken({ actor: viewer, input: { name: "w", scope: "write", expiresInDays: "30" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", fields: { scope: ["Your role does not allow this scope"] } });
    const editor = await makeUser("editor");
    await expect(
      createApiToken({ actor: editor, input: { name: "a", scope: "admin", expiresInDays: "30" } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await database.client.apiToken.count()).toBe(before);
    await expect(
      createApiToken({ actor: viewer, input: { name: "r", scope: "read", expiresInDays: "30" } }),
    ).resolves.toMatchObject({
      token: { scope: "read" },
    });
    await expect(
      createApiToken({ actor: viewer, input: { name: " ", scope: "read", expiresInDays: "7" as "30" } }),
    ).rejects.toMatchObject({ code: "VALIDATION", fields: { name: expect.any(Array), expiresInDays: expect.any(Array) } });
    await expect(
      createApiToken({ actor: SYSTEM, input: { name: "x", scope: "read", expiresInDays: "30" } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("lets a token make tokens no wider and no longer-lived than itself, and a read token none", async () => {
    const admin = await makeUser("admin");
    const { secret: readSecret } = await createApiToken({
      actor: admin,
      input: { name: "r", scope: "read", expiresInDays: "never" },
    });
    const reader = (await authenticateToken(readSecret))!;
    await expect(
      createApiToken({ actor: reader, input: { name: "x", scope: "read", expiresInDays: "30" } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const { token: readToken } = await createApiToken({
      actor: admin,
      input: { name: "r2", scope: "read", expiresInDays: "30" },
    });
    await expect(revokeApiToken({ actor: reader, input: { tokenId: readToken.id } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    const { secret: writeSecret } = await createApiToken({
      actor: admin,
      input: { name: "w", scope: "write", expiresInDays: "90" },
    });
    const writer = (await authenticateToken(writeSecret))!;
    await expect(
      createApiToken({ actor: writer, input: { name: "x", scope: "admin", expiresInDays: "30" } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      createApiToken({ actor: writer, input: { name: "x", scope: "write", expiresInDays: "never" } }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { expiresInDays: [expect.stringMatching(/^Choose an expiry before /)] },
    });
    const child = await createApiToken({ actor: writer, input: { name: "child", scope: "read", expiresInDays: "30" } });
    expect(child.token.owner.id).toBe(admin.id);
    const audit = await database.client.auditLog.findFirstOrThrow({ where: { entityId: child.token.id } });
    expect(audit.data).toMatchObject({ viaToken: writer.tokenId });
  });

  it("lists and revokes one's own tokens; an admin lists and revokes everyone's", async () => {
    const alice = await makeUser("editor");
    const bob = await makeUser("viewer");
    const admin = await makeUser("admin");
    const a = await createApiToken({
      actor: alice,
      input: { name: "alice-1", scope: "write", expiresInDays: "30" },
      now: seconds(1),
    });
    await createApiToken({ actor: alice, input: { name: "alice-2", scope: "read", expiresInDays: "never" }, now: seconds(2) });
    const b = await createApiToken({ actor: bob, input: { name: "bob-1", scope: "read", expiresInDays: "365" } });

    expect((await listApiTokens({ actor: alice })).map((t) => t.name)).toEqual(["alice-2", "alice-1"]);
    expect((await listApiTokens({ actor: bob })).map((t) => t.name)).toEqual(["bob-1"]);
    const everyone = await listApiTokens({ actor: admin });
    expect(everyone.map((t) => t.name)).toEqual(expect.arrayContaining(["alice-1", "alice-2", "bob-1"]));
    expect(everyone.find((t) => t.name === "bob-1")?.owner.email).toBe(bob.email);

    // An admin acting through a write token is not administering: own tokens only.
    const { secret } = await createApiToken({ actor: admin, input: { name: "admin-w", scope: "write", expiresInDays: "30" } });
    const adminViaWrite = (await authenticateToken(secret))!;
    expect((await listApiTokens({ actor: adminViaWrite })).map((t) => t.owner.id)).toEqual([admin.id]);
    await expect(revokeApiToken({ actor: adminViaWrite, input: { tokenId: b.token.id } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    await expect(revokeApiToken({ actor: alice, input: { tokenId: b.token.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revokeApiToken({ actor: alice, input: { tokenId: "missing" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await authenticateToken(b.secret)).not.toBeNull();

    const revokedAt = seconds(500);
    const revoked = await revokeApiToken({ actor: admin, input: { tokenId: b.token.id }, now: revokedAt });
    expect(revoked).toMatchObject({ state: "revoked", revokedAt: revokedAt.toISOString(), owner: { email: bob.email } });
    expect(await authenticateToken(b.secret)).toBeNull();
    const again = await revokeApiToken({ actor: bob, input: { tokenId: b.token.id }, now: seconds(900) });
    expect(again.revokedAt).toBe(revokedAt.toISOString());
    const audit = await database.client.auditLog.findMany({ where: { entityId: b.token.id }, orderBy: { at: "asc" } });
    expect(audit.map((r) => [r.action, r.actorLabel])).toEqual([
      ["token.create", bob.email],
      ["token.revoke", admin.email],
    ]);

    await revokeApiToken({ actor: alice, input: { tokenId: a.token.id } });
    expect(await authenticateToken(a.secret)).toBeNull();
  });

  it("answers a bad token with 401, too many failures from one address with 429 and Retry-After", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const address = `198.51.100.${Math.floor(Math.random() * 250)}`;
      const bad = "hs_" + "B".repeat(43);
      const { limit } = TOKEN_LIMITS.failuresPerAddress;
      for (let i = 0; i < limit; i++) {
        await expect(authenticateTokenRequest({ secret: bad, clientAddress: address })).rejects.toMatchObject({
          code: "UNAUTHENTICATED",
        });
      }
      const error = await authenticateTokenRequest({ secret: bad, clientAddress: address }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "RATE_LIMITED" });
      const response = errorResponse(error);
      expect(response.status).toBe(429);
      expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(Number(response.headers.get("Retry-After"))).toBeLessThanOrEqual(TOKEN_LIMITS.failuresPerAddress.windowSeconds);

      const unauthenticated = errorResponse(
        await authenticateTokenRequest({ secret: bad, clientAddress: "203.0.113.9" }).catch((e: unknown) => e),
      );
      expect(unauthenticated.status).toBe(401);
      expect(unauthenticated.headers.get("Retry-After")).toBeNull();
      expect(await unauthenticated.json()).toEqual({
        error: { code: "UNAUTHENTICATED", message: "The API token is invalid, expired or revoked." },
      });
      // The log names the reason, never the secret.
      const logged = warn.mock.calls.map((c) => String(c[0]));
      expect(logged.at(-1)).toContain('"reason":"unknown"');
      expect(logged.join("\n")).not.toContain(bad.slice(10));
    } finally {
      warn.mockRestore();
    }
  });

  it("limits the requests of one token, counted in the database", async () => {
    const editor = await makeUser("editor");
    const { secret } = await createApiToken({ actor: editor, input: { name: "busy", scope: "read", expiresInDays: "30" } });
    const actor = await authenticateTokenRequest({ secret, clientAddress: "192.0.2.1" });
    const { limit } = TOKEN_LIMITS.requestsPerToken;
    // Stand in for `limit` earlier requests in this window (from any instance) rather than making them.
    await database.client.rateLimitBucket.update({
      where: { key: `token:requests:${actor.tokenId}` },
      data: { count: limit - 1 },
    });
    await expect(authenticateTokenRequest({ secret, clientAddress: "192.0.2.1" })).resolves.toMatchObject({ id: editor.id });
    const error = await authenticateTokenRequest({ secret, clientAddress: "192.0.2.1" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "RATE_LIMITED" });
    expect(errorResponse(error).headers.get("Retry-After")).toMatch(/^\d+$/);
    // Another token of the same owner has its own budget.
    const { secret: second } = await createApiToken({
      actor: editor,
      input: { name: "calm", scope: "read", expiresInDays: "30" },
    });
    await expect(authenticateTokenRequest({ secret: second, clientAddress: "192.0.2.1" })).resolves.toMatchObject({
      id: editor.id,
    });
  });
});
