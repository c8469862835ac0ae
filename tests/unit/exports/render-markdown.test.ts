/**
 * The exported Markdown read back with remark-parse + remark-gfm, as GitHub reads it: headings in
 * order, tables with every row and cell, lists, links and chart images that resolve inside the zip.
 */
import { describe, expect, it } from "vitest";
import type { ExportData } from "@/lib/exports/export-data";
import { builtInTemplate } from "@/lib/templates/built-in";
import { postmortemMdast, renderPostmortemMarkdown, type RenderOptions } from "@/lib/exports/markdown/render-markdown";
import type { TemplateDefinition, TemplateSectionInput } from "@/lib/templates/types";
import { templateSectionsSchema } from "@/lib/templates/types";
import { fixedExportData } from "@/tests/fixtures/exports/export-data";
import { doc, p } from "@/tests/fixtures/exports/tiptap";
import {
  headingOutline,
  images,
  links,
  lists,
  parseMarkdown,
  tableStartingWith,
  tables,
  textOf,
} from "@/tests/unit/exports/support/markdown";

const RELATIVE: RenderOptions = { chartLinks: { kind: "relative" } };
const TITLE = "1 Checkout API returned 503s after a database connection-pool change";

const rendered = new Map<string, { markdown: string; tree: ReturnType<typeof parseMarkdown> }>();

/** Renders and parses back; the fixed incident with relative chart links is rendered once per template. */
function render(key: string, data: ExportData = fixedExportData, options: RenderOptions = RELATIVE) {
  const shared = data === fixedExportData && options === RELATIVE;
  const cached = shared ? rendered.get(key) : undefined;
  if (cached) return cached;
  const markdown = renderPostmortemMarkdown(data, builtInTemplate(key)!, options);
  const result = { markdown, tree: parseMarkdown(markdown) };
  if (shared) rendered.set(key, result);
  return result;
}

function template(sections: TemplateSectionInput[], audience: TemplateDefinition["audience"] = "internal"): TemplateDefinition {
  return { key: "test", name: "Test", description: "", audience, version: 1, sections: templateSectionsSchema.parse(sections) };
}

const OTHER_NOTES_ALL = [
  "2 Other notes",
  "3 Impact",
  "3 Trigger",
  "3 Detection",
  "3 Response",
  "4 First 30 minutes",
  "5 Rollback",
  "3 Lessons learned: what went well",
  "3 Lessons learned: what went wrong",
  "3 Lessons learned: where we got lucky",
  "3 Additional information",
];

