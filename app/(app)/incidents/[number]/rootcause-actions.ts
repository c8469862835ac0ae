"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runAction, type ActionResult } from "@/lib/transport/action-result";
import { createRootCause } from "@/lib/rootcauses/create-root-cause";
import { updateRootCause } from "@/lib/rootcauses/update-root-cause";
import { deleteRootCause } from "@/lib/rootcauses/delete-root-cause";
import { reorderRootCauses } from "@/lib/rootcauses/reorder-root-causes";
import type {
  CreateRootCauseInput,
  DeleteRootCauseInput,
  ReorderRootCausesInput,
  UpdateRootCauseInput,
} from "@/lib/rootcauses/schema";

async function done<T>(result: ActionResult<T>): Promise<ActionResult<T>> {
  if (result.ok) revalidatePath("/incidents/[number]", "page");
  return result;
}

export async function createRootCauseAction(input: CreateRootCauseInput): Promise<ActionResult<{ id: string; version: number }>> {
  const actor = await requireUser("edit");
  return done(await runAction(async () => createRootCause({ actor, input }).then((r) => ({ id: r.id, version: r.version }))));
}

export async function updateRootCauseAction(input: UpdateRootCauseInput): Promise<ActionResult<{ id: string; version: number }>> {
  const actor = await requireUser("edit");
  return done(await runAction(async () => updateRootCause({ actor, input }).then((r) => ({ id: r.id, version: r.version }))));
}

export async function deleteRootCauseAction(input: DeleteRootCauseInput): Promise<ActionResult<{ id: string }>> {
  const actor = await requireUser("edit");
  return done(await runAction(async () => deleteRootCause({ actor, input }).then((r) => ({ id: r.id }))));
}

export async function reorderRootCausesAction(input: ReorderRootCausesInput): Promise<ActionResult<{ moved: string[] }>> {
  const actor = await requireUser("edit");
  return done(await runAction(async () => reorderRootCauses({ actor, input })));
}
