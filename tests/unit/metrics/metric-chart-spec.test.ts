import { beforeAll, describe, expect, it } from "vitest";
import { createCanvas } from "@napi-rs/canvas";
import { Chart } from "chart.js";
import { pngChartConfiguration, renderChartPng } from "@/lib/charts/render-png";
import type { ChartPoint } from "@/lib/charts/spec";
import { incidentWindow, metricChartSpec, type MetricChartSpecInput } from "@/lib/metrics/metric-chart-spec";
import { chartFileName } from "@/lib/metrics/metric-chart-images";
import { count, decode, near, type Pixels, type Rgb } from "../charts/support/png-pixels";

const T0 = Date.parse("2026-05-12T16:00:00Z");
const MIN = 60_000;
const points = (f: (i: number) => number | null, n = 240): ChartPoint[] =>
  Array.from({ length: n }, (_, i) => [T0 + i * MIN, f(i)]);

const INPUT: MetricChartSpecInput = {
  chart: { id: "c1", title: "API latency and errors", kind: "line", caption: "" },
  series: [
    { id: "s1", name: "p95 latency", unit: "ms", points: points((i) => (i === 90 ? 4200 : i >= 60 && i < 140 ? 900 : 120)) },
    { id: "s2", name: "error rate", unit: "%", points: points((i) => (i >= 60 && i < 140 ? 30 : i === 30 ? null : 0.5)) },
  ],
  incident: { startedAt: new Date(T0 + 60 * MIN), mitigatedAt: new Date(T0 + 120 * MIN), resolvedAt: new Date(T0 + 140 * MIN) },
  events: [
    {
      occurredAt: new Date(T0 + 72 * MIN),
      precision: "minute",
      text: "Alert fired: p95 latency > 800 ms on messaging-api in eu-west-1",
    },
    { occurredAt: new Date(T0 + 120 * MIN), precision: "second", text: "Rolled back" },
    { occurredAt: new Date(T0), precision: "day", text: "Deploy day" },
    { occurredAt: new Date(T0 + 1000 * MIN), precision: "minute", text: "Long after" },
  ],
  timeZone: "Europe/Berlin",
  xRange: { min: T0, max: T0 + 239 * MIN },
};

describe("metricChartSpec", () => {
  it("puts the first unit on the left axis and the second on the right", () => {
    const spec = metricChartSpec(INPUT);
    expect(spec.y).toMatchObject({ unit: "ms", title: "Milliseconds", beginAtZero: true });
    expect(spec.y2).toMatchObject({ unit: "%", title: "Percent" });
    expect(spec.series.map((s) => [s.label, s.axis, s.color])).toEqual([
      ["p95 latency", "y", "blue"],
      ["error rate", "y2", "orange"],
    ]);
    expect(spec.kind).toBe("line");
    expect(spec.id).toBe("metric-c1");
  });

  it("shades start to resolution and marks timed events inside the range, with short labels", () => {
    const spec = metricChartSpec(INPUT);
    expect(spec.annotations).toEqual([
      { kind: "window", from: T0 + 60 * MIN, to: T0 + 140 * MIN, label: "Incident", tone: "bad" },
      { kind: "marker", x: T0 + 72 * MIN, label: "Alert fired: p95 latency > 800 ms on me…", tone: "neutral" },
      { kind: "marker", x: T0 + 120 * MIN, label: "Rolled back", tone: "neutral" },
    ]);
    expect(spec.caption).toMatch(/shaded band is the incident/);
  });

  it("keeps the zone it is given and the window it shows", () => {
    const utc = metricChartSpec({ ...INPUT, timeZone: "UTC", xRange: { min: T0 + 100 * MIN, max: T0 + 110 * MIN } });
    expect(utc.timeZone).toBe("UTC");
    expect(utc.xRange).toEqual({ min: T0 + 100 * MIN, max: T0 + 110 * MIN });
    expect(utc.annotations.filter((a) => a.kind === "marker")).toEqual([]);
  });

  it("runs an open incident's window to the end of the data", () => {
    expect(incidentWindow({ startedAt: new Date(T0), mitigatedAt: null, resolvedAt: null }, T0 + 5 * MIN)).toEqual({
      from: T0,
      to: T0 + 5 * MIN,
      open: true,
    });
    expect(incidentWindow({ startedAt: new Date(T0), mitigatedAt: null, resolvedAt: null }, null)).toBeNull();
    expect(incidentWindow({ startedAt: new Date(T0), mitigatedAt: new Date(T0 + MIN), resolvedAt: null }, null)).toEqual({
      from: T0,
      to: T0 + MIN,
      open: false,
    });
  });

  it("names image files in page order, safe for zips and URLs", () => {
    expect(chartFileName(0, "API latency / errors (p95)")).toBe("01-api-latency-errors-p95.png");
    expect(chartFileName(11, "   ")).toBe("12-chart.png");
    expect(chartFileName(2, "Café mémoire")).toBe("03-cafe-memoire.png");
  });
});

