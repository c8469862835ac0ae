import type { TimelineKind } from "@/lib/incidents/constants";
import type { ParsedTimelineEvent } from "@/lib/timeline/parse-timeline-text";
import { formatInZone } from "@/lib/time/zones";
import type { ImportTimelineEventsInput } from "@/lib/timeline/schema";

/**
 * The import rows for a paste preview. A timed event travels as its exact instant; a day event as the
 * date it was written with (read in `pasteZone`), which the server places at midnight in the incident's zone.
 */
export function pasteToImportRows(
  events: ParsedTimelineEvent[],
  pasteZone: string,
  kinds: Record<number, TimelineKind> = {},
): ImportTimelineEventsInput["events"] {
  return events.map((e) => {
    const kind = kinds[e.line] ?? e.kind;
    return e.precision === "day"
      ? { local: formatInZone(e.occurredAt, pasteZone, "yyyy-MM-dd"), kind, text: e.text }
      : { at: e.occurredAt.toISOString(), precision: e.precision, kind, text: e.text };
  });
}
