import { describe, expect, it } from "vitest";
import { humanDuration, incidentDurations } from "@/lib/time/durations";

describe("humanDuration", () => {
  it.each([
    ["2026-05-12T17:00:00Z", "2026-05-12T17:12:00Z", "12 minutes"],
    ["2026-05-12T17:00:00Z", "2026-05-12T18:20:00Z", "1 hour 20 minutes"],
    ["2026-05-12T17:00:00Z", "2026-05-14T17:05:00Z", "2 days 5 minutes"],
    ["2026-05-12T17:00:00Z", "2026-05-12T17:00:30Z", "under a minute"],
  ])("%s → %s is %s", (a, b, text) => {
    expect(humanDuration(new Date(a), new Date(b))).toBe(text);
  });
  it("is unknown when an end is missing or out of order", () => {
    expect(humanDuration(new Date(), null)).toBeNull();
    expect(humanDuration(new Date("2026-05-12T18:00:00Z"), new Date("2026-05-12T17:00:00Z"))).toBeNull();
  });
});

describe("incidentDurations", () => {
  it("measures detect, mitigate and resolve from the start of impact", () => {
    const d = incidentDurations({
      startedAt: new Date("2026-05-12T17:00:00Z"),
      detectedAt: new Date("2026-05-12T17:12:00Z"),
      mitigatedAt: new Date("2026-05-12T18:20:00Z"),
      resolvedAt: null,
    });
    expect(d).toEqual({ timeToDetect: "12 minutes", timeToMitigate: "1 hour 20 minutes", timeToResolve: null });
  });
});
