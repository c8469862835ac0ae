import type { Db } from "@/lib/db";
import { EMPTY_DOC, narrativeSlots } from "@/lib/postmortems/sections";
import { DEFAULT_TEMPLATE_KEY, latestPin, pinnedTemplate } from "@/lib/templates/stored-template";
import type { TemplateDefinition } from "@/lib/templates/types";

/**
 * Creates the postmortem on first use, pinned to the default template's latest version, and an empty
 * section for each narrative slot of its pinned template that has none yet. Inserts skip rows that
 * already exist, so two people opening a new postmortem at once both succeed.
 */
export async function ensurePostmortem(tx: Db, incident: { id: string }) {
  let postmortem = await tx.postmortem.findUnique({ where: { incidentId: incident.id } });
  if (!postmortem) {
    await tx.postmortem.createMany({
      data: [{ incidentId: incident.id, ...(await latestPin(tx, DEFAULT_TEMPLATE_KEY)) }],
      skipDuplicates: true,
    });
    postmortem = await tx.postmortem.findUniqueOrThrow({ where: { incidentId: incident.id } });
  } else if (!postmortem.templateId || postmortem.templateVersion === null) {
    // Written before templates existed (or its template was deleted): pin what it is shown with from now on.
    const pin = postmortem.templateId
      ? {
          templateId: postmortem.templateId,
          templateVersion: (await tx.template.findUniqueOrThrow({ where: { id: postmortem.templateId } })).version,
        }
      : await latestPin(tx, DEFAULT_TEMPLATE_KEY);
    await tx.postmortem.updateMany({
      where: { id: postmortem.id, templateId: postmortem.templateId, templateVersion: postmortem.templateVersion },
      data: pin,
    });
    postmortem = await tx.postmortem.findUniqueOrThrow({ where: { id: postmortem.id } });
  }
  const template = await pinnedTemplate(tx, postmortem);
  await createSlotSections(tx, postmortem.id, template);
  return { ...postmortem, templateDefinition: template };
}

/** One empty section per narrative slot the postmortem has no section for; existing sections are never touched. */
export async function createSlotSections(tx: Db, postmortemId: string, template: TemplateDefinition): Promise<string[]> {
  const slots = narrativeSlots(template);
  if (slots.length === 0) return [];
  const existing = new Set(
    (
      await tx.postmortemSection.findMany({
        where: { postmortemId, key: { in: slots.map((s) => s.key) } },
        select: { key: true },
      })
    ).map((s) => s.key),
  );
  const missing = slots.filter((s) => !existing.has(s.key));
  if (missing.length === 0) return [];
  await tx.postmortemSection.createMany({
    data: missing.map((s) => ({ postmortemId, key: s.key, title: s.title, position: s.position, content: EMPTY_DOC })),
    skipDuplicates: true,
  });
  return missing.map((s) => s.key);
}
