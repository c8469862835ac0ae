import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { ensurePostmortem } from "@/lib/postmortems/ensure-postmortem";
import { findVisibleIncident, incidentRef } from "@/lib/incidents/find-visible-incident";
import { renderNarrativeHtml } from "@/lib/postmortems/render-html";
import { isEmptyNarrative, narrativeSlots } from "@/lib/postmortems/sections";

export type NarrativeSectionView = {
  id: string;
  key: string;
  /** The template slot's title; for other notes, the title the section was written under. */
  title: string;
  /** What to write here, from the template ("" for other notes). */
  hint: string;
  content: unknown;
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
  html: string;
};

/**
 * The narrative of an incident's postmortem as its pinned template lays it out: one section per
 * narrative slot in template order, then "Other notes": everything written under keys the template
 * has no slot for (e.g. after a template switch), so nothing written is ever hidden.
 */
export async function getNarrative({ actor, input }: { actor: Actor; input: { incidentNumber: number } }) {
  assertCan(actor, "read");
  const incident = await findVisibleIncident(db(), actor, incidentRef(input));
  const postmortem = await db().$transaction((tx) => ensurePostmortem(tx, incident));
  const template = postmortem.templateDefinition;
  const [rows, latest] = await Promise.all([
    db().postmortemSection.findMany({
      where: { postmortemId: postmortem.id },
      orderBy: [{ position: "asc" }, { key: "asc" }],
      include: { updatedBy: { select: { name: true, email: true } } },
    }),
    db().template.findUnique({ where: { key: template.key }, select: { version: true, builtIn: true } }),
  ]);
  const view = (s: (typeof rows)[number], title: string, hint: string): NarrativeSectionView => ({
    id: s.id,
    key: s.key,
    title,
    hint,
    content: s.content,
    version: s.version,
    updatedAt: s.updatedAt,
    updatedBy: s.updatedBy ? s.updatedBy.name || s.updatedBy.email : null,
    html: renderNarrativeHtml(s.content),
  });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const slots = narrativeSlots(template);
  const slotKeys = new Set(slots.map((s) => s.key));
  return {
    incident,
    status: postmortem.status,
    template: {
      key: template.key,
      name: template.name,
      version: template.version,
      latestVersion: latest?.version ?? template.version,
      builtIn: latest?.builtIn ?? false,
    },
    sections: slots.flatMap((slot) => {
      const row = byKey.get(slot.key);
      return row ? [view(row, slot.title, slot.hint)] : [];
    }),
    // Empty leftovers (slots of an earlier template nobody wrote in) are not shown; they hold nothing.
    otherNotes: rows.filter((r) => !slotKeys.has(r.key) && !isEmptyNarrative(r.content)).map((r) => view(r, r.title, "")),
  };
}
