/**
 * The Chart.js configuration of a ChartSpec: one definition for the page (Chart.js in the browser,
 * components/charts/chart-figure.tsx) and for images (Chart.js on @napi-rs/canvas, render-png.ts).
 * Plain TypeScript with type-only Chart.js imports: no DOM, no React, loads under plain Node.
 */
import type { ChartConfiguration, ChartOptions, Plugin, Scale } from "chart.js";
import { markerNumbers, visibleXRange } from "@/lib/charts/describe";
import {
  DATE_LABEL_SPAN_MS,
  formatBare,
  formatElapsed,
  formatTime,
  formatTimeTick,
  formatValue,
  formatX,
  xAxisTitle,
} from "@/lib/charts/format";
import { chromeColors, seriesColor, toneColors, type ChartTheme } from "@/lib/charts/palette";
import type { ChartSpec, ChartValueAxis } from "@/lib/charts/spec";
import { binaryTicks, elapsedTicks, tickStepSeconds, timeTicks } from "@/lib/charts/ticks";

export type ChartDatum = { x: number; y: number | null };
/** Lines or bars: a spec's `kind` picks one for all its series. */
export type ChartJsType = "line" | "bar";
export type ChartJsConfiguration = ChartConfiguration<ChartJsType, ChartDatum[]>;

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
/** Behind marker labels, so a label stays readable where a line crosses it. */
const LABEL_HALO: Record<ChartTheme, string> = { light: "rgba(255, 255, 255, 0.85)", dark: "rgba(15, 23, 42, 0.85)" };

/** The annotation labels' font on the page, where no family is given. */
const PAGE_ANNOTATION_FONT = "ui-sans-serif, system-ui, sans-serif";

/** A threshold far above the data would flatten the lines; beyond this factor it is noted instead of drawn. */
const THRESHOLD_STRETCH = 4;

/** Label rows along the top of the plot: the first baseline, the distance between rows. */
const LABEL_TOP = 12;
const LABEL_ROW_HEIGHT = 14;
/** Rows marker labels may use before a label shrinks to its number. */
export const MARKER_LABEL_ROWS = 3;

function dataMax(spec: ChartSpec, axis: "y" | "y2"): number {
  let max = 0;
  for (const s of spec.series) if (s.axis === axis) for (const [, y] of s.points) if (y !== null && y > max) max = y;
  return max;
}

/** A label wanted at pixel `x` (a marker line), `width` wide in full and `numberWidth` as its number alone. */
export type MarkerLabelRequest = { x: number; width: number; numberWidth: number };
/** Where a label goes: its row from the top (0 first), its left edge, and whether it is drawn in full or as its number. */
export type MarkerLabelPlacement = { row: number; left: number; mode: "label" | "number" };
/** Room already taken on a row (a window's or a threshold's label). */
export type TakenSpan = { row: number; left: number; right: number };

/**
 * Places marker labels so neighbours do not overlap: each label sits right of its line (left of it
 * near the right edge) on the first of `rows` rows with room. Where none has room it shrinks to the
 * marker's number, on the first of those rows with room for that, else on a row of numbers below
 * them. Pure, so the decisions are testable without a canvas.
 */
export function placeMarkerLabels(
  markers: MarkerLabelRequest[],
  bounds: { left: number; right: number },
  { rows = MARKER_LABEL_ROWS, gap = 6, taken = [] }: { rows?: number; gap?: number; taken?: TakenSpan[] } = {},
): MarkerLabelPlacement[] {
  // One more row than labels may use: numbers that found no room above line up there.
  const used: { left: number; right: number }[][] = Array.from({ length: rows + 1 }, (_, row) =>
    taken.filter((t) => t.row === row).map(({ left, right }) => ({ left, right })),
  );
  const spanAt = (x: number, width: number) =>
    x + 4 + width <= bounds.right
      ? { left: x + 4, right: x + 4 + width }
      : { left: Math.max(bounds.left, x - 4 - width), right: x - 4 };
  const fits = (row: number, span: { left: number; right: number }) =>
    used[row].every((u) => span.right + gap <= u.left || span.left >= u.right + gap);
  const firstRowWithRoom = (span: { left: number; right: number }) => used.slice(0, rows).findIndex((_, r) => fits(r, span));
  const placements: MarkerLabelPlacement[] = new Array(markers.length);
  const order = markers.map((_, i) => i).sort((a, b) => markers[a].x - markers[b].x || a - b);
  for (const i of order) {
    const { x, width, numberWidth } = markers[i];
    const full = spanAt(x, width);
    let row = firstRowWithRoom(full);
    if (row !== -1) {
      used[row].push(full);
      placements[i] = { row, left: full.left, mode: "label" };
      continue;
    }
    let short = spanAt(x, numberWidth);
    row = firstRowWithRoom(short);
    if (row === -1) {
      // The row of numbers: each after the one before, so lines a pixel apart still read "3 4 5".
      row = rows;
      const after = Math.max(-Infinity, ...used[row].map((u) => u.right + gap));
      if (short.left < after) short = { left: after, right: after + numberWidth };
    }
    used[row].push(short);
    placements[i] = { row, left: short.left, mode: "number" };
  }
  return placements;
}

