import { describe, expect, it } from "vitest";
import { can, type Action } from "@/lib/auth/permissions";
import { assertCan } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";

// The role × action table of DECISIONS.md, written out independently of the implementation.
const TABLE: Record<Action, Role[]> = {
  read: ["viewer", "editor", "reviewer", "admin"],
  comment: ["viewer", "editor", "reviewer", "admin"],
  edit: ["editor", "reviewer", "admin"],
  submitForReview: ["editor", "reviewer", "admin"],
  review: ["reviewer", "admin"],
  publish: ["reviewer", "admin"],
  manageTemplates: ["reviewer", "admin"],
  administer: ["admin"],
};
const ROLES: Role[] = ["viewer", "editor", "reviewer", "admin"];

describe("can", () => {
  for (const [action, allowed] of Object.entries(TABLE) as [Action, Role[]][]) {
    for (const role of ROLES) {
      it(`${role} ${allowed.includes(role) ? "may" : "may not"} ${action}`, () => {
        expect(can(role, action)).toBe(allowed.includes(role));
      });
    }
  }
});

describe("assertCan", () => {
  it("throws FORBIDDEN for a role without the action", () => {
    expect(() => assertCan({ kind: "user", id: "u", email: "v@x", name: "", role: "viewer" }, "edit")).toThrow(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
  });
  it("lets the system actor (CLI, seeding) act", () => {
    expect(() => assertCan({ kind: "system", label: "cli" }, "administer")).not.toThrow();
  });
});
