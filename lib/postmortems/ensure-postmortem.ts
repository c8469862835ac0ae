import type { Db } from "@/lib/db";
import { EMPTY_DOC, NARRATIVE_SECTIONS } from "@/lib/postmortems/sections";

/**
 * Creates the postmortem and its empty narrative sections on first use. Inserts skip rows that
 * already exist, so two people opening a new postmortem at once both succeed.
 */
export async function ensurePostmortem(tx: Db, incident: { id: string }) {
  await tx.postmortem.createMany({ data: [{ incidentId: incident.id }], skipDuplicates: true });
  const postmortem = await tx.postmortem.findUniqueOrThrow({ where: { incidentId: incident.id } });
  await tx.postmortemSection.createMany({
    data: NARRATIVE_SECTIONS.map((s) => ({
      postmortemId: postmortem.id,
      key: s.key,
      title: s.title,
      position: s.position,
      content: EMPTY_DOC,
    })),
    skipDuplicates: true,
  });
  return postmortem;
}
