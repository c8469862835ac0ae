/**
 * The Upptime importer reading the history from an uploaded `.git` with the real git binary: a
 * repository is built here commit by commit, as Upptime's bot writes them, then uploaded as a folder.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportError } from "@/lib/imports/errors";
import type { ImportFile } from "@/lib/imports/files";
import { NO_PROGRESS } from "@/lib/imports/progress";
import { upptimeImporter } from "@/lib/uptime/formats/upptime";
import type { ParsedUptime } from "@/lib/uptime/types";

const tempDir = mkdtempSync(path.join(os.tmpdir(), "upptime-git-"));
const repo = path.join(tempDir, "status");
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

const GIT_ENV = { PATH: process.env.PATH ?? "", HOME: tempDir, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: os.devNull };

function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync("git", ["-c", "user.name=Upptime Bot", "-c", "user.email=bot@upptime.example", ...args], {
    cwd,
    env: { ...GIT_ENV, ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
}

function historyYml(status: string, code: number, responseTime: number, lastUpdated: string): string {
  return (
    `url: https://api.acme.example/health\nstatus: ${status}\ncode: ${code}\nresponseTime: ${responseTime}\n` +
    `lastUpdated: ${lastUpdated}\nstartTime: 2026-04-27T00:00:00.000Z\ngenerator: Upptime <https://github.com/upptime/upptime>\n`
  );
}

/** Writes the file and commits it with the author time Upptime's run had. */
function commit(dir: string, file: string, content: string, message: string, date: string): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), content);
  git(dir, ["add", file]);
  git(dir, ["commit", "-q", "-m", message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
}

/** A folder upload: every file, `.git` included, named by its path relative to the folder. */
function folder(root: string): ImportFile[] {
  const files: ImportFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push({ name: path.relative(root, full).split(path.sep).join("/"), path: full, size: statSync(full).size });
    }
  };
  walk(root);
  return files;
}

function parse(files: ImportFile[]): Promise<ParsedUptime> {
  return upptimeImporter.parse(files, { progress: NO_PROGRESS, options: { timeZone: "UTC" } });
}

