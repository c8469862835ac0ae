/** The built-in templates: valid against the stored-template schema, stable keys, the documents' shapes. */
import { describe, expect, it } from "vitest";
import { BUILT_IN_TEMPLATES, builtInTemplate } from "@/lib/templates/built-in";
import { templateSectionsSchema, type TemplateDefinition } from "@/lib/templates/types";

const outline = (t: TemplateDefinition) => t.sections.map((s) => `${s.level} ${s.key}:${s.kind === "data" ? s.block : s.kind}`);

describe("BUILT_IN_TEMPLATES", () => {
  it("are the six documents, version 1 each", () => {
    expect(BUILT_IN_TEMPLATES.map((t) => [t.key, t.name, t.version, t.audience])).toEqual([
      ["google_sre", "Google SRE postmortem", 1, "internal"],
      ["short", "Short postmortem", 1, "internal"],
      ["executive_rca", "Executive RCA", 1, "internal"],
      ["load_test_journal", "Load-test journal", 1, "internal"],
      ["grant_milestone", "Grant milestone delivery report", 1, "internal"],
      ["customer_summary", "Customer-facing summary", 1, "customer"],
    ]);
  });

  it.each(BUILT_IN_TEMPLATES.map((t) => [t.key, t] as const))("%s passes the template schema unchanged", (_key, template) => {
    expect(templateSectionsSchema.parse(template.sections)).toEqual(template.sections);
    expect(template.description.length).toBeGreaterThan(20);
  });

  it("the Google SRE postmortem follows the book's order, lessons learned as three subsections", () => {
    expect(outline(builtInTemplate("google_sre")!)).toEqual([
      "2 summary:narrative",
      "2 impact:narrative",
      "3 impact_figures:summary",
      "2 root_causes:root_causes",
      "2 trigger:narrative",
      "2 recovery:narrative",
      "2 detection:narrative",
      "2 action_items:actions",
      "2 lessons_learned:static",
      "3 went_well:narrative",
      "3 went_wrong:narrative",
      "3 got_lucky:narrative",
      "2 timeline:timeline",
      "2 supporting_information:metric_charts",
      "3 load_tests:load_tests",
    ]);
  });

  it("the short postmortem has its five headings", () => {
    const t = builtInTemplate("short")!;
    expect(t.sections.filter((s) => s.level === 2).map((s) => s.title)).toEqual([
      "Issue",
      "Timelines",
      "Root Cause",
      "Resolution and Recovery",
      "Corrective and Preventive Measures",
    ]);
  });

  it("the executive RCA shows a chart per root cause and numbers prevent/detect actions", () => {
    const sections = builtInTemplate("executive_rca")!.sections;
    expect(sections.find((s) => s.key === "root_cause_analysis")).toMatchObject({
      block: "root_causes",
      options: { withCharts: true },
    });
    expect(sections.find((s) => s.key === "preventive_actions")).toMatchObject({
      block: "actions",
      options: { actionTypes: ["prevent", "detect"], numbered: true },
    });
  });

  it("the grant report has fields, context, deliverables, uptime proof, incident summaries and additional information", () => {
    expect(outline(builtInTemplate("grant_milestone")!)).toEqual([
      "2 milestone:report_fields",
      "2 summary:narrative",
      "2 deliverables:deliverables",
      "2 uptime_proof:uptime",
      "2 incident_summaries:incident_summaries",
      "2 additional_information:narrative",
    ]);
  });

  it("narrative keys reuse the keys postmortems were written with, so they map onto every template", () => {
    const existing = new Set(["summary", "impact", "detection", "response", "recovery", "went_well", "went_wrong", "got_lucky"]);
    for (const template of BUILT_IN_TEMPLATES) {
      expect(
        template.sections.some((s) => s.kind === "narrative" && existing.has(s.key)) || template.key === "load_test_journal",
      ).toBe(true);
    }
    expect(
      builtInTemplate("customer_summary")!
        .sections.filter((s) => s.kind === "narrative")
        .map((s) => s.key),
    ).toEqual(["summary", "impact"]);
  });

  it("the customer summary has no internal section", () => {
    expect(builtInTemplate("customer_summary")!.sections.some((s) => s.internal)).toBe(false);
  });

  it("builtInTemplate finds by key and returns undefined for unknown keys", () => {
    expect(builtInTemplate("short")?.name).toBe("Short postmortem");
    expect(builtInTemplate("nope")).toBeUndefined();
  });
});
