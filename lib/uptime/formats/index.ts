/**
 * Every uptime importer, and detection by content over all files of an upload. Order matters:
 * specific formats first (a SQLite header, Kuma's and Statuspage's telltale keys, a Prometheus
 * response), then Upptime's repository layout, and the plain CSV last so it never claims another tool's file.
 */
import { AppError } from "@/lib/errors";
import { ImportError } from "@/lib/imports/errors";
import { readFileHead, type FileHead, type ImportFile } from "@/lib/imports/files";
import { uptimeCsvImporter } from "@/lib/uptime/formats/csv";
import { uptimePrometheusImporter } from "@/lib/uptime/formats/prometheus";
import { statuspageImporter } from "@/lib/uptime/formats/statuspage";
import { upptimeImporter } from "@/lib/uptime/formats/upptime";
import { kumaBackupRefusal, isKumaBackup } from "@/lib/uptime/formats/uptime-kuma-common";
import { uptimeKumaDbImporter } from "@/lib/uptime/formats/uptime-kuma-db";
import { uptimeKumaHeartbeatImporter } from "@/lib/uptime/formats/uptime-kuma-heartbeat";
import type { UptimeImporter } from "@/lib/uptime/types";

export const UPTIME_IMPORTERS: readonly UptimeImporter[] = [
  uptimeKumaDbImporter,
  uptimeKumaHeartbeatImporter,
  statuspageImporter,
  uptimePrometheusImporter,
  upptimeImporter,
  uptimeCsvImporter,
];

export function supportedUptimeFormatsText(): string {
  return UPTIME_IMPORTERS.map((i) => `${i.title} (${i.id})`).join(", ");
}

export function uptimeImporterById(id: string): UptimeImporter {
  const importer = UPTIME_IMPORTERS.find((i) => i.id === id);
  if (!importer) {
    throw new AppError("VALIDATION", `Unknown uptime format "${id}". Supported formats: ${supportedUptimeFormatsText()}.`, {
      format: [`Choose one of: ${UPTIME_IMPORTERS.map((i) => i.id).join(", ")}`],
    });
  }
  return importer;
}

/** "a.json, b.json and 3 more": an upload can be a folder of thousands of files. */
export function uploadNames(files: readonly { name: string }[]): string {
  const shown = files.slice(0, 3).map((f) => f.name);
  return files.length > shown.length ? `${shown.join(", ")} and ${files.length - shown.length} more` : shown.join(", ");
}

/** Heads read a few at a time: a folder upload (an Upptime repository with `.git`) has thousands of files. */
async function readHeads(files: ImportFile[]): Promise<FileHead[]> {
  const heads: FileHead[] = [];
  for (let i = 0; i < files.length; i += 32) heads.push(...(await Promise.all(files.slice(i, i + 32).map(readFileHead))));
  return heads;
}

/**
 * The importer for this upload: the stated format, else the first whose content sniff matches all
 * its files. Kuma's backup JSON is refused here, whatever else the upload holds: it has no heartbeats.
 */
export async function chooseUptimeImporter(files: ImportFile[], stated?: string | null): Promise<UptimeImporter> {
  if (stated && stated !== "auto") return uptimeImporterById(stated);
  const heads = await readHeads(files);
  if (heads.every((h) => h.head.length === 0)) {
    throw new ImportError(files.length === 1 ? "the file is empty." : "the files are empty.", { file: uploadNames(files) });
  }
  const backup = heads.find(isKumaBackup);
  if (backup) throw kumaBackupRefusal(backup.name);
  const importer = UPTIME_IMPORTERS.find((i) => i.detect(heads));
  if (!importer) {
    throw new ImportError(
      `could not recognise ${files.length > 1 ? "these files" : "this file"} as uptime data. Supported formats: ` +
        `${supportedUptimeFormatsText()}. Choose the format by hand if the upload is one of these.`,
      { file: uploadNames(files) },
    );
  }
  return importer;
}
