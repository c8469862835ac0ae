/**
 * Hostile and awkward text through every text field stays inert: in the Markdown it parses back as the
 * same text (no HTML, no javascript: links, tables keep their rows and cells), and the HTML document
 * has no script, no event-handler attribute and no javascript: URL. The text itself is kept: a person
 * who wrote "<script>" in a timeline entry sees "<script>" in the export.
 */
import { describe, expect, it } from "vitest";
import { unified } from "unified";
import rehypeParse from "rehype-parse";
import type { Element, Nodes as HastNodes } from "hast";
import type { ExportData } from "@/lib/exports/export-data";
import { BUILT_IN_TEMPLATES } from "@/lib/templates/built-in";
import { renderPostmortemMarkdown } from "@/lib/exports/markdown/render-markdown";
import { renderPostmortemHtml } from "@/lib/exports/html/render-html";
import type { TemplateDefinition } from "@/lib/templates/types";
import { templateSectionsSchema } from "@/lib/templates/types";
import { fixedExportData } from "@/tests/fixtures/exports/export-data";
import { a, code, doc, h, p, table, ul } from "@/tests/fixtures/exports/tiptap";
import { images, links, nodesOfType, parseMarkdown, tables, textOf } from "@/tests/unit/exports/support/markdown";

const LONG_LINE = `${"very long line ".repeat(666)}end`; // 10k characters
const CORPUS = [
  "pipes | in | a | cell",
  "back`ticks`` and ```fences",
  "<script>alert(1)</script>",
  "[x](javascript:alert(1))",
  "text ](javascript:alert(2)) more",
  '<img src=x onerror="alert(3)">',
  "![pic](javascript:alert(4))",
  "<https://evil.example/> and <mailto:x@evil.example>",
  "[ref]: javascript:alert(5)",
  "emoji 🔥🚒 👩🏽‍💻 ✅",
  "RTL: مرحبا بالعالم — שלום עולם",
  LONG_LINE,
  "line one\nline two\n\nsecond paragraph",
  "# not a heading",
  "> not a quote",
  "- not a list",
  "1. not ordered",
  "+ plus",
  "*not emphasis* _nor this_ **nor bold** ~~nor struck~~",
  "&amp; &#x3C; &lt;entities&gt;",
  "back\\slash \\",
  "---",
  "| a | b |\n|---|---|\n| c | d |",
  "    indented code?",
  "<!-- comment -->",
];
/** The corpus as one multi-line text, for fields that hold one text; the 10k line goes through the per-entry fields. */
const ALL = CORPUS.filter((c) => c !== LONG_LINE).join("\n");

/** What a table cell reads back as: Markdown has no line breaks in cells and trims each cell. */
const asCell = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();
/** What a paragraph reads back as: a blank line separates paragraphs, and Markdown trims each line. */
const asParagraphs = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join("\n");

