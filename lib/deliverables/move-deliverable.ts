import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { MoveDeliverableInput } from "@/lib/deliverables/schema";
import { DELIVERABLE_ORDER } from "@/lib/deliverables/record";

/**
 * Moves a deliverable one row up or down and renumbers the table 0..n-1 (closing gaps left by deletes).
 * Versions guard what people type, not the order, so a move never makes someone's open edit stale.
 */
export async function moveDeliverable({ actor, input, tx }: { actor: Actor; input: MoveDeliverableInput; tx?: Db }) {
  assertCan(actor, "edit");
  const parsed = MoveDeliverableInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { id, direction } = parsed.data;

  const run = async (client: Db) => {
    const target = await client.deliverable.findUnique({ where: { id }, select: { incidentId: true } });
    if (!target) throw new AppError("NOT_FOUND", "Deliverable not found.");
    const incident = await findVisibleIncident(client, actor, { id: target.incidentId });
    const rows = await client.deliverable.findMany({
      where: { incidentId: incident.id },
      orderBy: DELIVERABLE_ORDER,
      select: { id: true, position: true },
    });
    const from = rows.findIndex((r) => r.id === id);
    const to = direction === "up" ? from - 1 : from + 1;
    // Already first or last: nothing to do, and nothing to audit.
    if (to < 0 || to >= rows.length) return { moved: false, order: rows.map((r) => r.id) };
    const order = rows.map((r) => r.id);
    [order[from], order[to]] = [order[to], order[from]];
    const positionOf = new Map(rows.map((r) => [r.id, r.position]));
    for (const [position, rowId] of order.entries()) {
      if (positionOf.get(rowId) !== position) await client.deliverable.update({ where: { id: rowId }, data: { position } });
    }
    await recordAudit(client, actor, {
      action: "deliverable.move",
      entityType: "Deliverable",
      entityId: id,
      incidentId: incident.id,
      data: { direction, from, to },
    });
    return { moved: true, order };
  };
  return tx ? run(tx) : db().$transaction(run);
}
