/**
 * Every load-test importer, and detection by content. Order matters: specific formats first, so a
 * generic shape (CSV with a timestamp, a JSON object) never claims another tool's file.
 */
import { AppError } from "@/lib/errors";
import { ImportError } from "@/lib/imports/errors";
import { readFileHead } from "@/lib/imports/files";
import type { ImportFile, LoadTestImporter } from "@/lib/loadtests/types";

export { readFileHead };
import { abImporter } from "@/lib/loadtests/formats/ab";
import { artilleryImporter } from "@/lib/loadtests/formats/artillery";
import { autocannonImporter } from "@/lib/loadtests/formats/autocannon";
import { gatlingLogImporter } from "@/lib/loadtests/formats/gatling-log";
import { gatlingStatsImporter } from "@/lib/loadtests/formats/gatling-stats";
import { jmeterCsvImporter } from "@/lib/loadtests/formats/jmeter-csv";
import { jmeterStatisticsImporter } from "@/lib/loadtests/formats/jmeter-statistics";
import { jmeterXmlImporter } from "@/lib/loadtests/formats/jmeter-xml";
import { k6JsonImporter } from "@/lib/loadtests/formats/k6-json";
import { k6HandleSummaryImporter, k6SummaryExportImporter } from "@/lib/loadtests/formats/k6-summary";
import { locustCsvImporter } from "@/lib/loadtests/formats/locust-csv";

export const LOAD_TEST_IMPORTERS: readonly LoadTestImporter[] = [
  gatlingLogImporter,
  abImporter,
  locustCsvImporter,
  jmeterXmlImporter,
  jmeterCsvImporter,
  k6JsonImporter,
  k6HandleSummaryImporter,
  k6SummaryExportImporter,
  gatlingStatsImporter,
  artilleryImporter,
  autocannonImporter,
  jmeterStatisticsImporter,
];

export const LOAD_TEST_FORMAT_IDS = LOAD_TEST_IMPORTERS.map((i) => i.id) as [string, ...string[]];

export function supportedFormatsText(): string {
  return LOAD_TEST_IMPORTERS.map((i) => `${i.title} (${i.id})`).join(", ");
}

export function importerById(id: string): LoadTestImporter {
  const importer = LOAD_TEST_IMPORTERS.find((i) => i.id === id);
  if (!importer) throw new AppError("VALIDATION", `Unknown format "${id}". Supported formats: ${supportedFormatsText()}.`);
  return importer;
}

/** The importer for these files: the stated format, else the first whose content sniff matches. */
export async function chooseImporter(files: ImportFile[], statedFormat?: string | null): Promise<LoadTestImporter> {
  if (statedFormat && statedFormat !== "auto") return importerById(statedFormat);
  const heads = await Promise.all(files.map(readFileHead));
  const importer = LOAD_TEST_IMPORTERS.find((i) => i.detect(heads));
  if (!importer) {
    const names = files.map((f) => f.name).join(", ");
    throw new ImportError(
      `could not recognise ${files.length > 1 ? "these files" : "this file"} as a load-test result. Supported formats: ${supportedFormatsText()}. Choose the format by hand if the file is one of these.`,
      { file: names },
    );
  }
  return importer;
}
