/**
 * One chart definition for every place a chart appears: pages render it with Chart.js in the
 * browser, exports may render the same spec on the server. A spec is plain JSON (no functions, no
 * Dates, no colours): the renderer picks colours for its theme and formats labels from the units.
 */

export const CHART_SPEC_VERSION = 1;

/** Units a value axis or series can carry; formatting and axis titles follow from them. */
export type ChartUnit =
  | "ms"
  | "req/s"
  | "errors/s"
  | "users"
  | "%"
  | "count"
  | "bytes"
  | "bytes/s"
  | "cores"
  /** Elapsed time shown as m:ss (load-test run lengths). */
  | "s"
  /** A measured duration in seconds shown as "0.25 s" (latency from Prometheus histograms). */
  | "sec";

/** Colour tokens; each renderer maps them to a light or dark palette. */
export const CHART_COLORS = ["blue", "orange", "green", "red", "purple", "teal", "pink", "gray"] as const;
export type ChartColor = (typeof CHART_COLORS)[number];

/**
 * x axis: `time` is epoch ms shown as wall-clock time in the spec's zone (UTC unless given);
 * `elapsed` is seconds since a start, so runs from different weeks line up.
 */
export type ChartXAxis = { kind: "time"; title?: string } | { kind: "elapsed"; title?: string };

export type ChartValueAxis = {
  title: string;
  unit: ChartUnit;
  /** Latency, rates and counts start at zero; a log axis would hide the knee. */
  beginAtZero: boolean;
};

/** [x, y]: x is epoch ms (time axis) or seconds (elapsed axis); a null y is a gap, never a zero. */
export type ChartPoint = [number, number | null];

export type ChartSeries = {
  id: string;
  label: string;
  unit: ChartUnit;
  axis: "y" | "y2";
  color: ChartColor;
  /** `step` holds each value until the next point (users ramped in steps). */
  style: "line" | "step";
  dashed?: boolean;
  points: ChartPoint[];
};

export type AnnotationTone = "good" | "bad" | "neutral";

export type ChartAnnotation =
  /** A shaded stretch of the x axis, e.g. the window a capacity figure was held. */
  | { kind: "window"; from: number; to: number; label: string; tone: AnnotationTone }
  /** A horizontal line on a value axis, e.g. the latency SLO. */
  | { kind: "threshold"; axis: "y" | "y2"; value: number; label: string; tone: AnnotationTone }
  /** A vertical line at one x, e.g. the knee bucket. */
  | { kind: "marker"; x: number; label: string; tone: AnnotationTone };

export type ChartSpec = {
  version: typeof CHART_SPEC_VERSION;
  /** Lines (the default) or bars (counts per interval); every series of a chart is drawn the same way. */
  kind?: "line" | "bar";
  /** Unique on its page; used for element ids. */
  id: string;
  title: string;
  /** One or two sentences under the chart saying what it shows. */
  caption: string;
  x: ChartXAxis;
  y: ChartValueAxis;
  y2?: ChartValueAxis;
  series: ChartSeries[];
  annotations: ChartAnnotation[];
  /** IANA zone for time labels; UTC unless the reader chose another. */
  timeZone: string;
  /** The x range shown; the data's own range when omitted. A zoomed chart shows its window. */
  xRange?: { min: number; max: number };
};

export function chartSpec(spec: Omit<ChartSpec, "version" | "annotations" | "timeZone"> & Partial<ChartSpec>): ChartSpec {
  return { annotations: [], timeZone: "UTC", ...spec, version: CHART_SPEC_VERSION };
}

/** True when no series has a single known value: the renderer shows a note instead of empty axes. */
export function isEmptyChart(spec: ChartSpec): boolean {
  return spec.series.every((s) => s.points.every(([, y]) => y === null));
}

export function colorForIndex(i: number): ChartColor {
  return CHART_COLORS[i % CHART_COLORS.length];
}
