/**
 * An incident with nothing recorded around it: every block says honestly that its data does not
 * exist yet, instead of rendering an empty table or nothing at all.
 */
import { describe, expect, it } from "vitest";
import {
  DATA_BLOCKS,
  OTHER_NOTES_TITLE,
  templateSectionsSchema,
  type DataBlock,
  type TemplateDefinition,
} from "@/lib/templates/types";
import { BUILT_IN_TEMPLATES } from "@/lib/templates/built-in";
import { renderPostmortemMarkdown } from "@/lib/exports/markdown/render-markdown";
import { renderPostmortemHtml } from "@/lib/exports/html/render-html";
import { emptyExportData } from "@/tests/fixtures/exports/export-data";
import { parseMarkdown, tables } from "@/tests/unit/exports/support/markdown";

const EMPTY_SENTENCES: Record<Exclude<DataBlock, "summary">, string> = {
  timeline: "No timeline events recorded yet.",
  root_causes: "No root causes recorded yet.",
  contributing_factors: "No contributing factors recorded yet.",
  actions: "No action items recorded yet.",
  metric_charts: "No metric charts attached yet.",
  load_tests: "No load-test runs linked to this incident yet.",
  load_test_journal: "No load-test runs linked to this incident yet.",
  uptime: "Uptime data is not available for this incident yet.",
  deliverables: "No deliverables recorded yet.",
  report_fields: "No application link or milestone number recorded yet.",
  incident_summaries: "No related incidents linked yet.",
};

const everyBlock: TemplateDefinition = {
  key: "every_block",
  name: "Every block",
  description: "",
  audience: "internal",
  version: 1,
  sections: templateSectionsSchema.parse([
    { key: "notes", title: "Notes", kind: "narrative" },
    ...DATA_BLOCKS.map((block) => ({ key: `b_${block}`, title: `Block ${block}`, kind: "data" as const, block })),
  ]),
};

const data = emptyExportData();

describe("an incident with nothing but the incident", () => {
  const markdown = renderPostmortemMarkdown(data, everyBlock, { chartLinks: { kind: "relative" } });

  it.each(Object.entries(EMPTY_SENTENCES))("the %s block says: %s", (block, sentence) => {
    const section = markdown.split(/^## /m).find((part) => part.startsWith(`Block ${block}\n`));
    expect(section).toBeDefined();
    expect(section).toContain(`\n${sentence}\n`);
  });

  it("an unwritten narrative slot says so", () => {
    expect(markdown).toContain("## Notes\n\nNothing written for this section yet.\n");
  });

  it("has no Other notes and no table but the summary table", () => {
    expect(markdown).not.toContain(OTHER_NOTES_TITLE);
    expect(tables(parseMarkdown(markdown)).map((t) => t[0][0])).toEqual(["Field"]);
  });

  it("filtered action lists name what is missing", () => {
    const preventive: TemplateDefinition = {
      ...everyBlock,
      sections: templateSectionsSchema.parse([
        {
          key: "p",
          title: "Preventive",
          kind: "data",
          block: "actions",
          options: { actionTypes: ["prevent", "detect"], numbered: true },
        },
      ]),
    };
    expect(renderPostmortemMarkdown(data, preventive, { chartLinks: { kind: "relative" } })).toContain(
      "No preventive or detection actions recorded yet.",
    );
  });

  it("the summary table says which times are not recorded yet", () => {
    const open = emptyExportData();
    open.incident = {
      ...open.incident,
      status: "investigating",
      detectedAt: null,
      mitigatedAt: null,
      resolvedAt: null,
      customerImpact: "",
      usersAffectedPct: null,
    };
    const rows = Object.fromEntries(
      tables(parseMarkdown(renderPostmortemMarkdown(open, everyBlock, { chartLinks: { kind: "relative" } })))[0].map(([k, v]) => [
        k,
        v,
      ]),
    );
    expect(rows).toMatchObject({
      Status: "Investigating",
      Resolved: "Not resolved yet",
      Duration: "Not resolved yet",
      Impact: "Not described yet",
      "Time to detect": "Not recorded yet",
      "Time to mitigate": "Not recorded yet",
      "Time to resolve": "Not recorded yet",
    });
  });
});

it.each(BUILT_IN_TEMPLATES.map((t) => [t.key, t] as const))(
  "%s renders an empty incident in Markdown and HTML",
  (_key, template) => {
    const markdown = renderPostmortemMarkdown(data, template, { chartLinks: { kind: "relative" } });
    const html = renderPostmortemHtml(data, template, { chartLinks: { kind: "relative" } });
    for (const section of template.sections) {
      if (section.kind !== "data" || section.block === "summary") continue;
      const sentence = section.options.actionTypes
        ? "No preventive or detection actions recorded yet."
        : EMPTY_SENTENCES[section.block];
      expect(markdown).toContain(sentence);
      expect(html).toContain(sentence);
    }
    expect(markdown).not.toContain(OTHER_NOTES_TITLE);
  },
);
