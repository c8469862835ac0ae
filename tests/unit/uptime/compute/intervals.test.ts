import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dataEndOf, dataSpan, statusIntervals } from "@/lib/uptime/compute/intervals";
import type { StatusInterval } from "@/lib/uptime/compute/types";
import type { UptimeSample } from "@/lib/uptime/types";
import { HOUR, MIN, arbitrarySeries, arbitraryWindow, sample, series } from "@/tests/unit/uptime/compute/support";

const T0 = Date.UTC(2026, 0, 1);
const at = (minutes: number) => T0 + minutes * MIN;
const iv = (from: number, to: number, status: StatusInterval["status"]): StatusInterval => ({
  start: at(from),
  end: at(to),
  status,
});

describe("statusIntervals", () => {
  it("holds a change-log sample until the next one and the last one until the data end", () => {
    const s = series([sample(at(0), "up"), sample(at(60), "down"), sample(at(90), "up")], { dataEnd: at(120) });
    expect(statusIntervals(s)).toEqual([iv(0, 60, "up"), iv(60, 90, "down"), iv(90, 120, "up")]);
  });

  it("gives a change log's last sample no time without a data end", () => {
    const s = series([sample(at(0), "up"), sample(at(60), "down")]);
    expect(dataEndOf(s)).toBe(at(60));
    expect(statusIntervals(s)).toEqual([iv(0, 60, "up")]);
  });

  it("holds a periodic check for at most two intervals, then leaves a gap", () => {
    const samples = [0, 1, 2, 10, 11].map((m) => sample(at(m), m < 10 ? "up" : "down"));
    const s = series(samples, { checkIntervalSec: 60 });
    // The check at minute 2 covers 2–4; 4–10 has no data; the last check holds one interval.
    expect(statusIntervals(s)).toEqual([iv(0, 4, "up"), iv(4, 10, "unknown"), iv(10, 12, "down")]);
    expect(dataSpan(s)).toEqual({ from: at(0), to: at(12) });
  });

  it("caps a periodic series' last sample at two intervals even when the data end is later", () => {
    const s = series([sample(at(0), "up")], { checkIntervalSec: 60, dataEnd: at(10) });
    expect(statusIntervals(s)).toEqual([iv(0, 2, "up"), iv(2, 10, "unknown")]);
  });

  it("merges equal neighbours", () => {
    const s = series([sample(at(0), "up"), sample(at(5), "up"), sample(at(7), "degraded"), sample(at(8), "degraded")], {
      dataEnd: at(10),
    });
    expect(statusIntervals(s)).toEqual([iv(0, 7, "up"), iv(7, 10, "degraded")]);
  });

  it("lays maintenance over any state, merged when windows overlap", () => {
    const s = series([sample(at(0), "up"), sample(at(10), "down"), sample(at(20), "up")], {
      dataEnd: at(30),
      maintenance: [
        { startsAt: at(8), endsAt: at(12) },
        { startsAt: at(11), endsAt: at(14) },
        { startsAt: at(25), endsAt: at(40) },
      ],
    });
    expect(statusIntervals(s)).toEqual([
      iv(0, 8, "up"),
      iv(8, 14, "maintenance"),
      iv(14, 20, "down"),
      iv(20, 25, "up"),
      iv(25, 30, "maintenance"),
    ]);
  });

  it("fills a window with unknown outside the data and clips to it", () => {
    const s = series([sample(at(10), "up"), sample(at(20), "down")], { dataEnd: at(30) });
    expect(statusIntervals(s, { from: at(0), to: at(40) })).toEqual([
      iv(0, 10, "unknown"),
      iv(10, 20, "up"),
      iv(20, 30, "down"),
      iv(30, 40, "unknown"),
    ]);
    expect(statusIntervals(s, { from: at(15), to: at(25) })).toEqual([iv(15, 20, "up"), iv(20, 25, "down")]);
    expect(statusIntervals(series([]), { from: at(0), to: at(5) })).toEqual([iv(0, 5, "unknown")]);
    expect(statusIntervals(series([]))).toEqual([]);
  });

  it("shows maintenance where there is no data, within the window", () => {
    const s = series([sample(at(0), "up")], { dataEnd: at(10), maintenance: [{ startsAt: at(15), endsAt: at(20) }] });
    expect(statusIntervals(s, { from: at(0), to: at(30) })).toEqual([
      iv(0, 10, "up"),
      iv(10, 15, "unknown"),
      iv(15, 20, "maintenance"),
      iv(20, 30, "unknown"),
    ]);
  });

  it("holds an hour between two samples as one interval", () => {
    const s = series([sample(T0, "up")], { dataEnd: T0 + HOUR });
    expect(statusIntervals(s)).toEqual([{ start: T0, end: T0 + HOUR, status: "up" }]);
  });

  it("reads 1,000,000 periodic samples well under a second", () => {
    // A check a minute, three missed every thousand (a gap), three failing every 997.
    const samples: UptimeSample[] = [];
    for (let i = 0; samples.length < 1_000_000; i++) {
      if (i % 1000 >= 3) samples.push(sample(T0 + i * MIN, i % 997 < 3 ? "down" : "up"));
    }
    const s = series(samples, { checkIntervalSec: 60 });
    const started = performance.now();
    const intervals = statusIntervals(s);
    const elapsed = performance.now() - started;
    expect(intervals.filter((x) => x.status === "unknown").length).toBeGreaterThan(990);
    expect(elapsed).toBeLessThan(500);
  });
});

