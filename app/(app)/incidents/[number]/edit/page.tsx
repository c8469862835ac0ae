import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getIncidentForUser } from "@/lib/incidents/get-incident";
import { listUserChoices } from "@/lib/users/list-users";
import { utcToLocalInput } from "@/lib/time/zones";
import { IncidentForm } from "../../_components/incident-form";
import { updateIncidentAction } from "./actions";

export const metadata = { title: "Edit incident" };

export default async function EditIncidentPage({ params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  const user = await requireUser("edit", `/incidents/${number}/edit`);
  const incident = await getIncidentForUser({ actor: user, number: Number(number) }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const people = await listUserChoices();
  const local = (d: Date | null) => (d ? utcToLocalInput(d, incident.timeZone) : "");
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">Edit incident #{incident.number}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Times are in the incident&apos;s time zone ({incident.timeZone}) and stored in UTC.
      </p>
      <IncidentForm
        people={people}
        submit={updateIncidentAction.bind(null, incident.number, incident.version)}
        submitLabel="Save changes"
        initial={{
          title: incident.title,
          severity: incident.severity,
          status: incident.status,
          summary: incident.summary,
          customerImpact: incident.customerImpact,
          usersAffectedPct: incident.usersAffectedPct === null ? "" : String(incident.usersAffectedPct),
          services: incident.services.map((s) => s.service.name).join(", "),
          tags: incident.tags.join(", "),
          restricted: incident.restricted,
          timeZone: incident.timeZone,
          startedAt: local(incident.startedAt),
          detectedAt: local(incident.detectedAt),
          mitigatedAt: local(incident.mitigatedAt),
          resolvedAt: local(incident.resolvedAt),
          commanderId: incident.roles.find((r) => r.role === "commander")?.userId ?? "",
        }}
      />
    </div>
  );
}
