import type { Actor } from "@/lib/auth/actor";
import { listComments } from "@/lib/comments/list-comments";
import { formatInZone, zoneAbbreviation } from "@/lib/time/zones";
import { CommentsList, type CommentThreadView } from "./comments-list";
import { CommentsComposer } from "./comments-composer";

/** Discussion of the postmortem: threads on the whole document or one section. Everyone who can read may comment. */
export async function CommentsSection({
  actor,
  incidentNumber,
  timeZone,
}: {
  actor: Actor;
  incidentNumber: number;
  timeZone: string;
}) {
  const threads = await listComments({ actor, incidentNumber });
  const when = (d: Date) => `${formatInZone(d, timeZone)} ${zoneAbbreviation(d, timeZone)}`;
  // Dates are formatted here, in the incident's zone, so the client renders exactly what the server chose.
  const views: CommentThreadView[] = threads.map((t) => ({
    id: t.id,
    sectionKey: t.sectionKey,
    authorName: t.authorName,
    body: t.body,
    at: when(t.createdAt),
    resolvedAt: t.resolvedAt ? when(t.resolvedAt) : null,
    canResolve: t.canResolve,
    replies: t.replies.map((r) => ({ id: r.id, authorName: r.authorName, body: r.body, at: when(r.createdAt) })),
  }));
  const open = views.filter((t) => !t.resolvedAt).length;

  return (
    <section aria-labelledby="comments-heading" className="card space-y-4">
      <h2 id="comments-heading" className="text-lg font-semibold">
        Comments{" "}
        <span className="text-sm font-normal text-slate-500">
          ({open} open{views.length > open ? `, ${views.length - open} resolved` : ""})
        </span>
      </h2>
      {views.length === 0 ? (
        <p className="text-sm text-slate-500">No comments yet. Start the discussion on the whole document or on one section.</p>
      ) : (
        <CommentsList incidentNumber={incidentNumber} threads={views} />
      )}
      <CommentsComposer incidentNumber={incidentNumber} />
    </section>
  );
}
