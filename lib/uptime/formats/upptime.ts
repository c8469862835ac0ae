/**
 * Upptime (upptime.js.org): a GitHub repository per status page. Each site has `history/<slug>.yml`
 * (its last check) whose git history is the time series, the figures Upptime computed
 * (`history/summary.json`, `api/<slug>/*.json`) and GitHub issues for its incidents. The upload is
 * the repository folder (with `.git` for the history), a zip of it, a git log export of the history
 * files, an issues export, or any mix of them.
 */
import { ImportError } from "@/lib/imports/errors";
import type { FileHead, ImportFile } from "@/lib/imports/files";
import { TimeReader } from "@/lib/metrics/formats/readings";
import { guessMonitorKind, orderSamples } from "@/lib/uptime/formats/samples";
import {
  GIT_LOG_COMMAND,
  gitLogExportSlug,
  looksLikeGitLogExport,
  parseGitLogLine,
  runGitLog,
} from "@/lib/uptime/formats/upptime-git-log";
import {
  isIssuesExport,
  issueMaintenance,
  issueOutage,
  issueSiteName,
  readIssuesExport,
  type UpptimeIssue,
} from "@/lib/uptime/formats/upptime-issues";
import {
  isUpptimeBadgeFile,
  parseJsonText,
  readApiBadges,
  readHistoryYml,
  readSummaryJson,
  readUpptimeConfig,
  type UpptimeConfigSite,
  type UpptimeSiteState,
  type UpptimeSummarySite,
} from "@/lib/uptime/formats/upptime-site-files";
import { upptimeSlug, upptimeStatusFromSubject } from "@/lib/uptime/formats/upptime-text";
import { openUpptimeUpload, startsLikeZip, type UpptimeEntry, type UpptimeUpload } from "@/lib/uptime/formats/upptime-upload";
import type {
  ParsedMonitor,
  ParsedOutage,
  ParsedUptime,
  ReportedUptime,
  UptimeImportContext,
  UptimeImporter,
  UptimeSample,
} from "@/lib/uptime/types";

export { upptimeStatusFromSubject, upptimeSlug } from "@/lib/uptime/formats/upptime-text";

export const upptimeImporter: UptimeImporter = {
  id: "upptime",
  title: "Upptime",
  detect: detectUpptime,
  parse: parseUpptime,
};

export const NO_GIT_HISTORY_NOTE =
  "This upload has no git history: each monitor has one sample (its status at lastUpdated). Upload the repository folder with .git, or a git log export, for the time series.";

/** Paths only an Upptime repository holds (after any folder prefix). */
const UPPTIME_PATH = /(?:^|\/)(?:history\/[^/]+\.ya?ml|history\/summary\.json|api\/[^/]+\/uptime\.json|\.upptimerc\.ya?ml)$/i;
/** The same paths as entry names inside a zip's local headers. */
const UPPTIME_PATH_IN_ZIP =
  /(?:^|\/)(?:history\/[\w.-]+\.ya?ml|history\/summary\.json|api\/[\w.-]+\/uptime\.json|\.upptimerc\.ya?ml)/i;

/**
 * An upload is Upptime's when a file lies where Upptime writes (history/*.yml, history/summary.json,
 * api/<slug>/uptime.json, .upptimerc.yml), is a git log export of status commits, or is a zip whose
 * name says "uptime"/"upptime" or whose first 64 KiB name such a path (a zip's local headers carry
 * the entry names; repositories list dotfiles like .upptimerc.yml first). Any other zip is left to
 * the user naming the format: the central directory at its end is out of the head's reach.
 */
export function detectUpptime(heads: FileHead[]): boolean {
  return heads.some(
    (h) =>
      UPPTIME_PATH.test(h.name.replace(/\\/g, "/")) ||
      looksLikeGitLogExport(h.text) ||
      (startsLikeZip(h.head) && (/up+time/i.test(h.name) || UPPTIME_PATH_IN_ZIP.test(h.head.toString("latin1")))),
  );
}

type History = { samples: UptimeSample[]; siteName: string | null };

type Repository = {
  config: UpptimeConfigSite[];
  summary: UpptimeSummarySite[];
  states: Map<string, UpptimeSiteState>;
  badges: Map<string, { fileName: string; text: string; label: string }[]>;
  histories: Map<string, History>;
  issues: UpptimeIssue[];
  notes: string[];
  rowsRead: number;
};

