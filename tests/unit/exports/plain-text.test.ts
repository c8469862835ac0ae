/**
 * The fast text handler must write exactly what remark-stringify's own escaping writes: compared on
 * plain and awkward text in every place text can stand (paragraph starts, headings, table cells,
 * links, autolinks, emphasis, list items, after hard breaks).
 */
import { describe, expect, it } from "vitest";
import { unified } from "unified";
import remarkGfm from "remark-gfm";
import remarkStringify from "remark-stringify";
import type { PhrasingContent, Root, RootContent } from "mdast";
import { plainTextHandler } from "@/lib/exports/markdown/plain-text";

const options = { bullet: "-", emphasis: "_", strong: "*", fences: true, listItemIndent: "one", rule: "-" } as const;
const fast = unified()
  .use(remarkGfm, { tablePipeAlign: false })
  .use(remarkStringify, { ...options, handlers: { text: plainTextHandler } });
const reference = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, options);

const SAMPLES = [
  "plain words",
  "Priya Raman",
  "Détection naïve Ünïcode 123",
  "مرحبا بالعالم",
  "שלום עולם",
  "1",
  "1 2 3",
  "www",
  "http",
  "x",
  "Note",
  " leading",
  "trailing ",
  "two  spaces",
  "tab\there",
  "1. one",
  "# hash",
  "a_b",
  "a*b",
  "a|b",
  "https://x.y",
  "www.example.com",
  "line\nbreak",
  "- dash",
  "emoji 🔥",
];

function contexts(value: string): RootContent[] {
  const t = (): PhrasingContent => ({ type: "text", value });
  return [
    { type: "paragraph", children: [t()] },
    { type: "paragraph", children: [{ type: "text", value: "before" }, { type: "break" }, t()] },
    { type: "paragraph", children: [{ type: "strong", children: [t()] }, t(), { type: "emphasis", children: [t()] }] },
    { type: "heading", depth: 2, children: [t()] },
    { type: "paragraph", children: [{ type: "link", url: "https://example.com", children: [t()] }] },
    { type: "paragraph", children: [{ type: "link", url: value, children: [t()] }] },
    { type: "list", ordered: false, children: [{ type: "listItem", children: [{ type: "paragraph", children: [t()] }] }] },
    {
      type: "table",
      children: [
        {
          type: "tableRow",
          children: [
            { type: "tableCell", children: [t()] },
            { type: "tableCell", children: [t(), t()] },
          ],
        },
        {
          type: "tableRow",
          children: [
            { type: "tableCell", children: [t()] },
            { type: "tableCell", children: [{ type: "inlineCode", value: "c" }, t()] },
          ],
        },
      ],
    },
  ];
}

describe("plainTextHandler", () => {
  it.each(SAMPLES)("writes %j exactly as the default escaping does, in every context", (value) => {
    const tree: Root = { type: "root", children: contexts(value) };
    expect(fast.stringify(tree)).toBe(reference.stringify(tree));
  });

  it("writes plain words without escapes and escapes the rest", () => {
    const tree: Root = { type: "root", children: [{ type: "paragraph", children: [{ type: "text", value: "plain words" }] }] };
    expect(fast.stringify(tree)).toBe("plain words\n");
    const hash: Root = { type: "root", children: [{ type: "paragraph", children: [{ type: "text", value: "# hash" }] }] };
    expect(fast.stringify(hash)).toBe("\\# hash\n");
  });
});
