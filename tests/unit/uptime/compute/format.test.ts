import { describe, expect, it } from "vitest";
import {
  formatDurationMs,
  formatMinutes,
  formatPoints,
  formatTargetPct,
  formatUptimePct,
  joinWords,
  plural,
} from "@/lib/uptime/compute/format";

const MIN = 60_000;

describe("uptime wording", () => {
  it.each([
    [20_000, "20 s"],
    [45 * MIN, "45 min"],
    [370 * MIN, "6 h 10 min"],
    [24 * 60 * MIN, "1 day"],
    [(3 * 24 + 4) * 60 * MIN + 10 * MIN, "3 days 4 h"],
    [(2 * 24 + 23) * 60 * MIN + 50 * MIN, "3 days"],
  ])("%i ms reads %s", (ms, text) => {
    expect(formatDurationMs(ms)).toBe(text);
  });

  it("cuts uptime to two decimals, never rounding up to 100% or to a target", () => {
    expect(formatUptimePct(99.999)).toBe("99.99%");
    expect(formatUptimePct(99.8999)).toBe("99.89%");
    expect(formatUptimePct(100 - 0.1)).toBe("99.90%");
    expect(formatUptimePct(100)).toBe("100.00%");
    expect(formatUptimePct(null)).toBe("—");
  });

  it("formats minutes, points, targets and lists", () => {
    expect([formatMinutes(1440), formatMinutes(2.5), formatMinutes(-36)]).toEqual(["1,440 min", "2.5 min", "-36 min"]);
    expect([formatPoints(1), formatPoints(-2.857), formatPoints(0)]).toEqual(["+1.00 points", "−2.86 points", "0.00 points"]);
    expect([formatTargetPct(99.9), formatTargetPct(99), formatTargetPct(99.95)]).toEqual(["99.9%", "99%", "99.95%"]);
    expect([joinWords(["a"]), joinWords(["a", "b", "c"])]).toEqual(["a", "a, b and c"]);
    expect([plural(1, "window"), plural(69, "window")]).toEqual(["1 window", "69 windows"]);
  });
});
