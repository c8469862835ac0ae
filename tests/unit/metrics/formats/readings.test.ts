import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { looksLikeTime, metricValue, TimeReader } from "@/lib/metrics/formats/readings";
import { localToUtc } from "@/lib/time/zones";

describe("metricValue", () => {
  it.each([
    ["12.5", 12.5],
    ["-3", -3],
    ["1e+06", 1e6],
    [".5", 0.5],
    ["", NaN],
    ["NaN", NaN],
    ["nan", NaN],
    ["null", NaN],
    ["+Inf", Infinity],
    ["Inf", Infinity],
    ["infinity", Infinity],
    ["-Inf", -Infinity],
  ])("%j is %d", (text, value) => {
    expect(metricValue(text)).toBe(value);
  });

  it.each(["12ms", "0x10", "1,5", "twelve", "1.2.3", "- 1"])("%j is no value", (text) => {
    expect(metricValue(text)).toBeNull();
  });

  it("reads a decimal comma only where the delimiter is not a comma", () => {
    expect(metricValue("1,25", true)).toBe(1.25);
    expect(metricValue("1,25", false)).toBeNull();
  });
});

describe("TimeReader", () => {
  const iso = (ms: number) => new Date(ms).toISOString();

  it("reads ISO 8601 with an offset exactly, fractions of a second included", () => {
    const reader = new TimeReader("Europe/Berlin");
    expect(iso(reader.read("2026-05-03T14:05:00Z"))).toBe("2026-05-03T14:05:00.000Z");
    expect(iso(reader.read("2026-05-03T16:05:00+02:00"))).toBe("2026-05-03T14:05:00.000Z");
    expect(iso(reader.read("2026-05-03T09:05:00.250-0500"))).toBe("2026-05-03T14:05:00.250Z");
    expect(iso(reader.read("2026-05-03 14:05:00+00"))).toBe("2026-05-03T14:05:00.000Z");
    expect(reader.notes()).toEqual([]);
  });

  it("reads times without an offset in the zone given: Berlin in CEST is UTC+2", () => {
    const reader = new TimeReader("Europe/Berlin");
    expect(iso(reader.read("2026-05-03 14:05:00"))).toBe("2026-05-03T12:05:00.000Z");
    expect(iso(reader.read("2026-01-10T14:05:00"))).toBe("2026-01-10T13:05:00.000Z");
    expect(reader.notes()).toEqual(["Times without a UTC offset were read as wall-clock times in Europe/Berlin."]);
  });

  it.each([
    // Spring forward: 02:00–03:00 does not exist on 2026-03-29; like localToUtc, it moves forward.
    "2026-03-29T02:30",
    "2026-03-29T02:00",
    // Fall back: 02:00–03:00 happens twice on 2026-10-25; like localToUtc, the earlier one is taken.
    "2026-10-25T02:30",
    "2026-10-25T02:59",
    "2026-10-25T03:00",
    "2026-10-25T01:59",
  ])("resolves the DST edge %s as lib/time's localToUtc does", (local) => {
    const reader = new TimeReader("Europe/Berlin");
    expect(reader.read(`${local}:00`)).toBe(localToUtc(local, "Europe/Berlin").getTime());
    expect(reader.read(`${local}:45.5`)).toBe(localToUtc(local, "Europe/Berlin").getTime() + 45_500);
  });

  it.each([
    ["Europe/Berlin", "2026-03-29", "2026-10-25"],
    ["America/New_York", "2026-03-08", "2026-11-01"],
    ["Australia/Lord_Howe", "2026-10-04", "2026-04-05"], // a 30-minute DST shift
  ])("agrees with localToUtc on every minute around the DST changes in %s, in any order", (zone, spring, autumn) => {
    const locals = [spring, autumn].flatMap((day) =>
      Array.from(
        { length: 5 * 60 },
        (_, i) => `${day}T${String(Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}`,
      ),
    );
    const expected = locals.map((local) => localToUtc(local, zone).getTime() + 7_000);
    const forward = new TimeReader(zone);
    expect(locals.map((local) => forward.read(`${local}:07`))).toEqual(expected);
    const backward = new TimeReader(zone);
    expect([...locals].reverse().map((local) => backward.read(`${local}:07`))).toEqual([...expected].reverse());
  });

  it("reads epoch seconds and milliseconds, deciding the unit from the first such time", () => {
    const seconds = new TimeReader("UTC");
    expect(seconds.read("1777816800")).toBe(1777816800000);
    expect(seconds.read("1777816800.123")).toBe(1777816800123);
    expect(seconds.read("1777816800000")).toBeNaN();
    expect(seconds.problem("1777816800000")).toBe(
      '"1777816800000" looks like epoch milliseconds, but the file\'s first times are epoch seconds: one file uses one of them.',
    );
    expect(seconds.notes()).toEqual(["Times were read as epoch seconds."]);
    const ms = new TimeReader("UTC");
    expect(ms.read("1777816800000")).toBe(1777816800000);
    expect(ms.notes()).toEqual(["Times were read as epoch milliseconds."]);
  });

  it("says why a text is not a time", () => {
    const reader = new TimeReader("UTC");
    for (const text of ["yesterday", "123456", "2026-02-30T10:00:00Z", "2026-05-03T24:00:00Z"])
      expect(reader.read(text)).toBeNaN();
    expect(reader.problem("yesterday")).toBe(
      '"yesterday" is not a time: use ISO 8601 (2026-05-03T14:05:00Z) or epoch seconds/milliseconds.',
    );
    expect(reader.problem("123456")).toMatch(
      /a number of 6 digits is neither epoch seconds \(10 digits\) nor epoch milliseconds/,
    );
    expect(reader.problem("2026-02-30T10:00:00Z")).toBe('"2026-02-30T10:00:00Z" is not a valid date or time of day.');
  });

  it("refuses an unknown zone", () => {
    expect(() => new TimeReader("Mars/Olympus")).toThrow(AppError);
  });

  it("tells times from header names", () => {
    expect(["2026-05-03", "2026-05-03 14:05", "1777816800", "1777816800000"].every(looksLikeTime)).toBe(true);
    expect(["time", "Time", "timestamp", "12"].some(looksLikeTime)).toBe(false);
  });
});
