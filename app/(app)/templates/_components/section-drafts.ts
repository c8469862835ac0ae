/**
 * The template editor's working copy of a section. One flat shape for every kind, so switching a
 * section's kind back and forth keeps what was typed; `toSection` builds the shape the schema takes.
 */
import { DATA_BLOCKS, type DataBlock, type TemplateSection, type TemplateSectionInput } from "@/lib/templates/types";

export const SECTION_KINDS = ["narrative", "static", "data"] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export const SECTION_KIND_LABELS: Record<SectionKind, string> = {
  narrative: "Narrative (written)",
  static: "Static text",
  data: "Data block",
};

export const ACTION_TYPES = ["prevent", "detect", "mitigate", "process"] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export type SectionDraft = {
  /** React key only; never saved. */
  uid: string;
  kind: SectionKind;
  key: string;
  title: string;
  level: 2 | 3;
  internal: boolean;
  hint: string;
  text: string;
  block: DataBlock;
  actionTypes: ActionType[];
  numbered: boolean;
  withCharts: boolean;
  /** Kept as typed; empty means no target. */
  uptimeTarget: string;
};

let counter = 0;
const uid = () => `s${Date.now().toString(36)}${(counter++).toString(36)}`;

export function draftFromSection(s: TemplateSection): SectionDraft {
  const draft: SectionDraft = {
    uid: uid(),
    kind: s.kind,
    key: s.key,
    title: s.title,
    level: s.level,
    internal: s.internal,
    hint: "",
    text: "",
    block: DATA_BLOCKS[0],
    actionTypes: [],
    numbered: false,
    withCharts: false,
    uptimeTarget: "",
  };
  if (s.kind === "narrative") draft.hint = s.hint;
  if (s.kind === "static") draft.text = s.text;
  if (s.kind === "data") {
    draft.block = s.block;
    draft.actionTypes = s.options.actionTypes ?? [];
    draft.numbered = s.options.numbered ?? false;
    draft.withCharts = s.options.withCharts ?? false;
    draft.uptimeTarget = s.options.uptimeTarget === undefined ? "" : String(s.options.uptimeTarget);
  }
  return draft;
}

export function newDraft(existingKeys: string[]): SectionDraft {
  let n = existingKeys.length + 1;
  while (existingKeys.includes(`section_${n}`)) n++;
  return {
    ...draftFromSection({ kind: "narrative", key: `section_${n}`, title: "", level: 2, internal: false, hint: "" }),
  };
}

/** The section as the schema takes it; options only for the blocks that read them. */
export function toSection(d: SectionDraft): TemplateSectionInput {
  const base = { key: d.key, title: d.title, level: d.level, internal: d.internal };
  if (d.kind === "narrative") return { ...base, kind: "narrative", hint: d.hint };
  if (d.kind === "static") return { ...base, kind: "static", text: d.text };
  const options: Extract<TemplateSectionInput, { kind: "data" }>["options"] = {};
  if (d.block === "actions") {
    if (d.actionTypes.length > 0) options.actionTypes = d.actionTypes;
    if (d.numbered) options.numbered = true;
  }
  if (d.block === "root_causes" && d.withCharts) options.withCharts = true;
  if (d.block === "uptime" && d.uptimeTarget.trim() !== "") options.uptimeTarget = Number(d.uptimeTarget);
  return { ...base, kind: "data", block: d.block, options };
}
