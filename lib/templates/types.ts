/**
 * A template is an ordered list of typed sections (DECISIONS.md): static text, a narrative slot
 * written in the editor (TipTap), or a data block rendered from the incident. One zod schema for the
 * template editor, the API and stored versions.
 */
import { z } from "zod";

export const DATA_BLOCKS = [
  "summary",
  "timeline",
  "root_causes",
  "contributing_factors",
  "actions",
  "metric_charts",
  "load_tests",
  "load_test_journal",
  "uptime",
  "deliverables",
  "report_fields",
  "incident_summaries",
] as const;
export type DataBlock = (typeof DATA_BLOCKS)[number];

export const DATA_BLOCK_LABELS: Record<DataBlock, string> = {
  summary: "Summary table (severity, status, duration, impact, time to detect/mitigate/resolve)",
  timeline: "Timeline table (zone stated in the header)",
  root_causes: "Root causes with their whys",
  contributing_factors: "Contributing factors",
  actions: "Action items table",
  metric_charts: "Metric charts (as images)",
  load_tests: "Load-test summary (per-label table, capacity estimate, run comparison)",
  load_test_journal: "Load-test journal (one dated entry per run, comparison table)",
  uptime: "Uptime summary (per-monitor uptime against a target, downtime windows)",
  deliverables: "Deliverables table (Number | Deliverable | Link | Notes | Engineering time)",
  report_fields: "Report fields (application link, milestone number)",
  incident_summaries: "Incident summaries (related incidents, one paragraph each)",
};

/** Section keys are stable identifiers: a postmortem's narrative is stored by key, and switching template maps by key. */
const sectionKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,59}$/, "Keys are lower case letters, digits and underscores, starting with a letter.");

const sectionBase = {
  key: sectionKey,
  title: z.string().trim().min(1, "Give the section a title.").max(200, "Keep titles under 200 characters."),
  /** Heading level in the document: 2 for a top-level section, 3 for a subsection. */
  level: z.union([z.literal(2), z.literal(3)]).default(2),
  /** Left out of customer-facing documents. */
  internal: z.boolean().default(false),
};

export const templateSectionSchema = z.discriminatedUnion("kind", [
  z.object({
    ...sectionBase,
    kind: z.literal("static"),
    /** Plain text paragraphs (blank line between paragraphs), rendered as text: never as Markdown. */
    text: z.string().max(20_000, "Keep static text under 20,000 characters."),
  }),
  z.object({
    ...sectionBase,
    kind: z.literal("narrative"),
    /** What to write here, shown in the editor as a placeholder. */
    hint: z.string().max(1000).default(""),
  }),
  z.object({
    ...sectionBase,
    kind: z.literal("data"),
    block: z.enum(DATA_BLOCKS, { message: "Choose a known data block." }),
    options: z
      .object({
        /** actions: only these types (corrective = mitigate/process, preventive = prevent/detect). */
        actionTypes: z.array(z.enum(["prevent", "detect", "mitigate", "process"])).optional(),
        /** actions: a numbered list instead of a table (the executive RCA's preventive actions). */
        numbered: z.boolean().optional(),
        /** root_causes: one subsection per cause with its linked metric chart. */
        withCharts: z.boolean().optional(),
        /** uptime: the SLO target in percent, e.g. 99. */
        uptimeTarget: z.number().min(0).max(100).optional(),
      })
      .default({}),
  }),
]);
export type TemplateSection = z.output<typeof templateSectionSchema>;
export type TemplateSectionInput = z.input<typeof templateSectionSchema>;

export const templateSectionsSchema = z
  .array(templateSectionSchema)
  .min(1, "A template needs at least one section.")
  .max(60, "A template has at most 60 sections.")
  .superRefine((sections, ctx) => {
    const seen = new Set<string>();
    sections.forEach((s, i) => {
      if (seen.has(s.key)) ctx.addIssue({ code: "custom", message: `The key "${s.key}" is used twice.`, path: [i, "key"] });
      seen.add(s.key);
    });
  });

export const TEMPLATE_AUDIENCES = ["internal", "customer"] as const;
export type TemplateAudience = (typeof TEMPLATE_AUDIENCES)[number];

/** A template as the renderer needs it: a built-in definition or a stored version. */
export type TemplateDefinition = {
  key: string;
  name: string;
  description: string;
  audience: TemplateAudience;
  version: number;
  sections: TemplateSection[];
};

/** Narrative written under keys the chosen template has no slot for is kept here, never dropped. */
export const OTHER_NOTES_TITLE = "Other notes";
