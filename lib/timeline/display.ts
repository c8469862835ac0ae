import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { zoneAbbreviation } from "@/lib/time/zones";
import type { TimelinePrecision } from "@/lib/timeline/parse-timeline-text";
import type { TimelineKind } from "@/lib/incidents/constants";

/**
 * Pure display helpers for the timeline, usable in client components. The zone is always explicit:
 * the incident's zone or UTC, never the browser's.
 */
export const PRECISION_PATTERNS: Record<TimelinePrecision, string> = {
  day: "yyyy-MM-dd",
  minute: "yyyy-MM-dd HH:mm",
  second: "yyyy-MM-dd HH:mm:ss",
};

/** A day-precision event shows its date only, in the incident's zone where it was stored at midnight. */
export function formatEventTime(occurredAt: Date, precision: TimelinePrecision, zone: string, incidentZone = zone): string {
  if (precision === "day") return format(new TZDate(occurredAt, incidentZone), PRECISION_PATTERNS.day);
  return format(new TZDate(occurredAt, zone), PRECISION_PATTERNS[precision]);
}

/**
 * "CEST", "EDT", "UTC" for a zone at an instant. en-GB names European zones by their abbreviation where
 * en-US gives "GMT+2"; zones without a common name still fall back to "GMT+8" and the like.
 */
export function zoneShortName(zone: string, at: Date): string {
  return zoneAbbreviation(at, zone);
}

/** "Times in Europe/Berlin (CEST)" or "Times in UTC". */
export function timesInLabel(zone: string, at: Date): string {
  if (zone === "UTC") return "Times in UTC";
  return `Times in ${zone} (${zoneShortName(zone, at)})`;
}

type Orderable = { occurredAt: Date | string; createdAt: Date | string; id: string };

/** Time order; events at the same instant keep the order they were written in (then by id, for stability). */
export function compareTimelineEvents(a: Orderable, b: Orderable): number {
  const t = new Date(a.occurredAt).getTime() - new Date(b.occurredAt).getTime();
  if (t !== 0) return t;
  const c = new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime();
  if (c !== 0) return c;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A timeline event as the workspace sends it to the browser (plain JSON). */
export type TimelineEventView = {
  id: string;
  occurredAt: string;
  precision: TimelinePrecision;
  kind: TimelineKind;
  text: string;
  version: number;
  source: string;
  createdAt: string;
  authorName: string | null;
};
