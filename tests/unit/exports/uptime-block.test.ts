/**
 * The uptime block in a postmortem: the fixed incident with the fixed uptime report, against the
 * section's own target. Golden file: tests/golden/exports/uptime-block.md (rewrite with
 * `UPDATE_GOLDEN=1 npx vitest run --project unit tests/unit/exports/uptime-block.test.ts` and read the diff).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { templateSectionsSchema, type TemplateDefinition } from "@/lib/templates/types";
import { renderPostmortemMarkdown } from "@/lib/exports/markdown/render-markdown";
import { renderPostmortemHtml } from "@/lib/exports/html/render-html";
import { fixedExportData } from "@/tests/fixtures/exports/export-data";
import { fixedUptimeReport } from "@/tests/fixtures/uptime/uptime-report";
import { headingOutline, lists, parseMarkdown, tables } from "@/tests/unit/exports/support/markdown";

const GOLDEN = path.resolve(import.meta.dirname, "../../golden/exports/uptime-block.md");

function template(options: { uptimeTarget?: number }): TemplateDefinition {
  return {
    key: "uptime_only",
    name: "Uptime only",
    description: "",
    audience: "internal",
    version: 1,
    sections: templateSectionsSchema.parse([
      { key: "uptime_proof", title: "Uptime proof", kind: "data", block: "uptime", options },
    ]),
  };
}

// No narrative: the golden file holds the block and the title, not Other notes.
const data = { ...fixedExportData, narrative: {}, uptime: fixedUptimeReport };
const markdown = renderPostmortemMarkdown(data, template({ uptimeTarget: 99.5 }), { chartLinks: { kind: "relative" } });
const tree = parseMarkdown(markdown);

describe("uptime block", () => {
  it("equals tests/golden/exports/uptime-block.md", () => {
    if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(GOLDEN, markdown);
    expect(markdown).toBe(fs.readFileSync(GOLDEN, "utf8"));
  });

  it("has a section per monitor and the notes", () => {
    expect(headingOutline(tree).slice(1)).toEqual([
      "2 Uptime proof",
      "3 Checkout API health",
      "3 Payments gateway stream",
      "3 postgres-main | primary",
      "3 Notes",
    ]);
  });

  it("judges each monitor against the section's target, not the report's", () => {
    expect(markdown).toContain("against a target of 99.5% uptime.");
    expect(tables(tree)[0]).toEqual([
      ["Monitor", "Kind", "Uptime", "Result", "Down", "Coverage"],
      ["Checkout API health", "HTTP", "96.59%", "Missed", "49 min", "100%"],
      ["Payments gateway stream", "WebSocket", "100.00%", "Met", "0 min", "62%"],
      ["postgres-main | primary", "TCP", "98.61%", "Missed", "20 min", "100%"],
    ]);
    const withReportTarget = renderPostmortemMarkdown(data, template({}), { chartLinks: { kind: "relative" } });
    expect(withReportTarget).toContain("against a target of 99.9% uptime.");
  });

  it("gives the figures of a monitor and its downtime windows in the incident's zone", () => {
    const figures = tables(tree).filter((t) => t[0][0] === "Measure")[0];
    expect(figures).toEqual([
      ["Measure", "Value"],
      ["Uptime", "96.59%"],
      ["Target", "99.5%"],
      ["Result", "Missed"],
      ["Downtime", "49 min"],
      ["Downtime windows", "2"],
      ["Coverage", "100% of the period has data"],
      ["Mean time to recovery", "24.5 min"],
      ["Mean time between failures", "11 h 35 min"],
      ["Error budget (SLO 99.9%)", "49 min of 1.4 min used, overspent by 47.6 min; burn rate 34"],
      ["Response time", "p50 182 ms, p95 1,240 ms, p99 2,900 ms"],
    ]);
    expect(lists(tree).map((l) => l.items)).toContainEqual([
      "2026-06-09 14:06 CEST to 14:50 CEST (44 min)",
      "2026-06-09 15:30 CEST to 15:35 CEST (5 min)",
    ]);
    expect(lists(tree).map((l) => l.items)).toContainEqual([
      "2026-06-09 23:40 CEST to 2026-06-10 00:00 CEST (20 min, still down at the end of the data)",
    ]);
  });

  it("puts the tool's own figures beside ours with the reason", () => {
    const reportedTables = tables(tree).filter((t) => t[0][0] === "Figure");
    expect(reportedTables.map((t) => t.length)).toEqual([2, 3]);
    const reported = reportedTables[1];
    expect(reported[1].slice(0, 4)).toEqual(["All time", "history/summary.json (current layout)", "100.00%", "99.41%"]);
    expect(reported[1][4]).toContain("the reported 100.00% means the source recorded none of it");
  });

  it("renders in HTML from the same tree", () => {
    const html = renderPostmortemHtml(data, template({ uptimeTarget: 99.5 }), { chartLinks: { kind: "relative" } });
    expect(html).toContain("<h3>Payments gateway stream</h3>");
    expect(html).toContain("still down at the end of the data");
  });

  it("without uptime data says so, with the target when the template sets one", () => {
    const empty = { ...fixedExportData, uptime: null };
    expect(renderPostmortemMarkdown(empty, template({ uptimeTarget: 99.9 }), { chartLinks: { kind: "relative" } })).toContain(
      "\nUptime data is not available for this incident yet. The target for this report is 99.9% uptime.\n",
    );
    expect(renderPostmortemMarkdown(empty, template({}), { chartLinks: { kind: "relative" } })).toContain(
      "\nUptime data is not available for this incident yet.\n",
    );
  });

  it("with a report of no monitors says none watches the incident", () => {
    const none = {
      ...fixedExportData,
      uptime: { ...fixedUptimeReport, monitors: [], notes: ["No monitors are part of this report."] },
    };
    expect(renderPostmortemMarkdown(none, template({}), { chartLinks: { kind: "relative" } })).toContain(
      "\nNo monitor is linked to this incident or watches its services.\n",
    );
  });
});