/** What the annotation plugin drew on its last frame; the page records it on the canvas for tests and tools. */
export type AnnotationsDrawn = { windows: number; thresholds: number; markers: number; markerNumbersOnly: number };

/** A label drawn over the data, on a halo so lines crossing it do not hide it. */
type PendingLabel = { text: string; left: number; y: number; color: string; maxWidth?: number };

/**
 * Shaded windows, threshold lines and markers, drawn under the data (no annotation plugin needed);
 * their labels are drawn over it on a faint halo, marker labels staggered in rows along the top.
 */
export function annotationPlugin(spec: ChartSpec, theme: ChartTheme, fontFamily = PAGE_ANNOTATION_FONT): Plugin<ChartJsType> {
  const numbers = markerNumbers(spec);
  let labels: PendingLabel[] = [];
  let drawn: AnnotationsDrawn = { windows: 0, thresholds: 0, markers: 0, markerNumbersOnly: 0 };
  return {
    id: "hindsightAnnotations",
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: area, scales } = chart;
      const text = chromeColors(theme).text;
      const rowY = (row: number) => area.top + LABEL_TOP + LABEL_ROW_HEIGHT * row;
      labels = [];
      drawn = { windows: 0, thresholds: 0, markers: 0, markerNumbersOnly: 0 };
      const taken: TakenSpan[] = [];
      const markers: { x: number; label: string; number: number; color: string }[] = [];
      ctx.save();
      ctx.font = `11px ${fontFamily}`;
      let notes = 0;
      for (const a of spec.annotations) {
        const tone = toneColors(a.tone, theme);
        if (a.kind === "window") {
          const left = Math.max(area.left, scales.x.getPixelForValue(a.from));
          const right = Math.min(area.right, scales.x.getPixelForValue(a.to));
          if (right <= left) continue;
          drawn.windows++;
          ctx.fillStyle = tone.fill;
          ctx.fillRect(left, area.top, right - left, area.bottom - area.top);
          const maxWidth = Math.max(40, right - left - 8);
          labels.push({ text: a.label, left: left + 4, y: rowY(0), color: tone.line, maxWidth });
          taken.push({ row: 0, left: left + 4, right: left + 4 + Math.min(maxWidth, ctx.measureText(a.label).width) });
        } else if (a.kind === "threshold") {
          const scale = scales[a.axis];
          if (!scale) continue;
          const y = scale.getPixelForValue(a.value);
          ctx.fillStyle = tone.line;
          ctx.textAlign = "right";
          if (y < area.top || y > area.bottom) {
            const note = `${a.label} (${a.value > scale.max ? "above" : "below"} the chart)`;
            ctx.fillText(note, area.right - 4, rowY(notes));
            taken.push({ row: notes++, left: area.right - 4 - ctx.measureText(note).width, right: area.right - 4 });
            continue;
          }
          drawn.thresholds++;
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
          drawn.markers++;
          ctx.strokeStyle = tone.line;
          ctx.lineWidth = 1;
          ctx.setLineDash([2, 3]);
          ctx.beginPath();
          ctx.moveTo(x, area.top);
          ctx.lineTo(x, area.bottom);
          ctx.stroke();
          ctx.setLineDash([]);
          markers.push({ x, label: a.label, number: numbers.get(a) ?? 0, color: text });
        }
      }
      const full = markers.map((m) => `${m.number}: ${m.label}`);
      const placements = placeMarkerLabels(
        markers.map((m, i) => ({
          x: m.x,
          width: ctx.measureText(full[i]).width,
          numberWidth: ctx.measureText(String(m.number)).width,
        })),
        { left: area.left, right: area.right },
        { taken },
      );
      placements.forEach((p, i) => {
        if (p.mode === "number") drawn.markerNumbersOnly++;
        labels.push({
          text: p.mode === "label" ? full[i] : String(markers[i].number),
          left: p.left,
          y: rowY(p.row),
          color: markers[i].color,
        });
      });
      ctx.restore();
    },
    afterDatasetsDraw(chart) {
      if (labels.length === 0) return;
      const { ctx } = chart;
      ctx.save();
      ctx.font = `11px ${fontFamily}`;
      ctx.textAlign = "left";
      for (const l of labels) {
        const width = Math.min(ctx.measureText(l.text).width, l.maxWidth ?? Infinity);
        ctx.fillStyle = LABEL_HALO[theme];
        ctx.fillRect(l.left - 2, l.y - 10, width + 4, 13);
        ctx.fillStyle = l.color;
        if (l.maxWidth === undefined) ctx.fillText(l.text, l.left, l.y);
        else ctx.fillText(l.text, l.left, l.y, l.maxWidth);
      }
      ctx.restore();
    },
    afterDraw(chart) {
      // In the browser the canvas says what was drawn (tests read it); an image's canvas has no dataset.
      const canvas: unknown = chart.canvas;
      if (typeof HTMLCanvasElement !== "undefined" && canvas instanceof HTMLCanvasElement) {
        canvas.dataset.annotationsDrawn = JSON.stringify(drawn);
      }
    },
  };
}

