/**
 * The HTML document: a whole page with charset, title, a screen and an A4 print stylesheet, the same
 * content as the Markdown, and chart images inlined as data: URIs when their PNGs are given.
 */
import { describe, expect, it } from "vitest";
import { unified } from "unified";
import rehypeParse from "rehype-parse";
import type { Element, Nodes } from "hast";
import { builtInTemplate, BUILT_IN_TEMPLATES } from "@/lib/templates/built-in";
import { renderPostmortemHtml } from "@/lib/exports/html/render-html";
import { renderPostmortemMarkdown } from "@/lib/exports/markdown/render-markdown";
import { fixedExportData } from "@/tests/fixtures/exports/export-data";
import { headingOutline, parseMarkdown, tables } from "@/tests/unit/exports/support/markdown";

function elements(html: string): Element[] {
  const found: Element[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "element") found.push(node);
    if ("children" in node) node.children.forEach(walk);
  };
  walk(unified().use(rehypeParse).parse(html));
  return found;
}

const text = (node: Nodes): string =>
  node.type === "text" ? node.value : "children" in node ? node.children.map(text).join("") : "";

const google = builtInTemplate("google_sre")!;
const html = renderPostmortemHtml(fixedExportData, google, { chartLinks: { kind: "relative" } });
const all = elements(html);

describe("the page", () => {
  it("is a whole HTML document with charset, viewport and the incident as its title", () => {
    expect(html.startsWith('<!doctype html><html lang="en"><head><meta charset="utf-8">')).toBe(true);
    expect(all.find((e) => e.tagName === "meta" && e.properties.name === "viewport")).toBeDefined();
    expect(text(all.find((e) => e.tagName === "title")!)).toBe(`${fixedExportData.incident.title} — Incident #214`);
  });

  it("has a readable stylesheet and an A4 print stylesheet", () => {
    const css = text(all.find((e) => e.tagName === "style")!);
    expect(css).toMatch(/@media print\s*{/);
    expect(css).toMatch(/@page\s*{\s*size:\s*A4/);
    expect(css).toMatch(/nav[^{]*{\s*display:\s*none/);
    expect(css).toMatch(/h2\.page-break\s*{\s*break-before:\s*page/);
    expect(css).toMatch(/thead\s*{\s*display:\s*table-header-group/);
    expect(css).toMatch(/tr, img[^{]*{\s*break-inside:\s*avoid/);
    expect(css).toMatch(/a\[href\^="http"\]:not\(\.bare-url\)::after/);
  });

  it("starts the long data sections on a new printed page", () => {
    const breaking = all.filter(
      (e) => e.tagName === "h2" && (e.properties.className as string[] | undefined)?.includes("page-break"),
    );
    expect(breaking.map(text)).toEqual(["Timeline", "Supporting information"]);
  });

  it("marks links that show their own URL, so print does not repeat it", () => {
    const tracker = all.find((e) => e.tagName === "a" && e.properties.href === "https://tracker.example.com/browse/OPS-1841")!;
    expect(tracker.properties.className).toEqual(["bare-url"]);
    const named = all.find((e) => e.tagName === "a" && text(e) === "status page entry")!;
    expect(named.properties.className).toBeUndefined();
  });
});

describe.each(BUILT_IN_TEMPLATES.map((t) => [t.key, t] as const))("%s: same content as the Markdown", (_key, template) => {
  const page = renderPostmortemHtml(fixedExportData, template, { chartLinks: { kind: "relative" } });
  const md = parseMarkdown(renderPostmortemMarkdown(fixedExportData, template, { chartLinks: { kind: "relative" } }));
  const els = elements(page);

  it("has the same headings in the same order", () => {
    const htmlOutline = els.filter((e) => /^h[1-6]$/.test(e.tagName)).map((e) => `${e.tagName.slice(1)} ${text(e)}`);
    expect(htmlOutline).toEqual(headingOutline(md));
  });

  it("has the same tables with the same rows and cells", () => {
    const htmlTables = els
      .filter((e) => e.tagName === "table")
      .map((t) => {
        const rows: string[][] = [];
        const walk = (n: Nodes) => {
          if (n.type === "element" && n.tagName === "tr")
            rows.push(n.children.filter((c): c is Element => c.type === "element").map(text));
          else if ("children" in n) n.children.forEach(walk);
        };
        walk(t);
        return rows;
      });
    expect(htmlTables).toEqual(tables(md));
  });
});

describe("chart images", () => {
  const executive = builtInTemplate("executive_rca")!;

  it("link relatively without PNGs", () => {
    const page = renderPostmortemHtml(fixedExportData, executive, { chartLinks: { kind: "relative" } });
    expect(
      elements(page)
        .filter((e) => e.tagName === "img")
        .map((e) => e.properties.src),
    ).toEqual(["charts/02-database-pool-wait-time.png"]);
  });

  it("are inlined as data: URIs when their PNGs are given, whatever the link mode", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const images = new Map([["charts/02-database-pool-wait-time.png", png]]);
    for (const chartLinks of [
      { kind: "relative" } as const,
      { kind: "absolute", urlFor: (c: { id: string }) => `https://app.example.com/c/${c.id}` } as const,
    ]) {
      const page = renderPostmortemHtml(fixedExportData, executive, { chartLinks, images });
      const img = elements(page).find((e) => e.tagName === "img")!;
      expect(img.properties.src).toBe(`data:image/png;base64,${png.toString("base64")}`);
      expect(img.properties.alt).toBe(fixedExportData.charts[1].alt);
    }
  });

  it("leave images they have no PNG for as links", () => {
    const page = renderPostmortemHtml(fixedExportData, google, { chartLinks: { kind: "relative" }, images: new Map() });
    expect(
      elements(page)
        .filter((e) => e.tagName === "img")
        .map((e) => e.properties.src),
    ).toEqual(fixedExportData.charts.map((c) => c.fileName));
  });
});
