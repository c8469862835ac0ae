import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { ReviewReasonInput } from "@/lib/review/schema";
import { transitionPostmortem } from "@/lib/review/transition-postmortem";

/** Reopens a published postmortem as a draft with a reason kept as a comment (reviewer+). */
export async function reopenPostmortem({ actor, input, tx }: { actor: Actor; input: ReviewReasonInput; tx?: Db }) {
  return transitionPostmortem({ actor, verb: "reopen", input, tx });
}
