import { differenceInMinutes, formatDuration, intervalToDuration } from "date-fns";

/** "2 hours 5 minutes"; null when either end is unknown or the order is impossible. */
export function humanDuration(from: Date | null | undefined, to: Date | null | undefined): string | null {
  if (!from || !to || to.getTime() < from.getTime()) return null;
  if (differenceInMinutes(to, from) < 1) return "under a minute";
  const d = intervalToDuration({ start: from, end: to });
  return formatDuration(d, { format: ["days", "hours", "minutes"] }) || "under a minute";
}

export type IncidentKeyTimes = {
  startedAt: Date;
  detectedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
};

/** Time to detect / mitigate / resolve, each measured from the start of impact. */
export function incidentDurations(t: IncidentKeyTimes) {
  return {
    timeToDetect: humanDuration(t.startedAt, t.detectedAt),
    timeToMitigate: humanDuration(t.startedAt, t.mitigatedAt),
    timeToResolve: humanDuration(t.startedAt, t.resolvedAt),
  };
}
