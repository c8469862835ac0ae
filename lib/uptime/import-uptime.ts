/**
 * An uptime import as a job (the shared import framework): the job row first, then parsing outside
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
import { uptimeImporterById } from "@/lib/uptime/formats";
import { parseUptime } from "@/lib/uptime/parse-uptime";
import { assertServiceExists, saveUptimeImport } from "@/lib/uptime/save-uptime-import";
import type { UptimeImportInput } from "@/lib/uptime/schema";
import { UPTIME_SOURCE_NAMES, type ParsedUptime, type UptimeImportOptions } from "@/lib/uptime/types";

export type UptimeUpload = {
  /** A folder's files carry their path relative to it as the name ("history/a.yml", ".git/HEAD"). */
  files: ImportFile[];
  /** Temp directory removed when the job ends. */
  dir?: string;
};

/** A folder upload of an Upptime repository brings its `.git`: thousands of small files. */
export const UPTIME_MAX_FILES = 20_000;

type Progress = { bytesRead: number; rowsRead: number };

/** Many monitors in one import: the job's result names them all, comma-separated (the UI opens the list). */
export function importedMonitorIds(resultId: string | null): string[] {
  return resultId ? resultId.split(",").filter(Boolean) : [];
}

/**
 * A browser's folder upload names every file under the chosen folder ("qainsights-uptime/history/a.yml");
 * the CLI names them relative to it ("history/a.yml"). Dropping the one shared top folder makes both
 * alike; the files stay where they were stored.
 */
export function relativeToUploadedFolder<F extends ImportFile>(files: F[]): F[] {
  const tops = new Set(files.map((f) => (f.name.includes("/") ? f.name.slice(0, f.name.indexOf("/")) : null)));
  if (tops.size !== 1 || tops.has(null)) return files;
  return files.map((f) => ({ ...f, name: f.name.slice(f.name.indexOf("/") + 1) }));
}

/**
 * The job row lists what was uploaded; a folder's `.git` can hold thousands of files, so those
 * are summed into one line instead of listed.
 */
export function jobFileList(files: ImportFile[]): { name: string; size: number }[] {
  const listed: { name: string; size: number }[] = [];
  const git = new Map<string, { count: number; size: number }>();
  for (const f of files) {
    const m = /^(.*?\.git)\//.exec(f.name);
    if (!m) {
      listed.push({ name: f.name, size: f.size });
      continue;
    }
    const entry = git.get(m[1]) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += f.size;
    git.set(m[1], entry);
  }
  for (const [folder, { count, size }] of git) {
    listed.push({ name: `${folder}/ (${count.toLocaleString("en-US")} file${count === 1 ? "" : "s"})`, size });
  }
  return listed;
}

/** "Imported 3 monitors (3,817 samples) from Upptime. <notes>" */
export function uptimeImportMessage(parsed: ParsedUptime, saved: { created: boolean; samples: number }[]): string {
  const n = saved.length;
  const samples = saved.reduce((a, m) => a + m.samples, 0);
  const created = saved.filter((m) => m.created).length;
  const updated =
    created === n
      ? ""
      : created === 0
        ? n === 1
          ? " The monitor existed and was updated."
          : ` All ${n} existed and were updated.`
        : ` ${n - created} existed and ${n - created === 1 ? "was" : "were"} updated.`;
  const head =
    `Imported ${n} monitor${n === 1 ? "" : "s"} (${samples.toLocaleString("en-US")} sample${samples === 1 ? "" : "s"}) ` +
    `from ${UPTIME_SOURCE_NAMES[parsed.source]}.${updated}`;
  return parsed.notes.length ? `${head} ${parsed.notes.join(" ")}` : head;
}

export function uptimeParseOptions(input: UptimeImportInput): UptimeImportOptions {
  return {
    timeZone: input.timeZone ?? "UTC",
    ...(input.monitorName ? { monitorName: input.monitorName } : {}),
    ...(input.target ? { target: input.target } : {}),
  };
}

export async function startUptimeImport({
  actor,
  upload,
  input,
}: {
  actor: Actor;
  upload: UptimeUpload;
  input: UptimeImportInput;
}): Promise<{ job: ImportJobView; run: (onProgress?: (s: Progress) => void) => Promise<ImportJobView> }> {
  assertCan(actor, "edit");
  if (input.format) uptimeImporterById(input.format); // an unknown format is refused before any job exists
  if (upload.files.length === 0) {
    throw new AppError("VALIDATION", "Choose the files, folder or zip to import.", {
      file: ["Choose the files, folder or zip to import"],
    });
  }
  if (upload.files.every((f) => f.size === 0)) {
    throw new AppError("VALIDATION", "The files are empty.", { file: ["The files are empty"] });
  }
  await assertServiceExists(db(), input.serviceId);
  const job = await createImportJob({
    actor,
    kind: "uptime",
    files: jobFileList(upload.files),
    format: input.format ?? null,
    options: JSON.parse(JSON.stringify(input)),
  });
  const run = (onProgress?: (s: Progress) => void) =>
    runImportJob({
      jobId: job.id,
      onProgress,
      cleanup: () => removeUploadDirectory(upload.dir),
      work: async (progress) => {
        const { importer, parsed } = await parseUptime(upload.files, {
          progress,
          format: input.format,
          options: uptimeParseOptions(input),
        });
        const saved = await saveUptimeImport({
          actor,
          input: { parsed, serviceId: input.serviceId, importJobId: job.id },
        });
        return {
          resultId: saved.monitors.map((m) => m.id).join(","),
          format: importer.id,
          message: uptimeImportMessage(parsed, saved.monitors),
        };
      },
    });
  return { job, run };
}