describe("statusIntervals properties", () => {
  it("covers a window exactly, in order, with no two neighbours alike", () => {
    fc.assert(
      fc.property(arbitrarySeries, arbitraryWindow, (s, window) => {
        const intervals = statusIntervals(s, window);
        expect(intervals[0].start).toBe(window.from);
        expect(intervals[intervals.length - 1].end).toBe(window.to);
        for (let i = 0; i < intervals.length; i++) {
          expect(intervals[i].end).toBeGreaterThan(intervals[i].start);
          if (i > 0) {
            expect(intervals[i].start).toBe(intervals[i - 1].end);
            expect(intervals[i].status).not.toBe(intervals[i - 1].status);
          }
        }
      }),
    );
  });

  it("a window is the slice of the whole timeline", () => {
    fc.assert(
      fc.property(arbitrarySeries, arbitraryWindow, (s, window) => {
        const whole = statusIntervals(s, { from: at(-200), to: at(60 * 60) });
        const sliced = whole
          .filter((x) => x.end > window.from && x.start < window.to)
          .map((x) => ({ ...x, start: Math.max(x.start, window.from), end: Math.min(x.end, window.to) }));
        expect(statusIntervals(s, window)).toEqual(sliced);
      }),
    );
  });

  it("a change log does not depend on how its runs are split into samples", () => {
    fc.assert(
      fc.property(arbitrarySeries, fc.array(fc.integer({ min: 0, max: 59 }), { maxLength: 20 }), (s, splits) => {
        const changeLog = { ...s, checkIntervalSec: null };
        // Repeat a sample's status halfway to the next sample: the same history, written with more lines.
        const extra = splits
          .filter((i) => i + 1 < changeLog.samples.length)
          .map((i) => {
            const a = changeLog.samples[i];
            const mid = Math.floor((a.at + changeLog.samples[i + 1].at) / 2);
            return mid > a.at ? sample(mid, a.status) : null;
          })
          .filter((x): x is UptimeSample => x !== null);
        const more = [...changeLog.samples, ...extra]
          .sort((a, b) => a.at - b.at)
          .filter((x, i, all) => i === 0 || all[i - 1].at !== x.at);
        expect(statusIntervals({ ...changeLog, samples: more })).toEqual(statusIntervals(changeLog));
      }),
    );
  });
});
