import { db, type Db } from "@/lib/db";
import { validationError } from "@/lib/errors";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { recordRevision, toSnapshot } from "@/lib/revisions/record-revision";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";
import { CreateTimelineEventInput, resolveTimelineTime } from "@/lib/timeline/schema";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";

export async function createTimelineEvent({ actor, input, tx }: { actor: Actor; input: CreateTimelineEventInput; tx?: Db }) {
  assertCan(actor, "edit");
  const parsed = CreateTimelineEventInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const data = parsed.data;

  const run = async (client: Db) => {
    const incident = await findVisibleIncident(client, actor, { number: data.incidentNumber });
    const { occurredAt, precision } = resolveTimelineTime(data, incident.timeZone);
    const event = await client.timelineEvent.create({
      data: {
        incidentId: incident.id,
        occurredAt,
        precision,
        kind: data.kind,
        text: data.text,
        authorId: actorId(actor),
        source: "manual",
      },
    });
    await recordRevision(client, actor, {
      incidentId: incident.id,
      entityType: "TimelineEvent",
      entityId: event.id,
      version: event.version,
      snapshot: toSnapshot(event),
    });
    await recordAudit(client, actor, {
      action: "timeline.create",
      entityType: "TimelineEvent",
      entityId: event.id,
      incidentId: incident.id,
      data: { occurredAt: event.occurredAt.toISOString(), precision, kind: event.kind },
    });
    await refreshIncidentSearch(client, incident.id);
    return event;
  };
  return tx ? run(tx) : db().$transaction(run);
}
