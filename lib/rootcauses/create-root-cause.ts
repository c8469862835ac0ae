import { db, type Db } from "@/lib/db";
import { validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { recordRevision } from "@/lib/revisions/record-revision";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";
import { CreateRootCauseInput } from "@/lib/rootcauses/schema";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { assertIncidentChart } from "@/lib/rootcauses/metric-chart-link";
import { loadRootCause, rootCauseSnapshot, type RootCauseRecord } from "@/lib/rootcauses/snapshot";

export async function createRootCause({ actor, input, tx }: { actor: Actor; input: CreateRootCauseInput; tx?: Db }) {
  assertCan(actor, "edit");
  const parsed = CreateRootCauseInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const data = parsed.data;

  const run = async (client: Db): Promise<RootCauseRecord> => {
    const incident = await findVisibleIncident(client, actor, { id: data.incidentId });
    await assertIncidentChart(client, incident.id, data.metricChartId);
    const last = await client.rootCause.aggregate({ where: { incidentId: incident.id }, _max: { position: true } });
    const created = await client.rootCause.create({
      data: {
        incidentId: incident.id,
        position: (last._max.position ?? -1) + 1,
        category: data.category,
        description: data.description,
        whys: data.whys,
        isTrigger: data.isTrigger,
        metricChartId: data.metricChartId ?? null,
        factors: { create: data.factors.map((description, position) => ({ description, position })) },
      },
    });
    const record = (await loadRootCause(client, created.id))!;
    await recordRevision(client, actor, {
      incidentId: incident.id,
      entityType: "RootCause",
      entityId: record.id,
      version: record.version,
      snapshot: rootCauseSnapshot(record),
    });
    await recordAudit(client, actor, {
      action: "rootcause.create",
      entityType: "RootCause",
      entityId: record.id,
      incidentId: incident.id,
      data: { category: record.category, isTrigger: record.isTrigger, metricChartId: record.metricChartId },
    });
    await refreshIncidentSearch(client, incident.id);
    return record;
  };
  return tx ? run(tx) : db().$transaction(run);
}
