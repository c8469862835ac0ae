/**
 * The Chart.js configuration of a ChartSpec: one definition for the page (Chart.js in the browser,
 * components/charts/chart-figure.tsx) and for images (Chart.js on @napi-rs/canvas, render-png.ts).
 * Plain TypeScript with type-only Chart.js imports: no DOM, no React, loads under plain Node.
 */
import type { ChartConfiguration, ChartOptions, Plugin, Scale } from "chart.js";
import { formatBare, formatElapsed, formatTime, formatValue, formatX, xAxisTitle } from "@/lib/charts/format";
import { chromeColors, seriesColor, toneColors, type ChartTheme } from "@/lib/charts/palette";
import type { ChartSpec, ChartValueAxis } from "@/lib/charts/spec";
import { elapsedTicks, timeTicks } from "@/lib/charts/ticks";

export type ChartDatum = { x: number; y: number | null };
export type LineChartConfiguration = ChartConfiguration<"line", ChartDatum[]>;

export type ChartConfigurationOptions = {
  /**
   * CSS font family for every text on the chart. Omitted on the page (Chart.js's default stack and
   * the system font for annotations); images pass the font they registered.
   */
  fontFamily?: string;
  /** Off by default: charts of measurements appear at once, and images draw a single frame. */
  animation?: boolean;
  /** The page fits the chart to its box; an image keeps the canvas size it was given. */
  responsive?: boolean;
  /** Draw the spec's title inside the canvas: the page shows it as a caption, an image has none around it. */
  title?: boolean;
  /** Pixels per CSS pixel; the browser's own ratio when omitted. */
  devicePixelRatio?: number;
};

/** Behind the chart: the card colours of the app (white, slate-900). */
export const CHART_BACKGROUND: Record<ChartTheme, string> = { light: "#ffffff", dark: "#0f172a" };

/** The annotation labels' font on the page, where no family is given. */
const PAGE_ANNOTATION_FONT = "ui-sans-serif, system-ui, sans-serif";

/** A threshold far above the data would flatten the lines; beyond this factor it is noted instead of drawn. */
const THRESHOLD_STRETCH = 4;

function dataMax(spec: ChartSpec, axis: "y" | "y2"): number {
  let max = 0;
  for (const s of spec.series) if (s.axis === axis) for (const [, y] of s.points) if (y !== null && y > max) max = y;
  return max;
}

/** Shaded windows, threshold lines and markers, drawn under the data (no annotation plugin needed). */
export function annotationPlugin(spec: ChartSpec, theme: ChartTheme, fontFamily = PAGE_ANNOTATION_FONT): Plugin<"line"> {
  return {
    id: "hindsightAnnotations",
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: area, scales } = chart;
      const text = chromeColors(theme).text;
      ctx.save();
      ctx.font = `11px ${fontFamily}`;
      let notes = 0;
      for (const a of spec.annotations) {
        const tone = toneColors(a.tone, theme);
        if (a.kind === "window") {
          const left = Math.max(area.left, scales.x.getPixelForValue(a.from));
          const right = Math.min(area.right, scales.x.getPixelForValue(a.to));
          if (right <= left) continue;
          ctx.fillStyle = tone.fill;
          ctx.fillRect(left, area.top, right - left, area.bottom - area.top);
          ctx.fillStyle = tone.line;
          ctx.textAlign = "left";
          ctx.fillText(a.label, left + 4, area.top + 12, Math.max(40, right - left - 8));
        } else if (a.kind === "threshold") {
          const scale = scales[a.axis];
          if (!scale) continue;
          const y = scale.getPixelForValue(a.value);
          ctx.fillStyle = tone.line;
          ctx.textAlign = "right";
          if (y < area.top || y > area.bottom) {
            ctx.fillText(
              `${a.label} (${a.value > scale.max ? "above" : "below"} the chart)`,
              area.right - 4,
              area.top + 12 + 14 * notes++,
            );
            continue;
          }
          ctx.strokeStyle = tone.line;
          ctx.setLineDash([6, 4]);
          ctx.lineWidth = 1.5;
          ctx.beginPath();
          ctx.moveTo(area.left, y);
          ctx.lineTo(area.right, y);
          ctx.stroke();
          ctx.setLineDash([]);
          ctx.fillText(a.label, area.right - 4, y - 4);
        } else {
          const x = scales.x.getPixelForValue(a.x);
          if (x < area.left || x > area.right) continue;
          ctx.strokeStyle = tone.line;
          ctx.setLineDash([2, 3]);
          ctx.beginPath();
          ctx.moveTo(x, area.top);
          ctx.lineTo(x, area.bottom);
          ctx.stroke();
          ctx.setLineDash([]);
          ctx.fillStyle = text;
          ctx.textAlign = "left";
          ctx.fillText(a.label, x + 4, area.bottom - 6);
        }
      }
      ctx.restore();
    },
  };
}

/** Fills the whole canvas after Chart.js clears it and before anything is drawn: an image has no card behind it. */
export function backgroundPlugin(theme: ChartTheme): Plugin<"line"> {
  return {
    id: "hindsightBackground",
    beforeDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.fillStyle = CHART_BACKGROUND[theme];
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    },
  };
}

type LineScaleOptions = NonNullable<ChartOptions<"line">["scales"]>[string];

/** `{ family }` where a family was given, else nothing: Chart.js keeps its defaults on the page. */
function fontOf(fontFamily: string | undefined, extra: { size?: number; weight?: "bold" } = {}) {
  return fontFamily ? { font: { family: fontFamily, ...extra } } : {};
}

