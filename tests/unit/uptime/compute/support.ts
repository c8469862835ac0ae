/** Small builders for the uptime maths tests: samples and series written compactly. */
import fs from "node:fs";
import fc from "fast-check";
import path from "node:path";
import type { MonitorSeries } from "@/lib/uptime/compute/types";
import { UPTIME_STATUSES, type UptimeSample, type UptimeStatus } from "@/lib/uptime/types";

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** A sample at `at` (ms) with the status; code 200/503 by status unless given. */
export function sample(at: number, status: UptimeStatus, extra: Partial<UptimeSample> = {}): UptimeSample {
  return { at, status, latencyMs: null, code: status === "down" ? 503 : 200, message: "", ...extra };
}

export function series(samples: UptimeSample[], extra: Partial<MonitorSeries> = {}): MonitorSeries {
  return { samples, checkIntervalSec: null, dataEnd: null, maintenance: [], ...extra };
}

/**
 * QAInsights' Upptime history: one commit per status change ("🟥 QAInsights is down (403 in 68ms)"),
 * newest first in the file, as `git log` wrote it.
 */
export function qaInsightsHistory(): MonitorSeries {
  const file = path.resolve(
    import.meta.dirname,
    "../../../fixtures/uptime/upptime/qainsights-uptime/history-qa-insights.commit-log.tsv",
  );
  const samples = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line): UptimeSample => {
      const [, iso, subject] = line.split("\t");
      const detail = /\((\d+) in (\d+)\s*ms\)/.exec(subject);
      return {
        at: Date.parse(iso),
        status: / is down\b/.test(subject) ? "down" : / is up\b/.test(subject) ? "up" : "degraded",
        latencyMs: detail ? Number(detail[2]) : null,
        code: detail ? Number(detail[1]) : null,
        message: subject,
      };
    })
    .sort((a, b) => a.at - b.at);
  // history/qa-insights.yml's lastUpdated, the data end.
  return series(samples, { dataEnd: Date.parse("2023-04-03T06:23:22.824Z") });
}

/** Minutes after 2026-01-01 00:00 UTC, the arbitraries' epoch. */
const fcAt = (minutes: number) => Date.UTC(2026, 0, 1) + minutes * MIN;

/** A random series: sorted distinct instants within a day, random statuses, maybe periodic, maybe maintenance. */
export const arbitrarySeries: fc.Arbitrary<MonitorSeries> = fc
  .record({
    offsets: fc.uniqueArray(fc.integer({ min: 0, max: 24 * 60 }), { maxLength: 60 }),
    statuses: fc.array(fc.constantFrom(...UPTIME_STATUSES), { minLength: 60, maxLength: 60 }),
    periodic: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
    dataEnd: fc.option(fc.integer({ min: 0, max: 26 * 60 }), { nil: null }),
    maintenance: fc.array(fc.tuple(fc.integer({ min: 0, max: 24 * 60 }), fc.integer({ min: 1, max: 120 })), { maxLength: 3 }),
  })
  .map(({ offsets, statuses, periodic, dataEnd, maintenance }) => ({
    samples: [...offsets].sort((a, b) => a - b).map((m, i) => sample(fcAt(m), statuses[i])),
    checkIntervalSec: periodic === null ? null : periodic * 60,
    dataEnd: dataEnd === null ? null : fcAt(dataEnd),
    maintenance: maintenance.map(([start, length]) => ({ startsAt: fcAt(start), endsAt: fcAt(start + length) })),
  }));

export const arbitraryWindow = fc
  .tuple(fc.integer({ min: -120, max: 26 * 60 }), fc.integer({ min: 1, max: 28 * 60 }))
  .map(([start, length]) => ({ from: fcAt(start), to: fcAt(start + length) }));
