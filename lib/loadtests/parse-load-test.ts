/** Parse without any database: shared by import jobs and `cli import --dry-run`. */
import { ImportError } from "@/lib/imports/errors";
import { NO_PROGRESS, type ImportProgress } from "@/lib/imports/progress";
import { chooseImporter } from "@/lib/loadtests/formats";
import type { ImportFile, LabelStatistics, LoadTestImporter, LoadTestImportOptions, ParsedRun } from "@/lib/loadtests/types";

export async function parseLoadTest(
  files: ImportFile[],
  { options = {}, progress = NO_PROGRESS }: { options?: LoadTestImportOptions; progress?: ImportProgress } = {},
): Promise<{ importer: LoadTestImporter; run: ParsedRun }> {
  const importer = await chooseImporter(files, options.format);
  const run = await importer.parse(files, { progress, options });
  assertUsableRun(run, files);
  return { importer, run };
}

const NUMERIC_FIELDS = [
  "min",
  "mean",
  "max",
  "stddev",
  "p50",
  "p75",
  "p90",
  "p95",
  "p99",
  "p999",
  "throughput",
  "receivedBytes",
  "sentBytes",
] as const;

/** Last line of defence: a figure that is not a finite number never reaches the database. */
function assertUsableRun(run: ParsedRun, files: ImportFile[]): void {
  const file = files.map((f) => f.name).join(", ");
  if (run.total.count === 0 && run.labels.every((l) => l.count === 0)) {
    throw new ImportError("the file holds no samples or requests.", { file });
  }
  const check = (s: LabelStatistics) => {
    for (const key of NUMERIC_FIELDS) {
      const v = s[key];
      if (v !== null && !Number.isFinite(v)) {
        throw new ImportError(`the figure ${key} of "${s.label}" is not a number (${v}).`, { file, field: key });
      }
    }
    if (!Number.isInteger(s.count) || s.count < 0 || !Number.isInteger(s.errors) || s.errors < 0) {
      throw new ImportError(`the request count of "${s.label}" is not a whole number.`, { file, field: "count" });
    }
  };
  run.labels.forEach(check);
  check(run.total);
}
