import { describe, expect, it } from "vitest";
import { completionFor, isOverdue, overdueWhere, utcToday } from "@/lib/actions/overdue";

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);

describe("isOverdue", () => {
  it.each([
    [null, "open", false],
    ["2026-05-01", "open", true],
    ["2026-05-01", "in_progress", true],
    ["2026-05-01", "done", false],
    ["2026-05-01", "wont_do", false],
    ["2026-05-09", "open", true],
    ["2026-05-10", "open", false],
    ["2026-05-11", "open", false],
  ])("due %s, %s → %s (today 2026-05-10)", (due, status, expected) => {
    expect(isOverdue({ dueDate: due ? d(due) : null, status }, "2026-05-10")).toBe(expected);
  });

  it("takes today as the UTC calendar date", () => {
    expect(utcToday(new Date("2026-05-10T23:59:59.999Z"))).toBe("2026-05-10");
    expect(utcToday(new Date("2026-05-11T00:00:00.000Z"))).toBe("2026-05-11");
  });

  it("builds the same rule as a query", () => {
    expect(overdueWhere("2026-05-10")).toEqual({ dueDate: { lt: d("2026-05-10") }, status: { in: ["open", "in_progress"] } });
  });
});

describe("completionFor", () => {
  const now = new Date("2026-05-10T12:00:00Z");
  const earlier = new Date("2026-05-01T08:00:00Z");
  it.each([
    [null, "open", null],
    [null, "done", now],
    [{ status: "open", completedAt: null }, "done", now],
    [{ status: "done", completedAt: earlier }, "done", earlier],
    [{ status: "done", completedAt: earlier }, "open", null],
    [{ status: "done", completedAt: earlier }, "in_progress", null],
    [{ status: "done", completedAt: earlier }, "wont_do", null],
  ])("%j → %s gives %s", (previous, next, expected) => {
    expect(completionFor(previous, next, now)).toEqual(expected);
  });
});
