"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runAction, type ActionResult } from "@/lib/transport/action-result";
import { createTimelineEvent } from "@/lib/timeline/create-timeline-event";
import { updateTimelineEvent } from "@/lib/timeline/update-timeline-event";
import { deleteTimelineEvent } from "@/lib/timeline/delete-timeline-event";
import { importTimelineEvents } from "@/lib/timeline/import-timeline-events";
import type {
  CreateTimelineEventInput,
  DeleteTimelineEventInput,
  ImportTimelineEventsInput,
  UpdateTimelineEventInput,
} from "@/lib/timeline/schema";

const refresh = (incidentNumber: number) => revalidatePath(`/incidents/${incidentNumber}`);

export async function createTimelineEventAction(input: CreateTimelineEventInput): Promise<ActionResult<{ id: string }>> {
  const user = await requireUser("edit");
  const result = await runAction(async () => ({ id: (await createTimelineEvent({ actor: user, input })).id }));
  if (result.ok) refresh(Number(input.incidentNumber));
  return result;
}

export async function updateTimelineEventAction(
  incidentNumber: number,
  input: UpdateTimelineEventInput,
): Promise<ActionResult<{ id: string; version: number }>> {
  const user = await requireUser("edit");
  const result = await runAction(async () => {
    const event = await updateTimelineEvent({ actor: user, input });
    return { id: event.id, version: event.version };
  });
  refresh(incidentNumber);
  return result;
}

export async function deleteTimelineEventAction(
  incidentNumber: number,
  input: DeleteTimelineEventInput,
): Promise<ActionResult<{ id: string }>> {
  const user = await requireUser("edit");
  const result = await runAction(async () => ({ id: (await deleteTimelineEvent({ actor: user, input })).id }));
  refresh(incidentNumber);
  return result;
}

export async function importTimelineEventsAction(input: ImportTimelineEventsInput): Promise<ActionResult<{ count: number }>> {
  const user = await requireUser("edit");
  const result = await runAction(async () => ({ count: (await importTimelineEvents({ actor: user, input })).count }));
  if (result.ok) refresh(Number(input.incidentNumber));
  return result;
}
