import { describe, expect, it } from "vitest";
import { REASON_MAX, ReviewReasonInput, ReviewTransitionInput } from "@/lib/review/schema";
import { COMMENT_BODY_MAX } from "@/lib/comments/constants";

describe("review inputs", () => {
  it("coerces the incident number and version from form strings", () => {
    expect(ReviewTransitionInput.parse({ incidentNumber: "12", version: "3" })).toEqual({ incidentNumber: 12, version: 3 });
  });
  it.each([
    [{ incidentNumber: 0, version: 1 }, "incidentNumber"],
    [{ incidentNumber: 1, version: 0 }, "version"],
    [{ incidentNumber: 1.5, version: 1 }, "incidentNumber"],
  ])("refuses %j", (input, field) => {
    const r = ReviewTransitionInput.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual([field]);
  });
  it("trims the reason and requires one", () => {
    expect(ReviewReasonInput.parse({ incidentNumber: 1, version: 1, reason: "  why  " }).reason).toBe("why");
    const blank = ReviewReasonInput.safeParse({ incidentNumber: 1, version: 1, reason: " \n " });
    expect(blank.error?.issues.map((i) => i.message)).toEqual(["Give a reason"]);
    expect(ReviewReasonInput.safeParse({ incidentNumber: 1, version: 1, reason: "x".repeat(REASON_MAX + 1) }).success).toBe(
      false,
    );
  });
  it("keeps a reason plus its label within a comment's limit", () => {
    expect(REASON_MAX + "Changes requested: ".length).toBeLessThanOrEqual(COMMENT_BODY_MAX);
  });
});
