/**
 * A postmortem's narrative follows its template (Morgue-style ordered, typed sections): each
 * narrative slot of the pinned template version is a PostmortemSection stored by the slot's key.
 * Narrative stored under a key the template has no slot for is kept and shown as "Other notes".
 */
import { docToPlainText, imageAttachmentIds, type TipTapDoc } from "@/lib/postmortems/content-schema";
import type { TemplateDefinition, TemplateSection } from "@/lib/templates/types";

export const EMPTY_DOC = { type: "doc", content: [{ type: "paragraph" }] } as const;

export type NarrativeSlot = Extract<TemplateSection, { kind: "narrative" }> & {
  /** Place in the document, counted over all of the template's sections (1-based). */
  position: number;
};

/** The template's narrative slots in document order. */
export function narrativeSlots(template: TemplateDefinition): NarrativeSlot[] {
  return template.sections.flatMap((s, i) => (s.kind === "narrative" ? [{ ...s, position: i + 1 }] : []));
}

/** True when a section holds nothing a person wrote: no text and no image. */
export function isEmptyNarrative(content: unknown): boolean {
  if (docToPlainText(content).trim() !== "") return false;
  return imageAttachmentIds(content as TipTapDoc).length === 0;
}

export type NarrativeMapping = {
  /** Written sections whose key is a slot of the new template: they move into that slot. */
  mapped: string[];
  /** Written sections the new template has no slot for: kept under "Other notes". */
  otherNotes: string[];
  /** Slots of the new template that start empty. */
  added: string[];
};

/** How switching to `template` places the sections already stored (by key; nothing is dropped). */
export function mapNarrative(stored: { key: string; content: unknown }[], template: TemplateDefinition): NarrativeMapping {
  const slots = new Set(narrativeSlots(template).map((s) => s.key));
  const written = stored.filter((s) => !isEmptyNarrative(s.content));
  const storedKeys = new Set(stored.map((s) => s.key));
  return {
    mapped: written.filter((s) => slots.has(s.key)).map((s) => s.key),
    otherNotes: written.filter((s) => !slots.has(s.key)).map((s) => s.key),
    added: [...slots].filter((k) => !storedKeys.has(k)),
  };
}