function corpusData(corpus: string[]): ExportData {
  const joined = corpus.filter((c) => c !== LONG_LINE).join("\n");
  const data = structuredClone(fixedExportData);
  data.incident.title = joined;
  data.incident.summary = joined;
  data.incident.customerImpact = joined;
  data.incident.services = corpus.slice(0, 4);
  data.incident.roles = [{ role: corpus[2], person: corpus[5] }];
  data.timeline = corpus.map((text, i) => ({
    occurredAt: new Date(Date.parse("2026-06-09T12:00:00Z") + i * 60_000).toISOString(),
    precision: "minute" as const,
    kind: "note",
    text,
    author: corpus[(i + 1) % corpus.length],
  }));
  data.rootCauses = [
    {
      position: 1,
      category: "other",
      description: joined,
      whys: corpus,
      isTrigger: true,
      factors: corpus,
      chartId: "chart-pool-wait",
    },
  ];
  data.actions = corpus.map((title, i) => ({
    title,
    description: corpus[(i + 3) % corpus.length],
    type: (["prevent", "detect", "mitigate", "process"] as const)[i % 4],
    priority: "p1",
    status: "open",
    owner: corpus[(i + 5) % corpus.length],
    dueDate: null,
    trackerUrl: i % 3 === 0 ? "javascript:alert(6)" : i % 3 === 1 ? "https://tracker.example.com/x?a=1&b=<2>" : null,
    completedAt: null,
  }));
  data.deliverables = corpus.map((text, i) => ({
    number: text,
    title: corpus[(i + 1) % corpus.length],
    link: i % 2 === 0 ? "javascript:alert(7)" : "https://example.com/a|b",
    notes: corpus[(i + 2) % corpus.length],
    engineeringTime: corpus[(i + 3) % corpus.length],
  }));
  data.relatedIncidents = [{ ...fixedExportData.relatedIncidents[0], title: joined, summary: joined }];
  data.charts = data.charts.map((c) => ({ ...c, title: joined, caption: joined, alt: joined }));
  data.loadTests.runs = data.loadTests.runs.map((run) => ({
    ...run,
    name: joined,
    notes: joined,
    environment: corpus.map((c, i) => [c, corpus[(i + 1) % corpus.length]] as [string, string]),
    journal: { changes: joined, nextUp: joined, notDoing: joined, thoughts: joined },
    labels: corpus.map((label) => ({ ...run.total, label })),
    capacity: joined,
    linkNote: joined,
  }));
  data.loadTests.observed.note = joined;
  data.postmortem!.fields = { applicationLink: "javascript:alert(8)", milestoneNumber: joined };
  data.postmortem!.approvedBy = joined;
  data.narrative = {
    summary: {
      title: joined,
      content: doc(
        ...corpus.map((text) => p(text)),
        h(1, corpus[2]),
        ul(...corpus.slice(0, 8)),
        p(code(corpus[1]), " ", a(corpus[3], "https://example.com/?q=<script>")),
        table(["Header | with pipe", corpus[2]], ...corpus.map((text) => [text, corpus[0]])),
      ),
    },
    unmapped: { title: joined, content: doc(...corpus.map((text) => p(text))) },
  };
  return data;
}

/** Every data block and a narrative slot, once, so one render covers every field. */
const EVERYTHING: TemplateDefinition = {
  key: "everything",
  name: "Everything",
  description: "",
  audience: "internal",
  version: 1,
  sections: templateSectionsSchema.parse([
    { key: "static_intro", title: ALL.slice(0, 190).replace(/\n/g, " "), kind: "static", text: ALL },
    { key: "summary", title: "Summary", kind: "narrative" },
    { key: "s_summary", title: "Summary table", kind: "data", block: "summary" },
    { key: "s_timeline", title: "Timeline", kind: "data", block: "timeline" },
    { key: "s_causes", title: "Root causes", kind: "data", block: "root_causes", options: { withCharts: true } },
    { key: "s_factors", title: "Factors", kind: "data", block: "contributing_factors" },
    { key: "s_actions", title: "Actions", kind: "data", block: "actions" },
    { key: "s_numbered", title: "Numbered actions", kind: "data", block: "actions", options: { numbered: true } },
    { key: "s_charts", title: "Charts", kind: "data", block: "metric_charts" },
    { key: "s_load", title: "Load tests", kind: "data", block: "load_tests" },
    { key: "s_journal", title: "Journal", kind: "data", block: "load_test_journal" },
    { key: "s_uptime", title: "Uptime", kind: "data", block: "uptime" },
    { key: "s_deliverables", title: "Deliverables", kind: "data", block: "deliverables" },
    { key: "s_fields", title: "Fields", kind: "data", block: "report_fields" },
    { key: "s_related", title: "Related", kind: "data", block: "incident_summaries" },
  ]),
};

const data = corpusData(CORPUS);
/** The per-template runs take the corpus without the 10k-character line, which the run above already covers. */
const shortData = corpusData(CORPUS.filter((c) => c !== LONG_LINE));
const markdown = renderPostmortemMarkdown(data, EVERYTHING, { chartLinks: { kind: "relative" } });
const tree = parseMarkdown(markdown);
const html = renderPostmortemHtml(data, EVERYTHING, { chartLinks: { kind: "relative" } });

const SAFE_URL = /^(https?:\/\/|mailto:|[^:]*$)/i;

