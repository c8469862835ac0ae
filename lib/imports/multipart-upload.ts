/**
 * Streams a multipart/form-data request body to temporary files with busboy: memory stays flat
 * whatever the upload size. Text fields are returned for the caller's zod schema.
 *
 * With `keepPaths` (a folder upload: the part's file name is its relative path, "history/a.yml",
 * ".git/HEAD") each file is stored at that relative path inside the upload directory, so tools
 * that read the folder itself (`git -C`) find it as it was; absolute paths and ".." are refused.
 */
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { AppError } from "@/lib/errors";
import { createUploadDirectory, removeUploadDirectory, saveStreamToFile, type StoredUpload } from "@/lib/imports/temp-files";

export type MultipartUpload = { dir: string; fields: Record<string, string>; files: StoredUpload[] };

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024 * 1024;
export const IMPORT_MAX_FILES = 10;

const MAX_RELATIVE_PATH = 1024;
/** Where folder-upload parts land while streaming, before they move to their relative path. */
const STAGING = ".upload-staging";

/**
 * A folder upload's file name as a safe relative path ("history/a.yml"): backslashes read as
 * separators, empty and "." segments dropped; absolute paths, ".." and control characters refused.
 */
export function uploadRelativePath(name: string): string {
  const raw = name.replace(/\\/g, "/");
  const refuse = (why: string) => new AppError("VALIDATION", `${name}: ${why}`, { file: [why] });
  if (raw.startsWith("/") || /^[A-Za-z]:/.test(raw))
    throw refuse("absolute paths are not accepted; send paths relative to the folder.");
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw refuse("the file name holds control characters.");
  const segments = raw.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.some((s) => s === "..")) throw refuse('paths may not contain "..".');
  const relative = segments.join("/");
  if (!relative) throw refuse("the file has no name.");
  if (relative.length > MAX_RELATIVE_PATH || segments.some((s) => Buffer.byteLength(s) > 255))
    throw refuse("the path is too long.");
  return relative;
}

export async function receiveMultipartUpload(
  request: Request,
  {
    maxBytes = IMPORT_MAX_BYTES,
    maxFiles = IMPORT_MAX_FILES,
    keepPaths = false,
  }: { maxBytes?: number; maxFiles?: number; keepPaths?: boolean } = {},
): Promise<MultipartUpload> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw new AppError("VALIDATION", 'Send the files as multipart/form-data (one or more parts named "file").');
  }
  if (!request.body) throw new AppError("VALIDATION", "The request has no body.");
  const dir = await createUploadDirectory();
  const fields: Record<string, string> = {};
  const files: StoredUpload[] = [];
  const pending: Promise<void>[] = [];
  const relativePaths = new Set<string>();
  let failure: unknown = null;
  try {
    await new Promise<void>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: { "content-type": contentType },
          limits: { files: maxFiles, fields: 50, fieldSize: 64 * 1024, fileSize: maxBytes },
          preservePath: keepPaths,
        });
      } catch {
        reject(new AppError("VALIDATION", "The multipart body is malformed (no boundary)."));
        return;
      }
      parser.on("field", (name, value) => {
        fields[name] = value;
      });
      parser.on("file", (_name, stream, info) => {
        const index = files.length + pending.length;
        // busboy truncates the part at the limit and ends it; the whole upload is refused after parsing.
        stream.on("limit", () => {
          failure ??= new AppError(
            "VALIDATION",
            `${info.filename} is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB import limit.`,
          );
        });
        // Handled at once: a file that fails mid-stream must not become an unhandled rejection.
        pending.push(
          (keepPaths
            ? saveAtRelativePath(stream, dir, info.filename || "upload", { maxBytes, index, taken: relativePaths })
            : saveStreamToFile(stream, dir, info.filename || "upload", { maxBytes, index })
          ).then(
            (stored) => {
              files[index] = stored;
            },
            (e: unknown) => {
              failure ??= e;
              stream.resume();
            },
          ),
        );
      });
      parser.on("filesLimit", () => reject(new AppError("VALIDATION", `Send at most ${maxFiles} files in one import.`)));
      parser.on("error", (e) =>
        reject(new AppError("VALIDATION", `The upload was interrupted or malformed: ${(e as Error).message}`)),
      );
      parser.on("close", () => resolve());
      Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>)
        .on("error", (e) => reject(new AppError("VALIDATION", `The upload was interrupted: ${e.message}`)))
        .pipe(parser);
    });
    await Promise.all(pending);
    if (keepPaths) await rm(path.join(dir, STAGING), { recursive: true, force: true });
    if (failure) throw failure;
    const stored = files.filter(Boolean);
    if (!stored.length) throw new AppError("VALIDATION", "Choose at least one file to import.");
    if (keepPaths ? stored.every((f) => f.size === 0) : stored.some((f) => f.size === 0)) {
      throw new AppError("VALIDATION", `${stored.find((f) => f.size === 0)!.name} is empty.`);
    }
    return { dir, fields, files: stored };
  } catch (e) {
    await Promise.all(pending);
    await removeUploadDirectory(dir);
    throw e;
  }
}

/** Stores one part of a folder upload at its relative path inside `dir` (a repeated path is refused). */
async function saveAtRelativePath(
  stream: Readable,
  dir: string,
  name: string,
  { maxBytes, index, taken }: { maxBytes: number; index: number; taken: Set<string> },
): Promise<StoredUpload> {
  let relative: string;
  try {
    relative = uploadRelativePath(name);
    if (relative === STAGING || relative.startsWith(`${STAGING}/`))
      throw new AppError("VALIDATION", `${name}: this name is reserved.`, { file: ["Reserved name"] });
    if (taken.has(relative)) throw new AppError("VALIDATION", `${relative} was sent twice.`, { file: ["Sent twice"] });
  } catch (e) {
    stream.resume();
    throw e;
  }
  taken.add(relative);
  const target = path.join(dir, ...relative.split("/"));
  // Belt and braces: whatever the checks above missed, nothing is written outside the upload directory.
  if (!target.startsWith(dir + path.sep)) {
    stream.resume();
    throw new AppError("VALIDATION", `${name}: the path leaves the folder.`, { file: ["The path leaves the folder"] });
  }
  // saveStreamToFile meters and hashes into a staging folder of its own; the file then moves to its path.
  const staging = path.join(dir, STAGING);
  await mkdir(staging, { recursive: true });
  const stored = await saveStreamToFile(stream, staging, path.basename(target), { maxBytes, index });
  await mkdir(path.dirname(target), { recursive: true });
  await rename(stored.path, target);
  return { ...stored, name: relative, path: target };
}
