import { describe, expect, it } from "vitest";
import { createCanvas } from "@napi-rs/canvas";
import { Chart, type Scale, type Tick } from "chart.js";
import {
  chartConfiguration,
  chartXAxisTitle,
  placeMarkerLabels,
  type ChartJsConfiguration,
  type MarkerLabelRequest,
} from "@/lib/charts/chart-config";
import { formatTimeTick } from "@/lib/charts/format";
import { pngChartConfiguration } from "@/lib/charts/render-png";
import { chartSpec, type ChartAnnotation, type ChartPoint, type ChartSpec } from "@/lib/charts/spec";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 2026-05-12 19:00 CEST. */
const START = Date.UTC(2026, 4, 12, 17, 0, 0);

function points(from: number, count: number, stepMs: number, value: (i: number) => number | null): ChartPoint[] {
  return Array.from({ length: count }, (_, i) => [from + i * stepMs, value(i)]);
}

/** An incident's metrics: two series of different sources, the incident shaded, timeline events marked. */
function metricSpec(overrides: Partial<ChartSpec> = {}): ChartSpec {
  return chartSpec({
    id: "metric-c1",
    title: "Cache memory and errors",
    caption: "",
    x: { kind: "time" },
    y: { title: "Bytes", unit: "bytes", beginAtZero: true },
    y2: { title: "Errors per second", unit: "errors/s", beginAtZero: true },
    series: [
      {
        id: "mem",
        label: "used_memory",
        unit: "bytes",
        axis: "y",
        color: "blue",
        style: "line",
        points: points(START - HOUR, 13, 15 * MINUTE, (i) => i * 1e8),
      },
      {
        id: "err",
        label: "errors",
        unit: "errors/s",
        axis: "y2",
        color: "red",
        style: "line",
        points: points(START - HOUR + 7_000, 12, 15 * MINUTE, (i) => (i === 4 ? null : i)),
      },
    ],
    annotations: [
      { kind: "window", from: START, to: START + 80 * MINUTE, label: "Incident", tone: "bad" },
      { kind: "marker", x: START, label: "35% of clients could not send messages", tone: "neutral" },
      { kind: "marker", x: START + 12 * MINUTE, label: "Alert on cache evictions", tone: "neutral" },
    ],
    timeZone: "Europe/Berlin",
    ...overrides,
  });
}

type Callback = (this: Scale | undefined, value: number | string, index: number, ticks: Tick[]) => unknown;
const xOptions = (config: ChartJsConfiguration) =>
  config.options!.scales!.x as {
    min?: number;
    max?: number;
    offset?: boolean;
    ticks: { callback: Callback };
    title: { text: string };
  };

describe("bar charts", () => {
  const bars = metricSpec({ kind: "bar" });

  it("draws every series as bars on the same time axis, the page and the image alike", () => {
    for (const theme of ["light", "dark"] as const) {
      const page = chartConfiguration(bars, theme);
      const png = pngChartConfiguration(bars, theme, 1);
      expect(page.type).toBe("bar");
      expect(png.type).toBe("bar");
      expect(page.data.datasets.map((d) => d.type)).toEqual(["bar", "bar"]);
      expect(png.data.datasets).toEqual(page.data.datasets);
      expect(page.data.datasets.map((d) => d.yAxisID)).toEqual(["y", "y2"]);
      expect(Object.keys(page.options!.scales!)).toEqual(["x", "y", "y2"]);
      expect(page.options!.scales!.x!.type).toBe("time");
    }
    const [mem, err] = chartConfiguration(bars, "light").data.datasets;
    expect(mem).toMatchObject({ backgroundColor: "#2563eb", borderWidth: 0, grouped: true });
    expect(mem).not.toHaveProperty("stepped");
    // A gap stays a gap: no bar, never a zero.
    expect(err.data[4]).toEqual({ x: START - HOUR + 7_000 + 4 * 15 * MINUTE, y: null });
  });

  it("centres bars on their times and keys the legend with squares", () => {
    const config = chartConfiguration(bars, "light");
    expect(xOptions(config).offset).toBe(true);
    expect(config.options!.plugins!.legend!.labels!.pointStyle).toBe("rect");
    expect(xOptions(chartConfiguration(metricSpec(), "light")).offset).toBe(false);
  });

  it("lists series sampled at different times by nearest x, not by array index", () => {
    expect(chartConfiguration(metricSpec(), "light").options!.interaction).toEqual({
      mode: "nearest",
      axis: "x",
      intersect: false,
    });
    const same = metricSpec({ series: metricSpec().series.map((s) => ({ ...s, points: points(START, 3, MINUTE, () => 1) })) });
    expect(chartConfiguration(same, "light").options!.interaction).toEqual({ mode: "index", intersect: false });
  });
});

