/**
 * The built-in templates, each the shape of a document people already write. Section keys are stable:
 * narrative keys reuse the fixed registry (lib/postmortems/sections.ts) where they fit, so a postmortem
 * written before templates existed maps onto any of them; what has no slot ends under "Other notes".
 */
import { templateSectionsSchema, type TemplateDefinition, type TemplateSectionInput } from "@/lib/templates/types";

type BuiltInInput = Omit<TemplateDefinition, "sections" | "version"> & { sections: TemplateSectionInput[] };

const BUILT_IN_INPUTS: BuiltInInput[] = [
  {
    // Google SRE book, appendix D ("Example Postmortem"): facts first, then lessons, timeline and evidence.
    key: "google_sre",
    name: "Google SRE postmortem",
    description:
      "The postmortem from Google's SRE book: summary, impact, root causes, trigger, resolution, detection, action items, lessons learned, timeline and supporting information.",
    audience: "internal",
    sections: [
      { key: "summary", title: "Summary", kind: "narrative", hint: "What happened, in two or three sentences." },
      { key: "impact", title: "Impact", kind: "narrative", hint: "Who was affected and how: requests, users, revenue, data." },
      { key: "impact_figures", title: "Key figures", level: 3, kind: "data", block: "summary" },
      { key: "root_causes", title: "Root causes", kind: "data", block: "root_causes" },
      { key: "trigger", title: "Trigger", kind: "narrative", hint: "The change or event that set the root causes off." },
      {
        key: "recovery",
        title: "Resolution",
        kind: "narrative",
        hint: "What stopped the impact and what restored full service.",
      },
      { key: "detection", title: "Detection", kind: "narrative", hint: "How we found out: which alert, which person, how late." },
      { key: "action_items", title: "Action items", kind: "data", block: "actions" },
      { key: "lessons_learned", title: "Lessons learned", kind: "static", text: "", internal: true },
      { key: "went_well", title: "What went well", level: 3, kind: "narrative", internal: true },
      { key: "went_wrong", title: "What went wrong", level: 3, kind: "narrative", internal: true },
      { key: "got_lucky", title: "Where we got lucky", level: 3, kind: "narrative", internal: true },
      { key: "timeline", title: "Timeline", kind: "data", block: "timeline" },
      { key: "supporting_information", title: "Supporting information", kind: "data", block: "metric_charts", internal: true },
      { key: "load_tests", title: "Load tests", level: 3, kind: "data", block: "load_tests", internal: true },
    ],
  },
  {
    // The short public incident report: one heading per question a reader asks.
    key: "short",
    name: "Short postmortem",
    description: "Issue, timelines, root cause, resolution and recovery, corrective and preventive measures: one page.",
    audience: "internal",
    sections: [
      { key: "summary", title: "Issue", kind: "narrative", hint: "What broke, for whom, for how long." },
      { key: "issue_figures", title: "Key figures", level: 3, kind: "data", block: "summary" },
      { key: "timelines", title: "Timelines", kind: "data", block: "timeline" },
      { key: "root_cause", title: "Root Cause", kind: "data", block: "root_causes" },
      { key: "recovery", title: "Resolution and Recovery", kind: "narrative", hint: "How service was restored." },
      { key: "corrective_preventive", title: "Corrective and Preventive Measures", kind: "data", block: "actions" },
    ],
  },
  {
    key: "executive_rca",
    name: "Executive RCA",
    description:
      "For leadership: an executive summary, one subsection per root cause with its chart, and numbered preventive actions.",
    audience: "internal",
    sections: [
      {
        key: "summary",
        title: "Executive Summary",
        kind: "narrative",
        hint: "The incident, its cost and the fix, for a reader with two minutes.",
      },
      { key: "summary_figures", title: "Key figures", level: 3, kind: "data", block: "summary" },
      {
        key: "root_cause_analysis",
        title: "Root Cause Analysis",
        kind: "data",
        block: "root_causes",
        options: { withCharts: true },
      },
      {
        key: "preventive_actions",
        title: "Preventive actions",
        kind: "data",
        block: "actions",
        options: { actionTypes: ["prevent", "detect"], numbered: true },
      },
    ],
  },
  {
    // A capacity-work diary: one dated entry per run, newest last, then the runs side by side.
    key: "load_test_journal",
    name: "Load-test journal",
    description:
      "One dated entry per load-test run (setup, results, changes made, next up, not doing, thoughts) and a comparison table.",
    audience: "internal",
    sections: [
      { key: "purpose", title: "Purpose", kind: "narrative", hint: "What the runs are meant to find out and the target load." },
      { key: "journal", title: "Journal", kind: "data", block: "load_test_journal" },
    ],
  },
  {
    // A grant programme's milestone delivery form: application, milestone, deliverables, evidence.
    key: "grant_milestone",
    name: "Grant milestone delivery report",
    description:
      "Application link, milestone number, context, deliverables table, uptime proof, incident summaries and additional information.",
    audience: "internal",
    sections: [
      { key: "milestone", title: "Milestone", kind: "data", block: "report_fields" },
      { key: "summary", title: "Context", kind: "narrative", hint: "What this milestone delivers and why it matters." },
      { key: "deliverables", title: "Deliverables", kind: "data", block: "deliverables" },
      { key: "uptime_proof", title: "Uptime proof", kind: "data", block: "uptime", options: { uptimeTarget: 99.9 } },
      { key: "incident_summaries", title: "Incident summaries", kind: "data", block: "incident_summaries" },
      {
        key: "additional_information",
        title: "Additional information",
        kind: "narrative",
        hint: "Anything the reviewers should know.",
      },
    ],
  },
  {
    // What a customer may read: no internal sections, no names (the renderer drops roles, authors, owners).
    key: "customer_summary",
    name: "Customer-facing summary",
    description: "What happened, the impact, what we are doing about it and a timeline, without internal sections or names.",
    audience: "customer",
    sections: [
      { key: "summary", title: "What happened", kind: "narrative", hint: "Plain words; no internal system names." },
      { key: "impact", title: "Impact", kind: "narrative", hint: "What customers saw and for how long." },
      { key: "impact_figures", title: "At a glance", level: 3, kind: "data", block: "summary" },
      {
        key: "what_we_are_doing",
        title: "What we are doing",
        kind: "data",
        block: "actions",
        options: { actionTypes: ["prevent", "detect"], numbered: true },
      },
      { key: "timeline", title: "Timeline", kind: "data", block: "timeline" },
    ],
  },
];

/** Parsed through the same schema as stored templates, so defaults (level, internal, options) are filled in. */
export const BUILT_IN_TEMPLATES: TemplateDefinition[] = BUILT_IN_INPUTS.map((t) => ({
  ...t,
  version: 1,
  sections: templateSectionsSchema.parse(t.sections),
}));

export function builtInTemplate(key: string): TemplateDefinition | undefined {
  return BUILT_IN_TEMPLATES.find((t) => t.key === key);
}
