"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runAction, type ActionResult } from "@/lib/transport/action-result";
import { deleteLoadTestRun, updateLoadTestRun } from "@/lib/loadtests/update-load-test-run";
import { linkLoadTestRun, unlinkLoadTestRun } from "@/lib/loadtests/link-load-test-run";

export type RunSetupInput = { id: string; version: number; name: string; notes: string; environment: string };
export type RunLinkInput = { runId: string; incidentNumber: number | string; note?: string };

async function done<T>(result: ActionResult<T>): Promise<ActionResult<T>> {
  if (result.ok) {
    revalidatePath("/load-tests/[id]", "page");
    revalidatePath("/load-tests");
  }
  return result;
}

export async function updateLoadTestRunAction(input: RunSetupInput): Promise<ActionResult<{ id: string }>> {
  const actor = await requireUser("edit");
  return done(await runAction(() => updateLoadTestRun({ actor, input })));
}

export async function linkLoadTestRunAction(input: RunLinkInput): Promise<ActionResult<{ incidentNumber: number }>> {
  const actor = await requireUser("edit");
  const result = await done(
    await runAction(() => linkLoadTestRun({ actor, input }).then((r) => ({ incidentNumber: r.incidentNumber }))),
  );
  if (result.ok) revalidatePath("/incidents/[number]", "page");
  return result;
}

export async function unlinkLoadTestRunAction(input: RunLinkInput): Promise<ActionResult<{ incidentNumber: number }>> {
  const actor = await requireUser("edit");
  const result = await done(
    await runAction(() => unlinkLoadTestRun({ actor, input }).then((r) => ({ incidentNumber: r.incidentNumber }))),
  );
  if (result.ok) revalidatePath("/incidents/[number]", "page");
  return result;
}

/** Deletes the run and returns to the list; the figures can be imported again from the files. */
export async function deleteLoadTestRunAction(id: string): Promise<ActionResult<{ id: string }>> {
  const actor = await requireUser("edit");
  const result = await runAction(() => deleteLoadTestRun({ actor, id }));
  if (result.ok) {
    revalidatePath("/load-tests");
    redirect("/load-tests");
  }
  return result;
}
