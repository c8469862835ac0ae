import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeUptime, computeUptimeByWindows, countedDownMs, countedMs, uptimeOfSeries } from "@/lib/uptime/compute/uptime";
import { statusIntervals } from "@/lib/uptime/compute/intervals";
import { GAP_RULES } from "@/lib/uptime/types";
import { MIN, arbitrarySeries, arbitraryWindow, sample, series } from "@/tests/unit/uptime/compute/support";

const T0 = Date.UTC(2026, 0, 1);
const at = (minutes: number) => T0 + minutes * MIN;

/** Up 11 min (checks 0–9 each minute, the last holding two intervals), 9 min without data, down 10 min. */
const periodicWithGap = series(
  [
    ...Array.from({ length: 10 }, (_, m) => sample(at(m), "up")),
    ...Array.from({ length: 10 }, (_, m) => sample(at(20 + m), "down")),
  ],
  { checkIntervalSec: 60 },
);
const thirtyMinutes = { from: at(0), to: at(30) };

describe("computeUptime and the gap rule", () => {
  it('"unknown" leaves time without data out', () => {
    const f = uptimeOfSeries(periodicWithGap, thirtyMinutes, "unknown");
    expect(f).toMatchObject({ upMs: 11 * MIN, downMs: 10 * MIN, unknownMs: 9 * MIN, maintenanceMs: 0, degradedMs: 0 });
    expect(f.uptimePct).toBeCloseTo((11 / 21) * 100, 10);
    expect(f.coveragePct).toBeCloseTo(70, 10);
  });

  it('"up" counts it as up and "down" as down, reporting it as unknown all the same', () => {
    const up = uptimeOfSeries(periodicWithGap, thirtyMinutes, "up");
    const down = uptimeOfSeries(periodicWithGap, thirtyMinutes, "down");
    expect(up.uptimePct).toBeCloseTo((20 / 30) * 100, 10);
    expect(down.uptimePct).toBeCloseTo((11 / 30) * 100, 10);
    expect(up.unknownMs).toBe(9 * MIN);
    expect(down.unknownMs).toBe(9 * MIN);
    expect(countedDownMs(down)).toBe(19 * MIN);
    expect(countedMs(up)).toBe(30 * MIN);
    expect(countedMs(uptimeOfSeries(periodicWithGap, thirtyMinutes, "unknown"))).toBe(21 * MIN);
  });

  it("a change log of the same samples has no gap: the up run holds until the first failure", () => {
    const changeLog = { ...periodicWithGap, checkIntervalSec: null };
    const f = uptimeOfSeries(changeLog, thirtyMinutes, "unknown");
    // Up 0–20, down 20–29 (the last line holds no time), 29–30 unknown.
    expect(f).toMatchObject({ upMs: 20 * MIN, downMs: 9 * MIN, unknownMs: MIN });
    expect(f.uptimePct).toBeCloseTo((20 / 29) * 100, 10);
  });

  it("leaves maintenance out and counts degraded as up", () => {
    const s = series([sample(at(0), "up"), sample(at(10), "degraded"), sample(at(20), "down"), sample(at(30), "up")], {
      dataEnd: at(40),
      maintenance: [{ startsAt: at(25), endsAt: at(35) }],
    });
    const f = uptimeOfSeries(s, { from: at(0), to: at(40) }, "unknown");
    expect(f).toMatchObject({ upMs: 15 * MIN, degradedMs: 10 * MIN, downMs: 5 * MIN, maintenanceMs: 10 * MIN, unknownMs: 0 });
    expect(f.uptimePct).toBeCloseTo((25 / 30) * 100, 10);
    expect(f.coveragePct).toBe(100);
  });

  it("is null when nothing is known, whatever the rule", () => {
    for (const rule of GAP_RULES) {
      const f = uptimeOfSeries(series([]), thirtyMinutes, rule);
      expect(f.uptimePct).toBeNull();
      expect(f.coveragePct).toBe(0);
      expect(f.unknownMs).toBe(30 * MIN);
    }
    expect(computeUptime([], { from: at(0), to: at(0) }, "unknown").coveragePct).toBeNull();
  });

  it("by windows equals one window at a time", () => {
    const intervals = statusIntervals(periodicWithGap, thirtyMinutes);
    const windows = [0, 7, 12, 21, 25].map((m, i, all) => ({ from: at(m), to: at(all[i + 1] ?? 30) }));
    expect(computeUptimeByWindows(intervals, windows, "up")).toEqual(windows.map((w) => computeUptime(intervals, w, "up")));
  });
});

describe("computeUptime properties", () => {
  it("states add up to the window, uptime and coverage stay within 0–100", () => {
    fc.assert(
      fc.property(arbitrarySeries, arbitraryWindow, fc.constantFrom(...GAP_RULES), (s, window, rule) => {
        const f = uptimeOfSeries(s, window, rule);
        expect(f.upMs + f.downMs + f.degradedMs + f.maintenanceMs + f.unknownMs).toBe(window.to - window.from);
        if (f.uptimePct !== null) {
          expect(f.uptimePct).toBeGreaterThanOrEqual(0);
          expect(f.uptimePct).toBeLessThanOrEqual(100);
        }
        if (f.coveragePct !== null) {
          expect(f.coveragePct).toBeGreaterThanOrEqual(0);
          expect(f.coveragePct).toBeLessThanOrEqual(100);
        }
      }),
    );
  });
});
