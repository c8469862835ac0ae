import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { recordRevision } from "@/lib/revisions/record-revision";
import { staleSaveError } from "@/lib/revisions/stale-save";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";
import { UpdateRootCauseInput } from "@/lib/rootcauses/schema";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { assertIncidentChart } from "@/lib/rootcauses/metric-chart-link";
import { loadRootCause, rootCauseSnapshot, type RootCauseRecord } from "@/lib/rootcauses/snapshot";

/** Saves a root cause if `version` is still current; factors are replaced as a whole. */
export async function updateRootCause({ actor, input, tx }: { actor: Actor; input: UpdateRootCauseInput; tx?: Db }) {
  assertCan(actor, "edit");
  const parsed = UpdateRootCauseInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const data = parsed.data;

  const run = async (client: Db): Promise<RootCauseRecord> => {
    const existing = await client.rootCause.findUnique({ where: { id: data.id }, select: { incidentId: true } });
    if (!existing) throw new AppError("NOT_FOUND", "Root cause not found.");
    await findVisibleIncident(client, actor, { id: existing.incidentId });
    await assertIncidentChart(client, existing.incidentId, data.metricChartId);
    const { count } = await client.rootCause.updateMany({
      where: { id: data.id, version: data.version },
      data: {
        category: data.category,
        description: data.description,
        whys: data.whys,
        isTrigger: data.isTrigger,
        // Left out: the link stays; null: no chart.
        ...(data.metricChartId !== undefined ? { metricChartId: data.metricChartId } : {}),
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      const current = await loadRootCause(client, data.id);
      if (!current) throw new AppError("NOT_FOUND", "Root cause not found.");
      throw staleSaveError(current, data);
    }
    await client.contributingFactor.deleteMany({ where: { rootCauseId: data.id } });
    if (data.factors.length > 0) {
      await client.contributingFactor.createMany({
        data: data.factors.map((description, position) => ({ rootCauseId: data.id, description, position })),
      });
    }
    const record = (await loadRootCause(client, data.id))!;
    await recordRevision(client, actor, {
      incidentId: record.incidentId,
      entityType: "RootCause",
      entityId: record.id,
      version: record.version,
      snapshot: rootCauseSnapshot(record),
    });
    await recordAudit(client, actor, {
      action: "rootcause.update",
      entityType: "RootCause",
      entityId: record.id,
      incidentId: record.incidentId,
      data: { version: record.version, metricChartId: record.metricChartId },
    });
    await refreshIncidentSearch(client, record.incidentId);
    return record;
  };
  return tx ? run(tx) : db().$transaction(run);
}
