/**
 * A metric chart as a ChartSpec: the series (already downsampled) on one or two value axes, the
 * incident window shaded and timeline events marked. Pure: the same inputs give the same chart on
 * the page, in the chart-data endpoint and in exported images.
 */
import { chartSpec, colorForIndex, type ChartAnnotation, type ChartPoint, type ChartSpec } from "@/lib/charts/spec";
import type { MetricUnit } from "@/lib/metrics/units";

export const METRIC_AXIS_TITLES: Record<MetricUnit, string> = {
  ms: "Milliseconds",
  sec: "Seconds",
  "%": "Percent",
  "req/s": "Requests per second",
  "errors/s": "Errors per second",
  bytes: "Bytes",
  "bytes/s": "Bytes per second",
  cores: "CPU cores",
  count: "Count",
};

/** Longest marker label drawn on the chart; the data table and the timeline carry the full text. */
const MARKER_LABEL_CHARS = 40;

export type MetricChartSpecInput = {
  chart: { id: string; title: string; kind: "line" | "bar"; caption: string };
  series: { id: string; name: string; unit: MetricUnit; points: ChartPoint[] }[];
  incident: { startedAt: Date; mitigatedAt: Date | null; resolvedAt: Date | null };
  /** Timeline events; day-precision ones have no time of day and are not marked. */
  events: { occurredAt: Date; precision: "day" | "minute" | "second"; text: string }[];
  timeZone: string;
  xRange: { min: number; max: number };
};

/** Units in the order their first series appears: the first goes on the left axis, the second on the right. */
export function chartUnits(series: { unit: MetricUnit }[]): MetricUnit[] {
  return [...new Set(series.map((s) => s.unit))];
}

/** Start to resolution (or mitigation); an incident still open runs to the end of what the chart shows. */
export function incidentWindow(
  incident: MetricChartSpecInput["incident"],
  dataEnd: number | null,
): { from: number; to: number; open: boolean } | null {
  const from = incident.startedAt.getTime();
  const end = incident.resolvedAt ?? incident.mitigatedAt;
  if (end) return { from, to: Math.max(from, end.getTime()), open: false };
  if (dataEnd === null || dataEnd <= from) return null;
  return { from, to: dataEnd, open: true };
}

function shortLabel(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MARKER_LABEL_CHARS ? `${line.slice(0, MARKER_LABEL_CHARS - 1)}…` : line;
}

export function metricChartSpec(input: MetricChartSpecInput): ChartSpec {
  const { chart, series, incident, events, timeZone, xRange } = input;
  const units = chartUnits(series);
  const [leftUnit, rightUnit] = units;
  const lastX = series.reduce<number | null>((m, s) => {
    const x = s.points.at(-1)?.[0];
    return x === undefined ? m : m === null ? x : Math.max(m, x);
  }, null);
  const window = incidentWindow(incident, lastX);
  const annotations: ChartAnnotation[] = [];
  if (window) {
    annotations.push({
      kind: "window",
      from: window.from,
      to: window.to,
      label: window.open ? "Incident (ongoing)" : "Incident",
      tone: "bad",
    });
  }
  for (const e of events) {
    if (e.precision === "day") continue;
    const x = e.occurredAt.getTime();
    if (x < xRange.min || x > xRange.max) continue;
    annotations.push({ kind: "marker", x, label: shortLabel(e.text), tone: "neutral" });
  }
  const unitOrDefault: MetricUnit = leftUnit ?? "count";
  const defaultCaption =
    `${series.length === 1 ? "One series" : `${series.length} series`} as imported (a snapshot).` +
    (window ? " The shaded band is the incident; dotted lines are timeline events." : "");
  return chartSpec({
    id: `metric-${chart.id}`,
    kind: chart.kind,
    title: chart.title,
    caption: chart.caption.trim() || defaultCaption,
    x: { kind: "time" },
    y: { title: METRIC_AXIS_TITLES[unitOrDefault], unit: unitOrDefault, beginAtZero: true },
    ...(rightUnit ? { y2: { title: METRIC_AXIS_TITLES[rightUnit], unit: rightUnit, beginAtZero: true } } : {}),
    series: series.map((s, i) => ({
      id: s.id,
      label: s.name,
      unit: s.unit,
      // A chart holds at most two units (the verbs refuse a third); anything else shares the right axis.
      axis: s.unit === leftUnit ? "y" : "y2",
      color: colorForIndex(i),
      style: "line",
      points: s.points,
    })),
    annotations,
    timeZone,
    xRange,
  });
}
