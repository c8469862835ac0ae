"use server";

import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { updateIncident } from "@/lib/incidents/update-incident";
import { runAction, type ActionResult } from "@/lib/transport/action-result";
import type { CreateIncidentInput } from "@/lib/incidents/schema";

export async function updateIncidentAction(
  number: number,
  version: number,
  input: CreateIncidentInput,
): Promise<ActionResult<{ number: number }>> {
  const user = await requireUser("edit");
  const result = await runAction(async () => {
    const incident = await updateIncident({
      actor: user,
      input: { ...input, number, version },
      keepRolesOtherThanCommander: true,
    });
    return { number: incident.number };
  });
  if (result.ok) redirect(`/incidents/${result.data.number}`);
  return result;
}
