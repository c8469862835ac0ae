"use server";

import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { createIncident } from "@/lib/incidents/create-incident";
import { runAction, type ActionResult } from "@/lib/transport/action-result";
import type { CreateIncidentInput } from "@/lib/incidents/schema";

export async function createIncidentAction(input: CreateIncidentInput): Promise<ActionResult<{ number: number }>> {
  const user = await requireUser("edit");
  const result = await runAction(async () => {
    const incident = await createIncident({ actor: user, input });
    return { number: incident.number };
  });
  if (result.ok) redirect(`/incidents/${result.data.number}`);
  return result;
}