const TICK_LINES = 2000;

async function parseUpptime(files: ImportFile[], ctx: UptimeImportContext): Promise<ParsedUptime> {
  const upload = await openUpptimeUpload(files, ctx.progress);
  try {
    const repo = await readRepository(upload, ctx);
    const monitors = buildMonitors(repo);
    if (monitors.length === 0) {
      throw new ImportError(
        "this upload holds no Upptime data: expected history/<slug>.yml, history/summary.json, api/<slug>/uptime.json, " +
          `a git log export (${GIT_LOG_COMMAND}) or a zip of the repository.`,
        { file: files.map((f) => f.name).join(", ") },
      );
    }
    return { format: "upptime", source: "upptime", monitors, notes: repo.notes, rowsRead: repo.rowsRead };
  } finally {
    await upload.cleanup();
  }
}

async function readRepository(upload: UpptimeUpload, ctx: UptimeImportContext): Promise<Repository> {
  const { progress } = ctx;
  const times = new TimeReader(ctx.options.timeZone);
  const repo: Repository = {
    config: [],
    summary: [],
    states: new Map(),
    badges: new Map(),
    histories: new Map(),
    issues: [],
    notes: [],
    rowsRead: 0,
  };
  const exports: UpptimeEntry[] = [];
  for (const entry of upload.entries) {
    const name = entry.name;
    let m: RegExpExecArray | null;
    if (/^\.?upptimerc\.ya?ml$/i.test(name)) {
      repo.config.push(...readUpptimeConfig(await entry.text(), entry.label));
    } else if (name === "history/summary.json") {
      repo.summary.push(...readSummaryJson(await entry.text(), entry.label));
    } else if ((m = /^history\/([^/]+)\.ya?ml$/i.exec(name))) {
      repo.states.set(m[1], readHistoryYml(await entry.text(), entry.label));
    } else if ((m = /^api\/([^/]+)\/([^/]+\.json)$/.exec(name)) && isUpptimeBadgeFile(m[2])) {
      const list = repo.badges.get(m[1]) ?? [];
      list.push({ fileName: m[2], text: await entry.text(), label: entry.label });
      repo.badges.set(m[1], list);
    } else if (/\.tsv$/i.test(name) || (/\.(?:txt|log)$/i.test(name) && (await firstLineIsGitLog(entry)))) {
      exports.push(entry);
    } else if (/\.json$/i.test(name) && !/^(?:history|api|graphs|assets|\.github|node_modules)\//.test(name)) {
      await readIssuesFile(entry, repo);
    } else continue;
    repo.rowsRead++;
    await progress.tick();
  }

  const nameToSlug = new Map<string, string>();
  for (const site of repo.summary) if (site.name) nameToSlug.set(site.name.toLowerCase(), site.slug);
  for (const site of repo.config)
    if (!nameToSlug.has(site.name.toLowerCase())) nameToSlug.set(site.name.toLowerCase(), site.slug);

  const knownSlugs = new Set([...repo.summary.map((s) => s.slug), ...repo.config.map((s) => s.slug), ...repo.states.keys()]);
  for (const entry of exports) {
    // The file name decides when it names a site of the repository (or there is no repository); else the site name does.
    const fileSlug = gitLogExportSlug(entry.name);
    const slugOf = (siteName: string): string =>
      (fileSlug !== null && (knownSlugs.has(fileSlug) || knownSlugs.size === 0) ? fileSlug : null) ??
      nameToSlug.get(siteName.toLowerCase()) ??
      fileSlug ??
      upptimeSlug(siteName);
    const skipped = await readCommits(repo, entry.lines(), times, {
      file: entry.label,
      slugOf,
      ctx,
    });
    if (skipped > 0) repo.notes.push(skippedNote(skipped, entry.label));
  }

  if (upload.repoDir !== null) {
    const label = upload.repoLabel ?? ".git";
    let skippedTotal = 0;
    for (const slug of knownSlugs) {
      if (repo.histories.has(slug)) continue; // an export of it came with the upload
      const relative = `history/${slug}.yml`;
      const output = await runGitLog(upload.repoDir, relative, label);
      progress.bytes(Buffer.byteLength(output));
      skippedTotal += await readCommits(repo, output.split("\n"), times, {
        file: `${label} (git log -- ${relative})`,
        slugOf: () => slug,
        ctx,
      });
    }
    if (skippedTotal > 0) repo.notes.push(skippedNote(skippedTotal, `the git history of ${label}`));
    if (upload.shallow) {
      repo.notes.push(
        "The repository is a shallow clone: its history starts where the clone was cut, earlier checks are missing.",
      );
    }
  }
  repo.notes.push(...times.notes());
  return repo;
}

