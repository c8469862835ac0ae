"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runAction, type ActionResult } from "@/lib/transport/action-result";
import { createActionItem } from "@/lib/actions/create-action-item";
import { updateActionItem } from "@/lib/actions/update-action-item";
import { deleteActionItem } from "@/lib/actions/delete-action-item";
import { bulkSetActionStatus } from "@/lib/actions/bulk-set-action-status";
import type {
  BulkSetActionStatusInput,
  CreateActionItemInput,
  DeleteActionItemInput,
  UpdateActionItemInput,
} from "@/lib/actions/schema";

async function done<T>(result: ActionResult<T>): Promise<ActionResult<T>> {
  if (result.ok) {
    revalidatePath("/incidents/[number]", "page");
    revalidatePath("/actions");
  }
  return result;
}

export async function createActionItemAction(
  input: CreateActionItemInput,
): Promise<ActionResult<{ id: string; version: number }>> {
  const actor = await requireUser("edit");
  return done(await runAction(async () => createActionItem({ actor, input }).then((r) => ({ id: r.id, version: r.version }))));
}

export async function updateActionItemAction(
  input: UpdateActionItemInput,
): Promise<ActionResult<{ id: string; version: number }>> {
  const actor = await requireUser("edit");
  return done(await runAction(async () => updateActionItem({ actor, input }).then((r) => ({ id: r.id, version: r.version }))));
}

export async function deleteActionItemAction(input: DeleteActionItemInput): Promise<ActionResult<{ id: string }>> {
  const actor = await requireUser("edit");
  return done(await runAction(async () => deleteActionItem({ actor, input }).then((r) => ({ id: r.id }))));
}

export async function bulkSetActionStatusAction(input: BulkSetActionStatusInput): Promise<ActionResult<{ updated: number }>> {
  const actor = await requireUser("edit");
  return done(await runAction(async () => bulkSetActionStatus({ actor, input })));
}