describe("headings in order", () => {
  it.each([
    [
      "google_sre",
      [
        TITLE,
        "2 Summary",
        "2 Impact",
        "3 Key figures",
        "2 Root causes",
        "3 Root cause 1: Configuration (trigger)",
        "3 Root cause 2: Monitoring gap",
        "3 Root cause 3: Software bug",
        "2 Trigger",
        "2 Resolution",
        "2 Detection",
        "2 Action items",
        "2 Lessons learned",
        "3 What went well",
        "3 What went wrong",
        "3 Where we got lucky",
        "2 Timeline",
        "2 Supporting information",
        "3 Checkout API 5xx rate",
        "3 Database pool wait time (p95)",
        "3 Load tests",
        "4 Baseline, pool 50 per pod",
        "4 Pool 10 per pod (release 2026.06.2)",
        "4 Run comparison",
        "2 Other notes",
        "3 Response",
        "4 First 30 minutes",
        "5 Rollback",
        "3 Additional information",
      ],
    ],
    [
      "short",
      [
        TITLE,
        "2 Issue",
        "3 Key figures",
        "2 Timelines",
        "2 Root Cause",
        "3 Root cause 1: Configuration (trigger)",
        "3 Root cause 2: Monitoring gap",
        "3 Root cause 3: Software bug",
        "2 Resolution and Recovery",
        "2 Corrective and Preventive Measures",
        ...OTHER_NOTES_ALL,
      ],
    ],
    [
      "executive_rca",
      [
        TITLE,
        "2 Executive Summary",
        "3 Key figures",
        "2 Root Cause Analysis",
        "3 Root cause 1: Configuration (trigger)",
        "3 Root cause 2: Monitoring gap",
        "3 Root cause 3: Software bug",
        "2 Preventive actions",
        "2 Other notes",
        "3 Impact",
        "3 Trigger",
        "3 Detection",
        "3 Response",
        "4 First 30 minutes",
        "5 Rollback",
        "3 Recovery",
        "3 Lessons learned: what went well",
        "3 Lessons learned: what went wrong",
        "3 Lessons learned: where we got lucky",
        "3 Additional information",
      ],
    ],
    [
      "load_test_journal",
      [
        TITLE,
        "2 Purpose",
        "2 Journal",
        "3 2026-06-03 — Baseline, pool 50 per pod",
        "4 Setup",
        "4 Results",
        "4 Changes made",
        "4 Next up",
        "4 Not doing",
        "4 Thoughts",
        "3 2026-06-10 — Pool 10 per pod (release 2026.06.2)",
        "4 Setup",
        "4 Results",
        "4 Changes made",
        "4 Next up",
        "4 Not doing",
        "4 Thoughts",
        "3 Comparison across entries",
        "2 Other notes",
        "3 Summary",
        "3 Impact",
        "3 Trigger",
        "3 Detection",
        "3 Response",
        "4 First 30 minutes",
        "5 Rollback",
        "3 Recovery",
        "3 Lessons learned: what went well",
        "3 Lessons learned: what went wrong",
        "3 Lessons learned: where we got lucky",
        "3 Additional information",
      ],
    ],
    [
      "grant_milestone",
      [
        TITLE,
        "2 Milestone",
        "2 Context",
        "2 Deliverables",
        "2 Uptime proof",
        "2 Incident summaries",
        "2 Additional information",
        "2 Other notes",
        "3 Impact",
        "3 Trigger",
        "3 Detection",
        "3 Response",
        "4 First 30 minutes",
        "5 Rollback",
        "3 Recovery",
        "3 Lessons learned: what went well",
        "3 Lessons learned: what went wrong",
        "3 Lessons learned: where we got lucky",
      ],
    ],
    ["customer_summary", [TITLE, "2 What happened", "2 Impact", "3 At a glance", "2 What we are doing", "2 Timeline"]],
  ])("%s", (key, outline) => {
    expect(headingOutline(render(key).tree)).toEqual(outline);
  });

  it("puts nothing written under any key the template lacks out of sight: Other notes holds every written unmapped section", () => {
    const { tree } = render("short");
    const outline = headingOutline(tree);
    const notes = outline.slice(outline.indexOf("2 Other notes"));
    expect(notes).toEqual(OTHER_NOTES_ALL);
  });
});

