"use server";

import type { z } from "zod";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runAction, type ActionResult } from "@/lib/transport/action-result";
import { linkIncidentMonitor, unlinkIncidentMonitor } from "@/lib/uptime/link-incident-monitor";
import type { incidentMonitorLinkSchema, incidentMonitorUnlinkSchema } from "@/lib/uptime/schema";

export type IncidentMonitorLinkInput = z.input<typeof incidentMonitorLinkSchema>;
export type IncidentMonitorUnlinkInput = z.input<typeof incidentMonitorUnlinkSchema>;

/** The incident's coverage report and the monitor pages' linked incidents both change. */
async function done<T>(result: ActionResult<T>): Promise<ActionResult<T>> {
  if (result.ok) {
    revalidatePath("/incidents/[number]", "page");
    revalidatePath("/monitors", "layout");
  }
  return result;
}

export async function linkIncidentMonitorAction(input: IncidentMonitorLinkInput): Promise<ActionResult<null>> {
  const actor = await requireUser("edit");
  return done(await runAction(() => linkIncidentMonitor({ actor, input }).then(() => null)));
}

export async function unlinkIncidentMonitorAction(input: IncidentMonitorUnlinkInput): Promise<ActionResult<null>> {
  const actor = await requireUser("edit");
  return done(await runAction(() => unlinkIncidentMonitor({ actor, input }).then(() => null)));
}
