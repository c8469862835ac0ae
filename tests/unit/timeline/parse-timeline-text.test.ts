import { describe, expect, it } from "vitest";
import { guessTimelineKind, parseTimelineText, type ParseTimelineOptions } from "@/lib/timeline/parse-timeline-text";

const BERLIN: ParseTimelineOptions = { year: 2026, timeZone: "Europe/Berlin" };

/** Parses one line that must become exactly one event. */
function one(line: string, opts: ParseTimelineOptions = BERLIN) {
  const { events, unparsed } = parseTimelineText(line, opts);
  expect(unparsed).toEqual([]);
  expect(events).toHaveLength(1);
  return events[0];
}

/** Parses one line that must be refused, and returns the reason. */
function refused(line: string, opts: ParseTimelineOptions = BERLIN) {
  const { events, unparsed } = parseTimelineText(line, opts);
  expect(events).toEqual([]);
  expect(unparsed).toHaveLength(1);
  expect(unparsed[0]).toMatchObject({ line: 1, raw: line });
  return unparsed[0].reason;
}

describe("parseTimelineText: formats (default zone Europe/Berlin, year 2026)", () => {
  it.each([
    // the examples
    [
      "May 12, 7:00 pm: 35% of our clients couldn't send messages",
      "2026-05-12T17:00:00.000Z",
      "minute",
      "35% of our clients couldn't send messages",
    ],
    ["- May 3: Our daily sign-ups grew by 30%", "2026-05-02T22:00:00.000Z", "day", "Our daily sign-ups grew by 30%"],
    ["2022-05-13T03:00:00Z Doubled the cache memory", "2022-05-13T03:00:00.000Z", "second", "Doubled the cache memory"],
    // ISO 8601
    ["2022-05-13T03:00Z Doubled the cache memory", "2022-05-13T03:00:00.000Z", "minute", "Doubled the cache memory"],
    ["2022-05-13T05:00:00+02:00 cache doubled", "2022-05-13T03:00:00.000Z", "second", "cache doubled"],
    ["2022-05-13T05:00:00.250+02:00 cache doubled", "2022-05-13T03:00:00.250Z", "second", "cache doubled"],
    ["2022-05-13T05:00:00-0100: cache doubled", "2022-05-13T06:00:00.000Z", "second", "cache doubled"],
    ["2022-05-13T05:00 cache doubled", "2022-05-13T03:00:00.000Z", "minute", "cache doubled"],
    ["2022-05-13T05:00-01:00 cache doubled", "2022-05-13T06:00:00.000Z", "minute", "cache doubled"],
    ["2022-05-13 05:00-06:00 maintenance window", "2022-05-13T03:00:00.000Z", "minute", "06:00 maintenance window"], // a range, not an offset
    // date and time
    ["2022-05-12 19:00 deploy started", "2022-05-12T17:00:00.000Z", "minute", "deploy started"],
    ["2022-05-12 19:00:07 - deploy started", "2022-05-12T17:00:07.000Z", "second", "deploy started"],
    ["2022/05/12 19:00: deploy started", "2022-05-12T17:00:00.000Z", "minute", "deploy started"],
    ["12.05.2022 19:00 deploy started", "2022-05-12T17:00:00.000Z", "minute", "deploy started"],
    ["12 May 2022 19:00 deploy started", "2022-05-12T17:00:00.000Z", "minute", "deploy started"],
    ["12th of May 2022, 19:00 – deploy started", "2022-05-12T17:00:00.000Z", "minute", "deploy started"],
    ["May 12 at 7:00 PM — deploy started", "2026-05-12T17:00:00.000Z", "minute", "deploy started"],
    ["May 12th, 2022 at 7pm: deploy started", "2022-05-12T17:00:00.000Z", "minute", "deploy started"],
    ["Thu, May 12, 2022, 7 p.m. deploy started", "2022-05-12T17:00:00.000Z", "minute", "deploy started"],
    ["Jan 12 19:00 – deploy started", "2026-01-12T18:00:00.000Z", "minute", "deploy started"], // CET, UTC+1
    ["Sept. 3, 2022 @ 08:15 -> deploy started", "2022-09-03T06:15:00.000Z", "minute", "deploy started"],
    ["7pm on May 12: deploy started", "2026-05-12T17:00:00.000Z", "minute", "deploy started"],
    ["2022-05-12\t19:00\tdeploy started", "2022-05-12T17:00:00.000Z", "minute", "deploy started"], // spreadsheet paste
    ["2022-05-12 19:00,deploy started", "2022-05-12T17:00:00.000Z", "minute", "deploy started"], // CSV
    // dates alone: day precision, start of the day in the zone
    ["May 3 - sign-ups grew", "2026-05-02T22:00:00.000Z", "day", "sign-ups grew"],
    ["12 January 2026: sign-ups grew", "2026-01-11T23:00:00.000Z", "day", "sign-ups grew"],
    ["2022-05-12 | sign-ups grew", "2022-05-11T22:00:00.000Z", "day", "sign-ups grew"],
    ["On May 3 sign-ups grew", "2026-05-02T22:00:00.000Z", "day", "sign-ups grew"],
    // Markdown around the line or the timestamp
    ["* 2022-05-12 19:00 deploy started", "2022-05-12T17:00:00.000Z", "minute", "deploy started"],
    ["+ 2022-05-12 19:00 deploy started", "2022-05-12T17:00:00.000Z", "minute", "deploy started"],
    ["1. 2022-05-12 19:00 deploy started", "2022-05-12T17:00:00.000Z", "minute", "deploy started"],
    ["12) 2022-05-12 19:00 deploy started", "2022-05-12T17:00:00.000Z", "minute", "deploy started"],
    ["- [x] 2022-05-12 19:00 deploy started", "2022-05-12T17:00:00.000Z", "minute", "deploy started"],
    ["> 2022-05-12 19:00 deploy started", "2022-05-12T17:00:00.000Z", "minute", "deploy started"],
    ["### 2022-05-12 19:00 deploy started", "2022-05-12T17:00:00.000Z", "minute", "deploy started"],
    ["**2022-05-12 19:05** deploy started", "2022-05-12T17:05:00.000Z", "minute", "deploy started"],
    ["- **2022-05-12 19:05**: deploy started", "2022-05-12T17:05:00.000Z", "minute", "deploy started"],
    ["`2022-05-12 19:05` deploy started", "2022-05-12T17:05:00.000Z", "minute", "deploy started"],
    ["[2022-05-12 19:05:09] deploy started", "2022-05-12T17:05:09.000Z", "second", "deploy started"],
    ["_2022-05-12 19:05_ - deploy started", "2022-05-12T17:05:00.000Z", "minute", "deploy started"],
    ["**2022-05-12 19:05 deploy started**", "2022-05-12T17:05:00.000Z", "minute", "deploy started"],
  ])("%s", (line, iso, precision, text) => {
    const event = one(line);
    expect(event.occurredAt.toISOString()).toBe(iso);
    expect(event.precision).toBe(precision);
    expect(event.text).toBe(text);
    expect(event).toMatchObject({ line: 1, raw: line, assumedDate: false });
  });

  it("keeps the raw line, its 1-based number and the input order (the caller sorts)", () => {
    const input = "\r\n  - 2022-05-13 10:00 later  \r\n2022-05-12 10:00 earlier";
    const { events } = parseTimelineText(input, BERLIN);
    expect(events.map((e) => [e.line, e.raw, e.text])).toEqual([
      [2, "  - 2022-05-13 10:00 later  ", "later"],
      [3, "2022-05-12 10:00 earlier", "earlier"],
    ]);
  });
});