export function valueScale(
  spec: ChartSpec,
  axis: ChartValueAxis,
  id: "y" | "y2",
  theme: ChartTheme,
  fontFamily?: string,
): LineScaleOptions {
  const chrome = chromeColors(theme);
  const thresholds = spec.annotations
    .filter((a) => a.kind === "threshold" && a.axis === id)
    .map((a) => (a.kind === "threshold" ? a.value : 0));
  const max = dataMax(spec, id);
  const reachable = thresholds.filter((v) => max === 0 || v <= max * THRESHOLD_STRETCH);
  return {
    type: "linear",
    position: id === "y" ? "left" : "right",
    beginAtZero: axis.beginAtZero,
    suggestedMax: reachable.length ? Math.max(...reachable) * 1.08 : undefined,
    title: { display: true, text: axis.title, color: chrome.text, ...fontOf(fontFamily) },
    ticks: { color: chrome.text, callback: (v) => formatBare(Number(v), axis.unit), ...fontOf(fontFamily) },
    grid: { color: chrome.grid, drawOnChartArea: id === "y" },
    border: { color: chrome.grid },
  };
}

/** The x axis: wall-clock time in the spec's zone, or time since start, with round ticks. */
export function xScale(spec: ChartSpec, theme: ChartTheme, fontFamily?: string): LineScaleOptions {
  const chrome = chromeColors(theme);
  const firstX = spec.series.find((s) => s.points.length)?.points[0][0];
  // Round wall-clock (or since-start) ticks in place of Chart.js's steps from the first point.
  const roundTicks = (scale: Scale) => {
    const values = spec.x.kind === "time" ? timeTicks(scale.min, scale.max, spec.timeZone) : elapsedTicks(scale.min, scale.max);
    if (values.length >= 2) scale.ticks = values.map((value) => ({ value }));
  };
  const common = {
    bounds: "data" as const,
    title: { display: true, text: xAxisTitle(spec.x, spec.timeZone, firstX), color: chrome.text, ...fontOf(fontFamily) },
    ticks: {
      color: chrome.text,
      maxRotation: 0,
      autoSkip: true,
      callback: (v: string | number) => formatX(Number(v), spec.x, spec.timeZone),
      ...fontOf(fontFamily),
    },
    grid: { color: chrome.grid },
    border: { color: chrome.grid },
    afterBuildTicks: roundTicks,
  };
  return spec.x.kind === "time" ? { type: "time", ...common } : { type: "linear", ...common };
}

/** One Chart.js dataset per series, in the theme's colours. */
export function chartDatasets(spec: ChartSpec, theme: ChartTheme): LineChartConfiguration["data"]["datasets"] {
  return spec.series.map((s) => {
    const color = seriesColor(s.color, theme);
    return {
      label: s.label,
      data: s.points.map(([x, y]) => ({ x, y })),
      yAxisID: s.axis,
      borderColor: color,
      backgroundColor: color,
      borderWidth: 1.75,
      borderDash: s.dashed ? [6, 4] : undefined,
      pointRadius: s.points.length === 1 ? 3 : 0,
      pointHoverRadius: 3,
      // Hold each value until the next point: users ramp in steps.
      stepped: s.style === "step" ? ("before" as const) : false,
      spanGaps: false,
      parsing: false,
      normalized: true,
    };
  });
}

/** The whole Chart.js configuration of a spec; the page calls it with no options, images with theirs. */
export function chartConfiguration(
  spec: ChartSpec,
  theme: ChartTheme,
  { fontFamily, animation = false, responsive = true, title = false, devicePixelRatio }: ChartConfigurationOptions = {},
): LineChartConfiguration {
  const chrome = chromeColors(theme);
  return {
    type: "line",
    data: { datasets: chartDatasets(spec, theme) },
    options: {
      responsive,
      maintainAspectRatio: false,
      animation: animation ? undefined : false,
      ...(devicePixelRatio !== undefined ? { devicePixelRatio } : {}),
      interaction: { mode: "index", intersect: false },
      scales: {
        x: xScale(spec, theme, fontFamily),
        y: valueScale(spec, spec.y, "y", theme, fontFamily),
        ...(spec.y2 ? { y2: valueScale(spec, spec.y2, "y2", theme, fontFamily) } : {}),
      },
      plugins: {
        ...(title
          ? {
              title: {
                display: true,
                text: spec.title,
                color: chrome.text,
                align: "start" as const,
                padding: { top: 0, bottom: 6 },
                ...fontOf(fontFamily, { size: 16, weight: "bold" }),
              },
            }
          : {}),
        legend: {
          display: spec.series.length > 1,
          labels: { color: chrome.text, usePointStyle: true, pointStyle: "line", ...fontOf(fontFamily) },
        },
        tooltip: {
          backgroundColor: chrome.tooltipBackground,
          titleColor: chrome.tooltipText,
          bodyColor: chrome.tooltipText,
          callbacks: {
            title: (items) => {
              const x = items[0]?.parsed.x;
              if (x === undefined || x === null) return "";
              return spec.x.kind === "time" ? formatTime(x, spec.timeZone) : `${formatElapsed(x)} since start`;
            },
            label: (item) =>
              `${item.dataset.label}: ${formatValue(item.parsed.y, spec.series[item.datasetIndex]?.unit ?? "count")}`,
          },
        },
      },
    },
    plugins: [annotationPlugin(spec, theme, fontFamily)],
  };
}
