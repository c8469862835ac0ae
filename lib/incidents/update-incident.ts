import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { upsertServicesByName } from "@/lib/incidents/upsert-services";
import { recordRevision, toSnapshot } from "@/lib/revisions/record-revision";
import { staleSaveError } from "@/lib/revisions/stale-save";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";
import { visibleIncidentsWhere } from "@/lib/incidents/access";
import { CreateIncidentInput, incidentColumns, UpdateIncidentMeta } from "@/lib/incidents/schema";

/** Saves the overview (title, impact, severity, status, services, roles, key times) under optimistic locking. */
export async function updateIncident({
  actor,
  input,
  tx,
  keepRolesOtherThanCommander = false,
}: {
  actor: Actor;
  input: CreateIncidentInput & { number: number; version: number };
  tx?: Db;
  /** The overview form edits only the commander; other incident roles stay as they are. */
  keepRolesOtherThanCommander?: boolean;
}) {
  assertCan(actor, "edit");
  const meta = UpdateIncidentMeta.safeParse(input);
  if (!meta.success) throw validationError(meta.error.issues);
  const parsed = CreateIncidentInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const data = parsed.data;
  const { number, version } = meta.data;

  const run = async (client: Db) => {
    const current = await client.incident.findFirst({
      where: { AND: [{ number }, visibleIncidentsWhere(actor)] },
      include: { services: { include: { service: true } }, roles: true, members: true },
    });
    if (!current) throw new AppError("NOT_FOUND", "Incident not found.");
    const services = await upsertServicesByName(client, data.services);
    const updated = await client.incident.updateMany({
      where: { id: current.id, version },
      data: {
        ...incidentColumns(data),
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) throw staleSaveError(toSnapshot(current), input);
    await client.incidentService.deleteMany({ where: { incidentId: current.id } });
    await client.incidentService.createMany({ data: services.map((s) => ({ incidentId: current.id, serviceId: s.id })) });
    await client.incidentRoleAssignment.deleteMany({
      where: { incidentId: current.id, ...(keepRolesOtherThanCommander ? { role: "commander" } : {}) },
    });
    await client.incidentRoleAssignment.createMany({
      data: data.roles.map((r) => ({ incidentId: current.id, role: r.role, userId: r.userId })),
      skipDuplicates: true,
    });
    // Restricting an incident keeps its existing members and adds the editor, so nobody locks themselves out.
    const editor = actorId(actor);
    if (data.restricted) {
      const members = new Set([...current.members.map((m) => m.userId), ...data.roles.map((r) => r.userId)]);
      if (editor) members.add(editor);
      await client.incidentMember.createMany({
        data: [...members].map((userId) => ({ incidentId: current.id, userId })),
        skipDuplicates: true,
      });
    }
    const saved = await client.incident.findUniqueOrThrow({
      where: { id: current.id },
      include: { services: { include: { service: true } }, roles: true },
    });
    await recordRevision(client, actor, {
      incidentId: saved.id,
      entityType: "Incident",
      entityId: saved.id,
      version: saved.version,
      snapshot: toSnapshot(saved),
    });
    await recordAudit(client, actor, {
      action: "incident.update",
      entityType: "Incident",
      entityId: saved.id,
      incidentId: saved.id,
      data: { version: saved.version },
    });
    await refreshIncidentSearch(client, saved.id);
    return saved;
  };
  return tx ? run(tx) : db().$transaction(run);
}
