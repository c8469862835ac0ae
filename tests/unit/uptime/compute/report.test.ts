import { describe, expect, it } from "vitest";
import { buildUptimeReport, type UptimeReportMonitorInput } from "@/lib/uptime/compute/report";
import type { UptimeSample } from "@/lib/uptime/types";
import { MIN, sample, series } from "@/tests/unit/uptime/compute/support";

const t = (iso: string) => Date.parse(iso);
const FROM = t("2026-05-01T00:00:00Z");
const TO = t("2026-05-08T00:00:00Z");

/** A check a minute for the 7 days; down 3 May 10:00–10:45 and 5 May 09:00 (one check); latencies 100–400 ms in turn. */
function apiSamples(): UptimeSample[] {
  const out: UptimeSample[] = [];
  for (let at = FROM, i = 0; at < TO; at += MIN, i++) {
    const down = (at >= t("2026-05-03T10:00:00Z") && at < t("2026-05-03T10:45:00Z")) || at === t("2026-05-05T09:00:00Z");
    out.push(sample(at, down ? "down" : "up", { latencyMs: 100 * ((i % 4) + 1) }));
  }
  return out;
}

const api: UptimeReportMonitorInput = {
  id: "m1",
  name: "API",
  kind: "http",
  target: "https://api.example.org/health",
  service: "api",
  source: "Uptime Kuma",
  sloTargetPct: 99.9,
  gapRule: "unknown",
  minDowntimeSec: 60,
  series: series(apiSamples(), {
    checkIntervalSec: 60,
    maintenance: [{ startsAt: t("2026-05-06T01:00:00Z"), endsAt: t("2026-05-06T02:00:00Z") }],
  }),
  reported: [
    {
      source: "status page uptimeList",
      method: "Uptime Kuma averages its heartbeats over 24 hours",
      asOf: TO,
      figures: [{ label: "24-hour uptime", window: { kind: "rolling", hours: 24 }, uptimePct: 99 }],
      responseTimeMs: null,
      dailyMinutesDown: null,
      status: "up",
    },
  ],
};
const silent: UptimeReportMonitorInput = {
  ...api,
  id: "m2",
  name: "Old status page",
  kind: "http",
  target: "",
  service: null,
  source: "CSV",
  sloTargetPct: 99,
  series: series([]),
  reported: [],
};

describe("buildUptimeReport", () => {
  const report = buildUptimeReport({ from: FROM, to: TO, timeZone: "UTC", targetPct: 99.5, monitors: [api, silent] });
  const [a, b] = report.monitors;

  it("is plain JSON with ISO times", () => {
    expect(report).toMatchObject({
      from: "2026-05-01T00:00:00.000Z",
      to: "2026-05-08T00:00:00.000Z",
      timeZone: "UTC",
      targetPct: 99.5,
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("gives each monitor's uptime, downtime, reliability, budget and latency", () => {
    // 10,080 min: 60 maintenance, 46 down, 9,974 up.
    expect(a.uptimePct).toBeCloseTo((9974 / 10020) * 100, 5);
    expect(a).toMatchObject({
      coveragePct: 100,
      downMinutes: 46,
      unknownMinutes: 0,
      maintenanceMinutes: 60,
      meetsTarget: true,
      failures: 2,
      mttrMinutes: 23,
      mtbfHours: 83.12,
      budget: { allowedMinutes: 10, usedMinutes: 46, remainingMinutes: -36, burnRate: 4.591 },
      latency: { p50: 250, p95: 400, p99: 400 },
    });
    expect(a.downtimeWindows).toEqual([
      { start: "2026-05-03T10:00:00.000Z", end: "2026-05-03T10:45:00.000Z", minutes: 45, open: false },
      { start: "2026-05-05T09:00:00.000Z", end: "2026-05-05T09:01:00.000Z", minutes: 1, open: false },
    ]);
    expect(a.reported).toEqual([expect.objectContaining({ label: "24-hour uptime", reportedPct: 99, computedPct: 100 })]);
  });

  it("keeps a monitor without data without figures", () => {
    expect(b).toMatchObject({
      uptimePct: null,
      coveragePct: 0,
      meetsTarget: null,
      failures: 0,
      mttrMinutes: null,
      latency: null,
      downtimeWindows: [],
    });
    expect(b.unknownMinutes).toBe(10080);
  });

  it("notes the gap rule, monitors without data, differing reported figures and differing targets", () => {
    expect(report.notes).toEqual([
      'Gap rule "unknown": time without data is unknown and left out of uptime. Maintenance windows are left out of uptime.',
      "Old status page has no data in this period.",
      'API: the tool\'s own figure "24-hour uptime" (status page uptimeList) is 99.00%, ours over the same window 100.00% (+1.00 points); see the reported figures.',
      "Met or missed is against the report's target of 99.5%; each error budget is against the monitor's own SLO (API 99.9% and Old status page 99%).",
    ]);
  });

  it("says so when there is no monitor", () => {
    expect(buildUptimeReport({ from: FROM, to: TO, timeZone: "UTC", targetPct: 99, monitors: [] }).notes).toEqual([
      "No monitors are part of this report.",
    ]);
  });
});