describe("parseTimelineText: time-only lines", () => {
  const input = [
    "2022-05-12 18:00 Alert fired", // 1
    "19:00 - text", // 2
    "7pm: text", // 3
    "**19:05** text", // 4
    "At 22:30 CEST the root cause was identified", // 5
    "~ 22:45 a fix was written", // 6
    "around 23:00:30 UTC the fix was deployed", // 7
    "May 13 09:00 review", // 8
    "9:30 am follow-up", // 9
  ].join("\n");

  it.each([
    [2, "2022-05-12T17:00:00.000Z", "minute", "Europe/Berlin", "text"],
    [3, "2022-05-12T17:00:00.000Z", "minute", "Europe/Berlin", "text"],
    [4, "2022-05-12T17:05:00.000Z", "minute", "Europe/Berlin", "text"],
    [5, "2022-05-12T20:30:00.000Z", "minute", "+02:00", "the root cause was identified"],
    [6, "2022-05-12T20:45:00.000Z", "minute", "Europe/Berlin", "a fix was written"],
    [7, "2022-05-12T23:00:30.000Z", "second", "UTC", "the fix was deployed"],
    [9, "2026-05-13T07:30:00.000Z", "minute", "Europe/Berlin", "follow-up"], // the nearest dated line wins
  ])("line %i takes the date of the previous dated line → %s", (line, iso, precision, zone, text) => {
    const event = parseTimelineText(input, BERLIN).events.find((e) => e.line === line);
    expect(event).toMatchObject({ precision, zone, text, assumedDate: false });
    expect(event?.occurredAt.toISOString()).toBe(iso);
  });

  it("inherits whether the year was assumed from the line the date came from", () => {
    const { events } = parseTimelineText(input, BERLIN);
    expect(events.map((e) => [e.line, e.assumedYear])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, false],
      [6, false],
      [7, false],
      [8, true],
      [9, true],
    ]);
  });

  it("uses the reference date when no earlier line has a date, and says so", () => {
    const { events } = parseTimelineText(
      "At 22:30 CEST the root cause was identified\n23:00 fix deployed\nMay 14: review\n08:00 x",
      {
        ...BERLIN,
        referenceDate: "2026-05-12",
      },
    );
    expect(events.map((e) => [e.occurredAt.toISOString(), e.assumedDate, e.assumedYear])).toEqual([
      ["2026-05-12T20:30:00.000Z", true, false],
      ["2026-05-12T21:00:00.000Z", true, false],
      ["2026-05-13T22:00:00.000Z", false, true],
      ["2026-05-14T06:00:00.000Z", false, true],
    ]);
  });

  it("refuses a time without any date", () => {
    expect(refused("At 22:30 CEST the root cause was identified")).toMatch(/no earlier line has a date and no reference date/);
  });

  it("takes a date heading as the date of the lines below it, not as an event", () => {
    const { events, unparsed } = parseTimelineText("## May 12, 2022\n- 19:00 alert fired\n\n## May 13\n- 08:00 review", BERLIN);
    expect(unparsed).toEqual([]);
    expect(events.map((e) => [e.line, e.occurredAt.toISOString(), e.assumedYear])).toEqual([
      [2, "2022-05-12T17:00:00.000Z", false],
      [5, "2026-05-13T06:00:00.000Z", true],
    ]);
  });

  it("does not guess a roll-over past midnight", () => {
    const { events } = parseTimelineText("2026-05-12 23:50 alert fired\n00:10 paged", BERLIN);
    expect(events.map((e) => e.occurredAt.toISOString())).toEqual(["2026-05-12T21:50:00.000Z", "2026-05-11T22:10:00.000Z"]);
  });

  it("does not take a date from a refused line", () => {
    const { events, unparsed } = parseTimelineText("Feb 30: typo\n10:00 x", { ...BERLIN, referenceDate: "2026-05-12" });
    expect(unparsed.map((u) => u.line)).toEqual([1]);
    expect(events[0]).toMatchObject({ line: 2, assumedDate: true });
    expect(events[0].occurredAt.toISOString()).toBe("2026-05-12T08:00:00.000Z");
  });
});

