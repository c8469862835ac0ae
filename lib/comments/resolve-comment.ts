import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { visibleIncidentsWhere } from "@/lib/incidents/access";
import { ResolveCommentInput } from "@/lib/comments/schema";

/** Resolves (or reopens) a thread. Its author or anyone who may edit the incident (editor+) may. */
export async function resolveComment({ actor, input, tx }: { actor: Actor; input: ResolveCommentInput; tx?: Db }) {
  assertCan(actor, "comment");
  const parsed = ResolveCommentInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { commentId, resolved } = parsed.data;

  const run = async (client: Db) => {
    const comment = await client.comment.findFirst({ where: { id: commentId, incident: visibleIncidentsWhere(actor) } });
    if (!comment) throw new AppError("NOT_FOUND", "That comment no longer exists.");
    const uid = actorId(actor);
    const allowed = actor.kind === "system" || comment.authorId === uid || can(actor.role, "edit");
    if (!allowed) throw new AppError("FORBIDDEN", "Only the comment's author or an editor can resolve it.");
    if (comment.parentId !== null) throw new AppError("VALIDATION", "Resolve the whole thread, not a reply.");
    if ((comment.resolvedAt !== null) === resolved) return comment;
    const updated = await client.comment.update({
      where: { id: comment.id },
      data: { resolvedAt: resolved ? new Date() : null },
    });
    await recordAudit(client, actor, {
      action: resolved ? "comment.resolve" : "comment.unresolve",
      entityType: "Comment",
      entityId: comment.id,
      incidentId: comment.incidentId,
    });
    return updated;
  };
  return tx ? run(tx) : db().$transaction(run);
}
