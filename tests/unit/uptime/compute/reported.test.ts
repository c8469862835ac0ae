import { describe, expect, it } from "vitest";
import { compareReported } from "@/lib/uptime/compute/reported";
import type { ReportedUptime } from "@/lib/uptime/types";
import { sample, series } from "@/tests/unit/uptime/compute/support";

const t = (iso: string) => Date.parse(iso);

/** April 2026 in UTC: down all of 2 April (1,440 min), 10 April 02:00–03:00 and 30 April 12:00–12:30. */
const april = series(
  [
    sample(t("2026-04-01T00:00:00Z"), "up"),
    sample(t("2026-04-02T00:00:00Z"), "down"),
    sample(t("2026-04-03T00:00:00Z"), "up"),
    sample(t("2026-04-10T02:00:00Z"), "down"),
    sample(t("2026-04-10T03:00:00Z"), "up"),
    sample(t("2026-04-30T12:00:00Z"), "down"),
    sample(t("2026-04-30T12:30:00Z"), "up"),
  ],
  { dataEnd: t("2026-05-01T00:00:00Z") },
);

/** What Upptime's current summary.json says: it saw the short outages through its issues, not 2 April. */
const currentLayout: ReportedUptime = {
  source: "history/summary.json (current layout)",
  method: "Upptime counts minutes between its own down/up issues",
  asOf: t("2026-05-01T00:00:00Z"),
  figures: [
    { label: "All time", window: { kind: "all" }, uptimePct: 100 },
    { label: "Past 24 hours", window: { kind: "rolling", hours: 24 }, uptimePct: 100 },
    { label: "Past 7 days", window: { kind: "rolling", hours: 168 }, uptimePct: 99.7 },
  ],
  responseTimeMs: 120,
  dailyMinutesDown: { "2026-04-10": 60, "2026-04-30": 30 },
  status: "up",
};

describe("compareReported", () => {
  const rows = compareReported(april, [currentLayout], "unknown");

  it("computes ours over the same windows", () => {
    expect(rows.map((r) => [r.label, r.window && new Date(r.window.from).toISOString(), r.reportedPct])).toEqual([
      ["All time", "2026-04-01T00:00:00.000Z", 100],
      ["Past 24 hours", "2026-04-30T00:00:00.000Z", 100],
      ["Past 7 days", "2026-04-24T00:00:00.000Z", 99.7],
      ["Minutes down per day", "2026-04-01T00:00:00.000Z", null],
    ]);
    expect(rows[0].computedPct).toBeCloseTo((1 - 1530 / 43200) * 100, 10);
    expect(rows[0].differencePct).toBeCloseTo(-(1530 / 43200) * 100, 10);
    expect(rows[1].computedPct).toBeCloseTo((1 - 30 / 1440) * 100, 10);
    expect(rows[2].computedPct).toBeCloseTo((1 - 30 / 10080) * 100, 10);
  });

  it("explains a difference with the method and the downtime the source did not record", () => {
    expect(rows[0].explanation).toBe(
      "Upptime counts minutes between its own down/up issues. Our figure counts 1 day 2 h of downtime in 3 windows from the imported history; " +
        "the reported 100.00% means the source recorded none of it. " +
        'Here "all" runs from the first imported sample (2026-04-01 00:00 UTC) to the data end (2026-05-01 00:00 UTC); the tool counts from its own start. ' +
        "Ours is −3.54 points from the reported figure.",
    );
    expect(rows[1].explanation).toContain(
      "Our figure counts 30 min of downtime in 1 window from the imported history; the reported 100.00% means",
    );
  });

  it("says when the figures agree", () => {
    expect(rows[2].explanation).toBe(
      "Upptime counts minutes between its own down/up issues. Our figure counts 30 min of downtime in 1 window from the imported history, " +
        "about as much as the reported 99.70% implies. The figures agree.",
    );
  });

  it("compares minutes down per day and names the largest difference", () => {
    expect(rows[3].explanation).toBe(
      "Upptime counts minutes between its own down/up issues. Differs on 1 of 30 days (UTC days); largest 2026-04-02: 1,440 min in the imported history vs 0 reported.",
    );
    const matching = compareReported(
      april,
      [
        {
          ...currentLayout,
          figures: [],
          dailyMinutesDown: { "2026-04-02": 1440, "2026-04-10": 60, "2026-04-30": 30, "2025-12-01": 5 },
        },
      ],
      "unknown",
    );
    expect(matching.map((r) => r.explanation)).toEqual([
      "Upptime counts minutes between its own down/up issues. Agrees on all 30 days of the imported history (UTC days). 1 reported day with downtime lies outside the imported history.",
    ]);
  });

  it("names time without data, a window past the data and a missing computation time", () => {
    const reported: ReportedUptime = {
      ...currentLayout,
      asOf: null,
      figures: [{ label: "Past 60 days", window: { kind: "rolling", hours: 60 * 24 }, uptimePct: 99 }],
      dailyMinutesDown: null,
    };
    const [row] = compareReported(april, [reported], "up");
    // 30 days without data count as up: (43,200 − 1,530 + 43,200) / 86,400.
    expect(row.computedPct).toBeCloseTo(((86400 - 1530) / 86400) * 100, 10);
    expect(row.explanation).toContain(
      "the reported 99.00% implies only about 14 h 24 min, so the source recorded 11 h 6 min less.",
    );
    expect(row.explanation).toContain("There is no data for 30 days of the window, which our figure counts as up.");
    expect(row.explanation).toContain(
      "The source does not say when it computed the figure, so the window is taken to end at the data end (2026-05-01 00:00 UTC).",
    );

    const later = compareReported(
      april,
      [
        {
          ...reported,
          asOf: t("2026-05-02T00:00:00Z"),
          figures: [{ label: "Day", window: { kind: "rolling", hours: 24 }, uptimePct: 100 }],
        },
      ],
      "unknown",
    );
    expect(later[0].computedPct).toBeNull();
    expect(later[0].explanation).toContain(
      "The source computed it at 2026-05-02 00:00 UTC, after the imported data ends (2026-05-01 00:00 UTC).",
    );
  });

  it("has nothing to compare without samples", () => {
    const [row] = compareReported(series([]), [{ ...currentLayout, figures: [currentLayout.figures[0]] }], "unknown");
    expect(row).toMatchObject({ computedPct: null, differencePct: null, window: null });
    expect(row.explanation).toBe(
      "Upptime counts minutes between its own down/up issues. There are no imported samples to compare with.",
    );
  });
});
