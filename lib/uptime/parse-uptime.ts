/**
 * Parses one uptime upload (files of a folder, a zip, or a pair of JSON files): chooses the
 * importer, reads the monitors and makes them fit to save. Runs outside any transaction and writes
 * nothing; the caller saves the result.
 */
import { ImportError } from "@/lib/imports/errors";
import type { ImportFile } from "@/lib/imports/files";
import { chooseUptimeImporter, uploadNames } from "@/lib/uptime/formats";
import { orderSamples } from "@/lib/uptime/formats/samples";
import type { ParsedMonitor, ParsedUptime, UptimeImportContext, UptimeImporter } from "@/lib/uptime/types";

export async function parseUptime(
  files: ImportFile[],
  ctx: UptimeImportContext & { format?: string },
): Promise<{ importer: UptimeImporter; parsed: ParsedUptime }> {
  const importer = await chooseUptimeImporter(files, ctx.format);
  const parsed = await importer.parse(files, { progress: ctx.progress, options: ctx.options });
  const notes = [...parsed.notes];
  const kept: ParsedMonitor[] = [];
  const empty: string[] = [];
  let repeated = 0;
  for (const monitor of parsed.monitors) {
    if (monitor.samples.length === 0 && monitor.outages.length === 0) {
      empty.push(monitor.name);
      continue;
    }
    // Saved samples are keyed by (monitor, instant): sorted and one per instant, whatever the importer did.
    const { samples, duplicates } = orderSamples(monitor.samples);
    repeated += duplicates;
    kept.push(samples === monitor.samples && duplicates === 0 ? monitor : { ...monitor, samples });
  }
  if (kept.length === 0) {
    throw new ImportError(
      parsed.monitors.length === 0
        ? "the upload holds no monitors."
        : `the upload holds no uptime data: ${listed(empty)} ${empty.length === 1 ? "has" : "have"} no samples and no reported outages.`,
      { file: uploadNames(files) },
    );
  }
  if (empty.length > 0) {
    notes.push(`${listed(empty)} had no samples and no reported outages and ${empty.length === 1 ? "was" : "were"} left out.`);
  }
  if (repeated > 0) {
    notes.push(
      `${repeated.toLocaleString("en-US")} sample${repeated === 1 ? "" : "s"} repeated an instant of the same monitor; the later one was kept.`,
    );
  }
  const keys = new Set<string>();
  for (const m of kept) {
    if (keys.has(m.sourceKey)) {
      throw new ImportError(`two monitors in the upload have the same identity (${m.sourceKey}); import them separately.`, {
        file: uploadNames(files),
      });
    }
    keys.add(m.sourceKey);
  }
  return { importer, parsed: { ...parsed, monitors: kept, notes } };
}

const NAMES_LISTED = 5;

/** `"a", "b" and 3 more` */
function listed(names: string[]): string {
  const shown = names.slice(0, NAMES_LISTED).map((n) => JSON.stringify(n));
  const more = names.length - shown.length;
  if (more > 0) return `Monitors ${shown.join(", ")} and ${more} more`;
  if (shown.length === 1) return `Monitor ${shown[0]}`;
  return `Monitors ${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}
