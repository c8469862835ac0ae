import type { Db } from "@/lib/db";

/**
 * Who counts as having edited a postmortem: anyone who authored a Revision row of its incident, of any
 * entity type (narrative sections, timeline, causes, actions, the incident itself). Revisions are written
 * by every edit in the same transaction, so this is the complete list of people who changed the record.
 */
export async function hasEditedIncident(tx: Db, incidentId: string, userId: string): Promise<boolean> {
  const found = await tx.revision.findFirst({ where: { incidentId, authorId: userId }, select: { id: true } });
  return found !== null;
}
