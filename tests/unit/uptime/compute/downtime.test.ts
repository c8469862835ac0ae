import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { downtimeWindows } from "@/lib/uptime/compute/downtime";
import {
  HOUR,
  MIN,
  arbitrarySeries,
  arbitraryWindow,
  qaInsightsHistory,
  sample,
  series,
} from "@/tests/unit/uptime/compute/support";

const T0 = Date.UTC(2026, 0, 1);
const at = (minutes: number) => T0 + minutes * MIN;

describe("downtimeWindows", () => {
  it("merges consecutive failing samples, ending at the first up or degraded sample", () => {
    const s = series(
      [
        sample(at(0), "up"),
        sample(at(10), "down", { code: 503, message: "503 Service Unavailable" }),
        sample(at(12), "down", { code: 0, message: "timeout" }),
        sample(at(14), "down", { code: 503 }),
        sample(at(20), "degraded"),
        sample(at(30), "down", { code: 403, message: "403 Forbidden" }),
        sample(at(33), "up"),
      ],
      { dataEnd: at(60) },
    );
    expect(downtimeWindows(s, { minDurationMs: 0 })).toEqual([
      {
        start: at(10),
        end: at(20),
        durationMs: 10 * MIN,
        open: false,
        failedChecks: 3,
        codes: [503, 0],
        message: "503 Service Unavailable",
      },
      { start: at(30), end: at(33), durationMs: 3 * MIN, open: false, failedChecks: 1, codes: [403], message: "403 Forbidden" },
    ]);
    expect(downtimeWindows(s, { minDurationMs: 5 * MIN }).map((w) => w.start)).toEqual([at(10)]);
  });

  it("leaves the last window open at the data end", () => {
    const s = series([sample(at(0), "up"), sample(at(10), "down"), sample(at(20), "down")], { dataEnd: at(45) });
    expect(downtimeWindows(s, { minDurationMs: 0 })).toEqual([
      { start: at(10), end: at(45), durationMs: 35 * MIN, open: true, failedChecks: 2, codes: [503], message: "" },
    ]);
  });

  it("keeps a change log's lone final failure as an open window of no length", () => {
    const s = series([sample(at(0), "up"), sample(at(10), "down")]);
    expect(downtimeWindows(s, { minDurationMs: 0 })).toMatchObject([{ start: at(10), end: at(10), durationMs: 0, open: true }]);
    expect(downtimeWindows(s, { minDurationMs: 1 })).toEqual([]);
  });

  it("ends a window where data coverage stops, and starts another after the gap", () => {
    const s = series([sample(at(0), "down"), sample(at(1), "down"), sample(at(10), "down"), sample(at(11), "up")], {
      checkIntervalSec: 60,
    });
    expect(downtimeWindows(s, { minDurationMs: 0 }).map((w) => [w.start, w.end, w.open, w.failedChecks])).toEqual([
      [at(0), at(3), false, 2],
      [at(10), at(11), false, 1],
    ]);
  });

  it("does not count maintenance: it trims and splits windows", () => {
    const s = series([sample(at(0), "up"), sample(at(60), "down"), sample(at(120), "up")], {
      dataEnd: at(180),
      maintenance: [
        { startsAt: at(50), endsAt: at(70) },
        { startsAt: at(90), endsAt: at(100) },
      ],
    });
    expect(downtimeWindows(s, { minDurationMs: 0 }).map((w) => [w.start, w.end, w.failedChecks])).toEqual([
      [at(70), at(90), 1],
      [at(100), at(120), 0],
    ]);
  });

  it("with a window keeps the windows overlapping it, clipped", () => {
    const s = series([sample(at(0), "down"), sample(at(30), "up"), sample(at(40), "down"), sample(at(50), "up")], {
      dataEnd: at(60),
    });
    expect(downtimeWindows(s, { minDurationMs: 0, window: { from: at(20), to: at(45) } })).toMatchObject([
      { start: at(20), end: at(30), durationMs: 10 * MIN },
      { start: at(40), end: at(45), durationMs: 5 * MIN },
    ]);
    // The minimum applies to the whole window, not the clipped part.
    expect(downtimeWindows(s, { minDurationMs: 20 * MIN, window: { from: at(20), to: at(45) } })).toHaveLength(1);
  });

  it("QAInsights' Upptime history has 69 downtime windows at minimum duration 0, the last still open", () => {
    const windows = downtimeWindows(qaInsightsHistory(), { minDurationMs: 0 });
    expect(windows).toHaveLength(69);
    expect(windows.filter((w) => w.open)).toHaveLength(1);
    const last = windows[windows.length - 1];
    expect(last.open).toBe(true);
    expect(new Date(last.end).toISOString()).toBe("2023-04-03T06:23:23.000Z");
    expect(last.codes).toEqual([503, 403]);
    expect(last.durationMs).toBeGreaterThan(400 * 24 * HOUR);
  });
});

describe("downtimeWindows properties", () => {
  it("windows are ordered, disjoint and at least the minimum long", () => {
    fc.assert(
      fc.property(
        arbitrarySeries,
        fc.integer({ min: 0, max: 90 }),
        fc.option(arbitraryWindow, { nil: undefined }),
        (s, min, window) => {
          const windows = downtimeWindows(s, { minDurationMs: min * MIN, window });
          windows.forEach((w, i) => {
            expect(w.end).toBeGreaterThanOrEqual(w.start);
            expect(w.durationMs).toBe(w.end - w.start);
            if (!window) expect(w.durationMs).toBeGreaterThanOrEqual(min * MIN);
            else {
              expect(w.start).toBeGreaterThanOrEqual(window.from);
              expect(w.end).toBeLessThanOrEqual(window.to);
            }
            if (i > 0) expect(w.start).toBeGreaterThan(windows[i - 1].end);
          });
          expect(windows.filter((w) => w.open).length).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it("a change log's windows do not depend on how a failing run is split into samples", () => {
    fc.assert(
      fc.property(arbitrarySeries, (s) => {
        const changeLog = { ...s, checkIntervalSec: null };
        // Every failing run written with one more line halfway along.
        const extra = changeLog.samples.flatMap((x, i) => {
          const next = changeLog.samples[i + 1];
          const mid = next ? Math.floor((x.at + next.at) / 2) : x.at;
          return x.status === "down" && mid > x.at ? [sample(mid, "down")] : [];
        });
        const more = { ...changeLog, samples: [...changeLog.samples, ...extra].sort((a, b) => a.at - b.at) };
        const shape = (ws: ReturnType<typeof downtimeWindows>) => ws.map((w) => [w.start, w.end, w.open]);
        expect(shape(downtimeWindows(more, { minDurationMs: 0 }))).toEqual(
          shape(downtimeWindows(changeLog, { minDurationMs: 0 })),
        );
      }),
    );
  });
});