describe("Markdown", () => {
  it("parses back without any HTML node", () => {
    expect(nodesOfType(tree, "html")).toEqual([]);
  });

  it("has no link, image or definition with a scheme other than http(s) or mailto", () => {
    for (const node of [...links(tree), ...images(tree), ...nodesOfType(tree, "definition")]) expect(node.url).toMatch(SAFE_URL);
    // The raw Markdown may hold "](javascript:" only with a backslash before "]" or "(": text, never a link.
    expect(markdown).not.toMatch(/(^|[^\\])\]\(\s*javascript:/im);
  });

  it("keeps every table's rows and cells", () => {
    const all = tables(tree);
    const timeline = all.find((t) => t[0][0].startsWith("Time"))!;
    expect(timeline).toHaveLength(1 + CORPUS.length);
    expect(timeline.every((row) => row.length === 4)).toBe(true);
    expect(timeline.slice(1).map((row) => row[2])).toEqual(CORPUS.map(asCell));

    const actions = all.find((t) => t[0][0] === "Action")!;
    expect(actions).toHaveLength(1 + CORPUS.length);
    expect(actions.every((row) => row.length === 7)).toBe(true);

    const deliverables = all.find((t) => t[0][0] === "Number")!;
    expect(deliverables).toHaveLength(1 + CORPUS.length);
    expect(deliverables.every((row) => row.length === 5)).toBe(true);
    expect(deliverables.slice(1).map((row) => row[0])).toEqual(CORPUS.map(asCell));

    const narrativeTable = all.find((t) => t[0][0] === "Header | with pipe")!;
    expect(narrativeTable).toHaveLength(1 + CORPUS.length);
    expect(narrativeTable.every((row) => row.length === 2)).toBe(true);

    for (const t of all.filter((t) => t[0][0] === "Label")) {
      expect(t).toHaveLength(1 + CORPUS.length + 1);
      expect(t.every((row) => row.length === 10)).toBe(true);
    }
  });

  it("reads back the text as written: markup characters are escaped, not interpreted", () => {
    const whys = nodesOfType(tree, "list").find((l) => l.ordered && textOf(l.children[0]) === CORPUS[0])!;
    expect(whys.children.map((item) => textOf(item))).toEqual(CORPUS.map(asParagraphs));
    const text = textOf(tree);
    for (const entry of [
      "<script>alert(1)</script>",
      "[x](javascript:alert(1))",
      '<img src=x onerror="alert(3)">',
      "🔥🚒 👩🏽‍💻",
      "שלום עולם",
      LONG_LINE,
    ]) {
      expect(text).toContain(entry);
    }
  });

  it("keeps line starts that look like Markdown as text in narrative, whys and static text", () => {
    const paragraphs = nodesOfType(tree, "paragraph").map((n) => textOf(n));
    for (const line of [
      "# not a heading",
      "> not a quote",
      "- not a list",
      "1. not ordered",
      "+ plus",
      "---",
      "    indented code?",
    ]) {
      expect(paragraphs.some((t) => t.split("\n").includes(line))).toBe(true);
    }
    expect(nodesOfType(tree, "blockquote")).toEqual([]);
    expect(nodesOfType(tree, "code")).toEqual([]);
    expect(nodesOfType(tree, "thematicBreak")).toEqual([]);
    expect(nodesOfType(tree, "emphasis").map((n) => textOf(n))).toEqual(expect.not.arrayContaining(["not emphasis"]));
  });

  it("unsafe link targets are shown as text, safe ones stay links", () => {
    const urls = links(tree).map((l) => l.url);
    expect(urls).toContain("https://tracker.example.com/x?a=1&b=<2>");
    // Escapes do not work inside an autolink, so the pipe is percent-encoded: the same URL.
    expect(urls).toContain("https://example.com/a%7Cb");
    expect(urls).toContain("https://example.com/?q=<script>");
    expect(urls.some((u) => /javascript/i.test(u))).toBe(false);
    expect(textOf(tree)).toContain("javascript:alert(6)");
  });

  it("headings stay single headings however many lines their text has", () => {
    expect(nodesOfType(tree, "heading")[0].depth).toBe(1);
    expect(textOf(nodesOfType(tree, "heading")[0])).toBe(ALL.replace(/\s*\n+\s*/g, " ").trim());
  });
});

