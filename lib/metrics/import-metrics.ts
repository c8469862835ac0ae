/**
 * A metrics import as a job (the shared import framework): the job row first, then parsing outside
 * any transaction and one short write. The API answers 202 with the job; the CLI awaits `run`.
 */
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ImportFile } from "@/lib/imports/files";
import { createImportJob, type ImportJobView } from "@/lib/imports/import-jobs";
import { runImportJob } from "@/lib/imports/run-import-job";
import { removeUploadDirectory } from "@/lib/imports/temp-files";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { metricImporterById } from "@/lib/metrics/formats";
import { parseMetrics } from "@/lib/metrics/parse-metrics";
import { saveMetricSnapshot } from "@/lib/metrics/save-metric-snapshot";
import type { MetricImportInput } from "@/lib/metrics/schema";

export type MetricUpload = {
  files: ImportFile[];
  /** Temp directory removed when the job ends. */
  dir?: string;
};

type Progress = { bytesRead: number; rowsRead: number };

export async function startMetricImport({
  actor,
  incidentNumber,
  upload,
  input,
}: {
  actor: Actor;
  incidentNumber: number;
  upload: MetricUpload;
  input: MetricImportInput;
}): Promise<{ job: ImportJobView; run: (onProgress?: (s: Progress) => void) => Promise<ImportJobView> }> {
  assertCan(actor, "edit");
  if (input.format) metricImporterById(input.format); // an unknown format is refused before any job exists
  if (upload.files.length !== 1) {
    throw new AppError(
      "VALIDATION",
      upload.files.length ? "Import one metrics file at a time." : "Choose a file or paste the data.",
      {
        file: [upload.files.length ? "One file at a time" : "Choose a file or paste the data"],
      },
    );
  }
  const file = upload.files[0];
  if (file.size === 0) throw new AppError("VALIDATION", "The file is empty.", { file: ["The file is empty"] });
  // Refuse an incident the actor cannot see (or a chart elsewhere) before accepting the work.
  const incident = await findVisibleIncident(db(), actor, { number: incidentNumber });
  if (input.chartId) {
    const chart = await db().metricChart.findFirst({
      where: { id: input.chartId, incidentId: incident.id },
      select: { id: true },
    });
    if (!chart)
      throw new AppError("VALIDATION", "That chart is not on this incident.", { chartId: ["Choose a chart of this incident"] });
  }
  const timeZone = input.timeZone ?? incident.timeZone;
  const job = await createImportJob({
    actor,
    kind: "metrics",
    files: [file],
    format: input.format ?? null,
    options: JSON.parse(JSON.stringify({ ...input, timeZone, incident: incidentNumber })),
  });
  const run = (onProgress?: (s: Progress) => void) =>
    runImportJob({
      jobId: job.id,
      onProgress,
      cleanup: () => removeUploadDirectory(upload.dir),
      work: async (progress) => {
        const { importer, parsed } = await parseMetrics(file, {
          progress,
          format: input.format,
          options: { timeZone, ...(input.name ? { name: input.name } : {}) },
        });
        const saved = await saveMetricSnapshot({
          actor,
          input: {
            incidentNumber,
            parsed,
            unit: input.unit,
            source: input.source ?? `${file.name} (${importer.title})`,
            chartId: input.chartId,
            chartTitle: input.chartTitle,
            kind: input.kind,
            importJobId: job.id,
          },
        });
        const n = parsed.series.length;
        const notes = [...parsed.notes];
        if (saved.unitGuessed)
          notes.push(`${saved.unitGuessed} series had no unit and were stored as a count: set the unit on the series.`);
        return {
          resultId: saved.chartId,
          format: importer.id,
          message:
            `Imported ${n} series (${saved.points.toLocaleString("en-US")} points, ${importer.title}) into "${saved.chartTitle}".` +
            (notes.length ? ` ${notes.join(" ")}` : ""),
        };
      },
    });
  return { job, run };
}
