import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { ReviewReasonInput } from "@/lib/review/schema";
import { transitionPostmortem } from "@/lib/review/transition-postmortem";

/** Sends a postmortem in review back to draft with a reason kept as a comment (reviewer+, not an editor of it). */
export async function requestChanges({ actor, input, tx }: { actor: Actor; input: ReviewReasonInput; tx?: Db }) {
  return transitionPostmortem({ actor, verb: "requestChanges", input, tx });
}
