/**
 * The last pass over a document tree before it is stringified: only http(s), mailto and relative URLs
 * survive as links or images (anything else becomes its plain text), raw HTML becomes text, and
 * headings and table cells hold no line breaks (a newline would end the heading or the table row).
 */
import type { Nodes, Parent, PhrasingContent, RootContent, Text } from "mdast";

const ALLOWED_SCHEMES = new Set(["http", "https", "mailto"]);
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** The URL when it may be linked, else null. Relative URLs ("charts/01-x.png", "/api/v1/…") are allowed. */
export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed === "") return null;
  // Browsers skip control characters and whitespace inside a scheme: "java\tscript:" is still javascript:.
  const probe = trimmed.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  const scheme = SCHEME.exec(probe);
  if (scheme) return ALLOWED_SCHEMES.has(scheme[1].toLowerCase()) ? trimmed : null;
  return trimmed;
}

export function sanitizeDocument(node: Nodes): void {
  sanitize(node, false);
}

function sanitize(node: Nodes, singleLineContext: boolean): void {
  if (!("children" in node)) return;
  const parent = node as Parent;
  const oneLine = singleLineContext || node.type === "heading" || node.type === "tableCell";
  const next: RootContent[] = [];
  for (const child of parent.children) {
    for (const replaced of replaceUnsafe(child)) {
      if (oneLine) flattenLine(replaced, next);
      else next.push(replaced);
      if ("children" in replaced) sanitize(replaced, oneLine);
    }
  }
  parent.children = next;
}

function replaceUnsafe(node: RootContent): RootContent[] {
  switch (node.type) {
    case "link": {
      const url = safeUrl(node.url);
      if (url === null) return node.children;
      node.url = url;
      return [node];
    }
    case "image": {
      const url = safeUrl(node.url);
      if (url === null) return node.alt ? [textNode(node.alt)] : [];
      node.url = url;
      return [node];
    }
    case "definition": {
      const url = safeUrl(node.url);
      if (url === null) return [];
      node.url = url;
      return [node];
    }
    case "html":
      return [textNode(node.value)];
    default:
      return [node];
  }
}

/** Inside headings and table cells: a hard break becomes a space, text and code lose their newlines. */
function flattenLine(node: RootContent, out: RootContent[]): void {
  if (node.type === "break") {
    out.push(textNode(" "));
    return;
  }
  if ((node.type === "text" || node.type === "inlineCode") && /[\r\n]/.test(node.value)) {
    node.value = node.value.replace(/[ \t]*[\r\n]+[ \t]*/g, " ");
  }
  out.push(node);
}

function textNode(value: string): Text & PhrasingContent {
  return { type: "text", value };
}
