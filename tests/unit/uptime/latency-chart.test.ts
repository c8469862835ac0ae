import { describe, expect, it } from "vitest";
import { latencyChart } from "@/lib/uptime/latency-chart";
import type { DowntimeWindow, MonitorSeries } from "@/lib/uptime/compute/types";
import type { UptimeSample } from "@/lib/uptime/types";

const T0 = Date.parse("2026-05-01T00:00:00Z");
const MIN = 60_000;

function series(samples: UptimeSample[], checkIntervalSec: number | null = 60): MonitorSeries {
  return { samples, checkIntervalSec, dataEnd: null, maintenance: [] };
}

const up = (i: number, latencyMs: number | null): UptimeSample => ({
  at: T0 + i * MIN,
  status: "up",
  latencyMs,
  code: 200,
  message: "",
});

function chart(s: MonitorSeries, range: { from: number; to: number }, maxPoints = 2000, downtime: DowntimeWindow[] = []) {
  return latencyChart({
    monitor: { id: "m1", name: "API" },
    series: s,
    downtime,
    range,
    fullRange: { min: range.from, max: range.to },
    maxPoints,
    timeZone: "Europe/Berlin",
  });
}

describe("the response-time chart", () => {
  it("keeps the slowest check when a day of checks is drawn with a few hundred points", () => {
    const samples = Array.from({ length: 1440 }, (_, i) => up(i, i === 777 ? 9000 : 100 + (i % 13)));
    const c = chart(series(samples), { from: T0, to: T0 + 1439 * MIN }, 200)!;
    const points = c.spec.series[0].points;
    expect(points.length).toBeLessThanOrEqual(202);
    expect(points).toContainEqual([T0 + 777 * MIN, 9000]);
    expect(c.status).toMatch(/^Showing \d+ of 1,440 response times; the fastest and slowest of each stretch are kept\.$/);
    expect(c.spec).toMatchObject({ timeZone: "Europe/Berlin", y: { unit: "ms", beginAtZero: true }, xRange: { min: T0 } });
  });

  it("breaks the line where periodic checks stopped and where a check timed out", () => {
    const samples = [up(0, 100), up(1, 110), { ...up(2, null), status: "down" as const }, up(3, 120), up(30, 130), up(31, 140)];
    const c = chart(series(samples), { from: T0, to: T0 + 31 * MIN })!;
    expect(c.spec.series[0].points).toEqual([
      [T0, 100],
      [T0 + MIN, 110],
      [T0 + 2 * MIN, null],
      [T0 + 3 * MIN, 120],
      [T0 + 4 * MIN, null],
      [T0 + 30 * MIN, 130],
      [T0 + 31 * MIN, 140],
    ]);
    expect(c.status).toBe("All 5 response times in this window.");
    // A change log (Upptime) holds each state until the next entry: no break.
    const changes = chart(series(samples, null), { from: T0, to: T0 + 31 * MIN })!;
    expect(changes.spec.series[0].points.filter(([, y]) => y === null)).toHaveLength(1);
  });

  it("shades downtime and maintenance inside the range", () => {
    const s = { ...series([up(0, 100), up(60, 100)]), maintenance: [{ startsAt: T0 + 10 * MIN, endsAt: T0 + 20 * MIN }] };
    const down: DowntimeWindow = {
      start: T0 + 30 * MIN,
      end: T0 + 35 * MIN,
      durationMs: 5 * MIN,
      open: false,
      failedChecks: 5,
      codes: [503],
      message: "",
    };
    const c = chart(s, { from: T0, to: T0 + 60 * MIN }, 2000, [down])!;
    expect(c.spec.annotations).toEqual([
      { kind: "window", from: T0 + 30 * MIN, to: T0 + 35 * MIN, label: "Down (503)", tone: "bad" },
      { kind: "window", from: T0 + 10 * MIN, to: T0 + 20 * MIN, label: "Maintenance", tone: "neutral" },
    ]);
  });

  it("is absent for a monitor whose checks record no response time", () => {
    expect(chart(series([up(0, null), up(1, null)]), { from: T0, to: T0 + MIN })).toBeNull();
  });
});
