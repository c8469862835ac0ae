import { describe, expect, it } from "vitest";
import { compareTimelineEvents, formatEventTime, timesInLabel, zoneShortName } from "@/lib/timeline/display";

describe("formatEventTime", () => {
  const at = new Date("2026-05-12T17:05:30Z");
  it.each([
    ["minute", "Europe/Berlin", "2026-05-12 19:05"],
    ["second", "Europe/Berlin", "2026-05-12 19:05:30"],
    ["minute", "UTC", "2026-05-12 17:05"],
  ] as const)("%s in %s", (precision, zone, expected) => {
    expect(formatEventTime(at, precision, zone)).toBe(expected);
  });

  it("shows a day event as its date in the incident's zone, also when viewing UTC", () => {
    const midnight = new Date("2026-05-02T22:00:00Z");
    expect(formatEventTime(midnight, "day", "UTC", "Europe/Berlin")).toBe("2026-05-03");
    expect(formatEventTime(midnight, "day", "Europe/Berlin")).toBe("2026-05-03");
  });
});

describe("zone labels", () => {
  it.each([
    ["Europe/Berlin", "2026-05-12T12:00:00Z", "CEST"],
    ["Europe/Berlin", "2026-01-12T12:00:00Z", "CET"],
    ["Europe/London", "2026-05-12T12:00:00Z", "BST"],
    ["America/New_York", "2026-05-12T12:00:00Z", "EDT"],
    ["Asia/Tokyo", "2026-05-12T12:00:00Z", "GMT+9"],
    ["UTC", "2026-05-12T12:00:00Z", "UTC"],
  ])("%s at %s is %s", (zone, at, expected) => {
    expect(zoneShortName(zone, new Date(at))).toBe(expected);
  });

  it("labels the header", () => {
    expect(timesInLabel("Europe/Berlin", new Date("2026-05-12T12:00:00Z"))).toBe("Times in Europe/Berlin (CEST)");
    expect(timesInLabel("UTC", new Date())).toBe("Times in UTC");
  });
});

describe("compareTimelineEvents", () => {
  it("orders by time, then by creation, then by id", () => {
    const ev = (id: string, occurredAt: string, createdAt: string) => ({ id, occurredAt, createdAt });
    const list = [
      ev("c", "2026-05-12T17:00:00Z", "2026-05-13T10:00:00Z"),
      ev("b", "2026-05-12T17:00:00Z", "2026-05-13T09:00:00Z"),
      ev("a", "2026-05-12T16:00:00Z", "2026-05-13T11:00:00Z"),
      ev("d", "2026-05-12T17:00:00Z", "2026-05-13T09:00:00Z"),
    ];
    expect([...list].sort(compareTimelineEvents).map((e) => e.id)).toEqual(["a", "b", "d", "c"]);
  });
});