describe("xRange", () => {
  it("fixes the x scale to the window a zoomed chart shows", () => {
    const window = { min: START + 10 * MINUTE, max: START + 20 * MINUTE };
    const zoomed = chartConfiguration(metricSpec({ xRange: window }), "light");
    expect(xOptions(zoomed)).toMatchObject({ min: window.min, max: window.max });
    // Without one the data's own bounds apply.
    expect(xOptions(chartConfiguration(metricSpec(), "light")).min).toBeUndefined();
  });

  it("labels the ticks of a ten-minute window to the minute", () => {
    const config = chartConfiguration(metricSpec({ xRange: { min: START, max: START + 10 * MINUTE } }), "light");
    // No scale laid out yet: the spec's window gives the span.
    expect(xOptions(config).ticks.callback.call(undefined, START + 2 * MINUTE, 0, [])).toBe("19:02");
  });
});

describe("time labels from seconds to weeks", () => {
  it.each([
    // span, step, instant (UTC), Berlin label
    [30_000, 5_000, Date.UTC(2026, 4, 12, 17, 0, 5), "19:00:05"],
    [2 * HOUR, 30 * MINUTE, Date.UTC(2026, 4, 12, 17, 30), "19:30"],
    [3 * DAY, 12 * HOUR, Date.UTC(2026, 4, 3, 12, 0), "May 3 14:00"],
    [3 * DAY, 12 * HOUR, Date.UTC(2026, 4, 2, 22, 0), "May 3"],
    [14 * DAY, 2 * DAY, Date.UTC(2026, 4, 2, 22, 0), "May 3"],
    // A night inside a short chart: the tick at midnight names the new day.
    [10 * HOUR, 2 * HOUR, Date.UTC(2026, 4, 12, 22, 0), "May 13"],
  ])("span %i ms, step %i ms: %s → %s", (span, step, at, label) => {
    expect(formatTimeTick(at, "Europe/Berlin", span, step)).toBe(label);
  });

  it("puts dates on the axis of a chart longer than a day, in the chart's zone", () => {
    const spec = metricSpec({ xRange: { min: Date.UTC(2026, 4, 1, 22), max: Date.UTC(2026, 4, 4, 22) } });
    const label = (zone: string, at: number) =>
      xOptions(chartConfiguration({ ...spec, timeZone: zone }, "light")).ticks.callback.call(
        { min: spec.xRange!.min, max: spec.xRange!.max } as Scale,
        at,
        0,
        [],
      );
    expect(label("Europe/Berlin", Date.UTC(2026, 4, 3, 10))).toBe("May 3 12:00");
    expect(label("UTC", Date.UTC(2026, 4, 3, 10))).toBe("May 3 10:00");
    expect(label("America/New_York", Date.UTC(2026, 4, 3, 4))).toBe("May 3");
  });

  it("names the zone in the axis title, both names across a daylight-saving change", () => {
    expect(chartXAxisTitle(metricSpec())).toBe("Time (CEST)");
    expect(chartXAxisTitle(metricSpec({ timeZone: "UTC" }))).toBe("Time (UTC)");
    expect(xOptions(chartConfiguration(metricSpec({ timeZone: "UTC" }), "dark")).title.text).toBe("Time (UTC)");
    const acrossOctober = metricSpec({ xRange: { min: Date.UTC(2026, 9, 24), max: Date.UTC(2026, 9, 26) } });
    expect(chartXAxisTitle(acrossOctober)).toBe("Time (CEST/CET)");
  });
});

