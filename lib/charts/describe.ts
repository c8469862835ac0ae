/**
 * Text alternatives of a chart: a one-paragraph summary for screen readers and the full data as
 * a table, built from the spec alone so every renderer can offer them.
 */
import { formatBare, formatValue, formatX, xAxisTitle } from "@/lib/charts/format";
import type { ChartAnnotation, ChartSeries, ChartSpec } from "@/lib/charts/spec";
import { zoneAbbreviation } from "@/lib/time/zones";

function xRange(spec: ChartSpec): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of spec.series)
    for (const [x] of s.points) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
  return lo <= hi ? [lo, hi] : null;
}

function describeSeries(s: ChartSeries, spec: ChartSpec): string {
  const known = s.points.filter((p): p is [number, number] => p[1] !== null);
  if (known.length === 0) return `${s.label}: no values.`;
  let low = known[0];
  let high = known[0];
  for (const p of known) {
    if (p[1] < low[1]) low = p;
    if (p[1] > high[1]) high = p;
  }
  const at = formatX(high[0], spec.x, spec.timeZone);
  return `${s.label}: from ${formatValue(low[1], s.unit)} to ${formatValue(high[1], s.unit)}, highest at ${at}.`;
}

function describeAnnotation(a: ChartAnnotation, spec: ChartSpec): string {
  if (a.kind === "window")
    return `Shaded: ${a.label}, ${formatX(a.from, spec.x, spec.timeZone)}–${formatX(a.to, spec.x, spec.timeZone)}.`;
  if (a.kind === "marker") return `Marked: ${a.label} at ${formatX(a.x, spec.x, spec.timeZone)}.`;
  const unit = (a.axis === "y2" ? spec.y2 : spec.y)?.unit ?? "count";
  return `Line: ${a.label} at ${formatValue(a.value, unit)}.`;
}

/** "p95 latency over time, 14:00:00–14:10:00 UTC. p95: from 40 ms to 1,240 ms, highest at 14:05:30. …" */
export function describeChart(spec: ChartSpec): string {
  const range = xRange(spec);
  if (!range) return `${spec.title}: no data.`;
  const zone = spec.x.kind === "time" ? ` ${zoneAbbreviation(new Date(range[0]), spec.timeZone)}` : "";
  const parts = [
    `${spec.title}, ${formatX(range[0], spec.x, spec.timeZone)}–${formatX(range[1], spec.x, spec.timeZone)}${zone}.`,
    ...spec.series.map((s) => describeSeries(s, spec)),
    ...spec.annotations.map((a) => describeAnnotation(a, spec)),
  ];
  return parts.join(" ");
}

export type ChartTable = { columns: string[]; rows: string[][] };

/** One row per x value of any series, one column per series; a missing value reads "—". */
export function chartTable(spec: ChartSpec): ChartTable {
  const range = xRange(spec);
  const xs = [...new Set(spec.series.flatMap((s) => s.points.map(([x]) => x)))].sort((a, b) => a - b);
  const lookups = spec.series.map((s) => new Map(s.points.map(([x, y]) => [x, y])));
  return {
    columns: [xAxisTitle(spec.x, spec.timeZone, range?.[0]), ...spec.series.map((s) => `${s.label} (${s.unit})`)],
    rows: xs.map((x) => [
      formatX(x, spec.x, spec.timeZone),
      ...spec.series.map((s, i) => {
        const y = lookups[i].get(x);
        return y === undefined ? "—" : formatBare(y, s.unit);
      }),
    ]),
  };
}