async function parseError(files: ImportFile[]): Promise<ImportError> {
  const error = await parse(files).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

const iso = (at: number) => new Date(at).toISOString();

beforeAll(() => {
  mkdirSync(repo);
  git(repo, ["init", "-q", "-b", "master"]);
  writeFileSync(
    path.join(repo, ".upptimerc.yml"),
    "owner: acme\nrepo: status\nsites:\n  - name: Acme API\n    url: https://api.acme.example/health\n",
  );
  writeFileSync(path.join(repo, "README.md"), "# Acme status\n");
  git(repo, ["add", ".upptimerc.yml", "README.md"]);
  git(repo, ["commit", "-q", "-m", "Initial commit"], {
    GIT_AUTHOR_DATE: "2026-04-26T12:00:00Z",
    GIT_COMMITTER_DATE: "2026-04-26T12:00:00Z",
  });
  const yml = "history/acme-api.yml";
  commit(
    repo,
    yml,
    historyYml("up", 200, 151, "2026-04-27T00:00:06.512Z"),
    "🟩 Acme API is up (200 in 151 ms) [skip ci] [upptime]",
    "2026-04-27T00:00:07+00:00",
  );
  commit(
    repo,
    yml,
    historyYml("up", 200, 151, "2026-04-27T00:00:06.000Z"),
    "Fix the start time of Acme API",
    "2026-04-27T08:15:00+02:00",
  );
  commit(
    repo,
    yml,
    historyYml("down", 500, 321, "2026-04-28T10:05:11.870Z"),
    "🟥 Acme API is down (500 in 321 ms) [skip ci] [upptime]",
    "2026-04-28T10:05:12+00:00",
  );
  commit(
    repo,
    "README.md",
    "# Acme status\n\n🟥 Partial outage\n",
    ":pencil: Update summary in README [skip ci] [upptime]",
    "2026-04-28T10:06:00Z",
  );
  commit(
    repo,
    yml,
    historyYml("up", 200, 160, "2026-04-28T10:35:39.400Z"),
    "🟩 Acme API is up (200 in 160 ms) [skip ci] [upptime]",
    "2026-04-28T12:35:40+02:00",
  );
});

describe("Upptime importer on a folder with .git", () => {
  it("reads the history of history/<slug>.yml with git: one sample per status commit, times in UTC", async () => {
    const parsed = await parse(folder(repo));
    expect(parsed.monitors).toHaveLength(1);
    const m = parsed.monitors[0];
    expect(m).toMatchObject({ sourceKey: "acme-api", name: "Acme API", target: "https://api.acme.example/health", kind: "http" });
    expect(m.samples.map((s) => [iso(s.at), s.status, s.code, s.latencyMs])).toEqual([
      ["2026-04-27T00:00:07.000Z", "up", 200, 151],
      ["2026-04-28T10:05:12.000Z", "down", 500, 321],
      ["2026-04-28T10:35:40.000Z", "up", 200, 160],
    ]);
    expect(m.dataEnd).toBe(Date.parse("2026-04-28T10:35:40Z"));
    expect(parsed.notes).toEqual([
      `1 commit in the git history of the uploaded folder's .git is not a status change (the subject is not "<site> is up/down/degraded") and was skipped.`,
    ]);
  });

  it("reads a .git whose files were not stored at their relative paths", async () => {
    const flat = path.join(tempDir, "flat");
    mkdirSync(flat);
    const files = folder(repo).map((f, i) => {
      const stored = path.join(flat, `${i}-${path.basename(f.name)}`);
      copyFileSync(f.path, stored);
      return { ...f, path: stored };
    });
    const parsed = await parse(files);
    expect(parsed.monitors[0].samples).toHaveLength(3);
  });

  it("reads a zip of the repository with its .git under a top folder", async () => {
    const zip = new JSZip();
    for (const f of folder(repo)) zip.file(`status-master/${f.name}`, readFileSync(f.path));
    const zipPath = path.join(tempDir, "status.zip");
    writeFileSync(zipPath, await zip.generateAsync({ type: "nodebuffer" }));
    const parsed = await parse([{ name: "status.zip", path: zipPath, size: statSync(zipPath).size }]);
    expect(parsed.monitors[0].samples.map((s) => s.status)).toEqual(["up", "down", "up"]);
    expect(parsed.notes[0]).toContain("status.zip: .git");
  });

  it("says when the clone is shallow", async () => {
    const shallow = path.join(tempDir, "shallow");
    git(tempDir, ["clone", "-q", "--depth", "2", `file://${repo}`, shallow]);
    const parsed = await parse(folder(shallow));
    expect(parsed.monitors[0].samples.map((s) => iso(s.at))).toEqual(["2026-04-28T10:35:40.000Z"]);
    expect(parsed.notes).toContain(
      "The repository is a shallow clone: its history starts where the clone was cut, earlier checks are missing.",
    );
  });

  it("fails clearly when the .git is incomplete", async () => {
    const broken = path.join(tempDir, "broken");
    cpSync(repo, broken, { recursive: true });
    rmSync(path.join(broken, ".git", "objects"), { recursive: true, force: true });
    mkdirSync(path.join(broken, ".git", "objects"));
    const error = await parseError(folder(broken));
    expect(error.file).toBe("the uploaded folder's .git");
    expect(error.message).toContain("git could not read the history of history/acme-api.yml");
    expect(error.message).toContain("looks incomplete");
  });

  it("fails clearly when git is not installed", async () => {
    const path0 = process.env.PATH;
    process.env.PATH = path.join(tempDir, "no-programs-here");
    try {
      const error = await parseError(folder(repo));
      expect(error.message).toContain("the git program is not installed");
      expect(error.message).toContain("git log --format='%H%x09%aI%x09%s' -- history/<slug>.yml");
    } finally {
      process.env.PATH = path0;
    }
  });

  it("never lets the uploaded repository's config start a program (gpg.program with log.showSignature)", async () => {
    const hostile = path.join(tempDir, "hostile");
    cpSync(repo, hostile, { recursive: true });
    const marker = path.join(tempDir, "gpg-was-run");
    const script = path.join(tempDir, "fake-gpg.sh");
    writeFileSync(script, `#!/bin/sh\ntouch "${marker}"\nexit 1\n`);
    chmodSync(script, 0o755);
    // A signed commit: git verifies its signature when log.showSignature is on, by running gpg.program.
    writeFileSync(path.join(hostile, "history/acme-api.yml"), historyYml("up", 200, 99, "2026-04-29T00:00:06.000Z"));
    git(hostile, ["add", "history/acme-api.yml"]);
    const tree = git(hostile, ["write-tree"]).trim();
    const parent = git(hostile, ["rev-parse", "HEAD"]).trim();
    const body =
      `tree ${tree}\nparent ${parent}\nauthor Upptime Bot <bot@upptime.example> 1777420807 +0000\n` +
      `committer Upptime Bot <bot@upptime.example> 1777420807 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\n` +
      "🟩 Acme API is up (200 in 99 ms) [skip ci] [upptime]\n";
    const object = path.join(tempDir, "signed-commit");
    writeFileSync(object, body);
    const signed = git(hostile, ["hash-object", "-t", "commit", "-w", object]).trim();
    git(hostile, ["update-ref", "HEAD", signed]);
    git(hostile, ["config", "log.showSignature", "true"]);
    git(hostile, ["config", "gpg.program", script]);

    // The trap works: a plain git log honouring the repository's config runs the program.
    git(hostile, ["log", "-1", "--format=%s", "--", "history/acme-api.yml"]);
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);

    const parsed = await parse(folder(hostile));
    expect(parsed.monitors[0].samples).toHaveLength(4);
    expect(existsSync(marker)).toBe(false);
  });
});