/** Fills the whole canvas after Chart.js clears it and before anything is drawn: an image has no card behind it. */
export function backgroundPlugin(theme: ChartTheme): Plugin<ChartJsType> {
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

type ScaleOptions = NonNullable<ChartOptions<ChartJsType>["scales"]>[string];

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
): ScaleOptions {
  const chrome = chromeColors(theme);
  const thresholds = spec.annotations
    .filter((a) => a.kind === "threshold" && a.axis === id)
    .map((a) => (a.kind === "threshold" ? a.value : 0));
  const max = dataMax(spec, id);
  const reachable = thresholds.filter((v) => max === 0 || v <= max * THRESHOLD_STRETCH);
  // Memory reads in binary multiples: ticks at 512 MiB, 1 GiB, 1.5 GiB rather than at 477 MiB, 954 MiB.
  const binaryRoundTicks = (scale: Scale) => {
    const values = binaryTicks(scale.min, scale.max);
    if (values.length < 2) return;
    scale.max = Math.max(scale.max, values[values.length - 1]);
    scale.ticks = values.map((value) => ({ value }));
  };
  return {
    type: "linear",
    position: id === "y" ? "left" : "right",
    beginAtZero: axis.beginAtZero,
    suggestedMax: reachable.length ? Math.max(...reachable) * 1.08 : undefined,
    title: { display: true, text: axis.title, color: chrome.text, ...fontOf(fontFamily) },
    ticks: { color: chrome.text, callback: (v) => formatBare(Number(v), axis.unit), ...fontOf(fontFamily) },
    grid: { color: chrome.grid, drawOnChartArea: id === "y" },
    border: { color: chrome.grid },
    ...(axis.unit === "bytes" || axis.unit === "bytes/s" ? { afterBuildTicks: binaryRoundTicks } : {}),
  };
}

/** The x axis title a spec gets: "Time (CEST)", "Time (UTC)", "Time since start". */
export function chartXAxisTitle(spec: ChartSpec): string {
  const range = visibleXRange(spec);
  return xAxisTitle(spec.x, spec.timeZone, range?.min, range?.max);
}

/**
 * The x axis: wall-clock time in the spec's zone (with dates once it spans more than a day), or
 * time since start, with round ticks; a spec's `xRange` fixes the window shown.
 */
