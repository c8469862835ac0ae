"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runAction, type ActionResult } from "@/lib/transport/action-result";
import { createDeliverable } from "@/lib/deliverables/create-deliverable";
import { updateDeliverable } from "@/lib/deliverables/update-deliverable";
import { deleteDeliverable } from "@/lib/deliverables/delete-deliverable";
import { moveDeliverable } from "@/lib/deliverables/move-deliverable";
import { saveReportFields } from "@/lib/deliverables/save-report-fields";
import type {
  CreateDeliverableInput,
  DeleteDeliverableInput,
  MoveDeliverableInput,
  UpdateDeliverableInput,
} from "@/lib/deliverables/schema";
import type { ReportFields, SaveReportFieldsInput } from "@/lib/postmortems/report-fields";

async function done<T>(result: ActionResult<T>): Promise<ActionResult<T>> {
  if (result.ok) revalidatePath("/incidents/[number]", "page");
  return result;
}

export async function createDeliverableAction(
  input: CreateDeliverableInput,
): Promise<ActionResult<{ id: string; version: number }>> {
  const actor = await requireUser("edit");
  return done(await runAction(async () => createDeliverable({ actor, input }).then((r) => ({ id: r.id, version: r.version }))));
}

export async function updateDeliverableAction(
  input: UpdateDeliverableInput,
): Promise<ActionResult<{ id: string; version: number }>> {
  const actor = await requireUser("edit");
  return done(await runAction(async () => updateDeliverable({ actor, input }).then((r) => ({ id: r.id, version: r.version }))));
}

export async function deleteDeliverableAction(input: DeleteDeliverableInput): Promise<ActionResult<{ id: string }>> {
  const actor = await requireUser("edit");
  return done(await runAction(async () => deleteDeliverable({ actor, input }).then((r) => ({ id: r.id }))));
}

export async function moveDeliverableAction(input: MoveDeliverableInput): Promise<ActionResult<{ moved: boolean }>> {
  const actor = await requireUser("edit");
  return done(await runAction(async () => moveDeliverable({ actor, input }).then((r) => ({ moved: r.moved }))));
}

export async function saveReportFieldsAction(input: SaveReportFieldsInput): Promise<ActionResult<{ fields: ReportFields }>> {
  const actor = await requireUser("edit");
  return done(await runAction(async () => saveReportFields({ actor, input }).then((r) => ({ fields: r.fields }))));
}