describe("parseTimelineText: 12-hour clock", () => {
  const opts = { ...BERLIN, referenceDate: "2026-05-12" }; // CEST, UTC+2
  it.each([
    ["12am x", "2026-05-11T22:00:00.000Z"],
    ["12 AM x", "2026-05-11T22:00:00.000Z"],
    ["12:30 am x", "2026-05-11T22:30:00.000Z"],
    ["12:00 a.m. x", "2026-05-11T22:00:00.000Z"],
    ["12pm x", "2026-05-12T10:00:00.000Z"],
    ["12:59 PM x", "2026-05-12T10:59:00.000Z"],
    ["1am x", "2026-05-11T23:00:00.000Z"],
    ["11:59 pm x", "2026-05-12T21:59:00.000Z"],
    ["00:00 x", "2026-05-11T22:00:00.000Z"],
    ["23:59:59 x", "2026-05-12T21:59:59.000Z"],
    ["19:00 PM x", "2026-05-12T17:00:00.000Z"], // a redundant "PM" on a 24-hour time is tolerated
  ])("%s → %s", (line, iso) => {
    expect(one(line, opts).occurredAt.toISOString()).toBe(iso);
  });

  it.each(["13pm x", "0pm x", "19:00 AM x", "13:30 am x"])("refuses %s", (line) => {
    expect(refused(line, opts)).toMatch(/^invalid time: .* is not a 12-hour clock time$/);
  });
});