/** The "bad" window fill, rgba(220, 38, 38, 0.12), over white. */
const INCIDENT_FILL: Rgb = [250, 228, 228];

describe("a metric chart as PNG", () => {
  const spec = metricChartSpec(INPUT);
  let pixels: Pixels;
  let layout: { area: { left: number; right: number; top: number; bottom: number }; from: number; to: number; marker: number };
  beforeAll(async () => {
    const png = await renderChartPng(spec, { width: 1000, height: 420 });
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    pixels = await decode(png);
    const chart = new Chart(
      createCanvas(1000, 420).getContext("2d") as unknown as CanvasRenderingContext2D,
      pngChartConfiguration(spec, "light", 1),
    );
    layout = {
      area: { ...chart.chartArea },
      from: chart.scales.x.getPixelForValue(T0 + 60 * MIN),
      to: chart.scales.x.getPixelForValue(T0 + 140 * MIN),
      marker: chart.scales.x.getPixelForValue(T0 + 72 * MIN),
    };
    chart.destroy();
  });

  it("has the asked size and the incident window shaded between its times", () => {
    expect([pixels.width, pixels.height]).toEqual([1000, 420]);
    const { area, from, to } = layout;
    const column = (x: number) => ({ x0: x, x1: x + 1, y0: area.top + 20, y1: area.bottom - 20 });
    const height = area.bottom - area.top - 40;
    const mid = (from + to) / 2 + 7;
    expect(count(pixels, column(mid), (c) => near(c, INCIDENT_FILL, 14)) / height).toBeGreaterThan(0.5);
    expect(count(pixels, column(from - 30), (c) => near(c, INCIDENT_FILL, 14))).toBe(0);
    expect(count(pixels, column(to + 30), (c) => near(c, INCIDENT_FILL, 14))).toBe(0);
  });

  it("draws text: title and axis labels are dark glyph pixels", () => {
    const dark = (c: Rgb) => c[0] < 120 && c[1] < 120 && c[2] < 140;
    expect(count(pixels, { x0: 0, x1: 500, y0: 0, y1: 45 }, dark)).toBeGreaterThan(200);
    expect(
      count(pixels, { x0: layout.area.left, x1: layout.area.right, y0: layout.area.bottom + 2, y1: 420 }, dark),
    ).toBeGreaterThan(200);
  });

  it("draws the marker as a vertical line at the event", () => {
    const { area, marker } = layout;
    const line = { x0: marker - 1, x1: marker + 2, y0: area.top + 30, y1: area.bottom - 30 };
    // Dotted slate line: a good share of the column is grey, not fill or white.
    const grey = (c: Rgb) => Math.abs(c[0] - c[2]) < 40 && c[0] < 200 && c[0] > 40;
    expect(count(pixels, line, grey)).toBeGreaterThan((area.bottom - area.top - 60) * 0.3);
  });
});