describe("HTML", () => {
  const hast = unified().use(rehypeParse).parse(html);
  const elements: Element[] = [];
  const walk = (node: HastNodes) => {
    if (node.type === "element") elements.push(node);
    if ("children" in node) node.children.forEach(walk);
  };
  walk(hast);
  const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
  const textContent = (node: HastNodes): string =>
    node.type === "text" ? node.value : "children" in node ? node.children.map(textContent).join("") : "";
  const attributeValues = elements.flatMap((el) =>
    Object.values(el.properties).map((v) => (Array.isArray(v) ? v.join(" ") : String(v))),
  );

  /**
   * Where a needle may appear in the page source: inside a quoted attribute value (alt text keeps "<"
   * as is, which HTML allows there) or, if it holds no "<" or "&" (those are escaped), in text content.
   */
  function inertOccurrences(needle: string): number {
    const inAttributes = attributeValues.reduce((n, v) => n + count(v, needle), 0);
    const inText = /[<&]/.test(needle) ? 0 : count(textContent(hast), needle);
    return inAttributes + inText;
  }

  it("has no script element, and every literal <script in the source is data in a quoted attribute", () => {
    expect(
      elements.filter((e) => ["script", "iframe", "object", "embed", "svg", "math", "form", "base"].includes(e.tagName)),
    ).toEqual([]);
    expect(count(html, "<script")).toBe(inertOccurrences("<script"));
    expect(count(html, "<img src=x")).toBe(inertOccurrences("<img src=x"));
    // Outside attributes the page is free of them: text content is escaped.
    const withoutAttributes = html.replace(/="[^"]*"/g, '=""');
    expect(withoutAttributes).not.toMatch(/<script/i);
    expect(withoutAttributes).not.toMatch(/<img src=x/i);
  });

  it("has no event-handler attribute", () => {
    for (const el of elements) expect(Object.keys(el.properties).filter((k) => /^on/i.test(k))).toEqual([]);
    const withoutAttributeValues = html.replace(/="[^"]*"/g, '=""');
    expect(withoutAttributeValues).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  });

  it("has no javascript:, data: or vbscript: URL in any attribute", () => {
    expect(html).not.toMatch(/(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):/i);
    for (const el of elements) {
      for (const key of ["href", "src", "cite", "action"]) {
        const value = el.properties[key];
        if (typeof value === "string") expect(value).toMatch(SAFE_URL);
      }
    }
  });

  it("shows the hostile text as text: every javascript: and onerror= in the page is text or attribute data", () => {
    for (const needle of ["javascript:", "onerror=", "alert(1)"]) {
      expect(count(html, needle)).toBeGreaterThan(0);
      expect(count(html, needle)).toBe(inertOccurrences(needle));
    }
    expect(textContent(hast)).toContain("<script>alert(1)</script>");
  });

  it("keeps the tables' rows", () => {
    const rows = (headerText: string) => {
      const t = elements.find((e) => e.tagName === "table" && JSON.stringify(e).includes(headerText))!;
      const count: Element[] = [];
      const w = (n: HastNodes) => {
        if (n.type === "element" && n.tagName === "tr") count.push(n);
        if ("children" in n) n.children.forEach(w);
      };
      w(t);
      return count.length;
    };
    expect(rows("Engineering time")).toBe(1 + CORPUS.length);
    expect(rows("Header | with pipe")).toBe(1 + CORPUS.length);
  });
});

it.each(BUILT_IN_TEMPLATES.map((t) => [t.key, t] as const))("%s with the corpus stays inert", (_key, template) => {
  const md = renderPostmortemMarkdown(shortData, template, { chartLinks: { kind: "relative" } });
  const parsed = parseMarkdown(md);
  expect(nodesOfType(parsed, "html")).toEqual([]);
  for (const node of [...links(parsed), ...images(parsed)]) expect(node.url).toMatch(SAFE_URL);
  const page = renderPostmortemHtml(shortData, template, { chartLinks: { kind: "relative" } });
  const markup = page.replace(/="[^"]*"/g, '=""'); // the page without attribute values
  expect(markup).not.toMatch(/<script/i);
  expect(markup).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  expect(page).not.toMatch(/(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):/i);
});
