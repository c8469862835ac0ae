/**
 * A load-test import as a job: create the job row, then parse (outside any transaction) and save.
 * The API answers 202 as soon as the job exists; the CLI awaits the same work and prints progress.
 */
import type { Actor } from "@/lib/auth/actor";
import { createImportJob, type ImportJobView } from "@/lib/imports/import-jobs";
import { runImportJob } from "@/lib/imports/run-import-job";
import { removeUploadDirectory } from "@/lib/imports/temp-files";
import { parseLoadTest } from "@/lib/loadtests/parse-load-test";
import { saveLoadTestRun, type SourceFile } from "@/lib/loadtests/save-load-test-run";
import type { LoadTestImportInput } from "@/lib/loadtests/schema";
import type { ImportFile } from "@/lib/loadtests/types";
import { importerById } from "@/lib/loadtests/formats";
import { AppError } from "@/lib/errors";

export type LoadTestUpload = {
  files: (ImportFile & { sha256?: string })[];
  /** Temp directory removed when the job ends. */ dir?: string;
};

export async function startLoadTestImport({
  actor,
  upload,
  input,
}: {
  actor: Actor;
  upload: LoadTestUpload;
  input: LoadTestImportInput;
}): Promise<{
  job: ImportJobView;
  run: (onProgress?: (s: { bytesRead: number; rowsRead: number }) => void) => Promise<ImportJobView>;
}> {
  if (input.format && input.format !== "auto") importerById(input.format); // unknown format: refuse before any job exists
  if (!upload.files.length) throw new AppError("VALIDATION", "Choose at least one file to import.");
  const job = await createImportJob({
    actor,
    kind: "load_test",
    files: upload.files,
    format: input.format && input.format !== "auto" ? input.format : null,
    options: JSON.parse(JSON.stringify(input)),
  });
  const sourceFiles: SourceFile[] = upload.files.map((f) => ({
    name: f.name,
    size: f.size,
    ...(f.sha256 ? { sha256: f.sha256 } : {}),
  }));
  const run = (onProgress?: (s: { bytesRead: number; rowsRead: number }) => void) =>
    runImportJob({
      jobId: job.id,
      onProgress,
      cleanup: () => removeUploadDirectory(upload.dir),
      work: async (progress) => {
        const { importer, run: parsed } = await parseLoadTest(upload.files, {
          progress,
          options: { format: input.format, columns: input.columns, delimiter: input.delimiter },
        });
        const saved = await saveLoadTestRun({
          actor,
          run: parsed,
          name: input.name,
          notes: input.notes,
          sourceFiles,
          incidentNumber: input.incident,
        });
        const n = parsed.total.count.toLocaleString("en-US");
        return {
          resultId: saved.id,
          format: importer.id,
          message: `Imported "${saved.name}": ${n} requests (${importer.title}).`,
        };
      },
    });
  return { job, run };
}
