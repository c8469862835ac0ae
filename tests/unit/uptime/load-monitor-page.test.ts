import { describe, expect, it } from "vitest";
import { daysWindow, monitorPeriod, nextDay } from "@/lib/uptime/load-monitor-page";
import { wholeDays } from "@/lib/uptime/export-uptime";

const at = (iso: string) => Date.parse(iso);
/** QAInsights' data: 2020-08-16 19:52 UTC to 2023-04-03 06:23 UTC. */
const data = { start: at("2020-08-16T19:52:32Z"), end: at("2023-04-03T06:23:23Z") };

describe("monitor page periods", () => {
  it("spans all the data, or the calendar period holding the data end in the zone asked for", () => {
    expect(monitorPeriod({ period: "all" }, data, "UTC")).toEqual({
      kind: "all",
      from: data.start,
      to: data.end,
      label: "All data (2020-08-16 – 2023-04-03)",
    });
    const table: [string, string, string, string, string][] = [
      ["day", "UTC", "2023-04-03T00:00:00Z", "2023-04-04T00:00:00Z", "Monday 2023-04-03"],
      ["week", "UTC", "2023-04-03T00:00:00Z", "2023-04-10T00:00:00Z", "Week of 2023-04-03"],
      ["month", "Europe/Berlin", "2023-03-31T22:00:00Z", "2023-04-30T22:00:00Z", "April 2023"],
      ["quarter", "America/New_York", "2023-04-01T04:00:00Z", "2023-07-01T04:00:00Z", "Q2 2023"],
      ["year", "UTC", "2023-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "2023"],
    ];
    for (const [period, zone, from, to, label] of table) {
      expect(monitorPeriod({ period } as never, data, zone), period).toEqual({ kind: period, from: at(from), to: at(to), label });
    }
  });

  it("reads a period ending at midnight as the day it ended", () => {
    const day = monitorPeriod({ period: "day" }, { start: at("2026-11-18T00:00:00Z"), end: at("2026-11-20T00:00:00Z") }, "UTC");
    expect(day).toMatchObject({ from: at("2026-11-19T00:00:00Z"), to: at("2026-11-20T00:00:00Z") });
  });

  it("takes custom days inclusive in the zone, across a daylight-saving change, and refuses a missing or reversed day", () => {
    expect(monitorPeriod({ period: "custom", from: "2026-10-24", to: "2026-10-25" }, data, "Europe/Berlin")).toEqual({
      kind: "custom",
      from: at("2026-10-23T22:00:00Z"),
      to: at("2026-10-25T23:00:00Z"),
      label: "2026-10-24 – 2026-10-25",
    });
    expect(() => monitorPeriod({ period: "custom", from: "2026-10-24" }, data, "UTC")).toThrow(
      expect.objectContaining({ code: "VALIDATION", fields: { to: ["Give the last day."] } }),
    );
    expect(() => monitorPeriod({ period: "custom", from: "2026-10-24", to: "2026-10-23" }, data, "UTC")).toThrow(
      expect.objectContaining({ code: "VALIDATION" }),
    );
  });

  it("counts days on the calendar", () => {
    expect(nextDay("2024-02-28")).toBe("2024-02-29");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    expect(daysWindow("2026-03-29", "2026-03-29", "Europe/Berlin")).toEqual({
      from: at("2026-03-28T23:00:00Z"),
      to: at("2026-03-29T22:00:00Z"),
    });
  });

  it("widens an incident to whole days in its zone", () => {
    // The demo websocket outage: 02:10–08:20 in Berlin.
    expect(wholeDays({ from: at("2026-10-24T00:10:00Z"), to: at("2026-10-24T06:20:00Z") }, "Europe/Berlin")).toEqual({
      from: at("2026-10-23T22:00:00Z"),
      to: at("2026-10-24T22:00:00Z"),
    });
    // Ending exactly at midnight does not add the next day.
    expect(wholeDays({ from: at("2026-03-01T10:00:00Z"), to: at("2026-03-03T00:00:00Z") }, "UTC")).toEqual({
      from: at("2026-03-01T00:00:00Z"),
      to: at("2026-03-03T00:00:00Z"),
    });
  });
});
