/**
 * Narrative sections, TipTap JSON → mdast: HTML from @tiptap/html with the editor's own extensions
 * (so the export says what the editor showed), then hast (rehype-parse) → mdast (rehype-remark).
 * All sections of a document go through one generateHTML call, split again at a marker paragraph:
 * each call builds a schema and a DOM window (about 10 ms), too slow to pay once per section.
 */
import { generateHTML } from "@tiptap/html";
import type { Extensions } from "@tiptap/core";
import { unified } from "unified";
import rehypeParse from "rehype-parse";
import rehypeRemark from "rehype-remark";
import type { BlockContent, Heading, Nodes, PhrasingContent, Root, RootContent } from "mdast";
import { narrativeExtensions } from "@/lib/postmortems/editor-extensions";
import { TipTapDocSchema, type TipTapBlock, type TipTapDoc } from "@/lib/postmortems/content-schema";
import { clampDepth } from "@/lib/exports/markdown/mdast";

export type NarrativeMdast =
  | { status: "written"; content: RootContent[] }
  /** No text and no image: the section was never written. */
  | { status: "empty" }
  /** Not a document the editor could have saved; shown as such rather than guessed at. */
  | { status: "invalid" };

/** Unguessable per process, so no text a person wrote can split a section. */
const SECTION_BREAK = `\u2063${globalThis.crypto.randomUUID()}\u2063`;
const BREAK_PARAGRAPH: TipTapBlock = { type: "paragraph", content: [{ type: "text", text: SECTION_BREAK }] };

let extensions: Extensions | undefined;
const htmlToMdast = unified().use(rehypeParse, { fragment: true }).use(rehypeRemark).freeze();

/** Converts many TipTap documents at once; the result is in the order of `docs`. */
export function narrativeDocsToMdast(docs: unknown[]): NarrativeMdast[] {
  const results: NarrativeMdast[] = new Array(docs.length);
  const written: { index: number; doc: TipTapDoc }[] = [];
  docs.forEach((doc, index) => {
    const parsed = TipTapDocSchema.safeParse(doc);
    if (!parsed.success) results[index] = { status: "invalid" };
    else if (isBlank(parsed.data)) results[index] = { status: "empty" };
    else written.push({ index, doc: parsed.data });
  });
  if (written.length === 0) return results;

  const parts = convertTogether(written.map((w) => w.doc));
  written.forEach(({ index }, i) => {
    const content = parts[i];
    results[index] = content === null ? { status: "invalid" } : { status: "written", content };
  });
  return results;
}

/** Headings written inside a section sit below the section's own heading: h1 under an h2 section becomes h3. */
export function demoteHeadings(nodes: RootContent[], sectionDepth: number): RootContent[] {
  for (const node of nodes) {
    walk(node, (n) => {
      if (n.type === "heading") (n as Heading).depth = clampDepth(sectionDepth + (n as Heading).depth);
    });
  }
  return nodes;
}

function convertTogether(docs: TipTapDoc[]): (RootContent[] | null)[] {
  const combined: TipTapDoc = {
    type: "doc",
    content: docs.flatMap((d, i) => [...(i > 0 ? [BREAK_PARAGRAPH] : []), ...(d.content ?? [])]),
  };
  const html = toHtml(combined);
  // One document the schema accepts but ProseMirror refuses should not blank the others: retry one by one.
  if (html === null) return docs.map((d) => toHtmlParts(toHtml(d), 1)?.[0] ?? null);
  return toHtmlParts(html, docs.length) ?? docs.map(() => null);
}

function toHtml(doc: TipTapDoc): string | null {
  try {
    extensions ??= narrativeExtensions();
    return generateHTML(doc as Parameters<typeof generateHTML>[0], extensions);
  } catch {
    return null;
  }
}

function toHtmlParts(html: string | null, expected: number): RootContent[][] | null {
  if (html === null) return null;
  const mdast = htmlToMdast.runSync(htmlToMdast.parse(html)) as Root;
  const parts: RootContent[][] = [[]];
  for (const node of mdast.children) {
    if (isSectionBreak(node)) parts.push([]);
    else parts[parts.length - 1].push(node);
  }
  if (parts.length !== expected) return null;
  return parts.map((nodes) => nodes.map(normalize));
}

function isSectionBreak(node: RootContent): boolean {
  return (
    node.type === "paragraph" &&
    node.children.length === 1 &&
    node.children[0].type === "text" &&
    node.children[0].value === SECTION_BREAK
  );
}

function isBlank(doc: TipTapDoc): boolean {
  let blank = true;
  const visit = (node: unknown): void => {
    if (!blank || !node || typeof node !== "object") return;
    const n = node as { type?: string; text?: string; content?: unknown[] };
    if ((n.type === "text" && n.text?.trim()) || n.type === "image" || n.type === "horizontalRule") blank = false;
    else n.content?.forEach(visit);
  };
  visit(doc);
  return blank;
}

/**
 * TipTap wraps every list item and table cell in paragraphs. Lists become tight (the editor has no loose
 * lists), and table cells, which in GFM hold one line of inline content, get their blocks as inline runs.
 */
function normalize(node: RootContent): RootContent {
  walk(node, (n) => {
    if (n.type === "list" || n.type === "listItem") n.spread = false;
    if (n.type === "tableCell") n.children = inlineRun(n.children as unknown as Nodes[]);
  });
  return node;
}

const PHRASING = new Set(["text", "strong", "emphasis", "delete", "inlineCode", "link", "image", "break"]);

function inlineRun(nodes: Nodes[], separator = " "): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    let run: PhrasingContent[];
    if (PHRASING.has(node.type)) {
      out.push(node as PhrasingContent);
      continue;
    }
    if (node.type === "code") run = [{ type: "inlineCode", value: node.value }];
    else if (node.type === "list") run = inlineRun(node.children, "; ");
    else if ("children" in node) run = inlineRun(node.children as Nodes[]);
    else run = [];
    if (run.length === 0) continue;
    if (out.length > 0) out.push({ type: "text", value: separator });
    out.push(...run);
  }
  return out;
}

function walk(node: Nodes | BlockContent, visit: (node: Nodes) => void): void {
  visit(node);
  if ("children" in node) for (const child of node.children) walk(child, visit);
}
