/**
 * Hindsight's own metric JSON, in two shapes:
 *   {"series": [{"name": "p95 latency", "unit": "ms", "labels": {...}, "points": [[time, value], ...]}]}
 *   [{"time": ..., "value": ..., "series": "p95 latency"}, ...]   (records; "series" optional)
 * Times are ISO 8601 strings (without an offset: in the import's time zone) or epoch milliseconds;
 * values are numbers, null or "NaN" (a gap), "+Inf"/"-Inf" (kept).
 */
import type { FileHead, ImportFile } from "@/lib/imports/files";
import { isJsonObjectMatching } from "@/lib/loadtests/formats/summary-json";
import { forEachItem, jsonArray, jsonLabels, readMetricJson, shown, type JsonFields } from "@/lib/metrics/formats/json-input";
import { MetricsBuilder, type SeriesDraft } from "@/lib/metrics/formats/point-builder";
import { metricValue, TimeReader, TIME_HELP, VALUE_HELP } from "@/lib/metrics/formats/readings";
import type { MetricImportContext, MetricImporter, ParsedMetrics } from "@/lib/metrics/types";
import { isMetricUnit, METRIC_UNITS, type MetricUnit } from "@/lib/metrics/units";

export const jsonImporter: MetricImporter = {
  id: "json",
  title: "Hindsight metrics JSON",
  hint: '{"series":[{"name":"p95 latency","unit":"ms","points":[["2026-05-03T14:05:00Z",412]]}]}, or [{"time","value","series"}] records',
  detect(head: FileHead): boolean {
    return /^\s*\[\s*(?:\{|\]\s*$)/.test(head.text) || isJsonObjectMatching(head.text, [/"series"\s*:\s*\[/]);
  },
  parse: parseMetricsJson,
};

/** Epoch milliseconds below this (March 1973) are almost surely epoch seconds written where ms belong. */
const SMALLEST_EPOCH_MS = 1e11;

async function parseMetricsJson(file: ImportFile, ctx: MetricImportContext): Promise<ParsedMetrics> {
  const { value, ...input } = await readMetricJson(file, ctx.progress, "Split the series over several files.");
  const fields: JsonFields = input.fields; // declared, so fields.fail() narrows types
  const reader = new PointReader(fields, new TimeReader(ctx.options.timeZone), new MetricsBuilder(file.name, jsonImporter.id));
  const defaultName = ctx.options.name ?? "value";
  if (Array.isArray(value)) {
    await forEachItem(value, ctx.progress, (item, i) => {
      const path = `[${i}]`;
      const record = fields.object(item, path);
      const name = record.series === undefined || record.series === null ? defaultName : record.series;
      if (typeof name !== "string") fields.fail(`the series name ${shown(name)} is not text.`, `${path}.series`);
      reader.point(reader.builder.seriesNamed(name || defaultName), record.time, record.value, path, "time", "value");
    });
    return reader.finish(value.length, 'the array holds no {"time", "value"} records.');
  }
  const root = fields.object(value, "the file");
  if (root.series === undefined)
    fields.fail('the file is neither {"series": [...]} nor an array of {"time", "value"} records.', "series");
  const list = jsonArray(fields, root.series, "series", 'Hindsight JSON lists {"name", "unit", "points"} objects there');
  for (let i = 0; i < list.length; i++) {
    const path = `series[${i}]`;
    const entry = fields.object(list[i], path);
    const name = entry.name ?? (list.length === 1 ? defaultName : `series ${i + 1}`);
    if (typeof name !== "string" || name.trim() === "")
      fields.fail(`the name ${shown(name)} is not a series name.`, `${path}.name`);
    const unit = entry.unit === undefined || entry.unit === null ? null : seriesUnit(fields, entry.unit, `${path}.unit`);
    const labels = entry.labels === undefined || entry.labels === null ? {} : jsonLabels(fields, entry.labels, `${path}.labels`);
    const series = reader.builder.series(name.trim(), { unit, labels });
    const points = jsonArray(fields, entry.points, `${path}.points`, "a series holds [time, value] pairs");
    await forEachItem(points, ctx.progress, (pair, j) => {
      const at = `${path}.points[${j}]`;
      if (!Array.isArray(pair) || pair.length !== 2) fields.fail(`${shown(pair)} is not a [time, value] pair.`, at);
      reader.point(series, pair[0], pair[1], at, "[0]", "[1]");
    });
  }
  return reader.finish(reader.builder.pointCount, 'the "series" list is empty.');
}

function seriesUnit(fields: JsonFields, unit: unknown, path: string): MetricUnit {
  if (!isMetricUnit(unit))
    fields.fail(`the unit ${shown(unit)} is not one Hindsight knows: use one of ${METRIC_UNITS.join(", ")}.`, path);
  return unit;
}

/** Reads one point's time and value into a series, failing with the point's path. */
class PointReader {
  constructor(
    private readonly fields: JsonFields,
    private readonly times: TimeReader,
    readonly builder: MetricsBuilder,
  ) {}

  point(series: SeriesDraft, time: unknown, value: unknown, path: string, timeKey: string, valueKey: string): void {
    const sep = timeKey.startsWith("[") ? "" : ".";
    this.builder.add(series, this.time(time, `${path}${sep}${timeKey}`), this.value(value, `${path}${sep}${valueKey}`));
  }

  finish(rowsRead: number, emptyHint: string): ParsedMetrics {
    for (const note of this.times.notes()) this.builder.note(note);
    return this.builder.finish(rowsRead, emptyHint);
  }

  private time(time: unknown, path: string): number {
    if (typeof time === "number") {
      if (!Number.isFinite(time) || time < SMALLEST_EPOCH_MS) {
        this.fields.fail(
          `the time ${shown(time)} is not epoch milliseconds${time < SMALLEST_EPOCH_MS && time > 1e8 ? " (it looks like epoch seconds)" : ""}: ${TIME_HELP}`,
          path,
        );
      }
      return time;
    }
    if (typeof time === "string") {
      const text = time.trim();
      const ms = this.times.read(text);
      if (ms !== ms) this.fields.fail(this.times.problem(text), path);
      return ms;
    }
    return this.fields.fail(
      `${time === undefined ? "the time is missing" : `the time ${shown(time)} is not a time`}: ${TIME_HELP}`,
      path,
    );
  }

  private value(value: unknown, path: string): number {
    if (typeof value === "number") return value;
    if (value === null) return NaN;
    const v = typeof value === "string" ? metricValue(value.trim()) : null;
    if (v === null)
      this.fields.fail(
        `${value === undefined ? "the value is missing" : `the value ${shown(value)} is not a number`}: ${VALUE_HELP}`,
        path,
      );
    return v;
  }
}
