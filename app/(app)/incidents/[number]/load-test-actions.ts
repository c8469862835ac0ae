"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runAction, type ActionResult } from "@/lib/transport/action-result";
import { linkLoadTestRun, unlinkLoadTestRun } from "@/lib/loadtests/link-load-test-run";
import { setObservedLoad } from "@/lib/loadtests/incident-load-tests";

export type LinkLoadTestRunInput = { runId: string; incidentNumber: number; note: string };
export type UnlinkLoadTestRunInput = { runId: string; incidentNumber: number };
export type ObservedLoadInput = {
  incidentNumber: number;
  version: number;
  observedPeakRps: string;
  observedPeakUsers: string;
  observedLoadNote: string;
};

async function done<T>(result: ActionResult<T>): Promise<ActionResult<T>> {
  if (result.ok) {
    // The run pages and the runs list show linked incidents too.
    revalidatePath("/incidents/[number]", "page");
    revalidatePath("/load-tests", "layout");
  }
  return result;
}

export async function linkLoadTestRunAction(input: LinkLoadTestRunInput): Promise<ActionResult<{ runId: string }>> {
  const actor = await requireUser("edit");
  return done(await runAction(async () => linkLoadTestRun({ actor, input }).then((r) => ({ runId: r.runId }))));
}

export async function unlinkLoadTestRunAction(input: UnlinkLoadTestRunInput): Promise<ActionResult<{ runId: string }>> {
  const actor = await requireUser("edit");
  return done(await runAction(async () => unlinkLoadTestRun({ actor, input }).then((r) => ({ runId: r.runId }))));
}

export async function setObservedLoadAction(input: ObservedLoadInput): Promise<ActionResult<{ incidentNumber: number }>> {
  const actor = await requireUser("edit");
  return done(await runAction(async () => setObservedLoad({ actor, input })));
}
