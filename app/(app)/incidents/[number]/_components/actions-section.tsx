import { isOverdue, utcToday } from "@/lib/actions/overdue";
import { listUserChoices } from "@/lib/users/list-users";
import type { SectionProps } from "./incident-types";
import { ActionItemsTable } from "./action-items-table";

export async function ActionsSection({ incident, canEdit }: SectionProps) {
  const today = utcToday();
  const people = canEdit ? await listUserChoices() : [];
  const items = incident.actionItems.map((a) => ({
    id: a.id,
    version: a.version,
    title: a.title,
    description: a.description,
    type: a.type,
    priority: a.priority,
    status: a.status,
    ownerId: a.ownerId ?? "",
    ownerName: a.owner ? a.owner.name || a.owner.email : "",
    dueDate: a.dueDate ? a.dueDate.toISOString().slice(0, 10) : "",
    trackerUrl: a.trackerUrl ?? "",
    overdue: isOverdue(a, today),
  }));
  return (
    <section aria-labelledby="actions-heading" className="card">
      <h2 id="actions-heading" className="text-lg font-semibold">
        Action items
      </h2>
      <ActionItemsTable incidentId={incident.id} items={items} people={people} canEdit={canEdit} />
    </section>
  );
}
