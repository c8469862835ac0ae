/**
 * Small mdast builders for the data blocks. Every piece of user text enters as a `text` node, so
 * remark-stringify escapes it: nothing a user typed can become Markdown syntax or raw HTML.
 */
import type {
  AlignType,
  BlockContent,
  Heading,
  Link,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Table,
  TableCell,
  TableRow,
  Text,
} from "mdast";
import { safeUrl } from "@/lib/exports/markdown/safe-url";

export type Depth = Heading["depth"];

export function text(value: string): Text {
  return { type: "text", value };
}

export function strong(value: string): PhrasingContent {
  return { type: "strong", children: [text(value)] };
}

export function emphasis(value: string): PhrasingContent {
  return { type: "emphasis", children: [text(value)] };
}

export function paragraph(...children: (PhrasingContent | string)[]): Paragraph {
  return { type: "paragraph", children: children.map((c) => (typeof c === "string" ? text(c) : c)) };
}

/** Heading text on one line: a line break would turn an ATX heading into a setext one or split it. */
export function heading(depth: number, value: string): Heading {
  return { type: "heading", depth: clampDepth(depth), children: [text(singleLine(value))] };
}

export function clampDepth(depth: number): Depth {
  return Math.min(6, Math.max(1, depth)) as Depth;
}

/** Collapses line breaks and runs of blank space: for headings and table cells, where a newline ends the construct. */
export function singleLine(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/**
 * Plain text typed by a person (summaries, notes, journal entries) as paragraphs: blank lines separate
 * paragraphs, single line breaks stay as hard breaks. Returns nothing for blank text.
 */
export function plainTextBlocks(value: string): Paragraph[] {
  return value
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block) => {
      const children: PhrasingContent[] = [];
      block.split("\n").forEach((line, i) => {
        if (i > 0) children.push({ type: "break" });
        children.push(text(line));
      });
      return { type: "paragraph", children };
    });
}

/**
 * A link when the URL is an absolute http(s) or mailto URL, otherwise the label as plain text: fields
 * typed as links (trackers, deliverables, the application) also hold things like "n/a" or "internal".
 */
export function link(url: string, label?: string): PhrasingContent {
  const safe = safeUrl(url);
  const shown = label ?? url;
  if (safe === null || !/^(https?:|mailto:)/i.test(safe)) return text(shown);
  const node: Link = { type: "link", url: safe, title: null, children: [text(shown)] };
  return node;
}

export type Cell = string | PhrasingContent | PhrasingContent[];

function cell(content: Cell): TableCell {
  const children = typeof content === "string" ? [text(content)] : Array.isArray(content) ? content : [content];
  return { type: "tableCell", children };
}

/** A GFM table: a header row and one row per entry; each row is padded or cut to the header's width. */
export function table(header: string[], rows: Cell[][], align?: AlignType[]): Table {
  const width = header.length;
  const toRow = (cells: Cell[]): TableRow => ({
    type: "tableRow",
    children: Array.from({ length: width }, (_, i) => cell(cells[i] ?? "")),
  });
  return { type: "table", align: align ?? header.map(() => null), children: [toRow(header), ...rows.map(toRow)] };
}

/** A tight list of one-paragraph items. */
export function list(items: (PhrasingContent[] | BlockContent[])[], ordered = false): List {
  return {
    type: "list",
    ordered,
    start: ordered ? 1 : null,
    spread: false,
    children: items.map((item): ListItem => ({
      type: "listItem",
      spread: false,
      checked: null,
      children: isPhrasing(item) ? [{ type: "paragraph", children: item }] : item,
    })),
  };
}

const PHRASING_TYPES = new Set(["text", "strong", "emphasis", "delete", "inlineCode", "link", "image", "break"]);

function isPhrasing(nodes: PhrasingContent[] | BlockContent[]): nodes is PhrasingContent[] {
  return nodes.length === 0 || PHRASING_TYPES.has(nodes[0].type);
}

/** "A, B and C". */
export function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}
