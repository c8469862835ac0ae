import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { recordRevision, toSnapshot } from "@/lib/revisions/record-revision";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";
import { staleSaveError } from "@/lib/revisions/stale-save";
import { UpdateTimelineEventInput, resolveTimelineTime } from "@/lib/timeline/schema";
import { loadVisibleEvent } from "@/lib/timeline/load-visible-event";

/**
 * Saves an edit only if nobody saved the event since `version` was read; otherwise refuses with both
 * texts (CONFLICT), or NOT_FOUND when the event was deleted meanwhile.
 */
export async function updateTimelineEvent({ actor, input, tx }: { actor: Actor; input: UpdateTimelineEventInput; tx?: Db }) {
  assertCan(actor, "edit");
  const parsed = UpdateTimelineEventInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const data = parsed.data;

  const run = async (client: Db) => {
    const existing = await loadVisibleEvent(client, actor, data.id);
    const { occurredAt, precision } = resolveTimelineTime(data, existing.incident.timeZone);
    const { count } = await client.timelineEvent.updateMany({
      where: { id: data.id, version: data.version },
      data: { occurredAt, precision, kind: data.kind, text: data.text, version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await client.timelineEvent.findUnique({ where: { id: data.id } });
      if (!current) throw new AppError("NOT_FOUND", "This timeline event no longer exists.");
      throw staleSaveError(current, { ...data, occurredAt, precision });
    }
    const event = await client.timelineEvent.findUniqueOrThrow({ where: { id: data.id } });
    await recordRevision(client, actor, {
      incidentId: event.incidentId,
      entityType: "TimelineEvent",
      entityId: event.id,
      version: event.version,
      snapshot: toSnapshot(event),
    });
    await recordAudit(client, actor, {
      action: "timeline.update",
      entityType: "TimelineEvent",
      entityId: event.id,
      incidentId: event.incidentId,
      data: { version: event.version, occurredAt: event.occurredAt.toISOString(), precision, kind: event.kind },
    });
    await refreshIncidentSearch(client, event.incidentId);
    return event;
  };
  return tx ? run(tx) : db().$transaction(run);
}
