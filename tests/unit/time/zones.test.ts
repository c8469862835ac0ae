import { describe, expect, it } from "vitest";
import { formatInZone, isValidTimeZone, localToUtc, utcToLocalInput, zoneAbbreviation } from "@/lib/time/zones";

describe("localToUtc", () => {
  it.each([
    ["2026-05-12T19:00", "Europe/Berlin", "2026-05-12T17:00:00.000Z"], // CEST, UTC+2
    ["2026-01-12T19:00", "Europe/Berlin", "2026-01-12T18:00:00.000Z"], // CET, UTC+1
    ["2026-05-12T19:00", "UTC", "2026-05-12T19:00:00.000Z"],
    ["2026-05-12T19:00:30", "America/New_York", "2026-05-12T23:00:30.000Z"],
    ["2026-05-03", "Europe/Berlin", "2026-05-02T22:00:00.000Z"], // a day starts at local midnight
    // Spring forward in Berlin: 02:30 does not exist on 2026-03-29; it resolves forward to 03:30 CEST.
    ["2026-03-29T02:30", "Europe/Berlin", "2026-03-29T01:30:00.000Z"],
    // Fall back: 02:30 happens twice on 2026-10-25; the earlier (CEST) one is taken.
    ["2026-10-25T02:30", "Europe/Berlin", "2026-10-25T00:30:00.000Z"],
  ])("%s in %s is %s", (local, zone, iso) => {
    expect(localToUtc(local, zone).toISOString()).toBe(iso);
  });

  it("rejects text that is not a local date-time", () => {
    expect(() => localToUtc("yesterday", "UTC")).toThrow(RangeError);
  });
});

describe("display", () => {
  const instant = new Date("2026-05-12T17:00:00Z");
  it("formats in the zone given, never the machine's", () => {
    expect(formatInZone(instant, "Europe/Berlin")).toBe("2026-05-12 19:00");
    expect(formatInZone(instant, "UTC")).toBe("2026-05-12 17:00");
    expect(utcToLocalInput(instant, "America/Los_Angeles")).toBe("2026-05-12T10:00");
  });
  it("names the zone at that instant", () => {
    expect(zoneAbbreviation(instant, "UTC")).toBe("UTC");
    expect(zoneAbbreviation(instant, "Europe/Berlin")).toBe("CEST");
    expect(zoneAbbreviation(instant, "America/New_York")).toBe("EDT");
    expect(zoneAbbreviation(instant, "Asia/Tokyo")).toBe("GMT+9");
  });
  it("knows valid zones", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});