export function xScale(spec: ChartSpec, theme: ChartTheme, fontFamily?: string): ScaleOptions {
  const chrome = chromeColors(theme);
  const range = visibleXRange(spec);
  // Round wall-clock (or since-start) ticks in place of Chart.js's steps from the first point.
  const roundTicks = (scale: Scale) => {
    const values = spec.x.kind === "time" ? timeTicks(scale.min, scale.max, spec.timeZone) : elapsedTicks(scale.min, scale.max);
    if (values.length >= 2) scale.ticks = values.map((value) => ({ value }));
  };
  function label(this: Scale | undefined, v: string | number): string {
    if (spec.x.kind !== "time") return formatX(Number(v), spec.x, spec.timeZone);
    // The scale's own range once laid out; the spec's where a caller asks without one.
    const scaleSpan = this ? this.max - this.min : NaN;
    const span = Number.isFinite(scaleSpan) ? scaleSpan : range ? range.max - range.min : 0;
    return formatTimeTick(Number(v), spec.timeZone, span, tickStepSeconds(span / 1000) * 1000);
  }
  const bars = spec.kind === "bar";
  const common = {
    bounds: "data" as const,
    ...(spec.xRange ? { min: spec.xRange.min, max: spec.xRange.max } : {}),
    // Bars sit centred on their time: half a bar of room at either end, grid lines stay on the ticks.
    offset: bars,
    title: { display: true, text: chartXAxisTitle(spec), color: chrome.text, ...fontOf(fontFamily) },
    ticks: {
      color: chrome.text,
      maxRotation: 0,
      autoSkip: true,
      callback: label,
      ...fontOf(fontFamily),
    },
    grid: { color: chrome.grid, offset: false },
    border: { color: chrome.grid },
    afterBuildTicks: roundTicks,
  };
  return spec.x.kind === "time" ? { type: "time", ...common } : { type: "linear", ...common };
}

/** True when every series has points at the same x values (load-test buckets), so a tooltip can list them side by side. */
function sharesX(spec: ChartSpec): boolean {
  const [first, ...rest] = spec.series;
  return rest.every((s) => s.points.length === first.points.length && s.points.every(([x], i) => x === first.points[i][0]));
}

/** One Chart.js dataset per series, in the theme's colours: lines, or bars grouped side by side. */
export function chartDatasets(spec: ChartSpec, theme: ChartTheme): ChartJsConfiguration["data"]["datasets"] {
  return spec.series.map((s) => {
    const color = seriesColor(s.color, theme);
    const common = {
      label: s.label,
      data: s.points.map(([x, y]) => ({ x, y })),
      yAxisID: s.axis,
      borderColor: color,
      backgroundColor: color,
      parsing: false as const,
      normalized: true,
    };
    if (spec.kind === "bar") {
      return { ...common, type: "bar" as const, borderWidth: 0, grouped: true, barPercentage: 0.9, categoryPercentage: 0.9 };
    }
    return {
      ...common,
      type: "line" as const,
      borderWidth: 1.75,
      borderDash: s.dashed ? [6, 4] : undefined,
      pointRadius: s.points.length === 1 ? 3 : 0,
      pointHoverRadius: 3,
      // Hold each value until the next point: users ramp in steps.
      stepped: s.style === "step" ? ("before" as const) : false,
      spanGaps: false,
    };
  });
}

/** The whole Chart.js configuration of a spec; the page calls it with no options, images with theirs. */
export function chartConfiguration(
  spec: ChartSpec,
  theme: ChartTheme,
  { fontFamily, animation = false, responsive = true, title = false, devicePixelRatio }: ChartConfigurationOptions = {},
): ChartJsConfiguration {
  const chrome = chromeColors(theme);
  const range = visibleXRange(spec);
  const span = range ? range.max - range.min : 0;
  return {
    type: spec.kind === "bar" ? "bar" : "line",
    data: { datasets: chartDatasets(spec, theme) },
    options: {
      responsive,
      maintainAspectRatio: false,
      animation: animation ? undefined : false,
      ...(devicePixelRatio !== undefined ? { devicePixelRatio } : {}),
      // Series sampled at different times (metrics from several sources) would pair unrelated points by index.
      interaction: sharesX(spec) ? { mode: "index", intersect: false } : { mode: "nearest", axis: "x", intersect: false },
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
          labels: {
            color: chrome.text,
            usePointStyle: true,
            pointStyle: spec.kind === "bar" ? "rect" : "line",
            ...fontOf(fontFamily),
          },
        },
        tooltip: {
          backgroundColor: chrome.tooltipBackground,
          titleColor: chrome.tooltipText,
          bodyColor: chrome.tooltipText,
          callbacks: {
            title: (items) => {
              const x = items[0]?.parsed.x;
              if (x === undefined || x === null) return "";
              if (spec.x.kind !== "time") return `${formatElapsed(x)} since start`;
              return formatTime(x, spec.timeZone, span > DATE_LABEL_SPAN_MS ? "MMM d HH:mm:ss" : "HH:mm:ss");
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