describe("tables keep every row and cell", () => {
  it("the timeline has one row per event and states the zone in its header", () => {
    const table = tableStartingWith(render("google_sre").tree, /^Time/);
    expect(table[0]).toEqual(["Time (CEST, Europe/Berlin)", "Kind", "Event", "Author"]);
    expect(table).toHaveLength(1 + fixedExportData.timeline.length);
    expect(table.every((row) => row.length === 4)).toBe(true);
    expect(table[1]).toEqual([
      "2026-06-08",
      "Note",
      "Connection-pool change (max 50 → 10 connections per pod) merged for the Tuesday release.",
      "Jonas Weber",
    ]);
    expect(table[4]).toEqual([
      "2026-06-09 14:11:30",
      "Detection",
      "Alert CheckoutErrorRateHigh fired (5xx rate 8.4% > 2% for 5 min); on-call engineer paged.",
      "—",
    ]);
  });

  it("the actions table has one row per action with owner and tracker link", () => {
    const { tree } = render("google_sre");
    const table = tableStartingWith(tree, "Action");
    expect(table[0]).toEqual(["Action", "Type", "Priority", "Owner", "Due", "Status", "Tracker"]);
    expect(table).toHaveLength(1 + fixedExportData.actions.length);
    expect(table.every((row) => row.length === 7)).toBe(true);
    expect(table[1]).toEqual([
      "Alert on connection-pool wait time above 500 ms — Page the checkout on-call engineer when p95 pool wait exceeds 500 ms for 3 minutes.",
      "Detect",
      "P1",
      "Priya Raman",
      "2026-06-16",
      "Done on 2026-06-11",
      "https://tracker.example.com/browse/OPS-1841",
    ]);
    expect(table[6]).toEqual([
      "Runbook for rolling back a release in under 10 minutes — Covered by the deployment-platform migration in Q3.",
      "Process",
      "P3",
      "Unassigned",
      "—",
      "Won't do",
      "—",
    ]);
    const trackerLinks = links(tree).filter((l) => l.url.startsWith("https://tracker.example.com/"));
    expect(trackerLinks.map((l) => l.url)).toEqual(fixedExportData.actions.flatMap((a) => (a.trackerUrl ? [a.trackerUrl] : [])));
  });

  it("the deliverables table is Number | Deliverable | Link | Notes | Engineering time, one row each", () => {
    const { tree } = render("grant_milestone");
    const table = tableStartingWith(tree, "Number");
    expect(table).toEqual([
      ["Number", "Deliverable", "Link", "Notes", "Engineering time"],
      ...fixedExportData.deliverables.map((d) => [d.number, d.title, d.link, d.notes, d.engineeringTime]),
    ]);
    for (const d of fixedExportData.deliverables) expect(links(tree).some((l) => l.url === d.link)).toBe(true);
  });

  it("link fields that hold no URL stay text", () => {
    const data: ExportData = {
      ...fixedExportData,
      deliverables: [{ ...fixedExportData.deliverables[0], link: "n/a (internal repository)" }],
    };
    const { tree } = render("grant_milestone", data);
    expect(tableStartingWith(tree, "Number")[1][2]).toBe("n/a (internal repository)");
    expect(links(tree).some((l) => l.url.includes("n/a"))).toBe(false);
  });

  it("the summary table gives severity, status, duration, impact and time to detect, mitigate and resolve", () => {
    const table = tableStartingWith(render("google_sre").tree, "Field");
    const rows = Object.fromEntries(table.slice(1).map(([k, v]) => [k, v]));
    expect(rows).toMatchObject({
      Summary: fixedExportData.incident.summary,
      Severity: "SEV2 (Major)",
      Status: "Resolved",
      Started: "2026-06-09 14:04 CEST",
      Resolved: "2026-06-09 16:20 CEST",
      Duration: "2 hours 16 minutes",
      "Time to detect": "7 minutes",
      "Time to mitigate": "48 minutes",
      "Time to resolve": "2 hours 16 minutes",
      "Incident commander": "Priya Raman",
      Postmortem: "Approved by Dana Kim on 2026-06-11 17:30 CEST",
    });
    expect(rows.Impact).toBe(`34% of users affected. ${fixedExportData.incident.customerImpact}`);
  });

  it("load-test tables have a row per label plus the total, and the journal compares every entry", () => {
    const { tree } = render("load_test_journal");
    const statTables = tables(tree).filter((t) => t[0][0] === "Label");
    expect(statTables).toHaveLength(2);
    for (const t of statTables) {
      expect(t).toHaveLength(1 + 3 + 1);
      expect(t[4][0]).toBe("Total");
      expect(t.every((row) => row.length === 10)).toBe(true);
    }
    expect(tableStartingWith(tree, "Entry")).toEqual([
      ["Entry", "Date", "Samples", "Errors", "Mean (ms)", "p95 (ms)", "p99 (ms)", "Throughput (req/s)"],
      ["Baseline, pool 50 per pod", "2026-06-03", "684,000", "0.06%", "212", "520", "910", "380"],
      ["Pool 10 per pod (release 2026.06.2)", "2026-06-10", "216,000", "27%", "1,480", "2,010", "2,050", "120"],
    ]);
  });

  it("the run comparison shows each later run's change from the baseline", () => {
    const table = tableStartingWith(render("google_sre").tree, "Metric");
    expect(table[0]).toEqual(["Metric", "Baseline, pool 50 per pod (baseline)", "Pool 10 per pod (release 2026.06.2)"]);
    expect(table.find((r) => r[0] === "p95")).toEqual(["p95", "520 ms", "2,010 ms (+1,490 ms; +287%)"]);
    expect(table.find((r) => r[0] === "Errors")).toEqual(["Errors", "0.06%", "27% (+26.9 pp)"]);
  });

  it("narrative tables survive with their rows", () => {
    const table = tableStartingWith(render("google_sre").tree, "Window (CEST)");
    expect(table).toEqual([
      ["Window (CEST)", "5xx rate", "Cause"],
      ["14:04–14:47", "34%", "Pool exhausted"],
      ["14:47–14:52", "3%", "Retry storm"],
      ["14:52–16:20", "0.4%", "Residual retries"],
    ]);
  });
});

