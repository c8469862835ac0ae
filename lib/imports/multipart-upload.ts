/**
 * Streams a multipart/form-data request body to temporary files with busboy: memory stays flat
 * whatever the upload size. Text fields are returned for the caller's zod schema.
 */
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { AppError } from "@/lib/errors";
import { createUploadDirectory, removeUploadDirectory, saveStreamToFile, type StoredUpload } from "@/lib/imports/temp-files";

export type MultipartUpload = { dir: string; fields: Record<string, string>; files: StoredUpload[] };

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024 * 1024;
export const IMPORT_MAX_FILES = 10;

export async function receiveMultipartUpload(
  request: Request,
  { maxBytes = IMPORT_MAX_BYTES, maxFiles = IMPORT_MAX_FILES }: { maxBytes?: number; maxFiles?: number } = {},
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
  let failure: unknown = null;
  try {
    await new Promise<void>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: { "content-type": contentType },
          limits: { files: maxFiles, fields: 50, fieldSize: 64 * 1024, fileSize: maxBytes },
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
          saveStreamToFile(stream, dir, info.filename || "upload", { maxBytes, index }).then(
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
    if (failure) throw failure;
    const stored = files.filter(Boolean);
    if (!stored.length) throw new AppError("VALIDATION", "Choose at least one file to import.");
    if (stored.some((f) => f.size === 0)) {
      throw new AppError("VALIDATION", `${stored.find((f) => f.size === 0)!.name} is empty.`);
    }
    return { dir, fields, files: stored };
  } catch (e) {
    await Promise.all(pending);
    await removeUploadDirectory(dir);
    throw e;
  }
}
