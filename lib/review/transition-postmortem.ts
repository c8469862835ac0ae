import { db, type Db, type Prisma } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { REVIEW_AUDIT_ACTIONS, type ReviewStatus, type ReviewVerb } from "@/lib/review/constants";
import { decideTransition, TRANSITIONS } from "@/lib/review/transitions";
import { ReviewReasonInput, ReviewTransitionInput } from "@/lib/review/schema";
import { hasEditedIncident } from "@/lib/review/edited-by";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";

export type ReviewResult = { incidentNumber: number; status: ReviewStatus; version: number };

/**
 * The one implementation behind the five review verbs: role, visibility, optimistic lock, the state
 * machine, timestamps, the reason comment and the audit row, all in one transaction.
 */
export async function transitionPostmortem({
  actor,
  verb,
  input,
  tx,
}: {
  actor: Actor;
  verb: ReviewVerb;
  input: unknown;
  tx?: Db;
}): Promise<ReviewResult> {
  const rule = TRANSITIONS[verb];
  assertCan(actor, rule.permission);
  const parsed = rule.needsReason ? ReviewReasonInput.safeParse(input) : ReviewTransitionInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { incidentNumber, version } = parsed.data;
  const reason = "reason" in parsed.data ? (parsed.data.reason as string) : undefined;

  const run = async (client: Db): Promise<ReviewResult> => {
    const incident = await findVisibleIncident(client, actor, { number: incidentNumber });
    // The narrative module may not have created the document yet; a missing one is a fresh draft.
    const pm = await client.postmortem.upsert({
      where: { incidentId: incident.id },
      create: { incidentId: incident.id },
      update: {},
    });
    if (pm.version !== version) {
      throw new AppError("CONFLICT", "Someone changed the review status while you were looking. Reload to see it.", undefined, {
        current: { status: pm.status, version: pm.version },
      });
    }
    const uid = actorId(actor);
    const actorEdited = rule.refusesEditors && uid !== null ? await hasEditedIncident(client, incident.id, uid) : false;
    const decision = decideTransition({
      verb,
      status: pm.status,
      role: actor.kind === "system" ? "system" : actor.role,
      actorEdited,
      reason,
    });
    if (!decision.ok) throw new AppError(decision.code, decision.message);

    const now = new Date();
    const data: Prisma.PostmortemUpdateManyMutationInput = { status: decision.to, version: { increment: 1 } };
    if (verb === "submit") data.submittedAt = now;
    if (verb === "approve") Object.assign(data, { approvedAt: now, approvedById: uid });
    if (verb === "publish") data.publishedAt = now;
    // Back to draft: the document is no longer submitted, approved or published.
    if (decision.to === "draft")
      Object.assign(data, { submittedAt: null, approvedAt: null, approvedById: null, publishedAt: null });
    // Guarded by the version too, so two concurrent transitions cannot both win.
    const updated = await client.postmortem.updateMany({ where: { id: pm.id, version }, data });
    if (updated.count !== 1)
      throw new AppError("CONFLICT", "Someone changed the review status while you were looking. Reload to see it.");

    let commentId: string | undefined;
    if (reason !== undefined) {
      const label = verb === "reopen" ? "Reopened" : "Changes requested";
      const comment = await client.comment.create({
        data: { incidentId: incident.id, postmortemId: pm.id, authorId: uid, body: `${label}: ${reason}` },
      });
      commentId = comment.id;
    }
    await recordAudit(client, actor, {
      action: REVIEW_AUDIT_ACTIONS[verb],
      entityType: "Postmortem",
      entityId: pm.id,
      incidentId: incident.id,
      data: { from: decision.from, to: decision.to, version: version + 1, ...(commentId ? { commentId, reason } : {}) },
    });
    return { incidentNumber: incident.number, status: decision.to, version: version + 1 };
  };
  return tx ? run(tx) : db().$transaction(run);
}
