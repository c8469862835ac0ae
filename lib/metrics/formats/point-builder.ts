/**
 * What every metric importer fills: series of (time, value) points in growable typed arrays, so a
 * million points cost 16 MB and no object per point. The builder counts points against
 * MAX_METRIC_POINTS, counts NaN and ±Infinity for the notes, and sorts series that came unsorted.
 */
import type { PointColumns } from "@/lib/charts/point-columns";
import { ImportError } from "@/lib/imports/errors";
import { MAX_METRIC_POINTS, type MetricFormatId, type ParsedMetrics, type ParsedMetricSeries } from "@/lib/metrics/types";
import type { MetricUnit } from "@/lib/metrics/units";

const INITIAL_CAPACITY = 1024;

/** One series' points as they arrive: appended in file order, sorted by time on `build()`. */
export class PointColumnsBuilder {
  private times: Float64Array;
  private values: Float64Array;
  private count = 0;
  private lastTime = -Infinity;
  /** False once a time came before the one above it. */
  private ordered = true;

  constructor(capacity = INITIAL_CAPACITY) {
    this.times = new Float64Array(Math.max(1, capacity));
    this.values = new Float64Array(Math.max(1, capacity));
  }

  get length(): number {
    return this.count;
  }

  get sorted(): boolean {
    return this.ordered;
  }

  push(time: number, value: number): void {
    if (this.count === this.times.length) this.grow();
    this.times[this.count] = time;
    this.values[this.count] = value;
    this.count++;
    if (time < this.lastTime) this.ordered = false;
    else this.lastTime = time;
  }

  /** The points sorted by time (points with equal times keep their file order), in arrays of exactly `length`. */
  build(): PointColumns {
    const times = this.times.slice(0, this.count);
    const values = this.values.slice(0, this.count);
    const columns = { times, values, length: this.count };
    return this.ordered ? columns : sortPointColumns(columns);
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const values = new Float64Array(capacity);
    times.set(this.times);
    values.set(this.values);
    this.times = times;
    this.values = values;
  }
}

/**
 * Sorts both columns by time through an index permutation (4 bytes a point, no object per point).
 * Stable: points with equal times keep their order.
 */
export function sortPointColumns(columns: PointColumns): PointColumns {
  const { times, values, length } = columns;
  const order = new Uint32Array(length);
  for (let i = 0; i < length; i++) order[i] = i;
  order.sort((a, b) => times[a] - times[b] || a - b);
  const sortedTimes = new Float64Array(length);
  const sortedValues = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    sortedTimes[i] = times[order[i]];
    sortedValues[i] = values[order[i]];
  }
  return { times: sortedTimes, values: sortedValues, length };
}

/** A series being read: its identity and its points so far. The unit may be settled while reading. */
export type SeriesDraft = {
  name: string;
  unit: MetricUnit | null;
  labels: Record<string, string>;
  points: PointColumnsBuilder;
};

type SeriesInit = { unit?: MetricUnit | null; labels?: Record<string, string> };

/** Collects the series of one import and turns them into ParsedMetrics. */
export class MetricsBuilder {
  private readonly drafts: SeriesDraft[] = [];
  private readonly byName = new Map<string, SeriesDraft>();
  private readonly notes: string[] = [];
  private total = 0;
  private nan = 0;
  private positiveInfinity = 0;
  private negativeInfinity = 0;

  constructor(
    private readonly fileName: string,
    private readonly format: MetricFormatId,
  ) {}

  /** A new series, even when one of that name exists (two Grafana columns may share a header). */
  series(name: string, init: SeriesInit = {}): SeriesDraft {
    const draft: SeriesDraft = { name, unit: init.unit ?? null, labels: init.labels ?? {}, points: new PointColumnsBuilder() };
    this.drafts.push(draft);
    if (!this.byName.has(name)) this.byName.set(name, draft);
    return draft;
  }

  /** The series of that name, created on first use (long-form files name the series on every row). */
  seriesNamed(name: string, init: SeriesInit = {}): SeriesDraft {
    return this.byName.get(name) ?? this.series(name, init);
  }

  eachSeries(visit: (series: SeriesDraft) => void): void {
    this.drafts.forEach(visit);
  }

  get seriesCount(): number {
    return this.drafts.length;
  }

  get pointCount(): number {
    return this.total;
  }

  add(series: SeriesDraft, time: number, value: number): void {
    if (++this.total > MAX_METRIC_POINTS) {
      throw new ImportError(
        `the file holds more than ${MAX_METRIC_POINTS.toLocaleString("en-US")} points (all series together), the most one import takes. ` +
          "Export a shorter time range or a coarser step, or split the series over several imports.",
        { file: this.fileName },
      );
    }
    if (value !== value) this.nan++;
    else if (value === Infinity) this.positiveInfinity++;
    else if (value === -Infinity) this.negativeInfinity++;
    series.points.push(time, value);
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /**
   * The import's result: series without points are left out (with a note), unsorted ones sorted.
   * Fails when no series holds a point: there is nothing to chart.
   */
  finish(rowsRead: number, emptyHint = ""): ParsedMetrics {
    const kept = this.drafts.filter((d) => d.points.length > 0);
    if (kept.length === 0) {
      throw new ImportError(`the file holds no data points${emptyHint ? `: ${emptyHint}` : "."}`, { file: this.fileName });
    }
    const empty = this.drafts.filter((d) => d.points.length === 0);
    if (empty.length > 0) {
      this.note(`${listOfNames(empty)} held no points and ${empty.length === 1 ? "was" : "were"} left out.`);
    }
    const unsorted = kept.filter((d) => !d.points.sorted);
    if (unsorted.length > 0) {
      const one = unsorted.length === 1;
      this.note(
        `${listOfNames(unsorted)} ${one ? "was" : "were"} not in time order: ${one ? "its" : "their"} points were sorted by time.`,
      );
    }
    if (this.nan > 0) this.note(`${valuesWere(this.nan, "NaN or missing")}: drawn as ${gaps(this.nan)}.`);
    for (const [n, what] of [
      [this.positiveInfinity, "+Inf"],
      [this.negativeInfinity, "-Inf"],
    ] as const) {
      if (n > 0) this.note(`${valuesWere(n, what)}: kept in the snapshot, drawn as ${gaps(n)}.`);
    }
    const series: ParsedMetricSeries[] = kept.map((d) => ({
      name: d.name,
      unit: d.unit,
      labels: d.labels,
      points: d.points.build(),
    }));
    return { format: this.format, series, notes: this.notes, rowsRead };
  }
}

function gaps(n: number): string {
  return n === 1 ? "a gap" : "gaps";
}

function valuesWere(n: number, what: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? "value was" : "values were"} ${what}`;
}

const MAX_NAMES_LISTED = 5;

/** `Series "a", "b" and 3 more`. */
function listOfNames(drafts: SeriesDraft[]): string {
  const names = drafts.slice(0, MAX_NAMES_LISTED).map((d) => JSON.stringify(d.name));
  const more = drafts.length - names.length;
  if (more > 0) return `Series ${names.join(", ")} and ${more} more`;
  return `Series ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`}`;
}
