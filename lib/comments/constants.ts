/** Prisma-free comment vocabulary, usable by client components. */
export const COMMENT_SECTION_KEYS = [
  "summary",
  "impact",
  "detection",
  "response",
  "recovery",
  "went_well",
  "went_wrong",
  "got_lucky",
  "timeline",
  "root_causes",
  "actions",
] as const;
export type CommentSectionKey = (typeof COMMENT_SECTION_KEYS)[number];

export const COMMENT_SECTION_LABELS: Record<CommentSectionKey, string> = {
  summary: "Summary",
  impact: "Impact",
  detection: "Detection",
  response: "Response",
  recovery: "Recovery",
  went_well: "What went well",
  went_wrong: "What went wrong",
  got_lucky: "Where we got lucky",
  timeline: "Timeline",
  root_causes: "Root causes",
  actions: "Action items",
};

export const WHOLE_DOCUMENT_LABEL = "Whole document";
export const COMMENT_BODY_MAX = 5000;

export function sectionLabel(key: string | null): string {
  if (key === null) return WHOLE_DOCUMENT_LABEL;
  return (COMMENT_SECTION_LABELS as Record<string, string>)[key] ?? key;
}
