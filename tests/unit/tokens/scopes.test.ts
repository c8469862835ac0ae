import { describe, expect, it } from "vitest";
import { canWithScope, scopesForRole, type Action, type TokenScope } from "@/lib/auth/permissions";
import { actorCan, assertCan, type Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";

// Written out by hand from DECISIONS.md: every (role, scope) pair and what it may do. A token never
// adds to its owner's role; `read` reads only, `write` drops administration, `admin` keeps the role.
const R = "read",
  C = "comment",
  E = "edit",
  S = "submitForReview",
  V = "review",
  P = "publish",
  T = "manageTemplates",
  A = "administer";
const EXPECTED: Record<Role, Record<TokenScope | "session", Action[]>> = {
  viewer: { session: [R, C], read: [R], write: [R, C], admin: [R, C] },
  editor: { session: [R, C, E, S], read: [R], write: [R, C, E, S], admin: [R, C, E, S] },
  reviewer: { session: [R, C, E, S, V, P, T], read: [R], write: [R, C, E, S, V, P, T], admin: [R, C, E, S, V, P, T] },
  admin: { session: [R, C, E, S, V, P, T, A], read: [R], write: [R, C, E, S, V, P, T], admin: [R, C, E, S, V, P, T, A] },
};
const ACTIONS: Action[] = [R, C, E, S, V, P, T, A];

const user = (role: Role, tokenScope?: TokenScope): Actor => ({
  kind: "user",
  id: "u1",
  email: "someone@example.test",
  name: "Someone",
  role,
  ...(tokenScope ? { tokenScope, tokenId: "t1" } : {}),
});

describe("a token's scope narrows its owner's role", () => {
  for (const [role, byScope] of Object.entries(EXPECTED) as [Role, Record<TokenScope | "session", Action[]>][]) {
    for (const [scope, allowed] of Object.entries(byScope) as [TokenScope | "session", Action[]][]) {
      const tokenScope = scope === "session" ? undefined : scope;
      it(`${role} with ${scope === "session" ? "a session" : `a ${scope} token`} may ${allowed.join(", ")} and nothing else`, () => {
        expect(ACTIONS.filter((a) => canWithScope(role, tokenScope, a))).toEqual(allowed);
        expect(ACTIONS.filter((a) => actorCan(user(role, tokenScope), a))).toEqual(allowed);
      });
    }
  }
});

describe("assertCan with a token", () => {
  it("names the token's scope when the scope, not the role, refuses", () => {
    expect(() => assertCan(user("editor", "read"), "edit")).toThrow(
      expect.objectContaining({ code: "FORBIDDEN", message: "This API token's scope (read) does not allow this." }),
    );
    expect(() => assertCan(user("admin", "write"), "administer")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });
  it("names the role when the role refuses, whatever the scope", () => {
    expect(() => assertCan(user("viewer", "admin"), "edit")).toThrow(
      expect.objectContaining({ code: "FORBIDDEN", message: "Your role does not allow this." }),
    );
  });
  it("lets an allowed action through", () => {
    expect(() => assertCan(user("reviewer", "write"), "publish")).not.toThrow();
    expect(() => assertCan(user("admin", "admin"), "administer")).not.toThrow();
  });
});

describe("scopesForRole", () => {
  it("offers only scopes that the role can use", () => {
    expect(scopesForRole("viewer")).toEqual(["read"]);
    expect(scopesForRole("editor")).toEqual(["read", "write"]);
    expect(scopesForRole("reviewer")).toEqual(["read", "write"]);
    expect(scopesForRole("admin")).toEqual(["read", "write", "admin"]);
  });
});
