/**
 * The postmortem review workflow as a pure state machine: no database, no clock.
 *
 *   draft ──submit──▶ in_review ──approve──▶ approved ──publish──▶ published
 *     ▲                  │                                            │
 *     └─requestChanges───┘ (reason required)       reopen (reason) ───┘ back to draft
 *
 * Rules:
 * - submit needs `submitForReview` (editor+); requestChanges and approve need `review` (reviewer+);
 *   publish and reopen need `publish` (reviewer+). System actors (CLI, seeding) may do everything.
 * - Nobody approves or requests changes on a postmortem they edited (DECISIONS.md). "Edited" means the
 *   person authored any Revision row of the incident (any entity type); see `lib/review/edited-by.ts`.
 *   This applies to admins too; it does not apply to submit, publish or reopen.
 * - An approval stands until the postmortem is reopened: edits after approval do not revoke it, and an
 *   approved (not yet published) postmortem can only be published.
 */
import type { Role } from "@/lib/auth/roles";
import { can, type Action } from "@/lib/auth/permissions";
import type { ReviewStatus, ReviewVerb } from "@/lib/review/constants";

type TransitionRule = { from: ReviewStatus; to: ReviewStatus; permission: Action; needsReason: boolean; refusesEditors: boolean };

export const TRANSITIONS: Record<ReviewVerb, TransitionRule> = {
  submit: { from: "draft", to: "in_review", permission: "submitForReview", needsReason: false, refusesEditors: false },
  requestChanges: { from: "in_review", to: "draft", permission: "review", needsReason: true, refusesEditors: true },
  approve: { from: "in_review", to: "approved", permission: "review", needsReason: false, refusesEditors: true },
  publish: { from: "approved", to: "published", permission: "publish", needsReason: false, refusesEditors: false },
  reopen: { from: "published", to: "draft", permission: "publish", needsReason: true, refusesEditors: false },
};

export type TransitionRequest = {
  verb: ReviewVerb;
  status: ReviewStatus;
  /** `"system"` for the CLI and seeding. */
  role: Role | "system";
  /** The actor authored a revision of this incident. */
  actorEdited: boolean;
  /** Only checked for verbs that need one; pass `undefined` to ask "could I, given a reason?". */
  reason?: string;
};

export type TransitionRefusal = { code: "FORBIDDEN" | "CONFLICT" | "VALIDATION"; message: string };
export type TransitionDecision = { ok: true; from: ReviewStatus; to: ReviewStatus } | ({ ok: false } & TransitionRefusal);

const STATUS_WORDS: Record<ReviewStatus, string> = {
  draft: "a draft",
  in_review: "in review",
  approved: "approved",
  published: "published",
};

export const EDITED_REFUSAL = "You edited this postmortem, so someone else must review it.";

export function decideTransition(req: TransitionRequest): TransitionDecision {
  const rule = TRANSITIONS[req.verb];
  if (req.role !== "system" && !can(req.role, rule.permission)) {
    return { ok: false, code: "FORBIDDEN", message: "Your role does not allow this." };
  }
  if (req.status !== rule.from) {
    return {
      ok: false,
      code: "CONFLICT",
      message: `The postmortem is ${STATUS_WORDS[req.status]}; this needs it to be ${STATUS_WORDS[rule.from]}.`,
    };
  }
  if (rule.refusesEditors && req.role !== "system" && req.actorEdited) {
    return { ok: false, code: "FORBIDDEN", message: EDITED_REFUSAL };
  }
  if (rule.needsReason && req.reason !== undefined && req.reason.trim() === "") {
    return { ok: false, code: "VALIDATION", message: "Give a reason." };
  }
  return { ok: true, from: rule.from, to: rule.to };
}
