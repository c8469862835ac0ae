"use client";

/**
 * A ChartFigure the reader can zoom: drag across the plot to pick a window (Escape cancels), or
 * use the buttons (zoom in to the middle half, zoom out to double, the focus window, reset). Each
 * zoom asks the caller for the detail of the new window and redraws with the spec it returns;
 * a newer zoom aborts the request of an older one. The shown window appears at once with the
 * points already loaded, and fills in when the detail arrives.
 */
import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import type { Chart } from "chart.js";
import { ChartFigure } from "@/components/charts/chart-figure";
import type { ChartSpec } from "@/lib/charts/spec";

export type ChartWindow = { from: number; to: number };
export type ChartDetail = { spec: ChartSpec; status: string };

/** The narrowest window: a second of data. */
const MIN_WINDOW_MS = 1000;
/** A drag shorter than this (CSS pixels) is a click, not a zoom. */
const MIN_DRAG_PX = 6;

export type ZoomableChartProps = {
  /** The chart over its full range, as the page first drew it. */
  spec: ChartSpec;
  /** What the status line says of `spec`: "Detail: level 0, 1,200 of 1,200 points". */
  status: string;
  /** Zone for the time labels; replaces the spec's, so a zone toggle needs no new data. */
  timeZone: string;
  /** Everything the chart can show: zoom out and reset stop here. */
  fullRange: { min: number; max: number };
  /** A window worth a button of its own (the incident), with the button's name. */
  focus?: { window: ChartWindow; label: string } | null;
  /** Fetch the chart for a window; abort when the signal fires. Throw an Error whose message the reader should see. */
  loadWindow: (window: ChartWindow, signal: AbortSignal) => Promise<ChartDetail>;
  /** The image link for a window (null: the full range). */
  png?: (window: ChartWindow | null) => string;
  height?: number;
};

/** A zoomed view; none means the full range, drawn from the props so a refreshed page shows its new data. */
type View = { window: ChartWindow; spec: ChartSpec; status: string };
type Drag = { start: number; current: number; top: number; bottom: number; pointerId: number };

function clampWindow(w: ChartWindow, bounds: { min: number; max: number }): ChartWindow {
  const span = Math.max(MIN_WINDOW_MS, w.to - w.from);
  if (span >= bounds.max - bounds.min) return { from: bounds.min, to: bounds.max };
  const from = Math.min(Math.max(w.from, bounds.min), bounds.max - span);
  return { from, to: from + span };
}

