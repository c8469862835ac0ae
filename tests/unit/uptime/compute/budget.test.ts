import { describe, expect, it } from "vitest";
import { errorBudget } from "@/lib/uptime/compute/budget";
import { uptimeOfSeries } from "@/lib/uptime/compute/uptime";
import { MIN, sample, series } from "@/tests/unit/uptime/compute/support";

const T0 = Date.UTC(2026, 0, 1);
const at = (minutes: number) => T0 + minutes * MIN;

/** 1,000 minutes: down 2 (at 100), maintenance 100 (at 500), no data for the last 100. */
const s = series([sample(at(0), "up"), sample(at(100), "down"), sample(at(102), "up")], {
  dataEnd: at(900),
  maintenance: [{ startsAt: at(500), endsAt: at(600) }],
});
const window = { from: at(0), to: at(1000) };

describe("errorBudget", () => {
  it('under gap rule "unknown" the budget is a share of the time with data', () => {
    const b = errorBudget(uptimeOfSeries(s, window, "unknown"), 99);
    // Counted: 1,000 − 100 maintenance − 100 unknown = 800 min; 1% of it is 8 min.
    expect(b.allowedDownMs).toBeCloseTo(8 * MIN, 6);
    expect(b.usedDownMs).toBe(2 * MIN);
    expect(b.remainingMs).toBeCloseTo(6 * MIN, 6);
    expect(b.usedPct).toBeCloseTo(25, 10);
    expect(b.burnRate).toBeCloseTo(2 / 800 / 0.01, 10);
  });

  it('under gap rule "down" the missing time is spent budget', () => {
    const b = errorBudget(uptimeOfSeries(s, window, "down"), 99.9);
    // Counted: 900 min; allowed 0.9 min; used 2 + 100.
    expect(b.allowedDownMs).toBeCloseTo(0.9 * MIN, 6);
    expect(b.usedDownMs).toBe(102 * MIN);
    expect(b.remainingMs).toBeCloseTo(-101.1 * MIN, 6);
    expect(b.usedPct).toBeCloseTo((102 / 0.9) * 100, 8);
    expect(b.burnRate).toBeCloseTo(102 / 900 / 0.001, 8);
  });

  it('under gap rule "up" the missing time is counted, not spent', () => {
    const b = errorBudget(uptimeOfSeries(s, window, "up"), 99);
    expect(b.allowedDownMs).toBeCloseTo(9 * MIN, 6);
    expect(b.usedDownMs).toBe(2 * MIN);
    expect(b.burnRate).toBeCloseTo(2 / 900 / 0.01, 10);
  });

  it("a 100% target allows nothing: no used share and no burn rate", () => {
    const b = errorBudget(uptimeOfSeries(s, window, "unknown"), 100);
    expect(b).toMatchObject({ allowedDownMs: 0, usedDownMs: 2 * MIN, remainingMs: -2 * MIN, usedPct: null, burnRate: null });
  });

  it("nothing counted: no burn rate", () => {
    const b = errorBudget(uptimeOfSeries(series([]), window, "unknown"), 99);
    expect(b).toMatchObject({ allowedDownMs: 0, usedDownMs: 0, usedPct: null, burnRate: null });
  });
});
