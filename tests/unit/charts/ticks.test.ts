import { describe, expect, it } from "vitest";
import { binaryTicks, elapsedTicks, tickStepSeconds, timeTicks } from "@/lib/charts/ticks";
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

describe("timeTicks over days and weeks", () => {
  const berlin = (t: number) => formatInZone(new Date(t), "Europe/Berlin", "EEE yyyy-MM-dd HH:mm");

  it("keeps daily ticks at local midnight across the end of summer time", () => {
    // Oct 22–30 2026 in Berlin: CEST until the 25th, CET after; a tick every two days.
    const min = Date.UTC(2026, 9, 21, 22, 0);
    // To Oct 30 00:00 CET: eight days and the hour given back.
    const ticks = timeTicks(min, Date.UTC(2026, 9, 29, 23, 0), "Europe/Berlin");
    expect(ticks.map(berlin)).toEqual([
      "Thu 2026-10-22 00:00",
      "Sat 2026-10-24 00:00",
      "Mon 2026-10-26 00:00",
      "Wed 2026-10-28 00:00",
      "Fri 2026-10-30 00:00",
    ]);
  });

  it("puts 12-hour ticks at midnight and noon of the zone", () => {
    const min = Date.UTC(2026, 4, 12, 17, 0);
    expect(timeTicks(min, min + 2 * 86_400_000, "Europe/Berlin").map(berlin)).toEqual([
      "Wed 2026-05-13 00:00",
      "Wed 2026-05-13 12:00",
      "Thu 2026-05-14 00:00",
      "Thu 2026-05-14 12:00",
    ]);
  });

  it("starts weekly ticks on Mondays", () => {
    const min = Date.UTC(2026, 4, 1);
    const ticks = timeTicks(min, min + 30 * 86_400_000, "Europe/Berlin");
    expect(ticks.map(berlin)).toEqual([
      "Mon 2026-05-04 00:00",
      "Mon 2026-05-11 00:00",
      "Mon 2026-05-18 00:00",
      "Mon 2026-05-25 00:00",
    ]);
  });

  it("stays within the range and in order", () => {
    const min = Date.UTC(2026, 2, 28, 20, 30);
    const max = min + 10 * 3_600_000;
    // Across the start of summer time: 02:00 does not exist on Mar 29, its tick moves to 03:00.
    const ticks = timeTicks(min, max, "Europe/Berlin");
    expect(ticks.every((t, i) => t >= min && t <= max && (i === 0 || t > ticks[i - 1]))).toBe(true);
    expect(ticks.map(berlin)).toEqual([
      "Sat 2026-03-28 22:00",
      "Sun 2026-03-29 00:00",
      "Sun 2026-03-29 03:00",
      "Sun 2026-03-29 04:00",
      "Sun 2026-03-29 06:00",
      "Sun 2026-03-29 08:00",
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

describe("binaryTicks", () => {
  const GiB = 1024 ** 3;
  const MiB = 1024 ** 2;

  it("steps through bytes in powers of two, up to a round top", () => {
    expect(binaryTicks(0, 2.5e9)).toEqual([0, 512 * MiB, GiB, 1.5 * GiB, 2 * GiB, 2.5 * GiB]);
    expect(binaryTicks(0, 3000)).toEqual([0, 512, 1024, 1536, 2048, 2560, 3072]);
  });

  it("starts at the first multiple at or above the bottom", () => {
    expect(binaryTicks(100 * MiB, 400 * MiB)).toEqual([128 * MiB, 192 * MiB, 256 * MiB, 320 * MiB, 384 * MiB, 448 * MiB]);
    expect(binaryTicks(5, 5)).toEqual([]);
  });
});
