import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AddCommentInput } from "@/lib/comments/schema";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";

/**
 * Everyone who can read the incident may comment, viewers included. The body is plain text (rendered
 * escaped, never as HTML). Threads are one level deep: a reply to a reply joins the thread's first comment.
 */
export async function addComment({ actor, input, tx }: { actor: Actor; input: AddCommentInput; tx?: Db }) {
  assertCan(actor, "comment");
  const parsed = AddCommentInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const data = parsed.data;

  const run = async (client: Db) => {
    const incident = await findVisibleIncident(client, actor, { number: data.incidentNumber });
    let parentId: string | null = null;
    let sectionKey: string | null = data.sectionKey;
    if (data.parentId) {
      const parent = await client.comment.findFirst({ where: { id: data.parentId, incidentId: incident.id } });
      if (!parent) throw new AppError("NOT_FOUND", "That comment no longer exists.");
      parentId = parent.parentId ?? parent.id;
      const root = parentId === parent.id ? parent : await client.comment.findUniqueOrThrow({ where: { id: parentId } });
      sectionKey = root.sectionKey;
    }
    // Linked to the postmortem when it exists; comments always belong to the incident.
    const pm = await client.postmortem.findUnique({ where: { incidentId: incident.id }, select: { id: true } });
    const comment = await client.comment.create({
      data: {
        incidentId: incident.id,
        postmortemId: pm?.id ?? null,
        sectionKey,
        parentId,
        authorId: actorId(actor),
        body: data.body,
      },
    });
    await recordAudit(client, actor, {
      action: "comment.add",
      entityType: "Comment",
      entityId: comment.id,
      incidentId: incident.id,
      data: { sectionKey, parentId, length: data.body.length },
    });
    return comment;
  };
  return tx ? run(tx) : db().$transaction(run);
}