export function ZoomableChart({ spec, status, timeZone, fullRange, focus, loadWindow, png, height = 300 }: ZoomableChartProps) {
  const [view, setView] = useState<View | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const chartRef = useRef<Chart | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  useEffect(() => () => abortRef.current?.abort(), []);

  // Escape drops a drag in progress.
  useEffect(() => {
    if (!drag) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      // The pointer stays captured until it is released; with no drag its release does nothing.
      setDrag(null);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [drag]);

  const bounds = useMemo(
    () =>
      focus ? { min: Math.min(fullRange.min, focus.window.from), max: Math.max(fullRange.max, focus.window.to) } : fullRange,
    [fullRange, focus],
  );
  const current: ChartWindow = view?.window ?? { from: fullRange.min, to: fullRange.max };
  const zoomed = view !== null;
  const atFull = current.from <= bounds.min && current.to >= bounds.max;

  function zoomTo(requested: ChartWindow) {
    const w = clampWindow(requested, bounds);
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    // Show the window at once with what is loaded; the detail replaces it.
    setView((v) => ({
      window: w,
      spec: { ...(v?.spec ?? spec), xRange: { min: w.from, max: w.to } },
      status: v?.status ?? status,
    }));
    setLoading(true);
    setError(null);
    loadWindow(w, controller.signal).then(
      (detail) => {
        if (controller.signal.aborted) return;
        setView({ window: w, spec: { ...detail.spec, xRange: { min: w.from, max: w.to } }, status: detail.status });
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setLoading(false);
        setError(e instanceof Error ? e.message : "Could not load the detail of this window.");
      },
    );
  }

  function reset() {
    abortRef.current?.abort();
    setLoading(false);
    setError(null);
    setView(null);
  }

  function zoomIn() {
    const quarter = (current.to - current.from) / 4;
    zoomTo({ from: current.from + quarter, to: current.to - quarter });
  }

  function zoomOut() {
    const half = (current.to - current.from) / 2;
    const w = clampWindow({ from: current.from - half, to: current.to + half }, bounds);
    if (w.from <= bounds.min && w.to >= bounds.max) reset();
    else zoomTo(w);
  }

  function zoomToFocus() {
    if (!focus) return;
    // A little room either side, so the shaded window's edges show.
    const pad = Math.max(MIN_WINDOW_MS, (focus.window.to - focus.window.from) * 0.05);
    zoomTo({ from: focus.window.from - pad, to: focus.window.to + pad });
  }

  /** The plot's x pixel of a pointer event, relative to the canvas. */
  function pointerX(e: ReactPointerEvent<HTMLDivElement>): number {
    return e.clientX - e.currentTarget.getBoundingClientRect().left;
  }

  const plotProps = {
    className: "cursor-crosshair touch-pan-y select-none",
    onPointerDown: (e: ReactPointerEvent<HTMLDivElement>) => {
      const chart = chartRef.current;
      if (!chart || e.button !== 0) return;
      const x = pointerX(e);
      const y = e.clientY - e.currentTarget.getBoundingClientRect().top;
      const area = chart.chartArea;
      if (x < area.left || x > area.right || y < area.top || y > area.bottom) return;
      e.currentTarget.setPointerCapture(e.pointerId);
      setDrag({ start: x, current: x, top: area.top, bottom: area.bottom, pointerId: e.pointerId });
    },
    onPointerMove: (e: ReactPointerEvent<HTMLDivElement>) => {
      const chart = chartRef.current;
      if (!drag || !chart || e.pointerId !== drag.pointerId) return;
      const x = Math.min(Math.max(pointerX(e), chart.chartArea.left), chart.chartArea.right);
      setDrag({ ...drag, current: x });
    },
    onPointerUp: (e: ReactPointerEvent<HTMLDivElement>) => {
      const chart = chartRef.current;
      if (!drag || e.pointerId !== drag.pointerId) return;
      setDrag(null);
      if (!chart || Math.abs(drag.current - drag.start) < MIN_DRAG_PX) return;
      const a = chart.scales.x.getValueForPixel(Math.min(drag.start, drag.current));
      const b = chart.scales.x.getValueForPixel(Math.max(drag.start, drag.current));
      if (a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b)) zoomTo({ from: a, to: b });
    },
    onPointerCancel: () => setDrag(null),
  };

  const drawn = view?.spec ?? spec;
  // Title, caption and annotations always come from the page's spec: an edit or a new timeline
  // event shows in a zoomed view too (the full range holds every marker a window can show).
  const shown = useMemo(
    () => ({ ...drawn, title: spec.title, caption: spec.caption, annotations: spec.annotations, timeZone }),
    [drawn, spec.title, spec.caption, spec.annotations, timeZone],
  );
  const selection = drag && (
    <div
      aria-hidden="true"
      data-testid="zoom-selection"
      className="pointer-events-none absolute border-x-2 border-indigo-500 bg-indigo-500/20"
      style={{
        left: Math.min(drag.start, drag.current),
        width: Math.abs(drag.current - drag.start),
        top: drag.top,
        height: drag.bottom - drag.top,
      }}
    />
  );

  return (
    <ChartFigure
      spec={shown}
      height={height}
      busy={loading}
      png={png?.(view?.window ?? null)}
      onChart={(chart) => {
        chartRef.current = chart;
      }}
      plotProps={plotProps}
      overlay={selection}
      toolbar={
        <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label={`Zoom “${spec.title}”`}>
          <button type="button" className="btn-secondary" onClick={zoomIn}>
            Zoom in
          </button>
          <button type="button" className="btn-secondary" onClick={zoomOut} disabled={atFull}>
            Zoom out
          </button>
          {focus && (
            <button type="button" className="btn-secondary" onClick={zoomToFocus}>
              {focus.label}
            </button>
          )}
          <button type="button" className="btn-secondary" onClick={reset} disabled={!zoomed}>
            Reset zoom
          </button>
          <span className="text-xs text-slate-500">Or drag across the chart to zoom; Escape cancels.</span>
        </div>
      }
      status={
        <p role="status" aria-live="polite" data-testid="chart-detail" className="text-xs text-slate-600 dark:text-slate-400">
          {loading ? "Loading detail…" : (view?.status ?? status)}
          {error && <span className="text-red-700 dark:text-red-400"> Could not load the detail: {error}</span>}
        </p>
      }
    />
  );
}
