import { describe, expect, it } from "vitest";
import type { Root } from "mdast";
import { safeUrl, sanitizeDocument } from "@/lib/exports/markdown/safe-url";

describe("safeUrl", () => {
  it.each([
    ["https://example.com/a?b=c", "https://example.com/a?b=c"],
    ["HTTP://EXAMPLE.COM", "HTTP://EXAMPLE.COM"],
    ["mailto:oncall@example.com", "mailto:oncall@example.com"],
    ["charts/01-api-latency.png", "charts/01-api-latency.png"],
    ["/api/v1/attachments/abc", "/api/v1/attachments/abc"],
    ["#timeline", "#timeline"],
    ["  https://example.com  ", "https://example.com"],
  ])("keeps %s", (url, kept) => {
    expect(safeUrl(url)).toBe(kept);
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\u0001javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.com",
    "",
    "   ",
  ])("refuses %j", (url) => {
    expect(safeUrl(url)).toBeNull();
  });
});

describe("sanitizeDocument", () => {
  it("turns unsafe links into their text, drops unsafe images to their alt, raw HTML into text", () => {
    const tree: Root = {
      type: "root",
      children: [
        {
          type: "paragraph",
          children: [
            { type: "link", url: "javascript:alert(1)", children: [{ type: "text", value: "click" }] },
            { type: "image", url: "data:image/svg+xml,<svg onload=alert(1)>", alt: "chart" },
            { type: "html", value: "<script>alert(1)</script>" },
            { type: "link", url: "https://example.com", children: [{ type: "text", value: "ok" }] },
          ],
        },
        { type: "definition", identifier: "x", label: "x", url: "javascript:alert(2)", title: null },
      ],
    };
    sanitizeDocument(tree);
    expect(tree.children).toEqual([
      {
        type: "paragraph",
        children: [
          { type: "text", value: "click" },
          { type: "text", value: "chart" },
          { type: "text", value: "<script>alert(1)</script>" },
          { type: "link", url: "https://example.com", children: [{ type: "text", value: "ok" }] },
        ],
      },
    ]);
  });

  it("takes line breaks out of headings and table cells, and leaves paragraphs alone", () => {
    const tree: Root = {
      type: "root",
      children: [
        {
          type: "heading",
          depth: 2,
          children: [{ type: "text", value: "a\nb" }, { type: "break" }, { type: "text", value: "c" }],
        },
        {
          type: "table",
          children: [
            {
              type: "tableRow",
              children: [{ type: "tableCell", children: [{ type: "strong", children: [{ type: "text", value: "x\r\ny" }] }] }],
            },
          ],
        },
        { type: "paragraph", children: [{ type: "text", value: "p\nq" }] },
      ],
    };
    sanitizeDocument(tree);
    expect(tree.children[0]).toEqual({
      type: "heading",
      depth: 2,
      children: [
        { type: "text", value: "a b" },
        { type: "text", value: " " },
        { type: "text", value: "c" },
      ],
    });
    expect(JSON.stringify(tree.children[1])).toContain('"value":"x y"');
    expect(tree.children[2]).toEqual({ type: "paragraph", children: [{ type: "text", value: "p\nq" }] });
  });
});
