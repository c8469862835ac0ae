/**
 * Parses one metrics file (an upload or pasted text written to a temporary file): chooses the
 * importer, reads the series and makes them fit to save. Runs outside any transaction and writes
 * nothing; the caller saves the result.
 */
import { ImportError } from "@/lib/imports/errors";
import type { ImportFile } from "@/lib/imports/files";
import { chooseMetricImporter } from "@/lib/metrics/formats";
import type { MetricImportContext, MetricImporter, ParsedMetrics } from "@/lib/metrics/types";

/** Series names are kept to this length (the series form's limit); the full identity stays in the labels. */
export const MAX_SERIES_NAME_LENGTH = 200;

export async function parseMetrics(
  file: ImportFile,
  ctx: MetricImportContext & { format?: string },
): Promise<{ importer: MetricImporter; parsed: ParsedMetrics }> {
  const importer = await chooseMetricImporter(file, ctx.format);
  const parsed = await importer.parse(file, { progress: ctx.progress, options: ctx.options });
  const series = parsed.series.filter((s) => s.points.length > 0);
  if (series.length === 0) throw new ImportError("the file holds no data points.", { file: file.name });
  return { importer, parsed: { ...parsed, series: distinctNames(series, parsed.notes), notes: parsed.notes } };
}

/** Shortens overlong names and numbers repeated ones ("p95", "p95 (2)") so every series can be told apart. */
function distinctNames(series: ParsedMetrics["series"], notes: string[]): ParsedMetrics["series"] {
  let shortened = 0;
  let renamed = 0;
  const taken = new Set<string>();
  const result = series.map((s) => {
    let name = s.name.trim() || "value";
    if (name.length > MAX_SERIES_NAME_LENGTH) {
      name = `${name.slice(0, MAX_SERIES_NAME_LENGTH - 1)}…`;
      shortened++;
    }
    if (taken.has(name)) {
      let n = 2;
      const stem = name.slice(0, MAX_SERIES_NAME_LENGTH - 8);
      while (taken.has(`${stem} (${n})`)) n++;
      name = `${stem} (${n})`;
      renamed++;
    }
    taken.add(name);
    return name === s.name ? s : { ...s, name };
  });
  if (shortened > 0) {
    notes.push(
      `${shortened} series name${shortened === 1 ? " was" : "s were"} longer than ${MAX_SERIES_NAME_LENGTH} characters and shortened; the labels keep the full identity.`,
    );
  }
  if (renamed > 0)
    notes.push(`${renamed} series had a name used before and ${renamed === 1 ? "was" : "were"} numbered: "name (2)".`);
  return result;
}
