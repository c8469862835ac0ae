"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runAction, type ActionResult } from "@/lib/transport/action-result";
import { updateLoadTestJournal } from "@/lib/loadtests/update-load-test-journal";
import type { UpdateLoadTestJournalInput } from "@/lib/loadtests/load-test-journal";

export async function updateLoadTestJournalAction(input: UpdateLoadTestJournalInput): Promise<ActionResult<{ version: number }>> {
  const actor = await requireUser("edit");
  const result = await runAction(() => updateLoadTestJournal({ actor, input }).then((r) => ({ version: r.version })));
  if (result.ok) revalidatePath("/load-tests/[id]", "page");
  return result;
}
