"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runAction, type ActionResult } from "@/lib/transport/action-result";
import { addComment } from "@/lib/comments/add-comment";
import { resolveComment } from "@/lib/comments/resolve-comment";
import type { AddCommentInput, ResolveCommentInput } from "@/lib/comments/schema";

export async function addCommentAction(input: AddCommentInput): Promise<ActionResult<{ id: string }>> {
  const user = await requireUser("comment");
  const result = await runAction(async () => ({ id: (await addComment({ actor: user, input })).id }));
  if (result.ok) revalidatePath(`/incidents/${Number(input.incidentNumber)}`);
  return result;
}

/** `incidentNumber` only names the page to refresh; the verb finds the comment by id. */
export async function resolveCommentAction(
  incidentNumber: number,
  input: ResolveCommentInput,
): Promise<ActionResult<{ resolved: boolean }>> {
  const user = await requireUser("comment");
  const result = await runAction(async () => ({
    resolved: (await resolveComment({ actor: user, input })).resolvedAt !== null,
  }));
  if (result.ok) revalidatePath(`/incidents/${Number(incidentNumber)}`);
  return result;
}
