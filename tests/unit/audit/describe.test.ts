import { describe, expect, it } from "vitest";
import { summarizeAuditData } from "@/lib/audit/describe";

describe("summarizeAuditData", () => {
  it.each([
    [{}, ""],
    [null, ""],
    [{ from: "in_review", to: "approved", version: 4 }, "in_review → approved; version: 4"],
    [{ email: "a@example.test", from: "editor", to: "reviewer" }, "editor → reviewer; email: a@example.test"],
    [{ from: null, to: "2026-05-12" }, "none → 2026-05-12"],
    [{ key: "impact", restored: true }, "key: impact; restored: true"],
    [{ files: ["a.jtl", "b.jtl"], kind: "load_test" }, "files: a.jtl, b.jtl; kind: load_test"],
    [{ series: [{ name: "cpu" }, { name: "mem" }], chart: "CPU" }, "series: 2 items; chart: CPU"],
    // Nested objects are left to the details view; a from without a plain to is just another key.
    [{ archive: { tables: 3 }, from: { a: 1 }, to: "x" }, "to: x"],
  ])("%j → %s", (data, expected) => {
    expect(summarizeAuditData(data)).toBe(expected);
  });

  it("cuts long values and long lines", () => {
    expect(summarizeAuditData({ title: "x".repeat(100) })).toBe(`title: ${"x".repeat(59)}…`);
    const line = summarizeAuditData(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`field${i}`, "value value"])));
    expect(line).toHaveLength(160);
    expect(line.endsWith("…")).toBe(true);
  });
});