describe("parseTimelineText: zones", () => {
  it.each([
    ["2026-05-12 19:00 x", "2026-05-12T17:00:00.000Z", "Europe/Berlin"], // default zone, CEST
    ["2026-01-12 19:00 x", "2026-01-12T18:00:00.000Z", "Europe/Berlin"], // default zone, CET
    ["2026-05-12 19:00 CEST x", "2026-05-12T17:00:00.000Z", "+02:00"],
    ["2026-05-12 19:00 CET x", "2026-05-12T18:00:00.000Z", "+01:00"], // written offset wins even out of season
    ["2026-05-12 19:00 UTC x", "2026-05-12T19:00:00.000Z", "UTC"],
    ["2026-05-12 19:00 utc x", "2026-05-12T19:00:00.000Z", "UTC"],
    ["2026-05-12 19:00 (UTC) x", "2026-05-12T19:00:00.000Z", "UTC"],
    ["2026-05-12 19:00 GMT x", "2026-05-12T19:00:00.000Z", "UTC"],
    ["2026-05-12 19:00Z x", "2026-05-12T19:00:00.000Z", "UTC"],
    ["2026-05-12 19:00 +05:30 x", "2026-05-12T13:30:00.000Z", "+05:30"],
    ["2026-05-12 19:00 -0400 x", "2026-05-12T23:00:00.000Z", "-04:00"],
    ["2026-05-12 19:00 UTC+2 x", "2026-05-12T17:00:00.000Z", "+02:00"],
    ["2026-05-12 19:00 UTC+2: x", "2026-05-12T17:00:00.000Z", "+02:00"],
    ["2026-05-12 19:00 GMT+5:30 - x", "2026-05-12T13:30:00.000Z", "+05:30"],
    ["2026-05-12 19:00 −05:00 x", "2026-05-13T00:00:00.000Z", "-05:00"], // U+2212 minus sign
    ["2026-05-12 19:00 (GMT-5) x", "2026-05-13T00:00:00.000Z", "-05:00"],
    ["2026-05-12 3:00 pm EDT x", "2026-05-12T19:00:00.000Z", "-04:00"],
    ["2026-01-12 3:00 pm EST x", "2026-01-12T20:00:00.000Z", "-05:00"],
    ["2026-05-12 10:00 PDT x", "2026-05-12T17:00:00.000Z", "-07:00"],
    ["2026-01-12 10:00 PST x", "2026-01-12T18:00:00.000Z", "-08:00"],
    ["2026-05-12 19:00 BST x", "2026-05-12T18:00:00.000Z", "+01:00"],
    ["2026-05-12 19:00 IST x", "2026-05-12T13:30:00.000Z", "+05:30"],
    ["2026-05-12 10:00 ET x", "2026-05-12T14:00:00.000Z", "America/New_York"], // generic: daylight saving applied
    ["2026-01-12 10:00 ET x", "2026-01-12T15:00:00.000Z", "America/New_York"],
    ["2026-05-12 19:00 Europe/London x", "2026-05-12T18:00:00.000Z", "Europe/London"],
  ])("%s → %s (%s)", (line, iso, zone) => {
    const event = one(line);
    expect(event.occurredAt.toISOString()).toBe(iso);
    expect(event.zone).toBe(zone);
    expect(event.text).toBe("x");
  });

  it("reads unmarked times in the default zone", () => {
    const opts = { year: 2026, timeZone: "America/New_York" };
    expect(one("2026-05-12 19:00 x", opts).occurredAt.toISOString()).toBe("2026-05-12T23:00:00.000Z");
    expect(one("2026-05-12 19:00 x", { year: 2026, timeZone: "UTC" }).occurredAt.toISOString()).toBe("2026-05-12T19:00:00.000Z");
  });

  it("reads IST and CST by where the incident is", () => {
    expect(one("2026-05-12 19:00 IST x", { year: 2026, timeZone: "Europe/Dublin" }).zone).toBe("+01:00");
    expect(one("2026-05-12 19:00 IST x", { year: 2026, timeZone: "Asia/Jerusalem" }).zone).toBe("+02:00");
    expect(one("2026-05-12 19:00 CST x", BERLIN).zone).toBe("-06:00");
    expect(one("2026-05-12 19:00 CST x", { year: 2026, timeZone: "Asia/Shanghai" }).occurredAt.toISOString()).toBe(
      "2026-05-12T11:00:00.000Z",
    );
  });

  it("takes only upper-case abbreviations, so words are not zones", () => {
    const event = one("2026-05-12 19:00 met with the DB team");
    expect(event).toMatchObject({ zone: "Europe/Berlin", text: "met with the DB team" });
  });

  it("refuses an impossible offset", () => {
    expect(refused("2026-05-12 19:00 UTC+15 x")).toMatch(/^invalid UTC offset/);
  });
});

