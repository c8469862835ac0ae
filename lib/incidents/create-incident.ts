import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { upsertServicesByName } from "@/lib/incidents/upsert-services";
import { CreateIncidentInput, incidentColumns } from "@/lib/incidents/schema";
import { recordRevision, toSnapshot } from "@/lib/revisions/record-revision";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";

export async function createIncident({ actor, input, tx }: { actor: Actor; input: CreateIncidentInput; tx?: Db }) {
  assertCan(actor, "edit");
  const parsed = CreateIncidentInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const data = parsed.data;

  const run = async (client: Db) => {
    const services = await upsertServicesByName(client, data.services);
    const creatorId = actorId(actor);
    const members = new Set(data.roles.map((r) => r.userId));
    // Whoever opens a restricted incident must still see it.
    if (data.restricted && creatorId) members.add(creatorId);
    if (members.size > 0) {
      const found = await client.user.count({ where: { id: { in: [...members] } } });
      if (found !== members.size)
        throw new AppError("VALIDATION", "Unknown user in incident roles.", { roles: ["Unknown user"] });
    }
    const incident = await client.incident.create({
      data: {
        ...incidentColumns(data),
        createdById: creatorId,
        services: { create: services.map((s) => ({ serviceId: s.id })) },
        roles: { create: data.roles.map((r) => ({ role: r.role, userId: r.userId })) },
        members: data.restricted ? { create: [...members].map((userId) => ({ userId })) } : undefined,
      },
    });
    await recordAudit(client, actor, {
      action: "incident.create",
      entityType: "Incident",
      entityId: incident.id,
      incidentId: incident.id,
      data: { number: incident.number, title: incident.title, severity: incident.severity },
    });
    await recordRevision(client, actor, {
      incidentId: incident.id,
      entityType: "Incident",
      entityId: incident.id,
      version: incident.version,
      snapshot: toSnapshot({ ...incident, services: data.services, roles: data.roles }),
    });
    await refreshIncidentSearch(client, incident.id);
    return incident;
  };
  return tx ? run(tx) : db().$transaction(run);
}
