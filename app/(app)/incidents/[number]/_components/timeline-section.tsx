import { formatInZone } from "@/lib/time/zones";
import { humanize } from "@/lib/incidents/constants";
import type { SectionProps } from "./incident-types";

export function TimelineSection({ incident }: SectionProps) {
  const tz = incident.timeZone;
  return (
    <section aria-labelledby="timeline-heading" className="card">
      <h2 id="timeline-heading" className="text-lg font-semibold">
        Timeline <span className="text-sm font-normal text-slate-500">({tz})</span>
      </h2>
      {incident.timelineEvents.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No timeline events yet.</p>
      ) : (
        <ol className="mt-3 space-y-2">
          {incident.timelineEvents.map((e) => (
            <li key={e.id} className="grid grid-cols-[11rem_7rem_1fr] gap-3 text-sm">
              <time dateTime={e.occurredAt.toISOString()} className="font-mono text-slate-600 dark:text-slate-400">
                {e.precision === "day"
                  ? formatInZone(e.occurredAt, tz, "yyyy-MM-dd")
                  : formatInZone(e.occurredAt, tz, e.precision === "second" ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm")}
              </time>
              <span className="text-slate-500">{humanize(e.kind)}</span>
              <span>{e.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
