import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { recordRevision, toSnapshot } from "@/lib/revisions/record-revision";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";
import { DeleteRootCauseInput } from "@/lib/rootcauses/schema";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { loadRootCause, rootCauseSnapshot } from "@/lib/rootcauses/snapshot";

/** Deletes a root cause, keeping a final revision with `deleted: true` so nothing typed is lost. */
export async function deleteRootCause({ actor, input, tx }: { actor: Actor; input: DeleteRootCauseInput; tx?: Db }) {
  assertCan(actor, "edit");
  const parsed = DeleteRootCauseInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);

  const run = async (client: Db) => {
    const record = await loadRootCause(client, parsed.data.id);
    if (!record) throw new AppError("NOT_FOUND", "Root cause not found.");
    await findVisibleIncident(client, actor, { id: record.incidentId });
    await client.rootCause.delete({ where: { id: record.id } });
    await recordRevision(client, actor, {
      incidentId: record.incidentId,
      entityType: "RootCause",
      entityId: record.id,
      version: record.version + 1,
      snapshot: toSnapshot({ ...(rootCauseSnapshot(record) as object), version: record.version + 1, deleted: true }),
    });
    await recordAudit(client, actor, {
      action: "rootcause.delete",
      entityType: "RootCause",
      entityId: record.id,
      incidentId: record.incidentId,
      data: { category: record.category, description: record.description },
    });
    await refreshIncidentSearch(client, record.incidentId);
    return { id: record.id, incidentId: record.incidentId };
  };
  return tx ? run(tx) : db().$transaction(run);
}
