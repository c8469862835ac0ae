/**
 * Reading the JSON metric formats (Prometheus responses, Hindsight's JSON): the file is read whole,
 * so its size is capped, and points are walked in slices so progress is reported and a cancel is
 * noticed on large files.
 */
import { ImportError } from "@/lib/imports/errors";
import type { ImportFile } from "@/lib/imports/files";
import type { ImportProgress } from "@/lib/imports/progress";
import { lineAt, MAX_SUMMARY_BYTES, readJsonSummary } from "@/lib/loadtests/formats/summary-json";

/** JSON is parsed whole (some 3 to 10 times its size in memory), so it is capped like result summaries. */
export const MAX_METRIC_JSON_BYTES = MAX_SUMMARY_BYTES;

const TICK_EVERY = 10_000;

/**
 * Parses a JSON metric file of at most MAX_METRIC_JSON_BYTES; `shorter` says how to make a smaller
 * one ("Query a shorter range or a larger step."). Invalid JSON fails with the line where it broke.
 */
export async function readMetricJson(
  file: ImportFile,
  progress: ImportProgress,
  shorter: string,
): Promise<{ fields: JsonFields; value: unknown }> {
  if (file.size > MAX_METRIC_JSON_BYTES) {
    throw new ImportError(
      `the file is ${(file.size / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_METRIC_JSON_BYTES / 1024 / 1024} MB a JSON import reads (JSON is read whole). ${shorter}`,
      { file: file.name },
    );
  }
  const { text, value } = await readJsonSummary(file, progress);
  return { fields: new JsonFields(file.name, text), value };
}

/**
 * Typed reads over a parsed JSON file whose errors name the file, the path of the bad value
 * (`data.result[1].values[3]`) and the line it stands on, found by walking the text to that path.
 */
export class JsonFields {
  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  fail(message: string, path: string): never {
    throw new ImportError(message, { file: this.file, line: lineOfJsonPath(this.text, path), field: path });
  }

  object(value: unknown, path: string): Record<string, unknown> {
    if (value === null || typeof value !== "object" || Array.isArray(value)) this.fail(`${path} is not a JSON object.`, path);
    return value as Record<string, unknown>;
  }
}

/**
 * The line on which the value at `path` starts in JSON `text`; for a path that is not there (a
 * missing key), the line of the deepest part that is; null for text that is no JSON value.
 */
export function lineOfJsonPath(text: string, path: string): number | null {
  const steps = [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]));
  let i = skipSpace(text, 0);
  if (i >= text.length) return null;
  for (const step of steps) {
    const found = typeof step === "number" ? arrayItem(text, i, step) : objectMember(text, i, step);
    if (found < 0) break;
    i = found;
  }
  return lineAt(text, i);
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/** Index just past the JSON value starting at `i` (which is not space). */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') {
    for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    return i + 1;
  }
  if (c === "{" || c === "[") {
    let depth = 0;
    for (; i < text.length; i++) {
      const d = text[i];
      if (d === '"') i = skipValue(text, i) - 1;
      else if (d === "{" || d === "[") depth++;
      else if ((d === "}" || d === "]") && --depth === 0) return i + 1;
    }
    return i;
  }
  while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
  return i;
}

function arrayItem(text: string, i: number, index: number): number {
  if (text[i] !== "[") return -1;
  i = skipSpace(text, i + 1);
  for (let n = 0; i < text.length && text[i] !== "]"; n++) {
    if (n === index) return i;
    i = skipSpace(text, skipValue(text, i));
    if (text[i] === ",") i = skipSpace(text, i + 1);
  }
  return -1;
}

function objectMember(text: string, i: number, key: string): number {
  if (text[i] !== "{") return -1;
  i = skipSpace(text, i + 1);
  while (i < text.length && text[i] === '"') {
    const end = skipValue(text, i);
    const name = JSON.parse(text.slice(i, end)) as string;
    i = skipSpace(text, end);
    if (text[i] !== ":") return -1;
    i = skipSpace(text, i + 1);
    if (name === key) return i;
    i = skipSpace(text, skipValue(text, i));
    if (text[i] === ",") i = skipSpace(text, i + 1);
  }
  return -1;
}

/** Calls `visit` for each item; reports rows and lets the job cancel every few thousand. */
export async function forEachItem<T>(
  items: readonly T[],
  progress: ImportProgress,
  visit: (item: T, index: number) => void,
): Promise<void> {
  for (let from = 0; from < items.length; from += TICK_EVERY) {
    const to = Math.min(items.length, from + TICK_EVERY);
    for (let i = from; i < to; i++) visit(items[i], i);
    progress.rows(to - from);
    await progress.tick();
  }
}

/** A JSON array at `path`, or an ImportError naming it. */
export function jsonArray(fields: JsonFields, value: unknown, path: string, what: string): unknown[] {
  if (!Array.isArray(value)) fields.fail(`${path} is not a JSON array: ${what}.`, path);
  return value;
}

/** Labels as `{"name": "text"}`: every value must be a string. */
export function jsonLabels(fields: JsonFields, value: unknown, path: string): Record<string, string> {
  const object = fields.object(value, path);
  for (const [key, v] of Object.entries(object)) {
    if (typeof v !== "string") fields.fail(`label "${key}" is ${JSON.stringify(v)}: label values are text.`, `${path}.${key}`);
  }
  return object as Record<string, string>;
}

/** A short rendering of a JSON value for error messages. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
