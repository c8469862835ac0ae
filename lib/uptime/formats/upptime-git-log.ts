/**
 * Upptime's time series is the git history of `history/<slug>.yml`: every check that changed the
 * status (and the periodic response-time commit) is a commit whose subject carries status, code
 * and latency. It comes either as an export (`git log --format='%H%x09%aI%x09%s' -- history/<slug>.yml`,
 * newest first) or from an uploaded `.git` read by the real `git` binary.
 */
import { execFile } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { ImportError } from "@/lib/imports/errors";
import type { TimeReader } from "@/lib/metrics/formats/readings";
import { upptimeStatusFromSubject } from "@/lib/uptime/formats/upptime-text";

export const GIT_LOG_FORMAT = "%H%x09%aI%x09%s";
export const GIT_LOG_COMMAND = "git log --format='%H%x09%aI%x09%s' -- history/<slug>.yml";

/** SHA-1 (40) or SHA-256 (64) object names. */
const HASH = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
const LINE_SHAPE = /^(?:[0-9a-f]{40}|[0-9a-f]{64})\t\d{4}-\d{2}-\d{2}T[^\t]*\t/i;

export type GitLogCommit = { hash: string; at: number; subject: string };

/** Detection by content: the head's first line is a `hash<TAB>time<TAB>subject` line and some subject is a status change. */
export function looksLikeGitLogExport(text: string): boolean {
  const lines = text.split(/\r?\n/, 500).filter((l) => l.trim() !== "");
  if (lines.length === 0 || !LINE_SHAPE.test(lines[0])) return false;
  return lines.some((l) => LINE_SHAPE.test(l) && upptimeStatusFromSubject(l.split("\t").slice(2).join("\t")) !== null);
}

/**
 * The slug a git log export's file name gives ("history-qa-insights.commit-log.tsv",
 * "qa-insights.git-log.tsv", "history-qa-insights.tsv"), null when it names none.
 */
export function gitLogExportSlug(fileName: string): string | null {
  const base = fileName.split("/").pop() ?? fileName;
  const m =
    /^(?:history[-_.])?(.+?)[-_.](?:commit-?log|git-?log)\.(?:tsv|txt|log)$/i.exec(base) ??
    /^history[-_.](.+?)\.(?:tsv|txt|log)$/i.exec(base);
  return m ? m[1] : null;
}

/** One line of the export; a malformed one fails naming the file, line and field, with what to write. */
export function parseGitLogLine(text: string, times: TimeReader, where: { file: string; line: number }): GitLogCommit {
  const first = text.indexOf("\t");
  const second = first < 0 ? -1 : text.indexOf("\t", first + 1);
  const fail = (message: string, field: string): never => {
    throw new ImportError(message, { ...where, field });
  };
  if (second < 0) {
    fail(
      `the line has ${first < 0 ? 1 : 2} tab-separated field${first < 0 ? "" : "s"}; a git log export has 3 (commit hash, author time, subject), as \`${GIT_LOG_COMMAND}\` writes them.`,
      first < 0 ? "author time" : "subject",
    );
  }
  const hash = text.slice(0, first).trim();
  if (!HASH.test(hash)) {
    fail(`${shown(hash)} is not a commit hash: write the 40 hexadecimal digits git prints for %H.`, "commit hash");
  }
  const timeText = text.slice(first + 1, second).trim();
  const at = times.iso(timeText);
  if (at !== at)
    fail(`${times.problem(timeText)} Write the author time as git prints it for %aI (2023-04-03T02:23:23-04:00).`, "author time");
  return { hash, at, subject: text.slice(second + 1) };
}

function shown(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

const GIT_TIMEOUT_MS = 120_000;
const GIT_MAX_OUTPUT = 512 * 1024 * 1024;

/**
 * `git log` of one path in the repository at `repoDir`, run without a shell. The uploaded `.git`
 * is untrusted: discovery is off (GIT_DIR is given), system and user config are not read, and the
 * repository config cannot start programs here (no signature checks, external diffs, fsmonitor or
 * fetches of missing objects).
 */
export function runGitLog(repoDir: string, relativePath: string, label: string): Promise<string> {
  const gitDir = path.join(repoDir, ".git");
  const args = [
    "-c",
    "core.fsmonitor=false",
    "-c",
    "protocol.allow=never",
    "-c",
    "log.showSignature=false",
    "-c",
    `safe.directory=${repoDir}`,
    // A slug is a file name, never pathspec magic (":(exclude)…").
    "--literal-pathspecs",
    "log",
    "--no-show-signature",
    "--no-ext-diff",
    "--no-textconv",
    "--encoding=UTF-8",
    `--format=${GIT_LOG_FORMAT}`,
    "--",
    relativePath,
  ];
  // Nothing of the server's environment (GIT_DIR of a hook, a user's config) reaches this git.
  const env = {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    HOME: os.tmpdir(),
    GIT_DIR: gitDir,
    GIT_WORK_TREE: repoDir,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_TERMINAL_PROMPT: "0",
    GIT_OPTIONAL_LOCKS: "0",
    LC_ALL: "C",
  } as unknown as NodeJS.ProcessEnv;
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      args,
      { cwd: repoDir, env, timeout: GIT_TIMEOUT_MS, maxBuffer: GIT_MAX_OUTPUT, encoding: "utf8", windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT") {
          reject(
            new ImportError(
              `the git program is not installed where Hindsight runs, so the history in .git cannot be read. Upload a git log export instead (${GIT_LOG_COMMAND}).`,
              { file: label },
            ),
          );
        } else if (error.killed) {
          reject(
            new ImportError(
              `git took longer than ${GIT_TIMEOUT_MS / 1000} s to read the history of ${relativePath}. Upload a git log export instead (${GIT_LOG_COMMAND}).`,
              { file: label },
            ),
          );
        } else if (code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") {
          reject(
            new ImportError(
              `the history of ${relativePath} is larger than ${GIT_MAX_OUTPUT / 1024 / 1024} MB of git log output.`,
              {
                file: label,
              },
            ),
          );
        } else {
          const said = stderr.split("\n").find((l) => l.trim()) ?? error.message;
          reject(
            new ImportError(
              `git could not read the history of ${relativePath} (git said: ${said.trim()}). The .git folder looks incomplete: ` +
                `upload the whole repository folder, hidden files included, or a git log export (${GIT_LOG_COMMAND}).`,
              { file: label },
            ),
          );
        }
      },
    );
  });
}