async function firstLineIsGitLog(entry: UpptimeEntry): Promise<boolean> {
  for await (const line of entry.lines()) {
    if (line.trim() === "") continue;
    return /^(?:[0-9a-f]{40}|[0-9a-f]{64})\t/i.test(line);
  }
  return false;
}

async function readIssuesFile(entry: UpptimeEntry, repo: Repository): Promise<void> {
  const text = await entry.text();
  let value: unknown;
  try {
    value = parseJsonText(text, entry.label);
  } catch (error) {
    if (/issue/i.test(entry.name)) throw error;
    return; // some other JSON file of the repository
  }
  if (isIssuesExport(value)) repo.issues.push(...readIssuesExport(value, entry.label, text));
}

/**
 * Adds the status commits of one log (newest first) to the histories; returns how many commits
 * were not status changes (a manual edit of the yml, another template).
 */
async function readCommits(
  repo: Repository,
  lines: Iterable<string> | AsyncIterable<string>,
  times: TimeReader,
  how: { file: string; slugOf: (siteName: string) => string; ctx: UptimeImportContext },
): Promise<number> {
  const { progress } = how.ctx;
  let line = 0;
  let skipped = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === "") continue;
    const commit = parseGitLogLine(text.replace(/\r$/, ""), times, { file: how.file, line });
    repo.rowsRead++;
    progress.rows(1);
    if (line % TICK_LINES === 0) await progress.tick();
    const status = upptimeStatusFromSubject(commit.subject);
    if (!status) {
      skipped++;
      continue;
    }
    const slug = how.slugOf(status.siteName);
    let history = repo.histories.get(slug);
    if (!history) {
      history = { samples: [], siteName: status.siteName };
      repo.histories.set(slug, history);
    }
    history.samples.push({
      at: commit.at,
      status: status.status,
      latencyMs: status.latencyMs,
      code: status.code,
      message: status.message,
    });
  }
  await progress.tick();
  return skipped;
}

function skippedNote(count: number, where: string): string {
  return `${count.toLocaleString("en-US")} commit${count === 1 ? "" : "s"} in ${where} ${count === 1 ? "is" : "are"} not a status change (the subject is not "<site> is up/down/degraded") and ${count === 1 ? "was" : "were"} skipped.`;
}

