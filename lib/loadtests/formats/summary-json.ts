/** Reading of small JSON result summaries, shared by every JSON summary importer. */
import { createReadStream } from "node:fs";
import { ImportError } from "@/lib/imports/errors";
import type { ImportProgress } from "@/lib/imports/progress";
import type { ImportFile } from "@/lib/loadtests/types";

export const MAX_SUMMARY_BYTES = 50 * 1024 * 1024;

/** Reads a small JSON summary whole (it is bounded), reporting progress as it streams in. */
export async function readJsonSummary(file: ImportFile, progress: ImportProgress): Promise<{ text: string; value: unknown }> {
  const tooBig = () =>
    new ImportError(`the file is larger than ${MAX_SUMMARY_BYTES / 1024 / 1024} MB, too large for a result summary.`, {
      file: file.name,
    });
  if (file.size > MAX_SUMMARY_BYTES) throw tooBig();
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of createReadStream(file.path, { highWaterMark: 1024 * 1024 })) {
    const buf = chunk as Buffer;
    bytes += buf.length;
    if (bytes > MAX_SUMMARY_BYTES) throw tooBig();
    chunks.push(buf);
    progress.bytes(buf.length);
    await progress.tick();
  }
  const text = Buffer.concat(chunks)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  try {
    return { text, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = lineAt(text, position ? Number(position[1]) : text.length);
    throw new ImportError(`is not valid JSON (${message}); the file may be cut short.`, { file: file.name, line });
  }
}

export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Typed reads from parsed JSON that fail naming the file, the field's path and (best effort) its line. */
export class JsonFields {
  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  fail(message: string, path: string): never {
    throw new ImportError(message, { file: this.file, line: this.lineOf(path), field: path });
  }

  /** Finds the path's keys one after another in the text; keys may contain dots ("http.requests"). */
  private lineOf(path: string): number | null {
    const parts = path.replace(/\[\d+\]/g, "").split(".");
    let pos = 0;
    let found = -1;
    for (let i = 0; i < parts.length;) {
      let j = parts.length;
      for (; j > i; j--) {
        const at = this.text.indexOf(JSON.stringify(parts.slice(i, j).join(".")), pos);
        if (at >= 0) {
          pos = found = at;
          break;
        }
      }
      i = j > i ? j : i + 1;
    }
    return found >= 0 ? lineAt(this.text, found) : null;
  }

  object(v: unknown, path: string): Record<string, unknown> {
    if (v === null || typeof v !== "object" || Array.isArray(v)) this.fail(`${path} is not a JSON object.`, path);
    return v as Record<string, unknown>;
  }

  number(o: Record<string, unknown>, key: string, path: string): number | null {
    const v = o[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== "number" || !Number.isFinite(v)) this.fail(`${JSON.stringify(v).slice(0, 40)} is not a number.`, path);
    return v;
  }

  count(o: Record<string, unknown>, key: string, path: string): number | null {
    const v = this.number(o, key, path);
    if (v !== null && (!Number.isInteger(v) || v < 0)) this.fail(`${v} is not a whole count.`, path);
    return v;
  }

  /** A time given as epoch milliseconds (number or digits) or an ISO 8601 string. */
  time(o: Record<string, unknown>, key: string, path: string): Date | null {
    const v = o[key];
    if (v === undefined || v === null) return null;
    const ms = typeof v === "number" ? v : typeof v === "string" ? (/^\d+$/.test(v) ? Number(v) : Date.parse(v)) : NaN;
    if (!Number.isFinite(ms)) this.fail(`${JSON.stringify(v).slice(0, 40)} is not a time.`, path);
    return new Date(ms);
  }
}
