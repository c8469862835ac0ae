import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { parseReportFields, type ReportFields } from "@/lib/postmortems/report-fields";

/** The fields as saved; an incident whose postmortem was never opened has none. */
export async function getReportFields({ actor, incidentId }: { actor: Actor; incidentId: string }): Promise<ReportFields> {
  assertCan(actor, "read");
  const incident = await findVisibleIncident(db(), actor, { id: incidentId });
  const postmortem = await db().postmortem.findUnique({ where: { incidentId: incident.id }, select: { fields: true } });
  return parseReportFields(postmortem?.fields);
}
