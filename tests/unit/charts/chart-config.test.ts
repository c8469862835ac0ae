import { describe, expect, it } from "vitest";
import type { Scale, Tick } from "chart.js";
import { chartConfiguration, type ChartJsConfiguration } from "@/lib/charts/chart-config";
import { latencyChart, throughputChart, usersChart, type RunSeries } from "@/lib/charts/load-test-charts";
import { pngChartConfiguration } from "@/lib/charts/render-png";
import type { SeriesPoint } from "@/lib/loadtests/types";

const T0 = Date.UTC(2026, 4, 12, 14, 0, 0);

function point(i: number, p95: number | null, users: number): SeriesPoint {
  return { t: T0 + i * 10_000, requests: 1000 + i * 100, errors: i, mean: p95, p50: p95, p90: p95, p95, p99: p95, users };
}

const RUN: RunSeries = {
  id: "r1",
  name: "Week 1",
  bucketSeconds: 10,
  series: [point(0, 40, 10), point(1, 90, 20), point(2, null, 20), point(3, 300, 40)],
  loadProfile: [],
};
const OPTIONS = { timeZone: "Europe/Berlin", sustained: { from: T0, to: T0 + 20_000, label: "held 120 req/s" }, sloMs: 500 };
const LATENCY = latencyChart(RUN, OPTIONS)!;

type Callback = (this: Scale, value: number | string, index: number, ticks: Tick[]) => unknown;
const scaleOptions = (config: ChartJsConfiguration, id: string) =>
  config.options!.scales![id] as {
    ticks: { callback: Callback; font?: unknown };
    suggestedMax?: number;
    title: { text: string };
  };
const tickLabel = (config: ChartJsConfiguration, id: string, value: number) =>
  scaleOptions(config, id).ticks.callback.call({} as Scale, value, 0, []);

describe("chartConfiguration: one definition for page and image", () => {
  it.each([
    ["throughput", throughputChart(RUN, OPTIONS)!],
    ["latency", LATENCY],
    ["users", usersChart(RUN, OPTIONS)!],
  ])("%s: the PNG draws exactly the page's datasets", (_name, spec) => {
    for (const theme of ["light", "dark"] as const) {
      const page = chartConfiguration(spec, theme);
      const png = pngChartConfiguration(spec, theme, 2);
      expect(png.data.datasets).toEqual(page.data.datasets);
      expect(Object.keys(png.options!.scales!)).toEqual(Object.keys(page.options!.scales!));
    }
  });

  it("keeps gaps as nulls, colours per theme and steps for users", () => {
    const latency = chartConfiguration(LATENCY, "light").data.datasets;
    expect(latency.map((d) => d.label)).toEqual(["Median", "p90", "p95", "p99"]);
    expect(latency[2].data).toEqual([
      { x: T0, y: 40 },
      { x: T0 + 10_000, y: 90 },
      { x: T0 + 20_000, y: null },
      { x: T0 + 30_000, y: 300 },
    ]);
    expect(latency[2].borderColor).toBe("#ea580c");
    expect(chartConfiguration(LATENCY, "dark").data.datasets[2].borderColor).toBe("#fb923c");
    const users = chartConfiguration(usersChart(RUN)!, "light").data.datasets[0];
    expect(users).toMatchObject({ type: "line", stepped: "before" });
    expect(users.data.map((d) => d.y)).toEqual([10, 20, 20, 40]);
  });

  it("labels ticks in the spec's zone and unit, the same on both", () => {
    for (const config of [chartConfiguration(LATENCY, "light"), pngChartConfiguration(LATENCY, "light", 1)]) {
      // 14:00 UTC is 16:00 in Berlin in May (CEST).
      expect(tickLabel(config, "x", T0 + 90_000)).toBe("16:01:30");
      expect(scaleOptions(config, "x").title.text).toBe("Time (CEST)");
      expect(tickLabel(config, "y", 1234.4)).toBe("1,234");
      // The SLO (500 ms) lies above the data (300 ms) but within reach: the axis stretches to show it.
      expect(scaleOptions(config, "y").suggestedMax).toBeCloseTo(540);
    }
  });

  it("leaves the page's look alone and adds title, font, fixed size and background for the image", () => {
    const page = chartConfiguration(LATENCY, "light");
    expect(page.options).toMatchObject({ responsive: true, maintainAspectRatio: false, animation: false });
    expect(page.options).not.toHaveProperty("devicePixelRatio");
    expect(page.options!.plugins).not.toHaveProperty("title");
    expect(scaleOptions(page, "y").ticks.font).toBeUndefined();
    expect(page.plugins!.map((p) => p.id)).toEqual(["hindsightAnnotations"]);

    const png = pngChartConfiguration(LATENCY, "dark", 2);
    expect(png.options).toMatchObject({ responsive: false, animation: false, devicePixelRatio: 2 });
    expect(png.options!.plugins!.title).toMatchObject({ display: true, text: "Latency percentiles over time", color: "#cbd5e1" });
    expect(scaleOptions(png, "y").ticks.font).toEqual({ family: '"Hindsight Chart Sans"' });
    expect(png.plugins!.map((p) => p.id)).toEqual(["hindsightBackground", "hindsightAnnotations"]);
  });

  it("notes a threshold far above the data instead of stretching the axis", () => {
    const far = chartConfiguration(latencyChart(RUN, { sloMs: 5000 })!, "light");
    expect(scaleOptions(far, "y").suggestedMax).toBeUndefined();
  });
});
