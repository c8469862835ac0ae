/**
 * An Upptime upload as one list of repository files, whichever way it came: a folder's files (name =
 * path relative to the folder), one or more zips of the repository (GitHub's "Download ZIP" puts
 * everything under "<repo>-<branch>/", which is dropped), or loose files beside them (a git log
 * export, an issues export). A `.git` folder is kept on disk for the real `git` binary to read.
 */
import { createReadStream } from "node:fs";
import { copyFile, link, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import JSZip from "jszip";
import { ImportError } from "@/lib/imports/errors";
import type { ImportFile } from "@/lib/imports/files";
import type { ImportProgress } from "@/lib/imports/progress";

export type UpptimeEntry = {
  /** Path inside the repository ("history/qa-insights.yml"), a zip's top folder removed. */
  name: string;
  /** For messages: the upload name, or "UpTime-master.zip: history/a.yml". */
  label: string;
  text(): Promise<string>;
  /** Line by line (streamed from disk for an uploaded file), for git log exports. */
  lines(): AsyncIterable<string>;
};

export type UpptimeUpload = {
  entries: UpptimeEntry[];
  /** The working folder holding the repository's `.git`, for `git -C`; null without one. */
  repoDir: string | null;
  /** Where that `.git` came from, for messages: "the uploaded folder's .git", "UpTime.zip: .git". */
  repoLabel: string | null;
  /** The `.git` is a shallow clone: its history starts at a cut. */
  shallow: boolean;
  /** Removes the folders made for `.git` (links or an unzipped copy); the uploaded files stay. */
  cleanup(): Promise<void>;
};

/** JSZip reads a zip whole; a repository zip with a long `.git` runs to some hundred MB, more is refused. */
export const MAX_UPPTIME_ZIP_BYTES = 1024 * 1024 * 1024;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Top-level folders of an Upptime repository: a zip holding one of them at its root has no folder to drop. */
const REPOSITORY_FOLDERS = new Set(["history", "api", ".git", "graphs", ".github", "assets"]);

export function isZipName(name: string): boolean {
  return /\.zip$/i.test(name);
}

export function startsLikeZip(head: Buffer): boolean {
  return head.length >= 4 && head.subarray(0, 4).equals(ZIP_MAGIC);
}

export async function openUpptimeUpload(files: ImportFile[], progress: ImportProgress): Promise<UpptimeUpload> {
  const entries: UpptimeEntry[] = [];
  const temporary: string[] = [];
  let repoDir: string | null = null;
  let repoLabel: string | null = null;
  let shallow = false;
  const cleanup = async () => {
    for (const dir of temporary) await rm(dir, { recursive: true, force: true });
  };
  try {
    const gitFiles: ImportFile[] = [];
    for (const file of files) {
      const name = file.name.replace(/\\/g, "/");
      if (name === ".git") {
        throw new ImportError(
          "this .git is a file pointing to a repository elsewhere (a worktree or submodule), not the repository itself. " +
            "Upload the folder of the main clone, or a git log export.",
          { file: name },
        );
      }
      if (name.startsWith(".git/")) {
        gitFiles.push({ ...file, name });
        if (name === ".git/shallow") shallow = true;
        continue;
      }
      // Only a loose file can be the repository's zip; a zip inside the folder is just one of its files.
      if (!name.includes("/") && (isZipName(name) || startsLikeZip(await readStart(file.path)))) {
        const zip = await readZip(file, progress);
        entries.push(...zip.entries);
        if (zip.gitEntries.length && repoDir === null) {
          const dir = await mkdtemp(path.join(os.tmpdir(), "hindsight-upptime-"));
          temporary.push(dir);
          await unzipGit(zip.gitEntries, dir, file.name);
          repoDir = dir;
          repoLabel = `${file.name}: .git`;
          shallow = zip.gitEntries.some((e) => e.name === ".git/shallow");
        }
        continue;
      }
      entries.push(uploadedEntry(file, name, progress));
    }
    if (gitFiles.length && repoDir === null) {
      repoDir = sharedRoot(gitFiles);
      if (repoDir === null) {
        // Stored apart (not at their relative paths): linked (or copied) into a folder of their own for git.
        const dir = await mkdtemp(path.join(os.tmpdir(), "hindsight-upptime-"));
        temporary.push(dir);
        for (const f of gitFiles) {
          const target = insideFolder(dir, f.name, f.name);
          await mkdir(path.dirname(target), { recursive: true });
          await link(f.path, target).catch(() => copyFile(f.path, target));
        }
        repoDir = dir;
      }
      repoLabel = "the uploaded folder's .git";
    }
    return { entries, repoDir, repoLabel, shallow, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function readStart(filePath: string): Promise<Buffer> {
  const stream = createReadStream(filePath, { start: 0, end: 3 });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function uploadedEntry(file: ImportFile, name: string, progress: ImportProgress): UpptimeEntry {
  return {
    name,
    label: name,
    async text() {
      const text = await readFile(file.path, "utf8");
      progress.bytes(file.size);
      return text.replace(/^\uFEFF/, "");
    },
    async *lines() {
      const stream = createReadStream(file.path, { encoding: "utf8" });
      const reader = createInterface({ input: stream, crlfDelay: Infinity });
      let first = true;
      try {
        for await (const line of reader) {
          yield first ? line.replace(/^\uFEFF/, "") : line;
          first = false;
        }
      } finally {
        reader.close();
        stream.destroy();
      }
      progress.bytes(file.size);
    },
  };
}

/** The folder the `.git` files were stored under at their relative paths, or null when they were not. */
function sharedRoot(gitFiles: ImportFile[]): string | null {
  let root: string | null = null;
  for (const f of gitFiles) {
    const stored = path.resolve(f.path).split(path.sep).join("/");
    if (!stored.endsWith(`/${f.name}`)) return null;
    const candidate = stored.slice(0, stored.length - f.name.length - 1);
    if (root !== null && candidate !== root) return null;
    root = candidate;
  }
  return root === null ? null : root.split("/").join(path.sep) || path.sep;
}

/** `relative` joined under `dir`, refusing absolute paths and "..": a zip or upload never writes elsewhere. */
function insideFolder(dir: string, relative: string, label: string): string {
  const segments = relative.split("/").filter((s) => s !== "" && s !== ".");
  const target = path.join(dir, ...segments);
  if (relative.startsWith("/") || segments.includes("..") || !target.startsWith(dir + path.sep)) {
    throw new ImportError("the path leaves the repository folder.", { file: label });
  }
  return target;
}

type ZipEntry = { name: string; file: JSZip.JSZipObject };

async function readZip(file: ImportFile, progress: ImportProgress): Promise<{ entries: UpptimeEntry[]; gitEntries: ZipEntry[] }> {
  if (file.size > MAX_UPPTIME_ZIP_BYTES) {
    throw new ImportError(
      `the zip is ${(file.size / 1024 / 1024).toFixed(0)} MB, more than the ${MAX_UPPTIME_ZIP_BYTES / 1024 / 1024} MB a zip import reads. ` +
        "Upload the repository folder instead, or a git log export with the history folder.",
      { file: file.name },
    );
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(await readFile(file.path));
  } catch (error) {
    throw new ImportError(`is not a readable zip archive (${error instanceof Error ? error.message : String(error)}).`, {
      file: file.name,
    });
  }
  progress.bytes(file.size);
  await progress.tick();
  const all: ZipEntry[] = [];
  zip.forEach((relativePath, object) => {
    const name = relativePath.replace(/\\/g, "/");
    if (!object.dir && !name.startsWith("__MACOSX/")) all.push({ name, file: object });
  });
  const top = commonTopFolder(all.map((e) => e.name));
  const inRepo = all.map((e) => ({ ...e, name: top ? e.name.slice(top.length + 1) : e.name }));
  const entries: UpptimeEntry[] = [];
  const gitEntries: ZipEntry[] = [];
  for (const entry of inRepo) {
    if (entry.name.startsWith(".git/")) {
      gitEntries.push(entry);
      continue;
    }
    const label = `${file.name}: ${entry.name}`;
    const text = async () => (await entry.file.async("string")).replace(/^\uFEFF/, "");
    entries.push({
      name: entry.name,
      label,
      text,
      async *lines() {
        yield* (await text()).split(/\r?\n/);
      },
    });
  }
  return { entries, gitEntries };
}

/** "UpTime-master" when every entry lies under that one folder and it is not itself a repository folder. */
function commonTopFolder(names: string[]): string | null {
  let top: string | null = null;
  for (const name of names) {
    const slash = name.indexOf("/");
    if (slash < 0) return null;
    const first = name.slice(0, slash);
    if (top !== null && first !== top) return null;
    top = first;
  }
  return top !== null && !REPOSITORY_FOLDERS.has(top) ? top : null;
}

async function unzipGit(entries: ZipEntry[], dir: string, zipName: string): Promise<void> {
  for (const entry of entries) {
    const target = insideFolder(dir, entry.name, `${zipName}: ${entry.name}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, await entry.file.async("nodebuffer"));
  }
}
