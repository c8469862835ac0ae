"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runAction, type ActionResult } from "@/lib/transport/action-result";
import { cloneTemplate, createTemplate, updateTemplate } from "@/lib/templates/save-template";
import { previewTemplate } from "@/lib/templates/preview-template";
import { switchPostmortemTemplate, type TemplateSwitch } from "@/lib/templates/postmortem-template";
import type {
  CloneTemplateInput,
  CreateTemplateInput,
  PreviewTemplateInput,
  SwitchTemplateInput,
  UpdateTemplateInput,
} from "@/lib/templates/schema";

type Saved = ActionResult<{ key: string; version: number }>;

export async function createTemplateAction(input: CreateTemplateInput): Promise<Saved> {
  const actor = await requireUser("manageTemplates");
  const result = await runAction(async () => {
    const saved = await createTemplate({ actor, input });
    return { key: saved.key, version: saved.version };
  });
  if (result.ok) revalidatePath("/templates");
  return result;
}

export async function updateTemplateAction(input: UpdateTemplateInput): Promise<Saved> {
  const actor = await requireUser("manageTemplates");
  const result = await runAction(async () => {
    const saved = await updateTemplate({ actor, input });
    return { key: saved.key, version: saved.version };
  });
  if (result.ok) revalidatePath("/templates", "layout");
  return result;
}

export async function cloneTemplateAction(input: CloneTemplateInput): Promise<Saved> {
  const actor = await requireUser("manageTemplates");
  const result = await runAction(async () => {
    const saved = await cloneTemplate({ actor, input });
    return { key: saved.key, version: saved.version };
  });
  if (result.ok) revalidatePath("/templates");
  return result;
}

export async function previewTemplateAction(input: PreviewTemplateInput): Promise<ActionResult<{ html: string }>> {
  const actor = await requireUser("read");
  return runAction(() => previewTemplate({ actor, input }));
}

/** Used by the incident page's template chooser. */
export async function switchTemplateAction(input: SwitchTemplateInput): Promise<ActionResult<TemplateSwitch>> {
  const actor = await requireUser("edit");
  const result = await runAction(() => switchPostmortemTemplate({ actor, input }));
  if (result.ok) revalidatePath("/incidents/[number]", "page");
  return result;
}
