import { db, type Db, type Prisma } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { staleSaveError } from "@/lib/revisions/stale-save";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { ensurePostmortem } from "@/lib/postmortems/ensure-postmortem";
import {
  parseReportFields,
  sameReportFields,
  SaveReportFieldsInput,
  toStoredReportFields,
  type ReportFields,
} from "@/lib/postmortems/report-fields";

/** Replaces the report fields and keeps any other key a later template may have stored there. */
function withReportFields(stored: Prisma.JsonValue, next: ReportFields): Prisma.InputJsonValue {
  const rest = stored && typeof stored === "object" && !Array.isArray(stored) ? { ...stored } : {};
  delete rest.applicationLink;
  delete rest.milestoneNumber;
  return { ...rest, ...next } as Prisma.InputJsonValue;
}

/**
 * Saves the report fields, creating the postmortem on first use. Postmortem.version guards review
 * transitions, so instead of bumping it the save compares and sets the stored JSON: a change made
 * since the form loaded is refused with both values, and a review in progress never goes stale.
 */
export async function saveReportFields({
  actor,
  input,
  tx,
}: {
  actor: Actor;
  input: SaveReportFieldsInput;
  tx?: Db;
}): Promise<{ incidentId: string; fields: ReportFields }> {
  assertCan(actor, "edit");
  const parsed = SaveReportFieldsInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { incidentId, previous, ...draft } = parsed.data;
  const next = toStoredReportFields(draft);

  const run = async (client: Db) => {
    const incident = await findVisibleIncident(client, actor, { id: incidentId });
    const postmortem = await ensurePostmortem(client, incident);
    if (postmortem.status === "published") {
      throw new AppError("CONFLICT", "This postmortem is published; reopen it first to edit.");
    }
    const current = parseReportFields(postmortem.fields);
    if (!sameReportFields(current, toStoredReportFields(previous))) throw staleSaveError(current, next);
    const { count } = await client.postmortem.updateMany({
      where: { id: postmortem.id, fields: { equals: postmortem.fields as Prisma.InputJsonValue } },
      data: { fields: withReportFields(postmortem.fields, next) },
    });
    if (count === 0) {
      const now = await client.postmortem.findUniqueOrThrow({ where: { id: postmortem.id }, select: { fields: true } });
      throw staleSaveError(parseReportFields(now.fields), next);
    }
    await recordAudit(client, actor, {
      action: "postmortem.fields.update",
      entityType: "Postmortem",
      entityId: postmortem.id,
      incidentId: incident.id,
      data: { before: current, after: next },
    });
    return { incidentId: incident.id, fields: next };
  };
  return tx ? run(tx) : db().$transaction(run);
}