describe("parseTimelineText: daylight saving", () => {
  it.each([
    // Berlin springs forward on 2026-03-29 at 02:00 → 03:00; 02:30 does not exist and moves forward to 03:30 CEST.
    ["2026-03-29 01:59 x", BERLIN, "2026-03-29T00:59:00.000Z"],
    ["2026-03-29 02:30 x", BERLIN, "2026-03-29T01:30:00.000Z"],
    ["2026-03-29 03:00 x", BERLIN, "2026-03-29T01:00:00.000Z"],
    ["2026-03-29 03:30 x", BERLIN, "2026-03-29T01:30:00.000Z"],
    // Berlin falls back on 2026-10-25 at 03:00 → 02:00; 02:30 happens twice and the earlier (CEST) one is taken.
    ["2026-10-25 01:59 x", BERLIN, "2026-10-24T23:59:00.000Z"],
    ["2026-10-25 02:30 x", BERLIN, "2026-10-25T00:30:00.000Z"],
    ["2026-10-25 03:00 x", BERLIN, "2026-10-25T02:00:00.000Z"],
    // An explicit offset picks the instant exactly, including the later 02:30.
    ["Oct 25, 2:30 am CEST x", BERLIN, "2026-10-25T00:30:00.000Z"],
    ["Oct 25, 2:30 am CET x", BERLIN, "2026-10-25T01:30:00.000Z"],
    ["2026-10-25T02:30:00+01:00 x", BERLIN, "2026-10-25T01:30:00.000Z"],
    ["Mar 29, 2:30 am CET x", BERLIN, "2026-03-29T01:30:00.000Z"],
    // New York: spring forward 2026-03-08, fall back 2026-11-01.
    ["2026-03-08 02:30 x", { year: 2026, timeZone: "America/New_York" }, "2026-03-08T07:30:00.000Z"],
    ["2026-11-01 01:30 x", { year: 2026, timeZone: "America/New_York" }, "2026-11-01T05:30:00.000Z"],
    ["2026-11-01 01:30 EST x", { year: 2026, timeZone: "America/New_York" }, "2026-11-01T06:30:00.000Z"],
    // A day on a daylight-saving date starts at that day's local midnight.
    ["2026-03-29: x", BERLIN, "2026-03-28T23:00:00.000Z"],
    ["2026-10-25: x", BERLIN, "2026-10-24T22:00:00.000Z"],
  ])("%s → %s", (line, opts, iso) => {
    expect(one(line, opts).occurredAt.toISOString()).toBe(iso);
  });
});

describe("parseTimelineText: dates alone", () => {
  it.each([
    ["May 3: sign-ups grew", BERLIN, "2026-05-02T22:00:00.000Z"],
    ["May 3: sign-ups grew", { year: 2026, timeZone: "UTC" }, "2026-05-03T00:00:00.000Z"],
    ["May 3: sign-ups grew", { year: 2026, timeZone: "America/New_York" }, "2026-05-03T04:00:00.000Z"],
    ["Dec 3: sign-ups grew", { year: 2026, timeZone: "America/New_York" }, "2026-12-03T05:00:00.000Z"],
    ["May 3: sign-ups grew", { year: 2026, timeZone: "Asia/Kolkata" }, "2026-05-02T18:30:00.000Z"],
  ])("%s in %o is the start of the day", (line, opts, iso) => {
    const event = one(line, opts);
    expect(event).toMatchObject({ precision: "day", zone: opts.timeZone, text: "sign-ups grew" });
    expect(event.occurredAt.toISOString()).toBe(iso);
  });
});

