"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { compareRevisions } from "@/lib/revisions/compare-revisions";
import { restoreRevision } from "@/lib/revisions/restore-revision";
import { runAction } from "@/lib/transport/action-result";

export async function compareRevisionsAction(input: { incidentNumber: number; fromId: string; toId: string }) {
  const user = await requireUser("read");
  return runAction(() => compareRevisions({ actor: user, input }));
}

export async function restoreRevisionAction(input: { incidentNumber: number; revisionId: string }) {
  const user = await requireUser("edit");
  const result = await runAction(() => restoreRevision({ actor: user, input }));
  if (result.ok) revalidatePath(`/incidents/${input.incidentNumber}`);
  return result;
}
