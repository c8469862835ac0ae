import type { SessionUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listDeliverables } from "@/lib/deliverables/list-deliverables";
import { suggestNextNumber } from "@/lib/deliverables/schema";
import type { WorkspaceIncident } from "./incident-types";
import { DeliverablesTable } from "./deliverables-table";

/** What a milestone delivered, for the grant milestone report's deliverables table. */
export async function DeliverablesSection({
  incident,
  canEdit,
  actor,
}: {
  incident: Pick<WorkspaceIncident, "id" | "number">;
  canEdit: boolean;
  actor: SessionUser;
}) {
  const editable = canEdit && can(actor.role, "edit");
  const rows = await listDeliverables({ actor, incidentId: incident.id });
  const items = rows.map((d) => ({
    id: d.id,
    version: d.version,
    number: d.number,
    title: d.title,
    link: d.link,
    notes: d.notes,
    engineeringTime: d.engineeringTime,
  }));
  return (
    <section aria-labelledby="deliverables-heading" className="card">
      <h2 id="deliverables-heading" className="text-lg font-semibold">
        Deliverables
      </h2>
      <DeliverablesTable
        incidentId={incident.id}
        items={items}
        canEdit={editable}
        suggestedNumber={suggestNextNumber(items.map((d) => d.number))}
      />
    </section>
  );
}
