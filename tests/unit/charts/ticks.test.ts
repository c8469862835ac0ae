import { describe, expect, it } from "vitest";
import { elapsedTicks, tickStepSeconds, timeTicks } from "@/lib/charts/ticks";
import { formatInZone } from "@/lib/time/zones";

describe("tickStepSeconds", () => {
  it.each([
    [5, 1],
    [150, 30],
    [301, 60],
    [3600, 600],
    [6 * 3600, 3600],
    [3 * 86_400, 43_200],
  ])("%i s → every %i s", (range, step) => {
    expect(tickStepSeconds(range)).toBe(step);
  });
});

describe("timeTicks", () => {
  it("puts ticks on round UTC times from the first round one after the start", () => {
    const min = Date.UTC(2026, 8, 3, 8, 0, 7);
    const ticks = timeTicks(min, min + 293_000, "UTC");
    expect(ticks.map((t) => formatInZone(new Date(t), "UTC", "HH:mm:ss"))).toEqual([
      "08:01:00",
      "08:02:00",
      "08:03:00",
      "08:04:00",
      "08:05:00",
    ]);
  });

  it("rounds on the wall clock of a zone with a half-hour offset", () => {
    const min = Date.UTC(2026, 8, 3, 8, 0, 0);
    const ticks = timeTicks(min, min + 5 * 3600_000, "Asia/Kolkata");
    // 13:30 IST is the start; hourly ticks land on 14:00, 15:00… IST, not on UTC hours.
    expect(ticks.map((t) => formatInZone(new Date(t), "Asia/Kolkata", "HH:mm"))).toEqual([
      "14:00",
      "15:00",
      "16:00",
      "17:00",
      "18:00",
    ]);
  });
});

describe("elapsedTicks", () => {
  it("counts from zero in round steps", () => {
    expect(elapsedTicks(0, 150)).toEqual([0, 30, 60, 90, 120, 150]);
    expect(elapsedTicks(0, 900)).toEqual([0, 300, 600, 900]);
    expect(elapsedTicks(5, 4)).toEqual([]);
  });
});
