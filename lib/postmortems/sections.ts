/**
 * The fixed narrative registry (Morgue-style ordered, typed sections). Templates will replace this
 * per postmortem later; keys are stable identifiers stored on PostmortemSection.
 */
export const NARRATIVE_SECTIONS = [
  { key: "summary", title: "Summary", position: 1 },
  { key: "impact", title: "Impact", position: 2 },
  { key: "detection", title: "Detection", position: 3 },
  { key: "response", title: "Response", position: 4 },
  { key: "recovery", title: "Recovery", position: 5 },
  { key: "went_well", title: "Lessons learned: what went well", position: 6 },
  { key: "went_wrong", title: "Lessons learned: what went wrong", position: 7 },
  { key: "got_lucky", title: "Lessons learned: where we got lucky", position: 8 },
] as const;

export type NarrativeSectionKey = (typeof NARRATIVE_SECTIONS)[number]["key"];

export const NARRATIVE_SECTION_KEYS = NARRATIVE_SECTIONS.map((s) => s.key) as [NarrativeSectionKey, ...NarrativeSectionKey[]];

export const EMPTY_DOC = { type: "doc", content: [{ type: "paragraph" }] } as const;
