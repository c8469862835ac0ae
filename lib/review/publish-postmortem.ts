import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { ReviewTransitionInput } from "@/lib/review/schema";
import { transitionPostmortem } from "@/lib/review/transition-postmortem";

/** Publishes an approved postmortem (reviewer+). */
export async function publishPostmortem({ actor, input, tx }: { actor: Actor; input: ReviewTransitionInput; tx?: Db }) {
  return transitionPostmortem({ actor, verb: "publish", input, tx });
}