describe("parseTimelineText: year", () => {
  it.each([
    ["May 12 19:00 x", 2026, "2026-05-12T17:00:00.000Z", true],
    ["May 12 19:00 x", 2025, "2025-05-12T17:00:00.000Z", true],
    ["May 12, 2022 19:00 x", 2026, "2022-05-12T17:00:00.000Z", false],
    ["12 May 2022: x", 2026, "2022-05-11T22:00:00.000Z", false],
    ["2022-05-12 19:00 x", 2026, "2022-05-12T17:00:00.000Z", false],
    ["2024-02-29 x", 2026, "2024-02-28T23:00:00.000Z", false], // leap day
  ])("%s with year %i → %s (assumed %s)", (line, year, iso, assumedYear) => {
    const event = one(line, { year, timeZone: "Europe/Berlin" });
    expect(event.occurredAt.toISOString()).toBe(iso);
    expect(event.assumedYear).toBe(assumedYear);
  });

  it("reads a count after the day as text, not as a year", () => {
    const event = one("May 12 2000 requests failed");
    expect(event).toMatchObject({ precision: "day", assumedYear: true, text: "2000 requests failed" });
  });
});

describe("parseTimelineText: lines that are not events", () => {
  it.each([
    ["Root cause found at 22:00", /^no date or time found/],
    ["35% of our clients couldn't send messages", /^no date or time found/],
    ["May be related to the deploy", /^no date or time found/],
    ["3/4 of traffic was dropped", /^no date or time found/],
    ["19:00h deploy", /^no date or time found/],
    ["Feb 30: payments failed", /^invalid date: February 30, 2026 does not exist$/],
    ["2023-02-29 payments failed", /^invalid date: February 29, 2023 does not exist$/],
    ["May 32 payments failed", /^invalid date: May 32, 2026 does not exist$/],
    ["2022-13-01 payments failed", /^invalid date: "2022-13-01" has no month 13$/],
    ["25:00 payments failed", /^invalid time: "25:00"/],
    ["2022-05-12 19:60 payments failed", /^invalid time: "19:60"/],
    ["2022-05-12 24:00 payments failed", /^invalid time: "24:00"/],
    ["05/12 19:00 deploy", /^ambiguous date "05\/12"/],
    ["12/05/2022 deploy", /^ambiguous date "12\/05\/2022"/],
    ["2022-05-12 19:00", /^no event text after the time$/],
    ["- **19:05**", /^no event text after the time$/],
  ])("%s → %s", (line, reason) => {
    expect(refused(line, { ...BERLIN, referenceDate: "2026-05-12" })).toMatch(reason);
  });

  it("ignores blank and separator lines without reporting them", () => {
    expect(parseTimelineText("\n   \n---\n***\n===\n- - -\n|---|:--:|\n\t\n", BERLIN)).toEqual({ events: [], unparsed: [] });
  });

  it("lists every other line, so nothing typed is silently lost", () => {
    const input = "# Timeline\n\nWe were slow to react.\n- May 3: sign-ups grew\n- Feb 30: typo\n---\nNotes: see the doc";
    const { events, unparsed } = parseTimelineText(input, BERLIN);
    expect(events.map((e) => e.line)).toEqual([4]);
    expect(unparsed.map((u) => [u.line, u.raw])).toEqual([
      [1, "# Timeline"],
      [3, "We were slow to react."],
      [5, "- Feb 30: typo"],
      [7, "Notes: see the doc"],
    ]);
  });
});

