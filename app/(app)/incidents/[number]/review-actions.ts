"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runAction, type ActionResult } from "@/lib/transport/action-result";
import { submitForReview } from "@/lib/review/submit-for-review";
import { requestChanges } from "@/lib/review/request-changes";
import { approvePostmortem } from "@/lib/review/approve-postmortem";
import { publishPostmortem } from "@/lib/review/publish-postmortem";
import { reopenPostmortem } from "@/lib/review/reopen-postmortem";
import type { ReviewResult } from "@/lib/review/transition-postmortem";
import type { ReviewReasonInput, ReviewTransitionInput } from "@/lib/review/schema";

type SessionUser = Awaited<ReturnType<typeof requireUser>>;

// Role checks live in the verbs, so a refusal comes back in the envelope instead of a redirect.
async function run(
  incidentNumber: unknown,
  verb: (actor: SessionUser) => Promise<ReviewResult>,
): Promise<ActionResult<ReviewResult>> {
  const user = await requireUser("read");
  const result = await runAction(() => verb(user));
  // Refresh on refusals too: a CONFLICT means the page shows an outdated status.
  revalidatePath(`/incidents/${Number(incidentNumber)}`);
  return result;
}

export async function submitForReviewAction(input: ReviewTransitionInput) {
  return run(input.incidentNumber, (actor) => submitForReview({ actor, input }));
}
export async function requestChangesAction(input: ReviewReasonInput) {
  return run(input.incidentNumber, (actor) => requestChanges({ actor, input }));
}
export async function approveAction(input: ReviewTransitionInput) {
  return run(input.incidentNumber, (actor) => approvePostmortem({ actor, input }));
}
export async function publishAction(input: ReviewTransitionInput) {
  return run(input.incidentNumber, (actor) => publishPostmortem({ actor, input }));
}
export async function reopenAction(input: ReviewReasonInput) {
  return run(input.incidentNumber, (actor) => reopenPostmortem({ actor, input }));
}
