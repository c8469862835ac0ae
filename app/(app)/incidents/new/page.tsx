import { requireUser } from "@/lib/auth/session";
import { listUserChoices } from "@/lib/users/list-users";
import { IncidentForm } from "../_components/incident-form";
import { createIncidentAction } from "./actions";

export const metadata = { title: "New incident" };

export default async function NewIncidentPage() {
  const user = await requireUser("edit", "/incidents/new");
  const people = await listUserChoices();
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">New incident</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Times are entered in the incident&apos;s time zone and stored in UTC.
      </p>
      <IncidentForm
        people={people}
        initial={{ commanderId: user.id }}
        submit={createIncidentAction}
        submitLabel="Create incident"
      />
    </div>
  );
}