describe("parseTimelineText: Markdown tables", () => {
  it("skips the header and separator rows and takes the first cell as the time", () => {
    const input = [
      "| Time | Event | Who |",
      "|------|-------|-----|",
      "| 2022-05-12 19:00 | Alert fired | Alice |",
      "| 19:30 CEST | Paged on-call | |",
      "| **20:00** | Rolled back \\| reverted | Bob |",
      "| later | Unknown |",
    ].join("\n");
    const { events, unparsed } = parseTimelineText(input, BERLIN);
    expect(events.map((e) => [e.line, e.occurredAt.toISOString(), e.text, e.kind])).toEqual([
      [3, "2022-05-12T17:00:00.000Z", "Alert fired — Alice", "detection"],
      [4, "2022-05-12T17:30:00.000Z", "Paged on-call", "escalation"],
      [5, "2022-05-12T18:00:00.000Z", "Rolled back | reverted — Bob", "mitigation"],
    ]);
    expect(unparsed).toEqual([{ line: 6, raw: "| later | Unknown |", reason: "no date or time found in the first column" }]);
  });

  it("reads a date column followed by a time column", () => {
    const input = [
      "| Date | Time | What happened |",
      "| :--- | ---: | --- |",
      "| 2022-05-12 | 19:00 | Alert fired |",
      "| May 13 | | Post-incident review |",
      "| 2022-05-13 | 7:15 pm UTC | Fixed |",
      "| 2022-05-14 | 25:00 | Typo |",
    ].join("\n");
    const { events, unparsed } = parseTimelineText(input, BERLIN);
    expect(events.map((e) => [e.occurredAt.toISOString(), e.precision, e.text])).toEqual([
      ["2022-05-12T17:00:00.000Z", "minute", "Alert fired"],
      ["2026-05-12T22:00:00.000Z", "day", "Post-incident review"],
      ["2022-05-13T19:15:00.000Z", "minute", "Fixed"],
    ]);
    expect(unparsed.map((u) => [u.line, u.reason])).toEqual([[6, 'invalid time: "25:00" is not a time of day (00:00–23:59)']]);
  });

  it("applies a zone named in the time column's header", () => {
    const input = ["| Time (UTC) | Event |", "|---|---|", "| 2022-05-12 19:00 | Alert fired |", "| 19:30 CEST | Paged |"].join(
      "\n",
    );
    const { events } = parseTimelineText(input, BERLIN);
    expect(events.map((e) => [e.occurredAt.toISOString(), e.zone])).toEqual([
      ["2022-05-12T19:00:00.000Z", "UTC"],
      ["2022-05-12T17:30:00.000Z", "+02:00"],
    ]);
    // The header's zone ends with its table.
    const after = parseTimelineText(`${input}\n\n2022-05-12 21:00 x`, BERLIN).events.at(-1);
    expect(after?.occurredAt.toISOString()).toBe("2022-05-12T19:00:00.000Z");
  });
});

describe("guessTimelineKind", () => {
  it.each([
    ["Monitoring detected elevated 5xx rates", "detection"],
    ["Alert fired for checkout latency", "detection"],
    ["PagerDuty page sent", "detection"],
    ["Support noticed failing logins", "detection"],
    ["Incident declared SEV1", "escalation"],
    ["Paged the database on-call", "escalation"],
    ["Escalated to the platform team", "escalation"],
    ["Mitigated by disabling the feature flag", "mitigation"],
    ["Rolled back release 4.2", "mitigation"],
    ["Rollback started", "mitigation"],
    ["Failover to eu-west-2", "mitigation"],
    ["Shifted traffic to the secondary region", "mitigation"],
    ["Error rates back to normal", "resolution"],
    ["Incident resolved", "resolution"],
    ["Alert resolved", "resolution"],
    ["Payments recovered", "resolution"],
    ["Tweeted about the outage", "communication"],
    ["Status page updated", "communication"],
    ["Customers informed by e-mail", "communication"],
    ["Announced the fix on the status page", "communication"],
    ["Doubled the cache memory", "action"],
    ["We restarted the workers", "action"],
    ["Ran the migration again", "action"],
    ["Our daily sign-ups grew by 30%", "note"],
    ["35% of our clients couldn't send messages", "note"],
    ["the root cause was identified", "note"],
    ["Speed dropped", "note"],
  ])("%s → %s", (text, kind) => {
    expect(guessTimelineKind(text)).toBe(kind);
  });

  it("sets the kind of parsed events", () => {
    expect(one("2026-05-12 19:00 Rolled back the deploy").kind).toBe("mitigation");
  });
});

describe("parseTimelineText: options", () => {
  it.each([
    [{ year: 2026, timeZone: "Mars/Olympus" }, /Unknown time zone/],
    [{ year: 2026.5, timeZone: "UTC" }, /Not a year/],
    [{ year: 2026, timeZone: "UTC", referenceDate: "2026-02-30" }, /Not a YYYY-MM-DD date/],
    [{ year: 2026, timeZone: "UTC", referenceDate: "May 12" }, /Not a YYYY-MM-DD date/],
  ])("refuses %o", (opts, message) => {
    expect(() => parseTimelineText("x", opts)).toThrow(message);
  });
});
