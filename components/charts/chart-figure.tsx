"use client";

/**
 * The one Chart.js wrapper: renders any ChartSpec as a <figure> with its caption, a text summary
 * on the canvas for screen readers, the numbered markers as a list and the data as a table anyone
 * can open. Colours follow the light/dark preference; time labels use the spec's zone (UTC unless
 * the reader chose one).
 */
import { useEffect, useId, useRef, useState, useSyncExternalStore, type HTMLAttributes, type ReactNode } from "react";
import { Chart } from "chart.js";
import { CHART_COMPONENTS } from "@/lib/charts/chart-components";
import "chartjs-adapter-date-fns";
import { chartConfiguration, chartXAxisTitle } from "@/lib/charts/chart-config";
import { chartTable, describeChart, markerNumbers, visibleXRange } from "@/lib/charts/describe";
import { formatX } from "@/lib/charts/format";
import type { ChartTheme } from "@/lib/charts/palette";
import { isEmptyChart, type ChartSpec } from "@/lib/charts/spec";

Chart.register(...CHART_COMPONENTS);

const DARK_QUERY = "(prefers-color-scheme: dark)";

function subscribeToTheme(onChange: () => void) {
  const media = window.matchMedia(DARK_QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

export function useChartTheme(): ChartTheme {
  return useSyncExternalStore(
    subscribeToTheme,
    () => (window.matchMedia(DARK_QUERY).matches ? "dark" : "light"),
    () => "light",
  );
}

/** The image link in the reader's theme: the server draws the same spec on a canvas of its own. */
function pngHref(base: string, theme: ChartTheme): string {
  if (theme === "light") return base;
  return `${base}${base.includes("?") ? "&" : "?"}theme=dark`;
}

/** The data table, built only once opened: a zoomable chart may hold thousands of points. */
function DataTable({ spec }: { spec: ChartSpec }) {
  const [open, setOpen] = useState(false);
  const table = open ? chartTable(spec) : null;
  return (
    <details className="text-sm" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
        Data table{table ? ` (${table.rows.length} rows)` : ""}
      </summary>
      {table && (
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
      )}
    </details>
  );
}

/** The numbered markers in view: where the canvas has room only for a number, this says what it marks. */
function MarkerList({ spec }: { spec: ChartSpec }) {
  const range = visibleXRange(spec);
  const numbers = markerNumbers(spec);
  const shown = [...numbers].filter(([a]) => a.kind === "marker" && (!range || (a.x >= range.min && a.x <= range.max)));
  if (shown.length === 0) return null;
  const span = range ? range.max - range.min : 0;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
        Marked on the chart ({shown.length === 1 ? "1 event" : `${shown.length} events`})
      </summary>
      <ol className="mt-1 space-y-0.5">
        {shown.map(([a, n]) => (
          <li key={n} className="grid grid-cols-[2rem_9rem_1fr] gap-2">
            <span className="text-right font-semibold tabular-nums">{n}</span>
            <span className="font-mono text-slate-600 dark:text-slate-400">
              {a.kind === "marker" ? formatX(a.x, spec.x, spec.timeZone, span) : ""}
            </span>
            <span>{a.label}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}

export type ChartFigureProps = {
  spec: ChartSpec;
  height?: number;
  /**
   * Where the server renders this chart as an image (an API route); a small link under the chart
   * offers it as a download.
   */
  png?: string;
  /** Controls above the plot (zoom buttons). */
  toolbar?: ReactNode;
  /** A line under the plot (the detail status of a zoomable chart). */
  status?: ReactNode;
  /** Drawn over the plot, inside its box (a drag selection). */
  overlay?: ReactNode;
  /** Pointer and key handlers on the plot's box, whose top-left corner is the canvas's. */
  plotProps?: HTMLAttributes<HTMLDivElement>;
  /** Told of each Chart.js instance drawn (and of null when it goes), to map pixels to values. */
  onChart?: (chart: Chart | null) => void;
  busy?: boolean;
};

export function ChartFigure({ spec, height = 260, png, toolbar, status, overlay, plotProps, onChart, busy }: ChartFigureProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const onChartRef = useRef(onChart);
  const theme = useChartTheme();
  const captionId = useId();
  const empty = isEmptyChart(spec);

  useEffect(() => {
    onChartRef.current = onChart;
  }, [onChart]);

  useEffect(() => {
    if (empty || !canvasRef.current) return;
    const chart = new Chart(canvasRef.current, chartConfiguration(spec, theme));
    onChartRef.current?.(chart);
    return () => {
      onChartRef.current?.(null);
      chart.destroy();
    };
  }, [spec, theme, empty]);

  return (
    <figure className="card space-y-2" aria-labelledby={captionId} aria-busy={busy || undefined} data-chart={spec.id}>
      <figcaption id={captionId} className="text-sm">
        <span className="block font-semibold">{spec.title}</span>
        <span className="text-slate-600 dark:text-slate-400">{spec.caption}</span>
      </figcaption>
      {toolbar}
      {empty ? (
        <p className="py-8 text-center text-sm text-slate-600 dark:text-slate-400">No values to draw.</p>
      ) : (
        <div {...plotProps} className={`relative ${plotProps?.className ?? ""}`} style={{ ...plotProps?.style, height }}>
          <canvas ref={canvasRef} role="img" aria-label={describeChart(spec)} data-x-axis-title={chartXAxisTitle(spec)} />
          {overlay}
        </div>
      )}
      {status}
      {png && !empty && (
        <p className="text-right text-xs">
          <a
            href={pngHref(png, theme)}
            download={`${spec.id}.png`}
            className="text-slate-600 underline hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
            aria-label={`Download “${spec.title}” as a PNG image`}
          >
            PNG
          </a>
        </p>
      )}
      <MarkerList spec={spec} />
      {!empty && <DataTable spec={spec} />}
    </figure>
  );
}
