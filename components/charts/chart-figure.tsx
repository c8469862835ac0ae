"use client";

/**
 * The one Chart.js wrapper: renders any ChartSpec as a <figure> with its caption, a text summary
 * on the canvas for screen readers and the data as a table anyone can open. Colours follow the
 * light/dark preference; time labels use the spec's zone (UTC unless the reader chose one).
 */
import { useEffect, useId, useRef, useSyncExternalStore } from "react";
import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, TimeScale, Tooltip } from "chart.js";
import "chartjs-adapter-date-fns";
import { chartConfiguration } from "@/lib/charts/chart-config";
import { chartTable, describeChart } from "@/lib/charts/describe";
import type { ChartTheme } from "@/lib/charts/palette";
import { isEmptyChart, type ChartSpec } from "@/lib/charts/spec";

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

/** The image link in the reader's theme: the server draws the same spec on a canvas of its own. */
function pngHref(base: string, theme: ChartTheme): string {
  if (theme === "light") return base;
  return `${base}${base.includes("?") ? "&" : "?"}theme=dark`;
}

/**
 * `png`: where the server renders this chart as an image (the run page's API route); a small link
 * under the chart offers it as a download.
 */
export function ChartFigure({ spec, height = 260, png }: { spec: ChartSpec; height?: number; png?: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const theme = useChartTheme();
  const captionId = useId();
  const empty = isEmptyChart(spec);

  useEffect(() => {
    if (empty || !canvasRef.current) return;
    const chart = new Chart(canvasRef.current, chartConfiguration(spec, theme));
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
