import { listRevisions } from "@/lib/revisions/list-revisions";
import type { Actor } from "@/lib/auth/actor";
import { formatInZone } from "@/lib/time/zones";
import { HistoryPanel } from "./history-panel";
import type { SectionProps } from "./incident-types";

/** Revision history of every versioned record of the incident: compare any two, restore any one. */
export async function HistorySection({ incident, canEdit, actor }: SectionProps & { actor: Actor }) {
  const revisions = await listRevisions({ actor, input: { incidentNumber: incident.number } });
  return (
    <section aria-labelledby="history-heading" className="card">
      <h2 id="history-heading" className="text-lg font-semibold">
        Revision history
      </h2>
      {revisions.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No saved versions yet.</p>
      ) : (
        <HistoryPanel
          incidentNumber={incident.number}
          canEdit={canEdit}
          revisions={revisions.map((r) => ({
            id: r.id,
            entityId: r.entityId,
            label: r.label,
            version: r.version,
            author: r.author,
            deleted: r.deleted,
            when: `${formatInZone(r.createdAt, incident.timeZone)}`,
          }))}
        />
      )}
    </section>
  );
}
