import { beforeAll, describe, expect, it } from "vitest";
import { createCanvas } from "@napi-rs/canvas";
import { count, decode, near, rgb, WHITE, type Pixels } from "./support/png-pixels";
import { Chart } from "chart.js";
import { latencyChart, usersChart, type RunSeries } from "@/lib/charts/load-test-charts";
import { chartFontFile, pngChartConfiguration, renderChartPng } from "@/lib/charts/render-png";
import type { SeriesPoint } from "@/lib/loadtests/types";

const T0 = Date.UTC(2026, 4, 12, 14, 0, 0);
const BUCKET_S = 10;

/** 30 ten-second buckets: p95 climbs from 100 ms to 680 ms; users ramp 10 → 100. */
function point(i: number): SeriesPoint {
  const p95 = 100 + i * 20;
  return {
    t: T0 + i * BUCKET_S * 1000,
    requests: 500,
    errors: 0,
    mean: p95 / 2,
    p50: p95 / 2,
    p90: p95 - 10,
    p95,
    p99: p95 * 1.5,
    users: 10 + 10 * Math.floor(i / 3),
  };
}

const RUN: RunSeries = {
  id: "r1",
  name: "Week 1",
  bucketSeconds: BUCKET_S,
  series: Array.from({ length: 30 }, (_, i) => point(i)),
  loadProfile: [],
};
const WINDOW = { from: T0 + 50_000, to: T0 + 150_000, label: "held 50 req/s" };
const SPEC = latencyChart(RUN, { timeZone: "Europe/Berlin", sustained: WINDOW, sloMs: 500 })!;

/** The "good" window fill, rgba(22, 163, 74, 0.12), over white. */
const WINDOW_FILL: [number, number, number] = [227, 244, 233];
/** The "bad" threshold line, #b91c1c. */
const SLO_RED: [number, number, number] = [185, 28, 28];

/** Where the PNG's chart area, window and SLO line lie: the same configuration laid out on a canvas of our own. */
function layout(width: number, height: number) {
  const chart = new Chart(
    createCanvas(width, height).getContext("2d") as unknown as CanvasRenderingContext2D,
    pngChartConfiguration(SPEC, "light", 1),
  );
  const result = {
    area: { ...chart.chartArea },
    windowLeft: chart.scales.x.getPixelForValue(WINDOW.from),
    windowRight: chart.scales.x.getPixelForValue(WINDOW.to),
    sloY: chart.scales.y.getPixelForValue(500),
  };
  chart.destroy();
  return result;
}

describe("renderChartPng", () => {
  let png: Buffer;
  let pixels: Pixels;
  beforeAll(async () => {
    png = await renderChartPng(SPEC);
    pixels = await decode(png);
  });

  it("takes its font from the npm package", () => {
    expect(chartFontFile("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")).toMatch(/node_modules\/dejavu-fonts-ttf\/ttf\/DejaVuSans\.ttf$/);
  });

  it("is a 1200 × 500 PNG on white with a drawn chart", () => {
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect([pixels.width, pixels.height]).toEqual([1200, 500]);
    expect(rgb(pixels, 2, 2)).toEqual(WHITE);
    const drawn = count(pixels, { x0: 0, x1: 1200, y0: 0, y1: 500 }, (c) => !near(c, WHITE, 6));
    // Window, grid, four lines, axes and text: far from blank, far from filled.
    expect(drawn / (1200 * 500)).toBeGreaterThan(0.05);
    expect(drawn / (1200 * 500)).toBeLessThan(0.6);
  });

  it("draws the title inside the image, top left", () => {
    const { area } = layout(1200, 500);
    // Title glyphs: dark pixels in the top band above the legend, left of centre.
    const titleBand = { x0: 0, x1: 600, y0: 0, y1: 45 };
    expect(area.top).toBeGreaterThan(titleBand.y1);
    expect(count(pixels, titleBand, (c) => c[0] < 120 && c[1] < 120 && c[2] < 140)).toBeGreaterThan(300);
    // Nothing dark in the top-right corner: the title starts at the left margin.
    expect(count(pixels, { x0: 900, x1: 1200, y0: 0, y1: 30 }, (c) => !near(c, WHITE, 6))).toBe(0);
  });

  it("shades the sustained window between its times and draws the SLO line at 500 ms", () => {
    const { area, windowLeft, windowRight, sloY } = layout(1200, 500);
    expect(windowRight - windowLeft).toBeGreaterThan(100);
    // A column inside the window, below its label and above the lines: mostly the window's green.
    const inside = {
      x0: (windowLeft + windowRight) / 2,
      x1: (windowLeft + windowRight) / 2 + 1,
      y0: area.top + 20,
      y1: sloY - 5,
    };
    const insideHeight = inside.y1 - inside.y0;
    expect(count(pixels, inside, (c) => near(c, WINDOW_FILL, 12)) / insideHeight).toBeGreaterThan(0.8);
    // The same column after the window: no green.
    const after = { ...inside, x0: windowRight + 40, x1: windowRight + 41 };
    expect(count(pixels, after, (c) => near(c, WINDOW_FILL, 12))).toBe(0);
    // The dashed SLO line (6 on, 4 off: 60% where no series crosses it) in the rows at 500 ms…
    const redInRow = (y: number) =>
      count(pixels, { x0: area.left, x1: area.right, y0: y, y1: y + 1 }, (c) => near(c, SLO_RED, 90));
    const width = area.right - area.left;
    expect(Math.max(...[-1, 0, 1].map((dy) => redInRow(sloY + dy))) / width).toBeGreaterThan(0.4);
    // …and not in rows well above or below it, where only the red p99 series crosses.
    for (const dy of [-30, -20, 20, 30]) expect(redInRow(sloY + dy) / width).toBeLessThan(0.05);
  });

  it("is byte-identical when rendered again", async () => {
    expect((await renderChartPng(SPEC)).equals(png)).toBe(true);
  });

  it("scales the pixels and fills the dark background", async () => {
    const users = usersChart(RUN)!;
    const dark = await decode(await renderChartPng(users, { width: 600, height: 300, theme: "dark", scale: 2 }));
    expect([dark.width, dark.height]).toEqual([1200, 600]);
    expect(rgb(dark, 2, 2)).toEqual([0x0f, 0x17, 0x2a]);
    // Light title text (slate-300) on the dark background.
    expect(count(dark, { x0: 0, x1: 600, y0: 0, y1: 80 }, (c) => c[0] > 150 && c[1] > 150 && c[2] > 150)).toBeGreaterThan(300);
  });
});