describe("lists and links", () => {
  it("whys are numbered lists and contributing factors bullet lists, per root cause", () => {
    const all = lists(render("google_sre").tree);
    for (const cause of fixedExportData.rootCauses) {
      expect(all).toContainEqual({ ordered: true, items: cause.whys });
      expect(all).toContainEqual({ ordered: false, items: cause.factors });
    }
  });

  it("the executive RCA numbers its preventive actions: prevent and detect only", () => {
    const all = lists(render("executive_rca").tree);
    const preventive = all.find((l) => l.ordered && l.items[0].startsWith("Alert on connection-pool"));
    expect(preventive?.items).toHaveLength(3);
    expect(preventive?.items.map((i) => i.split(" — ")[0])).toEqual([
      "Alert on connection-pool wait time above 500 ms",
      "Size connection pools from the load-test peak",
      "Exponential backoff with jitter for checkout retries in the mobile apps",
    ]);
    expect(preventive?.items[0]).toContain("owner Priya Raman");
  });

  it("narrative links, code and emphasis come through as Markdown", () => {
    const { tree, markdown } = render("google_sre");
    expect(links(tree).map((l) => l.url)).toContain("https://status.example.com/incidents/2026-06-09-checkout");
    expect(markdown).toContain("**about a third of checkout attempts failed**");
    expect(markdown).toContain("`checkout-api`");
    expect(markdown).toContain("```promql\n");
  });

  it("the grant report links the application document and names the milestone", () => {
    const { tree } = render("grant_milestone");
    expect(lists(tree)[0].items).toEqual([
      `Application document: ${fixedExportData.postmortem!.fields.applicationLink}`,
      "Milestone number: 2",
    ]);
    expect(links(tree)[0].url).toBe(fixedExportData.postmortem!.fields.applicationLink);
  });

  it("every link is http(s), mailto or relative", () => {
    for (const key of ["google_sre", "short", "executive_rca", "load_test_journal", "grant_milestone", "customer_summary"]) {
      for (const l of links(render(key).tree)) expect(l.url).toMatch(/^(https?:\/\/|mailto:|[^:]*$)/);
    }
  });
});

describe("charts", () => {
  const fileNames = new Set(fixedExportData.charts.map((c) => c.fileName));

  it.each(["google_sre", "executive_rca"])("%s: every image is a chart file inside the zip", (key) => {
    const found = images(render(key).tree);
    expect(found.length).toBeGreaterThan(0);
    for (const image of found) {
      expect(image.url.startsWith("charts/")).toBe(true);
      expect(fileNames.has(image.url)).toBe(true);
    }
  });

  it("supporting information shows every chart with its text alternative and caption", () => {
    const { tree, markdown } = render("google_sre");
    expect(images(tree).map((i) => [i.url, i.alt])).toEqual(fixedExportData.charts.map((c) => [c.fileName, c.alt]));
    for (const chart of fixedExportData.charts) expect(markdown).toContain(`_${chart.caption}_`);
  });

  it("the executive RCA shows each root cause's own chart, and says so when a cause has none", () => {
    const { tree, markdown } = render("executive_rca");
    expect(images(tree).map((i) => i.url)).toEqual(["charts/02-database-pool-wait-time.png"]);
    expect(markdown.match(/No metric chart is linked to this root cause\./g)).toHaveLength(2);
  });

  it("absolute links point at the given URLs; unsafe ones are not linked", () => {
    const options: RenderOptions = {
      chartLinks: { kind: "absolute", urlFor: (c) => `https://hindsight.example.com/api/v1/charts/${c.id}.png` },
    };
    expect(images(render("google_sre", fixedExportData, options).tree).map((i) => i.url)).toEqual([
      "https://hindsight.example.com/api/v1/charts/chart-5xx.png",
      "https://hindsight.example.com/api/v1/charts/chart-pool-wait.png",
    ]);
    const unsafe: RenderOptions = { chartLinks: { kind: "absolute", urlFor: () => "javascript:alert(1)" } };
    expect(images(render("google_sre", fixedExportData, unsafe).tree)).toEqual([]);
  });

  it("without chart links, charts appear as their text alternative and caption", () => {
    const { tree, markdown } = render("google_sre", fixedExportData, { chartLinks: { kind: "none" } });
    expect(images(tree)).toEqual([]);
    for (const chart of fixedExportData.charts) {
      expect(markdown).toContain(chart.alt.slice(0, 40));
      expect(markdown).toContain(chart.caption);
    }
  });
});