describe("placeMarkerLabels", () => {
  const bounds = { left: 50, right: 650 };
  const marker = (x: number, width = 120): MarkerLabelRequest => ({ x, width, numberWidth: 8 });

  it("keeps labels with room on the first row", () => {
    expect(placeMarkerLabels([marker(100), marker(300), marker(500)], bounds)).toEqual([
      { row: 0, left: 104, mode: "label" },
      { row: 0, left: 304, mode: "label" },
      { row: 0, left: 504, mode: "label" },
    ]);
  });

  it("staggers close neighbours down up to three rows, then shows the number alone on a row of numbers", () => {
    const placed = placeMarkerLabels([marker(100), marker(110), marker(120), marker(130), marker(150)], bounds);
    expect(placed.map((p) => [p.row, p.mode])).toEqual([
      [0, "label"],
      [1, "label"],
      [2, "label"],
      [3, "number"],
      [3, "number"],
    ]);
    // The numbers sit beside their own lines.
    expect(placed.slice(3).map((p) => p.left)).toEqual([134, 154]);
  });

  it("lines numbers up one after another when their lines are closer than a number is wide", () => {
    const placed = placeMarkerLabels([marker(100), marker(101), marker(102), marker(103), marker(104), marker(105)], bounds);
    expect(placed.slice(3)).toEqual([
      { row: 3, left: 107, mode: "number" },
      { row: 3, left: 121, mode: "number" },
      { row: 3, left: 135, mode: "number" },
    ]);
  });

  it("puts a number on a label row where it has room", () => {
    // A label too long to fit beside its line on any row, whose number fits right of the first label (ending at 224).
    const placed = placeMarkerLabels([marker(100), marker(110), marker(120), marker(250, 420)], bounds);
    expect(placed[3]).toEqual({ row: 0, left: 254, mode: "number" });
  });

  it("turns a label left of its line near the right edge", () => {
    expect(placeMarkerLabels([marker(600)], bounds)).toEqual([{ row: 0, left: 476, mode: "label" }]);
  });

  it("works around room already taken, such as the incident window's label", () => {
    const placed = placeMarkerLabels([marker(100)], bounds, { taken: [{ row: 0, left: 104, right: 160 }] });
    expect(placed).toEqual([{ row: 1, left: 104, mode: "label" }]);
  });

  it("places in x order whatever the order given, and keeps the caller's order in the answer", () => {
    const placed = placeMarkerLabels([marker(140), marker(100)], bounds);
    expect(placed).toEqual([
      { row: 1, left: 144, mode: "label" },
      { row: 0, left: 104, mode: "label" },
    ]);
  });
});

describe("the annotation plugin on a real canvas", () => {
  /** Draws the configuration on an @napi-rs/canvas and returns every text the plugin wrote. */
  function drawnTexts(spec: ChartSpec, width = 800): string[] {
    const canvas = createCanvas(width, 300);
    const ctx = canvas.getContext("2d");
    const texts: string[] = [];
    // Only the last frame counts: Chart.js may draw more than once while it lays out.
    const lastFrame = { id: "lastFrame", beforeDraw: () => void texts.splice(0) };
    const fillText = ctx.fillText.bind(ctx);
    ctx.fillText = (text: string, x: number, y: number, maxWidth?: number) => {
      texts.push(text);
      return maxWidth === undefined ? fillText(text, x, y) : fillText(text, x, y, maxWidth);
    };
    const config = pngChartConfiguration(spec, "light", 1);
    const chart = new Chart(ctx as unknown as CanvasRenderingContext2D, { ...config, plugins: [lastFrame, ...config.plugins!] });
    chart.destroy();
    return texts;
  }

  it("numbers each marker label and shades the window", () => {
    const texts = drawnTexts(metricSpec());
    expect(texts).toContain("Incident");
    expect(texts).toContain("1: 35% of clients could not send messages");
    expect(texts).toContain("2: Alert on cache evictions");
    // The memory axis (0 to 1.2 × 10⁹ bytes) ticks at binary steps.
    expect(texts).toEqual(expect.arrayContaining(["0", "256 MiB", "512 MiB", "768 MiB", "1 GiB"]));
  });

  it("shrinks crowded markers to their numbers and leaves out those outside the window", () => {
    const crowd: ChartAnnotation[] = Array.from({ length: 6 }, (_, i) => ({
      kind: "marker",
      x: START + i * MINUTE,
      label: `Event number ${i + 1} with a long description`,
      tone: "neutral",
    }));
    const late: ChartAnnotation = { kind: "marker", x: START + 10 * DAY, label: "Much later", tone: "neutral" };
    // Values in thousands, so no axis tick reads like a marker number.
    const series = metricSpec().series.map((s) => ({
      ...s,
      points: s.points.map(([x, y]): ChartPoint => [x, y === null ? y : y * 1000 + 1e4]),
    }));
    const texts = drawnTexts(metricSpec({ annotations: [...crowd, late], series }));
    expect(texts.filter((t) => /^\d+: Event number/.test(t))).toHaveLength(3);
    expect(texts.filter((t) => /^[456]$/.test(t))).toEqual(["4", "5", "6"]);
    expect(texts.some((t) => t.includes("Much later") || t === "7")).toBe(false);
  });
});
