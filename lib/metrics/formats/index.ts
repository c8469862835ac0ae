/**
 * Every metric importer, and detection by content. Order matters: specific formats first, so the
 * generic CSV never claims a Grafana export and Hindsight's JSON never a Prometheus response.
 */
import { AppError } from "@/lib/errors";
import { ImportError } from "@/lib/imports/errors";
import { readFileHead, type ImportFile } from "@/lib/imports/files";
import { csvImporter } from "@/lib/metrics/formats/csv";
import { grafanaCsvImporter } from "@/lib/metrics/formats/grafana-csv";
import { jsonImporter } from "@/lib/metrics/formats/json";
import { prometheusImporter } from "@/lib/metrics/formats/prometheus";
import type { MetricImporter } from "@/lib/metrics/types";

export const METRIC_IMPORTERS: readonly MetricImporter[] = [prometheusImporter, jsonImporter, grafanaCsvImporter, csvImporter];

export function supportedMetricFormatsText(): string {
  return METRIC_IMPORTERS.map((i) => `${i.title} (${i.id})`).join(", ");
}

export function metricImporterById(id: string): MetricImporter {
  const importer = METRIC_IMPORTERS.find((i) => i.id === id);
  if (!importer)
    throw new AppError("VALIDATION", `Unknown metric format "${id}". Supported formats: ${supportedMetricFormatsText()}.`);
  return importer;
}

/** The importer for this file: the stated format, else the first whose content sniff matches. */
export async function chooseMetricImporter(file: ImportFile, stated?: string | null): Promise<MetricImporter> {
  if (stated && stated !== "auto") return metricImporterById(stated);
  const head = await readFileHead(file);
  if (head.text.trim() === "") throw new ImportError("the file is empty.", { file: file.name });
  const importer = METRIC_IMPORTERS.find((i) => i.detect(head));
  if (!importer) {
    throw new ImportError(
      `could not recognise this file as metric data. Supported formats: ${supportedMetricFormatsText()}. Choose the format by hand if the file is one of these.`,
      { file: file.name },
    );
  }
  return importer;
}
