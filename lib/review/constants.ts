/** Prisma-free review vocabulary, usable by client components. */
import { REVIEW_STATUSES } from "@/lib/incidents/constants";

export { REVIEW_STATUSES };
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  approved: "Approved",
  published: "Published",
};

export const REVIEW_VERBS = ["submit", "requestChanges", "approve", "publish", "reopen"] as const;
export type ReviewVerb = (typeof REVIEW_VERBS)[number];

export const REVIEW_VERB_LABELS: Record<ReviewVerb, string> = {
  submit: "Submit for review",
  requestChanges: "Request changes",
  approve: "Approve",
  publish: "Publish",
  reopen: "Reopen",
};

/** Audit action names, one per transition. */
export const REVIEW_AUDIT_ACTIONS: Record<ReviewVerb, string> = {
  submit: "postmortem.submit",
  requestChanges: "postmortem.request_changes",
  approve: "postmortem.approve",
  publish: "postmortem.publish",
  reopen: "postmortem.reopen",
};

/** Verbs that must carry a reason; it is kept as a comment on the document. */
export const VERBS_NEEDING_REASON: readonly ReviewVerb[] = ["requestChanges", "reopen"];

/** Leaves room for the "Changes requested: " label within a comment's 5,000 characters. */
export const REASON_MAX = 4000;
