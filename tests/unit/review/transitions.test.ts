import { describe, expect, it } from "vitest";
import { decideTransition, EDITED_REFUSAL } from "@/lib/review/transitions";
import { REVIEW_STATUSES, REVIEW_VERBS, type ReviewStatus, type ReviewVerb } from "@/lib/review/constants";
import type { Role } from "@/lib/auth/roles";

// The workflow of issue 3, written out independently of the implementation.
const MOVES: Record<ReviewVerb, { from: ReviewStatus; to: ReviewStatus; roles: (Role | "system")[] }> = {
  submit: { from: "draft", to: "in_review", roles: ["editor", "reviewer", "admin", "system"] },
  requestChanges: { from: "in_review", to: "draft", roles: ["reviewer", "admin", "system"] },
  approve: { from: "in_review", to: "approved", roles: ["reviewer", "admin", "system"] },
  publish: { from: "approved", to: "published", roles: ["reviewer", "admin", "system"] },
  reopen: { from: "published", to: "draft", roles: ["reviewer", "admin", "system"] },
};
const ROLES: (Role | "system")[] = ["viewer", "editor", "reviewer", "admin", "system"];

describe("decideTransition: every verb × status × role", () => {
  for (const verb of REVIEW_VERBS) {
    const move = MOVES[verb];
    for (const status of REVIEW_STATUSES) {
      for (const role of ROLES) {
        const roleOk = move.roles.includes(role);
        const expected = !roleOk ? "FORBIDDEN" : status !== move.from ? "CONFLICT" : "ok";
        it(`${role} ${verb} from ${status} → ${expected}`, () => {
          const d = decideTransition({ verb, status, role, actorEdited: false, reason: "because" });
          if (expected === "ok") expect(d).toEqual({ ok: true, from: move.from, to: move.to });
          else expect(d).toMatchObject({ ok: false, code: expected });
        });
      }
    }
  }
});

describe("decideTransition: people who edited the postmortem", () => {
  for (const verb of ["approve", "requestChanges"] as const) {
    for (const role of ["reviewer", "admin"] as const) {
      it(`refuses ${verb} to a ${role} who edited it`, () => {
        const d = decideTransition({ verb, status: "in_review", role, actorEdited: true, reason: "x" });
        expect(d).toEqual({ ok: false, code: "FORBIDDEN", message: EDITED_REFUSAL });
      });
    }
  }
  it("lets the system approve regardless", () => {
    expect(decideTransition({ verb: "approve", status: "in_review", role: "system", actorEdited: true }).ok).toBe(true);
  });
  for (const [verb, status] of [
    ["submit", "draft"],
    ["publish", "approved"],
    ["reopen", "published"],
  ] as const) {
    it(`does not stop an editor of it from ${verb}`, () => {
      expect(decideTransition({ verb, status, role: "reviewer", actorEdited: true, reason: "r" }).ok).toBe(true);
    });
  }
});

describe("decideTransition: reasons", () => {
  for (const [verb, status] of [
    ["requestChanges", "in_review"],
    ["reopen", "published"],
  ] as const) {
    it(`${verb} refuses a blank reason`, () => {
      expect(decideTransition({ verb, status, role: "reviewer", actorEdited: false, reason: "  " })).toMatchObject({
        ok: false,
        code: "VALIDATION",
      });
    });
    it(`${verb} is available before a reason is typed`, () => {
      expect(decideTransition({ verb, status, role: "reviewer", actorEdited: false }).ok).toBe(true);
    });
  }
  it("explains a wrong status in words", () => {
    expect(decideTransition({ verb: "publish", status: "in_review", role: "reviewer", actorEdited: false })).toMatchObject({
      message: "The postmortem is in review; this needs it to be approved.",
    });
  });
});
