"use server";

import { requireUser } from "@/lib/auth/session";
import { saveSection } from "@/lib/postmortems/save-section";
import type { SaveSectionInput } from "@/lib/postmortems/schema";
import { runAction, type ActionResult } from "@/lib/transport/action-result";

export async function saveSectionAction(input: SaveSectionInput): Promise<ActionResult<{ version: number; updatedAt: string }>> {
  const user = await requireUser("edit");
  return runAction(async () => {
    const saved = await saveSection({ actor: user, input });
    return { version: saved.version, updatedAt: saved.updatedAt.toISOString() };
  });
}
