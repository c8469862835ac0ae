import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { ensurePostmortem } from "@/lib/postmortems/ensure-postmortem";
import { findVisibleIncident, incidentRef } from "@/lib/incidents/find-visible-incident";
import { renderNarrativeHtml } from "@/lib/postmortems/render-html";
import { NARRATIVE_SECTION_KEYS } from "@/lib/postmortems/sections";

/** The narrative of an incident's postmortem, ordered, each section with its safe HTML rendering. */
export async function getNarrative({ actor, input }: { actor: Actor; input: { incidentNumber: number } }) {
  assertCan(actor, "read");
  const incident = await findVisibleIncident(db(), actor, incidentRef(input));
  const postmortem = await db().$transaction((tx) => ensurePostmortem(tx, incident));
  const sections = await db().postmortemSection.findMany({
    where: { postmortemId: postmortem.id, key: { in: NARRATIVE_SECTION_KEYS } },
    orderBy: { position: "asc" },
    include: { updatedBy: { select: { name: true, email: true } } },
  });
  return {
    incident,
    status: postmortem.status,
    sections: sections.map((s) => ({
      id: s.id,
      key: s.key,
      title: s.title,
      content: s.content,
      version: s.version,
      updatedAt: s.updatedAt,
      updatedBy: s.updatedBy ? s.updatedBy.name || s.updatedBy.email : null,
      html: renderNarrativeHtml(s.content),
    })),
  };
}
