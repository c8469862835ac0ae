import { describe, expect, it } from "vitest";
import { docToPlainText, imageAttachmentIds, isAllowedHref, TipTapDocSchema } from "@/lib/postmortems/content-schema";
import { renderNarrativeHtml } from "@/lib/postmortems/render-html";

const p = (...content: unknown[]) => ({ type: "paragraph", content });
const t = (text: string, marks?: unknown[]) => (marks ? { type: "text", text, marks } : { type: "text", text });
const doc = (...content: unknown[]) => ({ type: "doc", content });

describe("TipTapDocSchema", () => {
  it.each([
    ["empty document", { type: "doc" }],
    ["empty paragraph", doc({ type: "paragraph" })],
    ["marks", doc(p(t("b", [{ type: "bold" }, { type: "italic" }, { type: "code" }, { type: "strike" }])))],
    [
      "links",
      doc(
        p(
          t("x", [{ type: "link", attrs: { href: "https://example.com" } }]),
          t("m", [{ type: "link", attrs: { href: "mailto:a@b.c" } }]),
        ),
      ),
    ],
    ["headings 1-3", doc({ type: "heading", attrs: { level: 3 }, content: [t("h")] })],
    [
      "lists",
      doc(
        { type: "bulletList", content: [{ type: "listItem", content: [p(t("a"))] }] },
        { type: "orderedList", attrs: { start: 1, type: null }, content: [{ type: "listItem", content: [p(t("b"))] }] },
      ),
    ],
    [
      "blockquote, code block, rule, hard break",
      doc(
        { type: "blockquote", content: [p(t("q"), { type: "hardBreak" }, t("r"))] },
        { type: "codeBlock", attrs: { language: "ts" }, content: [t("x = 1")] },
        { type: "horizontalRule" },
      ),
    ],
    [
      "table",
      doc({
        type: "table",
        content: [
          {
            type: "tableRow",
            content: [
              { type: "tableHeader", attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [p(t("h"))] },
              { type: "tableCell", content: [p()] },
            ],
          },
        ],
      }),
    ],
    ["image of an attachment", doc({ type: "image", attrs: { src: "/api/v1/attachments/abc123", alt: "graph", title: null } })],
  ])("accepts %s", (_name, value) => {
    expect(TipTapDocSchema.safeParse(value).success).toBe(true);
  });

  it.each([
    ["an unknown node", doc({ type: "iframe", attrs: { src: "https://x" } })],
    ["an unknown mark", doc(p(t("u", [{ type: "underline" }])))],
    ["a javascript: link", doc(p(t("x", [{ type: "link", attrs: { href: "javascript:alert(1)" } }])))],
    ["a data: link", doc(p(t("x", [{ type: "link", attrs: { href: "data:text/html,<script>" } }])))],
    ["a relative link", doc(p(t("x", [{ type: "link", attrs: { href: "/admin" } }])))],
    ["a remote image", doc({ type: "image", attrs: { src: "https://evil.example/x.png" } })],
    ["a data: image", doc({ type: "image", attrs: { src: "data:image/png;base64,AAAA" } })],
    ["an attachment path trick", doc({ type: "image", attrs: { src: "/api/v1/attachments/../../x" } })],
    ["heading level 4", doc({ type: "heading", attrs: { level: 4 }, content: [t("h")] })],
    ["a non-doc root", p(t("x"))],
    ["empty text", doc(p(t("")))],
    ["a paragraph inside text content", doc(p(p(t("x"))))],
  ])("refuses %s", (_name, value) => {
    expect(TipTapDocSchema.safeParse(value).success).toBe(false);
  });

  it("strips attributes it does not know", () => {
    const parsed = TipTapDocSchema.parse(
      doc(
        p({ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "https://a.b", rel: "opener", onclick: "x" } }] }),
        { type: "image", attrs: { src: "/api/v1/attachments/a1", onerror: "alert(1)" } },
      ),
    );
    expect(JSON.stringify(parsed)).not.toMatch(/onclick|onerror|opener/);
    const code = TipTapDocSchema.parse(doc({ type: "codeBlock", content: [t("x", [{ type: "bold" }])] }));
    expect(code).toEqual(doc({ type: "codeBlock", content: [t("x")] }));
  });

  it("refuses very large documents", () => {
    expect(TipTapDocSchema.safeParse(doc(p(t("x".repeat(600_000))))).success).toBe(false);
  });
});

describe("helpers", () => {
  it("allows only http, https and mailto links", () => {
    expect([isAllowedHref("https://a.b"), isAllowedHref("http://a.b"), isAllowedHref("mailto:x@y.z")]).toEqual([
      true,
      true,
      true,
    ]);
    expect([isAllowedHref(" JavaScript:alert(1)"), isAllowedHref("vbscript:x"), isAllowedHref("not a url")]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it("collects image attachment ids", () => {
    const d = TipTapDocSchema.parse(
      doc(
        { type: "image", attrs: { src: "/api/v1/attachments/a1" } },
        { type: "blockquote", content: [{ type: "image", attrs: { src: "/api/v1/attachments/b2" } }] },
      ),
    );
    expect(imageAttachmentIds(d)).toEqual(["a1", "b2"]);
  });

  it("renders plain text for diffs", () => {
    const d = doc(
      { type: "heading", attrs: { level: 2 }, content: [t("Why")] },
      { type: "bulletList", content: [{ type: "listItem", content: [p(t("one"))] }] },
      p(t("a"), { type: "hardBreak" }, t("b")),
    );
    expect(docToPlainText(d)).toBe("## Why\n- one\na\nb");
  });
});

describe("renderNarrativeHtml", () => {
  it("renders allowed content with safe links", () => {
    const html = renderNarrativeHtml(doc(p(t("docs", [{ type: "link", attrs: { href: "https://example.com" } }]))));
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it("refuses to render content the schema rejects", () => {
    const html = renderNarrativeHtml(doc(p(t("x", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]))));
    expect(html).not.toContain("javascript:");
  });
});
