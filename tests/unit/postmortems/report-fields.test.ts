import { describe, expect, it } from "vitest";
import {
  parseReportFields,
  ReportFieldsDraft,
  sameReportFields,
  SaveReportFieldsInput,
  toStoredReportFields,
} from "@/lib/postmortems/report-fields";

describe("report fields", () => {
  it("trims the form and stores only what was filled in", () => {
    const draft = ReportFieldsDraft.parse({ applicationLink: " https://grants.example.org/77 ", milestoneNumber: "  " });
    expect(draft).toEqual({ applicationLink: "https://grants.example.org/77", milestoneNumber: "" });
    expect(toStoredReportFields(draft)).toEqual({ applicationLink: "https://grants.example.org/77" });
    expect(toStoredReportFields(ReportFieldsDraft.parse({}))).toEqual({});
  });

  it("refuses a link that is not http(s) and a long milestone number, naming the fields", () => {
    const result = SaveReportFieldsInput.safeParse({
      incidentId: "inc",
      applicationLink: "javascript:alert(1)",
      milestoneNumber: "9".repeat(51),
      previous: {},
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["applicationLink", "milestoneNumber"]);
  });

  it("needs the values the form loaded", () => {
    expect(SaveReportFieldsInput.safeParse({ incidentId: "inc", milestoneNumber: "2" }).success).toBe(false);
  });

  it.each([
    [{}, {}],
    [null, {}],
    ["text", {}],
    [[1, 2], {}],
    [
      { applicationLink: "https://a.example", milestoneNumber: "2", audience: "board" },
      { applicationLink: "https://a.example", milestoneNumber: "2" },
    ],
    [{ applicationLink: 42, milestoneNumber: "" }, {}],
  ])("reads stored %j as %j", (stored, expected) => {
    expect(parseReportFields(stored)).toEqual(expected);
  });

  it("compares with empty and missing as the same", () => {
    expect(sameReportFields({}, { applicationLink: "" })).toBe(true);
    expect(sameReportFields({ milestoneNumber: "2" }, { milestoneNumber: "2" })).toBe(true);
    expect(sameReportFields({ milestoneNumber: "2" }, { milestoneNumber: "3" })).toBe(false);
  });
});
