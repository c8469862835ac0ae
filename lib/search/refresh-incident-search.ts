import type { Db } from "@/lib/db";

/**
 * Rebuilds an incident's full-text document from everything people write about it. Verbs that
 * change searchable text call this inside their own transaction. Weights: title A, summary and
 * impact B, root causes and narrative C, timeline and actions D.
 */
export async function refreshIncidentSearch(tx: Db, incidentId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Incident" i SET "searchVector" =
      setweight(to_tsvector('english', coalesce(i.title, '')), 'A') ||
      setweight(to_tsvector('english', coalesce(i.summary, '') || ' ' || coalesce(i."customerImpact", '')), 'B') ||
      setweight(to_tsvector('english', coalesce((
        SELECT string_agg(rc.description || ' ' || array_to_string(rc.whys, ' '), ' ') FROM "RootCause" rc WHERE rc."incidentId" = i.id
      ), '') || ' ' || coalesce((
        SELECT string_agg(cf.description, ' ') FROM "ContributingFactor" cf JOIN "RootCause" rc ON rc.id = cf."rootCauseId" WHERE rc."incidentId" = i.id
      ), '') || ' ' || coalesce((
        SELECT string_agg(s.content::text, ' ') FROM "PostmortemSection" s JOIN "Postmortem" p ON p.id = s."postmortemId" WHERE p."incidentId" = i.id
      ), '')), 'C') ||
      setweight(to_tsvector('english', coalesce((
        SELECT string_agg(e.text, ' ') FROM "TimelineEvent" e WHERE e."incidentId" = i.id
      ), '') || ' ' || coalesce((
        SELECT string_agg(a.title || ' ' || a.description, ' ') FROM "ActionItem" a WHERE a."incidentId" = i.id
      ), '')), 'D')
    WHERE i.id = ${incidentId}`;
}
