import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { ReviewTransitionInput } from "@/lib/review/schema";
import { transitionPostmortem } from "@/lib/review/transition-postmortem";

/** Approves a postmortem in review (reviewer+, never one who edited it). */
export async function approvePostmortem({ actor, input, tx }: { actor: Actor; input: ReviewTransitionInput; tx?: Db }) {
  return transitionPostmortem({ actor, verb: "approve", input, tx });
}
