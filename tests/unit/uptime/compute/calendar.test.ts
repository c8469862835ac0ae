import { describe, expect, it } from "vitest";
import { dailyStatus, minutesDownPerDay, monthlyUptime, periodWindow } from "@/lib/uptime/compute/calendar";
import { DAY, HOUR, MIN, sample, series } from "@/tests/unit/uptime/compute/support";

const iso = (ms: number) => new Date(ms).toISOString();
const BERLIN = "Europe/Berlin";

describe("periodWindow", () => {
  const anchor = Date.parse("2026-03-29T12:00:00Z");

  it.each([
    ["day", "2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z", 23 * HOUR],
    ["week", "2026-03-22T23:00:00.000Z", "2026-03-29T22:00:00.000Z", 7 * DAY - HOUR],
    ["month", "2026-02-28T23:00:00.000Z", "2026-03-31T22:00:00.000Z", 31 * DAY - HOUR],
    ["quarter", "2025-12-31T23:00:00.000Z", "2026-03-31T22:00:00.000Z", 90 * DAY - HOUR],
    ["year", "2025-12-31T23:00:00.000Z", "2026-12-31T23:00:00.000Z", 365 * DAY],
  ] as const)("the %s containing Berlin's spring-forward Sunday", (period, from, to, length) => {
    const w = periodWindow(period, anchor, BERLIN);
    expect([iso(w.from), iso(w.to), w.to - w.from]).toEqual([from, to, length]);
  });

  it("a day when clocks go back is 25 hours; UTC days are 24", () => {
    const back = periodWindow("day", Date.parse("2026-10-25T12:00:00Z"), BERLIN);
    expect(back.to - back.from).toBe(25 * HOUR);
    expect(iso(back.from)).toBe("2026-10-24T22:00:00.000Z");
    const utc = periodWindow("day", Date.parse("2026-10-25T12:00:00Z"), "UTC");
    expect([iso(utc.from), utc.to - utc.from]).toEqual(["2026-10-25T00:00:00.000Z", DAY]);
  });

  it("ISO weeks start on Monday", () => {
    const w = periodWindow("week", Date.parse("2026-06-03T10:00:00Z"), "UTC");
    expect(iso(w.from)).toBe("2026-06-01T00:00:00.000Z");
  });
});

describe("dailyStatus", () => {
  it("gives calendar days in the zone, 23 and 25 hours long across daylight saving", () => {
    const s = series([sample(Date.parse("2026-03-20T00:00:00Z"), "up")], { dataEnd: Date.parse("2026-11-01T00:00:00Z") });
    const spring = dailyStatus(s, { end: Date.parse("2026-03-30T08:00:00Z"), days: 3, timeZone: BERLIN, gapRule: "unknown" });
    expect(spring.map((d) => [d.date, (d.end - d.start) / HOUR, d.state, d.uptimePct])).toEqual([
      ["2026-03-28", 24, "up", 100],
      ["2026-03-29", 23, "up", 100],
      ["2026-03-30", 24, "up", 100],
    ]);
    const autumn = dailyStatus(s, { end: Date.parse("2026-10-25T20:00:00Z"), days: 1, timeZone: BERLIN, gapRule: "unknown" });
    expect(autumn.map((d) => [d.date, (d.end - d.start) / HOUR])).toEqual([["2026-10-25", 25]]);
  });

  it("names the worst state of each day and keeps unknown time apart", () => {
    const day = (d: number, h = 0) => Date.parse("2026-05-01T00:00:00Z") + d * DAY + h * HOUR;
    const s = series(
      [
        sample(day(0), "up"),
        sample(day(1, 6), "degraded"),
        sample(day(1, 7), "up"),
        sample(day(2, 12), "down"),
        sample(day(2, 13), "up"),
      ],
      { dataEnd: day(3, 12), maintenance: [{ startsAt: day(1, 20), endsAt: day(1, 21) }] },
    );
    const days = dailyStatus(s, { end: day(4, 1), days: 5, timeZone: "UTC", gapRule: "unknown" });
    expect(days.map((d) => [d.date, d.state, d.downMs, d.unknownMs])).toEqual([
      ["2026-05-01", "up", 0, 0],
      ["2026-05-02", "degraded", 0, 0],
      ["2026-05-03", "down", HOUR, 0],
      ["2026-05-04", "up", 0, 12 * HOUR],
      ["2026-05-05", "unknown", 0, DAY],
    ]);
    expect(days[2].uptimePct).toBeCloseTo((23 / 24) * 100, 10);
    expect(days[4].uptimePct).toBeNull();
  });
});

describe("monthlyUptime", () => {
  it("lists every month from the data start to its end, newest first, cut to the data", () => {
    const s = series(
      [
        sample(Date.parse("2026-01-15T00:00:00Z"), "up"),
        sample(Date.parse("2026-01-31T23:00:00Z"), "down"),
        sample(Date.parse("2026-02-01T01:00:00Z"), "up"),
        sample(Date.parse("2026-03-10T00:00:00Z"), "down"),
        sample(Date.parse("2026-03-10T00:10:00Z"), "up"),
      ],
      { dataEnd: Date.parse("2026-03-20T00:00:00Z") },
    );
    const months = monthlyUptime(s, { timeZone: "UTC", gapRule: "down", minDurationMs: 0 });
    expect(months.map((m) => [m.month, m.downtimeWindows, m.figures.downMs / MIN, m.figures.unknownMs])).toEqual([
      ["2026-03", 1, 10, 0],
      ["2026-02", 1, 60, 0],
      ["2026-01", 1, 60, 0],
    ]);
    expect(iso(months[2].figures.window.from)).toBe("2026-01-15T00:00:00.000Z");
    expect(iso(months[0].figures.window.to)).toBe("2026-03-20T00:00:00.000Z");
    // In Berlin (UTC+1) the two hours down from 23:00 UTC on 31 January fall wholly on 1 February.
    const berlin = monthlyUptime(s, { timeZone: BERLIN, gapRule: "unknown", minDurationMs: 0 });
    expect(berlin.map((m) => [m.month, m.downtimeWindows, m.figures.downMs / MIN])).toEqual([
      ["2026-03", 1, 10],
      ["2026-02", 1, 120],
      ["2026-01", 0, 0],
    ]);
  });

  it("is empty without samples", () => {
    expect(monthlyUptime(series([]), { timeZone: "UTC", gapRule: "unknown", minDurationMs: 0 })).toEqual([]);
  });
});

describe("minutesDownPerDay", () => {
  it("counts whole minutes per calendar day in the zone, zero days included", () => {
    const s = series(
      [
        sample(Date.parse("2026-04-01T00:00:00Z"), "up"),
        sample(Date.parse("2026-04-01T23:30:00Z"), "down"),
        sample(Date.parse("2026-04-02T00:15:00Z"), "up"),
      ],
      { dataEnd: Date.parse("2026-04-03T12:00:00Z") },
    );
    expect(minutesDownPerDay(s, "UTC")).toEqual({ "2026-04-01": 30, "2026-04-02": 15, "2026-04-03": 0 });
    // In Berlin (UTC+2) all 45 minutes fall on 2 April.
    expect(minutesDownPerDay(s, BERLIN)).toEqual({ "2026-04-01": 0, "2026-04-02": 45, "2026-04-03": 0 });
  });
});
