/**
 * Uploads go to temporary files first (DECISIONS.md: never buffer a whole upload in memory), then
 * the import job streams them back in. Each upload gets its own directory, removed when the job ends.
 */
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/errors";

export type StoredUpload = { name: string; path: string; size: number; sha256: string };

export function importTempRoot(): string {
  return path.join(os.tmpdir(), "hindsight-imports");
}

export async function createUploadDirectory(): Promise<string> {
  const dir = path.join(importTempRoot(), randomUUID());
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Keeps a file name readable but harmless as a path component. */
export function safeFileName(name: string): string {
  const base = path
    .basename(name.replace(/\\/g, "/"))
    .replace(/[^\p{L}\p{N}._ -]/gu, "_")
    .slice(0, 200);
  return base && base !== "." && base !== ".." ? base : "upload";
}

/** Streams `source` into `dir`, refusing it once it passes `maxBytes` (the partial file is removed). */
export async function saveStreamToFile(
  source: Readable,
  dir: string,
  name: string,
  { maxBytes, index = 0 }: { maxBytes: number; index?: number },
): Promise<StoredUpload> {
  const fileName = safeFileName(name);
  const target = path.join(dir, `${index}-${fileName}`);
  const hash = createHash("sha256");
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      size += chunk.length;
      if (size > maxBytes) {
        callback(
          new AppError("VALIDATION", `${fileName} is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB import limit.`),
        );
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(target));
  } catch (e) {
    await rm(target, { force: true });
    throw e;
  }
  return { name: fileName, path: target, size, sha256: hash.digest("hex") };
}

/** The CLI imports local files in place: describe one as an upload would be. */
export async function describeLocalFile(filePath: string): Promise<{ name: string; path: string; size: number }> {
  const s = await stat(filePath).catch(() => null);
  if (!s || !s.isFile()) throw new AppError("VALIDATION", `${filePath}: no such file.`);
  return { name: path.basename(filePath), path: path.resolve(filePath), size: s.size };
}

export async function removeUploadDirectory(dir: string | null | undefined): Promise<void> {
  if (!dir) return;
  // Only ever delete inside our own temp root.
  if (!path.resolve(dir).startsWith(importTempRoot() + path.sep)) return;
  await rm(dir, { recursive: true, force: true });
}