describe("timeline times", () => {
  const event = (occurredAt: string, precision: "day" | "minute" | "second" = "minute") => ({
    occurredAt,
    precision,
    kind: "note",
    text: "x",
    author: null,
  });

  it("names CEST and CET per event when the timeline crosses the end of summer time", () => {
    const data: ExportData = {
      ...fixedExportData,
      timeline: [
        event("2026-10-24T23:30:00Z"),
        event("2026-10-25T00:30:00Z"),
        event("2026-10-25T01:30:00Z"),
        event("2026-10-25T23:00:00Z", "day"),
      ],
    };
    const table = tableStartingWith(render("google_sre", data).tree, /^Time/);
    expect(table.map((r) => r[0])).toEqual([
      "Time (CEST/CET, Europe/Berlin)",
      "2026-10-25 01:30 CEST",
      "2026-10-25 02:30 CEST",
      "2026-10-25 02:30 CET",
      "2026-10-26",
    ]);
  });

  it("says UTC when the incident is kept in UTC", () => {
    const data: ExportData = {
      ...fixedExportData,
      incident: { ...fixedExportData.incident, timeZone: "UTC" },
      timeline: [event("2026-06-09T12:04:00Z")],
    };
    expect(tableStartingWith(render("google_sre", data).tree, /^Time/)).toEqual([
      ["Time (UTC)", "Kind", "Event", "Author"],
      ["2026-06-09 12:04", "Note", "x", "—"],
    ]);
  });
});

describe("sections", () => {
  it("static text is rendered as text, paragraph by paragraph", () => {
    const t = template([
      { key: "intro", title: "Intro", kind: "static", text: "First **not bold**\nsecond line\n\n# not a heading" },
    ]);
    const markdown = renderPostmortemMarkdown(fixedExportData, t, RELATIVE);
    const tree = parseMarkdown(markdown);
    expect(headingOutline(tree).slice(0, 3)).toEqual([TITLE, "2 Intro", "2 Other notes"]);
    const paragraphs = tree.children.filter((n) => n.type === "paragraph").map((n) => textOf(n));
    expect(paragraphs).toContain("First **not bold**\nsecond line");
    expect(paragraphs).toContain("# not a heading");
  });

  it("a narrative slot without text says so, and one the editor could not have saved is not guessed at", () => {
    const data: ExportData = {
      ...fixedExportData,
      narrative: {
        summary: { title: "Summary", content: doc(p("  ")) },
        impact: { title: "Impact", content: { type: "doc", content: [{ type: "script", text: "x" }] } },
      },
    };
    const t = template([
      { key: "summary", title: "Summary", kind: "narrative" },
      { key: "impact", title: "Impact", kind: "narrative" },
    ]);
    const markdown = renderPostmortemMarkdown(data, t, RELATIVE);
    expect(markdown).toContain("## Summary\n\nNothing written for this section yet.\n");
    expect(markdown).toContain("## Impact\n\nThis section could not be displayed.\n");
    expect(markdown).not.toContain("Other notes");
  });

  it("unmapped narrative goes under Other notes with its own title; blank unmapped sections are left out", () => {
    const data: ExportData = {
      ...fixedExportData,
      narrative: {
        summary: fixedExportData.narrative.summary,
        custom_notes: { title: "Vendor call notes", content: doc(p("The vendor confirmed the fix.")) },
        blank: { title: "Blank", content: doc(p()) },
        untitled_key: { title: "", content: doc(p("Kept.")) },
      },
    };
    const t = template([{ key: "summary", title: "Summary", kind: "narrative" }]);
    const tree = postmortemMdast(data, t, RELATIVE);
    expect(headingOutline(tree)).toEqual([TITLE, "2 Summary", "2 Other notes", "3 Vendor call notes", "3 Untitled key"]);
  });

  it("the journal is oldest first whatever order the runs come in", () => {
    const data: ExportData = {
      ...fixedExportData,
      loadTests: { ...fixedExportData.loadTests, runs: [...fixedExportData.loadTests.runs].reverse() },
    };
    const outline = headingOutline(render("load_test_journal", data).tree).filter((h) => h.startsWith("3 2026"));
    expect(outline).toEqual(["3 2026-06-03 — Baseline, pool 50 per pod", "3 2026-06-10 — Pool 10 per pod (release 2026.06.2)"]);
  });

  it("the postmortem's mdast is what the Markdown is made of", () => {
    const t = builtInTemplate("short")!;
    const tree = postmortemMdast(fixedExportData, t, RELATIVE);
    expect(tree.type).toBe("root");
    expect(headingOutline(tree)).toEqual(headingOutline(render("short").tree));
  });
});
