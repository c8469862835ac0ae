import { db } from "@/lib/db";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { REVIEW_VERBS, type ReviewStatus, type ReviewVerb } from "@/lib/review/constants";
import { decideTransition, EDITED_REFUSAL } from "@/lib/review/transitions";
import { hasEditedIncident } from "@/lib/review/edited-by";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";

/** `FORBIDDEN_ROLE`: the role never allows it; `FORBIDDEN`: not this person on this postmortem (they edited it). */
export type VerbAvailability =
  { allowed: true } | { allowed: false; code: "FORBIDDEN_ROLE" | "FORBIDDEN" | "CONFLICT"; reason: string };

export type ReviewState = {
  incidentNumber: number;
  status: ReviewStatus;
  version: number;
  submittedAt: Date | null;
  approvedAt: Date | null;
  approvedBy: { name: string; email: string } | null;
  publishedAt: Date | null;
  actorEdited: boolean;
  /** For each verb: may this actor use it now, and if not, why (shown next to the disabled button). */
  verbs: Record<ReviewVerb, VerbAvailability>;
};

/** The review panel's view: the status and which transitions the actor may make, by the same rules the verbs use. */
export async function getReviewState({ actor, incidentNumber }: { actor: Actor; incidentNumber: number }): Promise<ReviewState> {
  assertCan(actor, "read");
  const client = db();
  const incident = await findVisibleIncident(client, actor, { number: incidentNumber });
  const pm = await client.postmortem.findUnique({ where: { incidentId: incident.id } });
  const approver = pm?.approvedById
    ? await client.user.findUnique({ where: { id: pm.approvedById }, select: { name: true, email: true } })
    : null;
  const uid = actorId(actor);
  const actorEdited = uid ? await hasEditedIncident(client, incident.id, uid) : false;
  const status = pm?.status ?? "draft";
  const verbs = Object.fromEntries(
    REVIEW_VERBS.map((verb) => {
      const d = decideTransition({ verb, status, role: actor.kind === "system" ? "system" : actor.role, actorEdited });
      if (d.ok) return [verb, { allowed: true }];
      const code =
        d.code === "FORBIDDEN" && d.message !== EDITED_REFUSAL
          ? "FORBIDDEN_ROLE"
          : d.code === "CONFLICT"
            ? "CONFLICT"
            : "FORBIDDEN";
      return [verb, { allowed: false, code, reason: d.message }];
    }),
  ) as Record<ReviewVerb, VerbAvailability>;
  return {
    incidentNumber: incident.number,
    status,
    version: pm?.version ?? 1,
    submittedAt: pm?.submittedAt ?? null,
    approvedAt: pm?.approvedAt ?? null,
    approvedBy: approver,
    publishedAt: pm?.publishedAt ?? null,
    actorEdited,
    verbs,
  };
}
