"use server";

import type { z } from "zod";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runAction, type ActionResult } from "@/lib/transport/action-result";
import { deleteMonitor, updateMonitor } from "@/lib/uptime/update-monitor";
import { createMaintenanceWindow, deleteMaintenanceWindow } from "@/lib/uptime/maintenance-windows";
import { linkIncidentMonitor } from "@/lib/uptime/link-incident-monitor";
import { createIncidentFromDowntime } from "@/lib/uptime/create-incident-from-downtime";
import type {
  incidentFromDowntimeSchema,
  incidentMonitorLinkSchema,
  maintenanceWindowCreateSchema,
  monitorUpdateSchema,
} from "@/lib/uptime/schema";

/** What the forms send: the schemas' input (the verbs parse it again). */
export type MonitorUpdateInput = z.input<typeof monitorUpdateSchema>;
export type MaintenanceWindowInput = z.input<typeof maintenanceWindowCreateSchema>;
export type DowntimeIncidentInput = z.input<typeof incidentFromDowntimeSchema>;
export type DowntimeLinkInput = z.input<typeof incidentMonitorLinkSchema>;

/** The monitor pages, the list and the report show the same figures; incidents show linked monitors. */
async function done<T>(result: ActionResult<T>): Promise<ActionResult<T>> {
  if (result.ok) {
    revalidatePath("/monitors", "layout");
    revalidatePath("/incidents/[number]", "page");
  }
  return result;
}

export async function updateMonitorAction(input: MonitorUpdateInput): Promise<ActionResult<null>> {
  const actor = await requireUser("edit");
  return done(await runAction(() => updateMonitor({ actor, input }).then(() => null)));
}

/** Deletes the monitor with its samples and returns to the list; the files can be imported again. */
export async function deleteMonitorAction(monitorId: string): Promise<ActionResult<null>> {
  const actor = await requireUser("edit");
  const result = await done(await runAction(() => deleteMonitor({ actor, input: { monitorId } }).then(() => null)));
  if (result.ok) redirect("/monitors");
  return result;
}

export async function createMaintenanceWindowAction(input: MaintenanceWindowInput): Promise<ActionResult<null>> {
  const actor = await requireUser("edit");
  return done(await runAction(() => createMaintenanceWindow({ actor, input }).then(() => null)));
}

export async function deleteMaintenanceWindowAction(id: string): Promise<ActionResult<null>> {
  const actor = await requireUser("edit");
  return done(await runAction(() => deleteMaintenanceWindow({ actor, input: { id } }).then(() => null)));
}

export async function linkDowntimeToIncidentAction(input: DowntimeLinkInput): Promise<ActionResult<null>> {
  const actor = await requireUser("edit");
  return done(await runAction(() => linkIncidentMonitor({ actor, input }).then(() => null)));
}

/** Creates the incident (with its down and up timeline events) and opens it. */
export async function createIncidentFromDowntimeAction(input: DowntimeIncidentInput): Promise<ActionResult<{ number: number }>> {
  const actor = await requireUser("edit");
  const result = await done(
    await runAction(async () => ({ number: (await createIncidentFromDowntime({ actor, input })).number })),
  );
  if (result.ok) redirect(`/incidents/${result.data.number}`);
  return result;
}
