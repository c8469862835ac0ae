/** Reading exported Markdown back the way GitHub would (remark-parse + remark-gfm) and querying the tree. */
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import type { Heading, Image, Link, List, Nodes, Root, Table } from "mdast";

const parser = unified().use(remarkParse).use(remarkGfm);

export function parseMarkdown(markdown: string): Root {
  return parser.runSync(parser.parse(markdown)) as Root;
}

export function nodesOfType<T extends Nodes["type"]>(tree: Nodes, type: T): Extract<Nodes, { type: T }>[] {
  const found: Nodes[] = [];
  const walk = (node: Nodes) => {
    if (node.type === type) found.push(node);
    if ("children" in node) node.children.forEach(walk);
  };
  walk(tree);
  return found as Extract<Nodes, { type: T }>[];
}

export function textOf(node: Nodes): string {
  if (node.type === "text" || node.type === "inlineCode" || node.type === "code" || node.type === "html") return node.value;
  if (node.type === "break") return "\n";
  if (node.type === "image") return node.alt ?? "";
  if (!("children" in node)) return "";
  const blockContainer = node.type === "root" || node.type === "list" || node.type === "listItem" || node.type === "blockquote";
  return node.children.map(textOf).join(blockContainer ? "\n" : "");
}

/** "2 Summary" for every heading, in document order. */
export function headingOutline(tree: Root): string[] {
  return nodesOfType(tree, "heading").map((h: Heading) => `${h.depth} ${textOf(h)}`);
}

/** Every table as rows of cell texts (the header row first). */
export function tables(tree: Root): string[][][] {
  return nodesOfType(tree, "table").map((t: Table) => t.children.map((row) => row.children.map((cell) => textOf(cell))));
}

/** The table whose header row starts with `firstHeader`. */
export function tableStartingWith(tree: Root, firstHeader: string | RegExp): string[][] {
  const found = tables(tree).filter((t) =>
    typeof firstHeader === "string" ? t[0][0] === firstHeader : firstHeader.test(t[0][0]),
  );
  if (found.length !== 1) throw new Error(`Expected one table starting with ${firstHeader}, found ${found.length}`);
  return found[0];
}

export function links(tree: Root): Link[] {
  return nodesOfType(tree, "link");
}

export function images(tree: Root): Image[] {
  return nodesOfType(tree, "image");
}

export function lists(tree: Root): { ordered: boolean; items: string[] }[] {
  return nodesOfType(tree, "list").map((l: List) => ({ ordered: Boolean(l.ordered), items: l.children.map((i) => textOf(i)) }));
}
