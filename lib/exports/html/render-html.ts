/**
 * The HTML document: the same mdast as the Markdown export (postmortemMdast), turned into hast by
 * remark-rehype, cleaned by rehype-sanitize (GitHub's rules) and wrapped in a whole page with a
 * stylesheet for screen and A4 print. Raw HTML never passes: the tree holds no html nodes and
 * remark-rehype drops any that would.
 */
import { unified } from "unified";
import remarkRehype from "remark-rehype";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import type { Element, ElementContent, Nodes, Root } from "hast";
import type { ExportData } from "@/lib/exports/export-data";
import type { TemplateDefinition } from "@/lib/templates/types";
import { PAGE_BREAK_CLASS, postmortemMdast, type RenderOptions } from "@/lib/exports/markdown/render-markdown";
import { DOCUMENT_STYLESHEET } from "@/lib/exports/html/stylesheet";
import { singleLine } from "@/lib/exports/markdown/mdast";

export type HtmlRenderOptions = RenderOptions & {
  /** Chart PNGs by fileName ("charts/01-x.png"); when given, charts are inlined as data: URIs. */
  images?: Map<string, Buffer>;
};

const schema: SanitizeSchema = {
  ...defaultSchema,
  attributes: { ...defaultSchema.attributes, h2: [["className", "sr-only", PAGE_BREAK_CLASS]] },
};

const mdastToHast = unified().use(remarkRehype).use(rehypeSanitize, schema).freeze();
const htmlStringifier = unified().use(rehypeStringify).freeze();

export function renderPostmortemHtml(data: ExportData, template: TemplateDefinition, options: HtmlRenderOptions): string {
  const mdast = postmortemMdast(data, template, options);
  const body = mdastToHast.runSync(mdast) as Root;
  // Both passes run after sanitising and only touch what the renderer made itself.
  markBareLinks(body);
  if (options.images) inlineCharts(body, chartSources(data, options), options.images);

  const title = `${singleLine(data.incident.title)} — Incident #${data.incident.number}`;
  const page: Root = {
    type: "root",
    children: [
      { type: "doctype" },
      element("html", { lang: "en" }, [
        element("head", {}, [
          element("meta", { charSet: "utf-8" }),
          element("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
          element("meta", { name: "generator", content: `Hindsight (${template.key} v${template.version})` }),
          element("title", {}, [{ type: "text", value: title }]),
          element("style", {}, [{ type: "text", value: DOCUMENT_STYLESHEET }]),
        ]),
        element("body", {}, [element("main", {}, body.children as ElementContent[])]),
      ]),
    ],
  };
  return `${htmlStringifier.stringify(page)}\n`;
}

function element(tagName: string, properties: Element["properties"], children: ElementContent[] = []): Element {
  return { type: "element", tagName, properties, children };
}

/** The URL each chart has in this document, mapped to its file name. */
function chartSources(data: ExportData, options: RenderOptions): Map<string, string> {
  const links = options.chartLinks;
  const sources = new Map<string, string>();
  if (links.kind === "none") return sources;
  for (const chart of data.charts) sources.set(links.kind === "relative" ? chart.fileName : links.urlFor(chart), chart.fileName);
  return sources;
}

function inlineCharts(tree: Root, sources: Map<string, string>, images: Map<string, Buffer>): void {
  walkElements(tree, (el) => {
    if (el.tagName !== "img" || typeof el.properties.src !== "string") return;
    const fileName = sources.get(el.properties.src);
    const png = fileName === undefined ? undefined : images.get(fileName);
    if (png) el.properties.src = `data:image/png;base64,${png.toString("base64")}`;
  });
}

/** Links whose text is their URL: the print stylesheet does not print those URLs a second time. */
function markBareLinks(tree: Root): void {
  walkElements(tree, (el) => {
    if (el.tagName !== "a" || typeof el.properties.href !== "string") return;
    const textContent = el.children.map((c) => (c.type === "text" ? c.value : "")).join("");
    if (textContent === el.properties.href || `mailto:${textContent}` === el.properties.href)
      el.properties.className = ["bare-url"];
  });
}

function walkElements(node: Nodes, visit: (el: Element) => void): void {
  if (node.type === "element") visit(node);
  if ("children" in node) for (const child of node.children) walkElements(child, visit);
}
