import { describe, expect, it } from "vitest";
import { validationError } from "@/lib/errors";
import {
  CreateDeliverableInput,
  DeliverableDraft,
  LINK_MESSAGE,
  MoveDeliverableInput,
  suggestNextNumber,
  UpdateDeliverableInput,
} from "@/lib/deliverables/schema";

const fieldsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? {} : (validationError(result.error!.issues).fields ?? {});

describe("deliverable input", () => {
  it("trims, defaults the optional fields and keeps engineering time as typed", () => {
    expect(
      CreateDeliverableInput.parse({ incidentId: "inc", number: " 0a ", title: " Status page ", engineeringTime: " 3 days " }),
    ).toEqual({
      incidentId: "inc",
      number: "0a",
      title: "Status page",
      link: "",
      notes: "",
      engineeringTime: "3 days",
    });
  });

  it.each([
    ["https://github.com/example/repo/pull/42", true],
    ["http://grafana.internal:3000/d/abc?from=now-1h", true],
    ["  https://example.org/trimmed  ", true],
    ["", true],
    ["javascript:alert(1)", false],
    ["JAVASCRIPT:alert(1)", false],
    ["data:text/html,<script>alert(1)</script>", false],
    ["ftp://example.org/file", false],
    ["example.org/no-scheme", false],
    ["https://", false],
    ["https://exa mple.org", false],
  ])("link %j accepted: %s", (link, ok) => {
    const result = DeliverableDraft.safeParse({ number: "1", title: "T", link });
    expect(result.success).toBe(ok);
    if (!ok) expect(fieldsOf(result)).toEqual({ link: [LINK_MESSAGE] });
  });

  it("names every field that needs attention", () => {
    const result = UpdateDeliverableInput.safeParse({
      id: "d1",
      version: 0,
      number: "",
      title: "   ",
      notes: "n".repeat(5001),
      engineeringTime: "t".repeat(101),
      link: "x".repeat(2001),
    });
    expect(Object.keys(fieldsOf(result)).sort()).toEqual(["engineeringTime", "link", "notes", "number", "title", "version"]);
  });

  it("moves only up or down", () => {
    expect(MoveDeliverableInput.safeParse({ id: "d1", direction: "up" }).success).toBe(true);
    expect(fieldsOf(MoveDeliverableInput.safeParse({ id: "d1", direction: "left" }))).toEqual({ direction: ["Move up or down"] });
  });
});

describe("suggestNextNumber", () => {
  it.each([
    [[], "1"],
    [["1", "2"], "3"],
    [["0a", "0b", "1"], "2"],
    [["3", "1"], "4"],
    [["A", "B"], "3"],
    [[" 7 "], "8"],
  ])("after %j offers %s", (numbers, next) => {
    expect(suggestNextNumber(numbers)).toBe(next);
  });
});
