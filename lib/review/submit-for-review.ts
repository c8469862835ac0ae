import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { ReviewTransitionInput } from "@/lib/review/schema";
import { transitionPostmortem } from "@/lib/review/transition-postmortem";

/** Sends a draft postmortem to review (editor+). */
export async function submitForReview({ actor, input, tx }: { actor: Actor; input: ReviewTransitionInput; tx?: Db }) {
  return transitionPostmortem({ actor, verb: "submit", input, tx });
}
