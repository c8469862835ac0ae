import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { recordRevision, toSnapshot } from "@/lib/revisions/record-revision";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";
import { staleSaveError } from "@/lib/revisions/stale-save";
import { DeleteTimelineEventInput } from "@/lib/timeline/schema";
import { loadVisibleEvent } from "@/lib/timeline/load-visible-event";

/** Deletes an event seen at `version`; a final revision keeps the whole record with `deleted: true`. */
export async function deleteTimelineEvent({ actor, input, tx }: { actor: Actor; input: DeleteTimelineEventInput; tx?: Db }) {
  assertCan(actor, "edit");
  const parsed = DeleteTimelineEventInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const data = parsed.data;

  const run = async (client: Db) => {
    const existing = await loadVisibleEvent(client, actor, data.id);
    const { count } = await client.timelineEvent.deleteMany({ where: { id: data.id, version: data.version } });
    if (count === 0) {
      const current = await client.timelineEvent.findUnique({ where: { id: data.id } });
      if (!current) throw new AppError("NOT_FOUND", "This timeline event no longer exists.");
      throw staleSaveError(current, { deleted: true, id: data.id, version: data.version });
    }
    const { incident, ...record } = existing;
    await recordRevision(client, actor, {
      incidentId: incident.id,
      entityType: "TimelineEvent",
      entityId: record.id,
      version: record.version + 1,
      snapshot: { ...(toSnapshot(record) as object), deleted: true },
    });
    await recordAudit(client, actor, {
      action: "timeline.delete",
      entityType: "TimelineEvent",
      entityId: record.id,
      incidentId: incident.id,
      data: { version: record.version, text: record.text },
    });
    await refreshIncidentSearch(client, incident.id);
    return { id: record.id, incidentNumber: incident.number };
  };
  return tx ? run(tx) : db().$transaction(run);
}
