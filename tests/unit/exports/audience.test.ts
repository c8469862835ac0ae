/**
 * Customer-facing documents leave out internal sections, people's names (roles, timeline authors,
 * action owners, the approver), internal details of actions and the "Other notes" of unmapped narrative.
 */
import { describe, expect, it } from "vitest";
import { BUILT_IN_TEMPLATES, builtInTemplate } from "@/lib/templates/built-in";
import { renderPostmortemMarkdown } from "@/lib/exports/markdown/render-markdown";
import { renderPostmortemHtml } from "@/lib/exports/html/render-html";
import { OTHER_NOTES_TITLE } from "@/lib/templates/types";
import { PEOPLE, fixedExportData } from "@/tests/fixtures/exports/export-data";
import { headingOutline, links, parseMarkdown, tableStartingWith } from "@/tests/unit/exports/support/markdown";

const customer = builtInTemplate("customer_summary")!;

describe("the customer-facing summary", () => {
  const markdown = renderPostmortemMarkdown(fixedExportData, customer, { chartLinks: { kind: "relative" } });
  const html = renderPostmortemHtml(fixedExportData, customer, { chartLinks: { kind: "relative" } });
  const tree = parseMarkdown(markdown);

  it("is a customer template", () => {
    expect(customer.audience).toBe("customer");
  });

  it.each(PEOPLE)("never names %s, in Markdown or HTML", (person) => {
    expect(markdown).not.toContain(person);
    expect(html).not.toContain(person);
  });

  it("has no Other notes, lessons learned or supporting information", () => {
    for (const title of [
      OTHER_NOTES_TITLE,
      "Lessons learned",
      "What went wrong",
      "Where we got lucky",
      "Supporting information",
      "Load tests",
    ]) {
      expect(markdown).not.toContain(title);
      expect(html).not.toContain(title);
    }
  });

  it("shows the timeline without an author column, one row per event", () => {
    const timeline = tableStartingWith(tree, /^Time/);
    expect(timeline[0]).toEqual(["Time (CEST, Europe/Berlin)", "Kind", "Event"]);
    expect(timeline).toHaveLength(1 + fixedExportData.timeline.length);
  });

  it("lists what we are doing (prevent and detect actions) without owners, priorities or tracker links", () => {
    expect(markdown).toContain("1. **Alert on connection-pool wait time above 500 ms**");
    expect(markdown).not.toMatch(/\bP[0-3]\b/);
    expect(links(tree).some((l) => l.url.includes("tracker.example.com"))).toBe(false);
    expect(markdown).not.toContain("Add pool-size changes to the load-test checklist"); // a process action
  });

  it("leaves the roles and the approval out of the summary table", () => {
    const rows = tableStartingWith(tree, "Field").map((r) => r[0]);
    expect(rows).not.toContain("Incident commander");
    expect(rows).not.toContain("Postmortem");
    expect(rows).toContain("Time to resolve");
  });
});

describe.each(BUILT_IN_TEMPLATES.filter((t) => t.audience === "internal").map((t) => [t.key, t] as const))(
  "%s rendered for customers",
  (_key, template) => {
    const markdown = renderPostmortemMarkdown(fixedExportData, template, { chartLinks: { kind: "none" }, audience: "customer" });

    it("contains none of the internal sections' titles", () => {
      const outline = headingOutline(parseMarkdown(markdown));
      for (const section of template.sections.filter((s) => s.internal))
        expect(outline).not.toContain(`${section.level} ${section.title}`);
      expect(outline).not.toContain(`2 ${OTHER_NOTES_TITLE}`);
    });

    it("names nobody", () => {
      for (const person of PEOPLE) expect(markdown).not.toContain(person);
    });
  },
);

it("an internal rendering of the customer template adds the names back", () => {
  const markdown = renderPostmortemMarkdown(fixedExportData, customer, {
    chartLinks: { kind: "relative" },
    audience: "internal",
  });
  expect(markdown).toContain("Priya Raman");
  expect(markdown).toContain(`## ${OTHER_NOTES_TITLE}`);
});
