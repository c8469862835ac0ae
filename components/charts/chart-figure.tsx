"use client";

/**
 * The one Chart.js wrapper: renders any ChartSpec as a <figure> with its caption, a text summary
 * on the canvas for screen readers and the data as a table anyone can open. Colours follow the
 * light/dark preference; time labels use the spec's zone (UTC unless the reader chose one).
 */
import { useEffect, useId, useRef, useSyncExternalStore } from "react";
import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  TimeScale,
  Tooltip,
  type ChartConfiguration,
  type ChartOptions,
  type Plugin,
  type Scale,
} from "chart.js";
import "chartjs-adapter-date-fns";
import { chartTable, describeChart } from "@/lib/charts/describe";
import { formatBare, formatElapsed, formatTime, formatValue, formatX, xAxisTitle } from "@/lib/charts/format";
import { chromeColors, seriesColor, toneColors, type ChartTheme } from "@/lib/charts/palette";
import { isEmptyChart, type ChartSpec, type ChartValueAxis } from "@/lib/charts/spec";
import { elapsedTicks, timeTicks } from "@/lib/charts/ticks";

Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Tooltip, Legend);

const DARK_QUERY = "(prefers-color-scheme: dark)";

function subscribeToTheme(onChange: () => void) {
  const media = window.matchMedia(DARK_QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

function useChartTheme(): ChartTheme {
  return useSyncExternalStore(
    subscribeToTheme,
    () => (window.matchMedia(DARK_QUERY).matches ? "dark" : "light"),
    () => "light",
  );
}

/** A threshold far above the data would flatten the lines; beyond this factor it is noted instead of drawn. */
const THRESHOLD_STRETCH = 4;

function dataMax(spec: ChartSpec, axis: "y" | "y2"): number {
  let max = 0;
  for (const s of spec.series) if (s.axis === axis) for (const [, y] of s.points) if (y !== null && y > max) max = y;
  return max;
}

/** Shaded windows, threshold lines and markers, drawn under the data (no annotation plugin needed). */
function annotationPlugin(spec: ChartSpec, theme: ChartTheme): Plugin<"line"> {
  return {
    id: "hindsightAnnotations",
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: area, scales } = chart;
      const text = chromeColors(theme).text;
      ctx.save();
      ctx.font = "11px ui-sans-serif, system-ui, sans-serif";
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

function valueScale(
  spec: ChartSpec,
  axis: ChartValueAxis,
  id: "y" | "y2",
  theme: ChartTheme,
): NonNullable<ChartOptions<"line">["scales"]>[string] {
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
    title: { display: true, text: axis.title, color: chrome.text },
    ticks: { color: chrome.text, callback: (v) => formatBare(Number(v), axis.unit) },
    grid: { color: chrome.grid, drawOnChartArea: id === "y" },
    border: { color: chrome.grid },
  };
}

function configuration(spec: ChartSpec, theme: ChartTheme): ChartConfiguration<"line", { x: number; y: number | null }[]> {
  const chrome = chromeColors(theme);
  const firstX = spec.series.find((s) => s.points.length)?.points[0][0];
  const xTitle = { display: true, text: xAxisTitle(spec.x, spec.timeZone, firstX), color: chrome.text };
  const xTicks = {
    color: chrome.text,
    maxRotation: 0,
    autoSkip: true,
    callback: (v: string | number) => formatX(Number(v), spec.x, spec.timeZone),
  };
  // Round wall-clock (or since-start) ticks in place of Chart.js's steps from the first point.
  const roundTicks = (scale: Scale) => {
    const values = spec.x.kind === "time" ? timeTicks(scale.min, scale.max, spec.timeZone) : elapsedTicks(scale.min, scale.max);
    if (values.length >= 2) scale.ticks = values.map((value) => ({ value }));
  };
  const xCommon = {
    bounds: "data" as const,
    title: xTitle,
    ticks: xTicks,
    grid: { color: chrome.grid },
    border: { color: chrome.grid },
    afterBuildTicks: roundTicks,
  };
  return {
    type: "line",
    data: {
      datasets: spec.series.map((s) => {
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
      }),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: spec.x.kind === "time" ? { type: "time", ...xCommon } : { type: "linear", ...xCommon },
        y: valueScale(spec, spec.y, "y", theme),
        ...(spec.y2 ? { y2: valueScale(spec, spec.y2, "y2", theme) } : {}),
      },
      plugins: {
        legend: {
          display: spec.series.length > 1,
          labels: { color: chrome.text, usePointStyle: true, pointStyle: "line" },
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
    plugins: [annotationPlugin(spec, theme)],
  };
}

export function ChartFigure({ spec, height = 260 }: { spec: ChartSpec; height?: number }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const theme = useChartTheme();
  const captionId = useId();
  const empty = isEmptyChart(spec);

  useEffect(() => {
    if (empty || !canvasRef.current) return;
    const chart = new Chart(canvasRef.current, configuration(spec, theme));
    return () => chart.destroy();
  }, [spec, theme, empty]);

  const table = chartTable(spec);
  return (
    <figure className="card space-y-2" aria-labelledby={captionId} data-chart={spec.id}>
      <figcaption id={captionId} className="text-sm">
        <span className="block font-semibold">{spec.title}</span>
        <span className="text-slate-600 dark:text-slate-400">{spec.caption}</span>
      </figcaption>
      {empty ? (
        <p className="py-8 text-center text-sm text-slate-600 dark:text-slate-400">No values to draw.</p>
      ) : (
        <div className="relative" style={{ height }}>
          <canvas ref={canvasRef} role="img" aria-label={describeChart(spec)} />
        </div>
      )}
      {table.rows.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Data table ({table.rows.length} rows)</summary>
          <div className="mt-2 max-h-72 overflow-auto">
            <table className="w-full text-right tabular-nums">
              <caption className="sr-only">{spec.title}</caption>
              <thead className="sticky top-0 bg-white dark:bg-slate-900">
                <tr>
                  {table.columns.map((c, i) => (
                    <th key={c} scope="col" className={`px-2 py-1 font-medium ${i === 0 ? "text-left" : ""}`}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, r) => (
                  <tr key={r} className="border-t border-slate-100 dark:border-slate-800">
                    {row.map((cell, i) =>
                      i === 0 ? (
                        <th key={i} scope="row" className="px-2 py-0.5 text-left font-normal">
                          {cell}
                        </th>
                      ) : (
                        <td key={i} className="px-2 py-0.5">
                          {cell}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}
