import { compareTimelineEvents, timesInLabel, type TimelineEventView } from "@/lib/timeline/display";
import { formatInZone } from "@/lib/time/zones";
import type { SectionProps } from "./incident-types";
import { TimelineEditor } from "./timeline-editor";

/** Server wrapper: hands the browser plain JSON and labels computed once, so hydration matches. */
export function TimelineSection({ incident, canEdit }: SectionProps) {
  const tz = incident.timeZone;
  const events: TimelineEventView[] = incident.timelineEvents
    .map((e) => ({
      id: e.id,
      occurredAt: e.occurredAt.toISOString(),
      precision: e.precision,
      kind: e.kind,
      text: e.text,
      version: e.version,
      source: e.source,
      createdAt: e.createdAt.toISOString(),
      authorName: e.author?.name ?? null,
    }))
    .sort(compareTimelineEvents);
  return (
    <TimelineEditor
      incidentNumber={incident.number}
      incidentZone={tz}
      incidentLabel={timesInLabel(tz, incident.startedAt)}
      startDate={formatInZone(incident.startedAt, tz, "yyyy-MM-dd")}
      events={events}
      canEdit={canEdit}
    />
  );
}
