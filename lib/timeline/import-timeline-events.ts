import { db, type Db } from "@/lib/db";
import { validationError } from "@/lib/errors";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { toSnapshot } from "@/lib/revisions/record-revision";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";
import { ImportTimelineEventsInput, resolveTimelineTime } from "@/lib/timeline/schema";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";

/**
 * Adds the events of a paste preview in one transaction (source "paste"): every row is checked before
 * anything is written, so one bad row writes nothing.
 */
export async function importTimelineEvents({ actor, input, tx }: { actor: Actor; input: ImportTimelineEventsInput; tx?: Db }) {
  assertCan(actor, "edit");
  const parsed = ImportTimelineEventsInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const data = parsed.data;

  const run = async (client: Db) => {
    const incident = await findVisibleIncident(client, actor, { number: data.incidentNumber });
    const authorId = actorId(actor);
    const rows = data.events.map((e) => ({
      incidentId: incident.id,
      ...resolveTimelineTime(e, incident.timeZone),
      kind: e.kind,
      text: e.text,
      authorId,
      source: "paste",
    }));
    const events = await client.timelineEvent.createManyAndReturn({ data: rows });
    await client.revision.createMany({
      data: events.map((event) => ({
        incidentId: incident.id,
        entityType: "TimelineEvent",
        entityId: event.id,
        version: event.version,
        authorId,
        snapshot: toSnapshot(event),
      })),
    });
    await recordAudit(client, actor, {
      action: "timeline.import",
      entityType: "Incident",
      entityId: incident.id,
      incidentId: incident.id,
      data: { count: events.length, source: "paste", eventIds: events.map((e) => e.id) },
    });
    await refreshIncidentSearch(client, incident.id);
    return { count: events.length, events };
  };
  return tx ? run(tx) : db().$transaction(run, { timeout: 30_000 });
}
