/**
 * TipTap → HTML (@tiptap/html with the editor's extensions) → mdast: many sections in one pass,
 * headings placed under their section, images kept, lists tight, tables one line per cell, and
 * documents the editor could not have saved refused rather than guessed at.
 */
import { describe, expect, it } from "vitest";
import { unified } from "unified";
import remarkGfm from "remark-gfm";
import remarkStringify from "remark-stringify";
import type { Root, RootContent } from "mdast";
import { demoteHeadings, narrativeDocsToMdast, type NarrativeMdast } from "@/lib/exports/markdown/narrative";
import { a, bold, br, code, codeBlock, doc, h, image, ol, p, quote, table, ul } from "@/tests/fixtures/exports/tiptap";
import { nodesOfType, parseMarkdown, tables, textOf } from "@/tests/unit/exports/support/markdown";

const stringify = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, { bullet: "-", fences: true });

function written(result: NarrativeMdast): RootContent[] {
  if (result.status !== "written") throw new Error(`expected written, got ${result.status}`);
  return result.content;
}

const markdownOf = (nodes: RootContent[]) => stringify.stringify({ type: "root", children: nodes } satisfies Root);

describe("narrativeDocsToMdast", () => {
  it("converts several documents at once and keeps each to itself, in order", () => {
    const results = narrativeDocsToMdast([doc(p("first")), doc(p("second"), p("more")), doc(h(2, "third"))]);
    expect(results.map((r) => r.status)).toEqual(["written", "written", "written"]);
    expect(results.map((r) => markdownOf(written(r)))).toEqual(["first\n", "second\n\nmore\n", "## third\n"]);
  });

  it("a paragraph that looks like the internal section marker is still just text", () => {
    const [one, two] = narrativeDocsToMdast([doc(p("\u2063"), p("a")), doc(p("b"))]);
    expect(markdownOf(written(one))).toBe("\u2063\n\na\n");
    expect(markdownOf(written(two))).toBe("b\n");
  });

  it("tells empty and invalid documents apart from written ones", () => {
    const results = narrativeDocsToMdast([
      doc(p()),
      doc(p("   ")),
      { type: "doc" },
      doc(p(a("x", "javascript:alert(1)"))),
      { type: "doc", content: [{ type: "iframe" }] },
      "not a document",
      doc(image("att_1", "diagram")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["empty", "empty", "empty", "invalid", "invalid", "invalid", "written"]);
  });

  it("keeps bold, code, links, code blocks, quotes and lists as Markdown", () => {
    const [result] = narrativeDocsToMdast([
      doc(
        p(bold("Bold"), " and ", code("code"), " and ", a("a link", "https://example.com/x"), br(), "next line"),
        codeBlock("sql", "select 1;\nselect 2;"),
        quote(p("quoted")),
        ul("one", "two"),
        ol("first", "second"),
      ),
    ]);
    expect(markdownOf(written(result))).toBe(
      [
        "**Bold** and `code` and [a link](https://example.com/x)\\",
        "next line",
        "",
        "```sql",
        "select 1;",
        "select 2;",
        "```",
        "",
        "> quoted",
        "",
        "- one",
        "- two",
        "",
        "1. first",
        "2. second",
        "",
      ].join("\n"),
    );
  });

  it("keeps images of attachments as image links to the app", () => {
    const [result] = narrativeDocsToMdast([doc(image("att_42", "Dashboard at 14:10"))]);
    const images = nodesOfType({ type: "root", children: written(result) }, "image");
    expect(images.map((i) => [i.url, i.alt])).toEqual([["/api/v1/attachments/att_42", "Dashboard at 14:10"]]);
  });

  it("turns table cells with several blocks into one line each, keeping every row and cell", () => {
    const cellWithList = { type: "tableCell", content: [p("intro"), ul("a", "b")] };
    const cellWithParagraphs = { type: "tableCell", content: [p("one"), p("two")] };
    const t = table(["H1", "H2"], ["x", "y"]);
    t.content!.push({ type: "tableRow", content: [cellWithList, cellWithParagraphs] });
    const [result] = narrativeDocsToMdast([doc(t)]);
    const md = markdownOf(written(result));
    expect(tables(parseMarkdown(md))).toEqual([
      [
        ["H1", "H2"],
        ["x", "y"],
        ["intro a; b", "one two"],
      ],
    ]);
  });
});

describe("demoteHeadings", () => {
  it("places headings under the section: h1 under an h2 section is h3, capped at h6", () => {
    const [result] = narrativeDocsToMdast([doc(h(1, "one"), h(2, "two"), h(3, "three"))]);
    const nodes = demoteHeadings(written(result), 2);
    expect(nodesOfType({ type: "root", children: nodes }, "heading").map((n) => [n.depth, textOf(n)])).toEqual([
      [3, "one"],
      [4, "two"],
      [5, "three"],
    ]);
    const [deep] = narrativeDocsToMdast([doc(h(3, "deep"))]);
    expect(nodesOfType({ type: "root", children: demoteHeadings(written(deep), 5) }, "heading")[0].depth).toBe(6);
  });
});
