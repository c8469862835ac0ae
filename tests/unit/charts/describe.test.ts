import { describe, expect, it } from "vitest";
import { chartTable, describeChart } from "@/lib/charts/describe";
import { formatBare, formatElapsed, formatNumber, formatSpan, formatTime, formatValue, xAxisTitle } from "@/lib/charts/format";
import { chartSpec, isEmptyChart } from "@/lib/charts/spec";

const T0 = Date.UTC(2026, 4, 12, 14, 0, 0);

const spec = chartSpec({
  id: "latency",
  title: "Latency percentiles over time",
  caption: "",
  x: { kind: "time" },
  y: { title: "Response time (ms)", unit: "ms", beginAtZero: true },
  series: [
    {
      id: "p50",
      label: "Median",
      unit: "ms",
      axis: "y",
      color: "teal",
      style: "line",
      points: [
        [T0, 20],
        [T0 + 10_000, 35.25],
        [T0 + 20_000, null],
      ],
    },
    {
      id: "p95",
      label: "p95",
      unit: "ms",
      axis: "y",
      color: "orange",
      style: "line",
      points: [
        [T0, 40],
        [T0 + 10_000, 1240],
      ],
    },
  ],
  annotations: [
    { kind: "window", from: T0, to: T0 + 10_000, label: "sustained 100 req/s", tone: "good" },
    { kind: "threshold", axis: "y", value: 1000, label: "SLO", tone: "bad" },
  ],
});

describe("describeChart", () => {
  it("summarises the range, each series' extremes and the annotations", () => {
    expect(describeChart(spec)).toBe(
      "Latency percentiles over time, 14:00:00–14:00:20 UTC. " +
        "Median: from 20 ms to 35.3 ms, highest at 14:00:10. " +
        "p95: from 40 ms to 1,240 ms, highest at 14:00:10. " +
        "Shaded: sustained 100 req/s, 14:00:00–14:00:10. " +
        "Line: SLO at 1,000 ms.",
    );
  });

  it("uses the reader's zone when one is chosen", () => {
    expect(describeChart({ ...spec, timeZone: "Europe/Berlin" })).toMatch(
      /^Latency percentiles over time, 16:00:00–16:00:20 CEST\./,
    );
  });

  it("says so when there is nothing to draw", () => {
    const empty = { ...spec, series: [] };
    expect(describeChart(empty)).toBe("Latency percentiles over time: no data.");
    expect(isEmptyChart(empty)).toBe(true);
    expect(isEmptyChart(spec)).toBe(false);
  });
});

describe("a metric chart over days, zoomed and marked", () => {
  const DAY = 86_400_000;
  const start = Date.UTC(2026, 4, 3, 12, 0);
  const long = chartSpec({
    ...spec,
    series: [
      {
        ...spec.series[1],
        points: [
          [start, 10],
          [start + DAY, 30],
          [start + 2 * DAY, 20],
        ],
      },
    ],
    annotations: [
      { kind: "window", from: start + DAY - 3_600_000, to: start + DAY + 3_600_000, label: "Incident", tone: "bad" },
      { kind: "marker", x: start + DAY, label: "Deploy", tone: "neutral" },
      { kind: "marker", x: start + 2 * DAY, label: "Rollback", tone: "neutral" },
    ],
    timeZone: "Europe/Berlin",
  });

  it("dates its times and numbers its markers as the chart does", () => {
    expect(describeChart(long)).toBe(
      "Latency percentiles over time, May 3 14:00:00–May 5 14:00:00 CEST. " +
        "p95: from 10 ms to 30 ms, highest at May 4 14:00:00. " +
        "Shaded: Incident, May 4 13:00:00–May 4 15:00:00. " +
        "Marker 1: Deploy at May 4 14:00:00. " +
        "Marker 2: Rollback at May 5 14:00:00.",
    );
  });

  it("describes and tabulates only the window a zoomed chart shows", () => {
    const zoomed = { ...long, xRange: { min: start + DAY - 6 * 3_600_000, max: start + DAY + 6 * 3_600_000 } };
    expect(describeChart(zoomed)).toBe(
      "Latency percentiles over time, 08:00:00–20:00:00 CEST. " +
        "p95: from 30 ms to 30 ms, highest at 14:00:00. " +
        "Shaded: Incident, 13:00:00–15:00:00. " +
        "Marker 1: Deploy at 14:00:00.",
    );
    expect(chartTable(zoomed)).toEqual({ columns: ["Time (CEST)", "p95 (ms)"], rows: [["14:00:00", "30"]] });
  });
});

describe("chartTable", () => {
  it("has one row per x and a dash where a series has no value", () => {
    expect(chartTable(spec)).toEqual({
      columns: ["Time (UTC)", "Median (ms)", "p95 (ms)"],
      rows: [
        ["14:00:00", "20", "40"],
        ["14:00:10", "35.3", "1,240"],
        ["14:00:20", "—", "—"],
      ],
    });
  });

  it("labels an elapsed axis in minutes and seconds", () => {
    const elapsed = {
      ...spec,
      x: { kind: "elapsed" as const },
      series: [
        {
          ...spec.series[1],
          points: [
            [0, 1],
            [90, 2],
          ] as [number, number][],
        },
      ],
    };
    expect(chartTable(elapsed).columns[0]).toBe("Time since start");
    expect(chartTable(elapsed).rows.map((r) => r[0])).toEqual(["0 s", "1:30"]);
  });
});

describe("formatting", () => {
  it.each([
    [1234.5, "1,235"],
    [45.66, "45.7"],
    [0.4249, "0.42"],
    [-12.34, "-12.3"],
  ])("formatNumber(%s) is %s", (v, text) => {
    expect(formatNumber(v)).toBe(text);
  });

  it("formats values with their unit and unknowns as a dash", () => {
    expect(formatValue(1500, "ms")).toBe("1,500 ms");
    expect(formatValue(3.456, "%")).toBe("3.46%");
    expect(formatValue(12_000, "count")).toBe("12,000");
    expect(formatValue(null, "ms")).toBe("—");
    expect(formatValue(Number.NaN, "req/s")).toBe("—");
    expect(formatBare(1200.4, "req/s")).toBe("1,200");
  });

  it.each([
    [45, "45 s"],
    [90, "1:30"],
    [3723, "1:02:03"],
  ])("formatElapsed(%i) is %s", (s, text) => {
    expect(formatElapsed(s)).toBe(text);
  });

  it.each([
    [45, "45 s"],
    [600, "10 min"],
    [630, "10 min 30 s"],
    [3900, "1 h 5 min"],
    [7200, "2 h"],
  ])("formatSpan(%i) is %s", (s, text) => {
    expect(formatSpan(s)).toBe(text);
  });

  it("shows times in an explicit zone with its name", () => {
    expect(formatTime(T0, "UTC")).toBe("14:00:00 UTC");
    expect(formatTime(T0, "America/New_York")).toBe("10:00:00 EDT");
    expect(xAxisTitle({ kind: "time" }, "Europe/London", T0)).toBe("Time (BST)");
  });
});