function buildMonitors(repo: Repository): ParsedMonitor[] {
  const summaryBySlug = new Map(repo.summary.map((s) => [s.slug, s]));
  const configBySlug = new Map(repo.config.map((s) => [s.slug, s]));
  const slugs = new Set([
    ...repo.summary.map((s) => s.slug),
    ...repo.states.keys(),
    ...repo.badges.keys(),
    ...repo.histories.keys(),
  ]);
  // A site only named in .upptimerc.yml, with no data at all, is no monitor yet.
  const ordered = [...repo.config.map((s) => s.slug).filter((s) => slugs.has(s)), ...slugs];

  const monitors: ParsedMonitor[] = [];
  const withoutHistory: string[] = [];
  const withoutSamples: string[] = [];
  let duplicates = 0;
  for (const slug of new Set(ordered)) {
    const summary = summaryBySlug.get(slug);
    const config = configBySlug.get(slug);
    const state = repo.states.get(slug);
    const history = repo.histories.get(slug);
    const target = summary?.url ?? config?.url ?? state?.url ?? "";
    let samples: UptimeSample[] = [];
    if (history) {
      const ordered = orderSamples(history.samples.reverse());
      samples = ordered.samples;
      duplicates += ordered.duplicates;
    } else if (state?.lastUpdated != null) {
      samples = [{ at: state.lastUpdated, status: state.status, latencyMs: state.responseTimeMs, code: state.code, message: "" }];
      withoutHistory.push(slug);
    } else withoutSamples.push(slug);

    const asOf = state?.lastUpdated ?? null;
    const reported: ReportedUptime[] = [];
    if (summary) reported.push({ ...summary.reported, asOf });
    const badges = repo.badges.get(slug);
    const badgeFigures = badges ? readApiBadges(slug, badges) : null;
    if (badgeFigures) reported.push({ ...badgeFigures, asOf });

    const lastSample = samples.length ? samples[samples.length - 1].at : null;
    const ends = [state?.lastUpdated ?? null, lastSample].filter((t): t is number => t !== null);
    monitors.push({
      sourceKey: slug,
      name: summary?.name ?? config?.name ?? history?.siteName ?? slug,
      target,
      kind: guessMonitorKind(target, checkKind(config?.check ?? null)),
      samples,
      checkIntervalSec: null,
      dataEnd: ends.length ? Math.max(...ends) : null,
      reported,
      outages: [],
      maintenance: [],
      timeZone: null,
    });
  }

  if (withoutHistory.length) {
    repo.notes.unshift(
      repo.histories.size === 0
        ? NO_GIT_HISTORY_NOTE
        : `This upload has no git history for ${withoutHistory.join(", ")}: ${withoutHistory.length === 1 ? "it has" : "each has"} one sample (its status at lastUpdated). Upload the repository folder with .git, or a git log export, for the time series.`,
    );
  }
  if (withoutSamples.length) {
    repo.notes.push(
      `No history/<slug>.yml and no history for ${withoutSamples.join(", ")}: only Upptime's own figures were imported for ${withoutSamples.length === 1 ? "it" : "them"}.`,
    );
  }
  if (duplicates > 0) {
    repo.notes.push(
      `${duplicates.toLocaleString("en-US")} commit${duplicates === 1 ? "" : "s"} shared an author time with another; the later one was kept.`,
    );
  }
  attachIssues(repo, monitors);
  return monitors;
}

/** Upptime's `check` types as the kind names guessMonitorKind knows. */
function checkKind(check: string | null): string | null {
  if (check === "tcp-ping") return "tcp";
  if (check === "ws") return "websocket";
  return check;
}

function attachIssues(repo: Repository, monitors: ParsedMonitor[]): void {
  if (repo.issues.length === 0) return;
  const bySlug = new Map(monitors.map((m) => [m.sourceKey, m]));
  const byName = new Map(monitors.map((m) => [m.name.toLowerCase(), m]));
  const unmatched: string[] = [];
  let other = 0;
  const seen = new Set<string>();
  for (const issue of repo.issues) {
    const maintenance = issueMaintenance(issue);
    if (maintenance) {
      for (const slug of maintenance.slugs) {
        bySlug
          .get(slug)
          ?.maintenance.push({ startsAt: maintenance.startsAt, endsAt: maintenance.endsAt, reason: maintenance.reason });
      }
      continue;
    }
    const outage: ParsedOutage | null = issueOutage(issue);
    if (!outage) {
      other++;
      continue;
    }
    const siteName = issueSiteName(issue);
    const monitor =
      issue.labels.map((l) => (l === "status" ? undefined : bySlug.get(l))).find(Boolean) ??
      (siteName ? byName.get(siteName.toLowerCase()) : undefined);
    if (!monitor) {
      unmatched.push(`#${issue.number} "${issue.title}"`);
      continue;
    }
    const key = `${monitor.sourceKey} ${outage.reference}`;
    if (seen.has(key)) continue;
    seen.add(key);
    monitor.outages.push(outage);
  }
  for (const m of monitors) m.outages.sort((a, b) => a.startedAt - b.startedAt);
  if (unmatched.length) {
    const shown = unmatched.slice(0, 5).join(", ");
    repo.notes.push(
      `${unmatched.length} status issue${unmatched.length === 1 ? "" : "s"} matched no monitor by slug label or site name and ${unmatched.length === 1 ? "was" : "were"} left out: ${shown}${unmatched.length > 5 ? ", …" : ""}.`,
    );
  }
  if (other) {
    repo.notes.push(
      `${other} issue${other === 1 ? " is" : "s are"} not Upptime status or maintenance issues and ${other === 1 ? "was" : "were"} left out.`,
    );
  }
}
