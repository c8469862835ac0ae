/**
 * Text alternatives of a chart: a one-paragraph summary for screen readers and the full data as
 * a table, built from the spec alone so every renderer can offer them.
 */
import { formatBare, formatValue, formatX, xAxisTitle } from "@/lib/charts/format";
import type { ChartAnnotation, ChartSeries, ChartSpec } from "@/lib/charts/spec";
import { zoneAbbreviation } from "@/lib/time/zones";

/** The x range a chart shows: its stated range (a zoomed view) or its data's own. */
export function visibleXRange(spec: ChartSpec): { min: number; max: number } | null {
  if (spec.xRange && spec.xRange.max >= spec.xRange.min) return spec.xRange;
  let min = Infinity;
  let max = -Infinity;
  for (const s of spec.series)
    for (const [x] of s.points) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
  return min <= max ? { min, max } : null;
}

/** 1-based numbers of the chart's markers, in the order of the spec: the labels on the canvas carry them. */
export function markerNumbers(spec: ChartSpec): Map<ChartAnnotation, number> {
  const numbers = new Map<ChartAnnotation, number>();
  for (const a of spec.annotations) if (a.kind === "marker") numbers.set(a, numbers.size + 1);
  return numbers;
}

const inRange = (x: number, range: { min: number; max: number }) => x >= range.min && x <= range.max;
const spanOf = (range: { min: number; max: number } | null) => (range ? range.max - range.min : 0);

function describeSeries(s: ChartSeries, spec: ChartSpec, range: { min: number; max: number }): string {
  const known = s.points.filter((p): p is [number, number] => p[1] !== null && inRange(p[0], range));
  if (known.length === 0) return `${s.label}: no values.`;
  let low = known[0];
  let high = known[0];
  for (const p of known) {
    if (p[1] < low[1]) low = p;
    if (p[1] > high[1]) high = p;
  }
  const at = formatX(high[0], spec.x, spec.timeZone, spanOf(range));
  return `${s.label}: from ${formatValue(low[1], s.unit)} to ${formatValue(high[1], s.unit)}, highest at ${at}.`;
}

function describeAnnotation(a: ChartAnnotation, spec: ChartSpec, span: number, number?: number): string {
  const x = (v: number) => formatX(v, spec.x, spec.timeZone, span);
  if (a.kind === "window") return `Shaded: ${a.label}, ${x(a.from)}–${x(a.to)}.`;
  if (a.kind === "marker") return `Marker ${number}: ${a.label} at ${x(a.x)}.`;
  const unit = (a.axis === "y2" ? spec.y2 : spec.y)?.unit ?? "count";
  return `Line: ${a.label} at ${formatValue(a.value, unit)}.`;
}

/** "p95 latency over time, 14:00:00–14:10:00 UTC. p95: from 40 ms to 1,240 ms, highest at 14:05:30. …" */
export function describeChart(spec: ChartSpec): string {
  const range = visibleXRange(spec);
  if (!range) return `${spec.title}: no data.`;
  const span = spanOf(range);
  const zone = spec.x.kind === "time" ? ` ${zoneAbbreviation(new Date(range.min), spec.timeZone)}` : "";
  const numbers = markerNumbers(spec);
  // What the chart shows: a marker outside a zoomed window is not drawn, a window reaching into it is.
  const shown = spec.annotations.filter(
    (a) => a.kind === "threshold" || (a.kind === "marker" ? inRange(a.x, range) : a.to >= range.min && a.from <= range.max),
  );
  const parts = [
    `${spec.title}, ${formatX(range.min, spec.x, spec.timeZone, span)}–${formatX(range.max, spec.x, spec.timeZone, span)}${zone}.`,
    ...spec.series.map((s) => describeSeries(s, spec, range)),
    ...shown.map((a) => describeAnnotation(a, spec, span, numbers.get(a))),
  ];
  return parts.join(" ");
}

export type ChartTable = { columns: string[]; rows: string[][] };

/** One row per x value of any series within the shown range, one column per series; a missing value reads "—". */
export function chartTable(spec: ChartSpec): ChartTable {
  const range = visibleXRange(spec);
  const span = spanOf(range);
  const xs = [...new Set(spec.series.flatMap((s) => s.points.map(([x]) => x)))]
    .filter((x) => !range || inRange(x, range))
    .sort((a, b) => a - b);
  const lookups = spec.series.map((s) => new Map(s.points.map(([x, y]) => [x, y])));
  return {
    columns: [xAxisTitle(spec.x, spec.timeZone, range?.min, range?.max), ...spec.series.map((s) => `${s.label} (${s.unit})`)],
    rows: xs.map((x) => [
      formatX(x, spec.x, spec.timeZone, span),
      ...spec.series.map((s, i) => {
        const y = lookups[i].get(x);
        return y === undefined ? "—" : formatBare(y, s.unit);
      }),
    ]),
  };
}
