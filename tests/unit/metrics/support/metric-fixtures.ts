/** What the metric importer tests share: fixture paths, a context in a named zone, and the errors importers fail with. */
import path from "node:path";
import { expect } from "vitest";
import { ImportError } from "@/lib/imports/errors";
import type { ImportFile } from "@/lib/imports/files";
import { NO_PROGRESS } from "@/lib/imports/progress";
import type { MetricImportContext, MetricImporter, ParsedMetrics } from "@/lib/metrics/types";
import { fileOf, temp } from "../../loadtests/support/importer-fixtures";

export { fileOf, temp };

export const METRIC_FIXTURES = path.resolve("tests/fixtures/metrics");

/** A fixture file as an upload hands it over: `fixture("csv/wide.tsv")`. */
export function fixture(relative: string): ImportFile {
  return fileOf(path.join(METRIC_FIXTURES, relative));
}

/** No progress, times without offset read in `timeZone`. */
export function ctxIn(timeZone: string, name?: string): MetricImportContext {
  return { progress: NO_PROGRESS, options: { timeZone, ...(name === undefined ? {} : { name }) } };
}

export const berlin = ctxIn("Europe/Berlin");
export const utc = ctxIn("UTC");

/** The ImportError `importer` fails with (the test fails if it succeeds or throws anything else). */
export async function parseError(
  importer: MetricImporter,
  file: ImportFile,
  ctx: MetricImportContext = berlin,
): Promise<ImportError> {
  const error = await importer.parse(file, ctx).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

/** A series' points as [ISO time, value] pairs, for readable expectations. */
export function pointsOf(parsed: ParsedMetrics, name: string): [string, number][] {
  const series = parsed.series.find((s) => s.name === name);
  expect(series, `series ${name} in ${parsed.series.map((s) => s.name).join(", ")}`).toBeDefined();
  const { times, values, length } = series!.points;
  return Array.from({ length }, (_, i) => [new Date(times[i]).toISOString(), values[i]]);
}
