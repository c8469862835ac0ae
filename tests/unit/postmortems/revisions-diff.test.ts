import { describe, expect, it } from "vitest";
import { diffLines, diffWords, type DiffPart } from "@/lib/revisions/diff";

const apply = (parts: DiffPart[], side: "old" | "new") =>
  parts
    .filter((p) => p.op === "equal" || p.op === (side === "old" ? "delete" : "insert"))
    .map((p) => p.text)
    .join("");

describe("diffWords", () => {
  it.each([
    ["identical", "a b c", "a b c", [{ op: "equal", text: "a b c" }]],
    ["from empty", "", "new text", [{ op: "insert", text: "new text" }]],
    ["to empty", "old", "", [{ op: "delete", text: "old" }]],
    [
      "one word changed",
      "the cache filled",
      "the disk filled",
      [
        { op: "equal", text: "the " },
        { op: "delete", text: "cache" },
        { op: "insert", text: "disk" },
        { op: "equal", text: " filled" },
      ],
    ],
    [
      "word inserted",
      "we paged",
      "we quickly paged",
      [
        { op: "equal", text: "we " },
        { op: "insert", text: "quickly " },
        { op: "equal", text: "paged" },
      ],
    ],
  ] as const)("%s", (_name, a, b, expected) => {
    expect(diffWords(a, b)).toEqual(expected);
  });

  it("always reconstructs both sides", () => {
    const a = "Redis ran out of memory at 19:00 and the API returned 503s for 12 minutes.";
    const b = "Redis ran out of memory at 19:02; the API returned 503 errors for about 12 minutes.";
    const parts = diffWords(a, b);
    expect(apply(parts, "old")).toBe(a);
    expect(apply(parts, "new")).toBe(b);
  });

  it("degrades to a replacement for huge inputs instead of stalling", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(" ");
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(" ");
    const parts = diffWords(a, b);
    expect(apply(parts, "old")).toBe(a);
    expect(apply(parts, "new")).toBe(b);
  });
});

describe("diffLines", () => {
  it("diffs whole lines", () => {
    expect(diffLines("one\ntwo\nthree", "one\n2\nthree")).toEqual([
      { op: "equal", text: "one\n" },
      { op: "delete", text: "two\n" },
      { op: "insert", text: "2\n" },
      { op: "equal", text: "three" },
    ]);
  });
});
