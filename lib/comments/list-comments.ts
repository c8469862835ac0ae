import { db } from "@/lib/db";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";

export type CommentView = {
  id: string;
  sectionKey: string | null;
  authorName: string;
  body: string;
  createdAt: Date;
  resolvedAt: Date | null;
  /** The reader may resolve or reopen this thread. */
  canResolve: boolean;
};
export type CommentThread = CommentView & { replies: CommentView[] };

/** Threads oldest first, each with its replies oldest first. */
export async function listComments({
  actor,
  incidentNumber,
}: {
  actor: Actor;
  incidentNumber: number;
}): Promise<CommentThread[]> {
  assertCan(actor, "read");
  const client = db();
  const incident = await findVisibleIncident(client, actor, { number: incidentNumber });
  const rows = await client.comment.findMany({
    where: { incidentId: incident.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { author: { select: { name: true, email: true } } },
  });
  const uid = actorId(actor);
  const mayEdit = actor.kind === "system" || can(actor.role, "edit");
  const view = (c: (typeof rows)[number]): CommentView => ({
    id: c.id,
    sectionKey: c.sectionKey,
    authorName: c.author ? c.author.name || c.author.email : "Former user",
    body: c.body,
    createdAt: c.createdAt,
    resolvedAt: c.resolvedAt,
    canResolve: c.parentId === null && (mayEdit || (uid !== null && c.authorId === uid)),
  });
  const threads = new Map<string, CommentThread>();
  for (const c of rows) if (c.parentId === null) threads.set(c.id, { ...view(c), replies: [] });
  for (const c of rows) if (c.parentId !== null) threads.get(c.parentId)?.replies.push(view(c));
  return [...threads.values()];
}
