import type { SessionUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getReportFields } from "@/lib/deliverables/get-report-fields";
import type { WorkspaceIncident } from "./incident-types";
import { ReportFieldsForm } from "./report-fields-form";

/** Fields a report template asks for besides the narrative: the grant application's link and the milestone number. */
export async function ReportFieldsSection({
  incident,
  canEdit,
  actor,
}: {
  incident: Pick<WorkspaceIncident, "id" | "number">;
  canEdit: boolean;
  actor: SessionUser;
}) {
  const editable = canEdit && can(actor.role, "edit");
  const fields = await getReportFields({ actor, incidentId: incident.id });
  return (
    <section aria-labelledby="report-fields-heading" className="card space-y-3">
      <h2 id="report-fields-heading" className="text-lg font-semibold">
        Report fields
      </h2>
      {editable ? (
        <ReportFieldsForm incidentId={incident.id} saved={fields} />
      ) : (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">Application link</dt>
          <dd className="break-all">
            {fields.applicationLink ? (
              <a href={fields.applicationLink} className="underline" target="_blank" rel="noopener noreferrer nofollow">
                {fields.applicationLink}
              </a>
            ) : (
              "—"
            )}
          </dd>
          <dt className="text-slate-500">Milestone number</dt>
          <dd>{fields.milestoneNumber || "—"}</dd>
        </dl>
      )}
    </section>
  );
}
