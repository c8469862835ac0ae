/**
 * Shared by the importers of summaries (figures the tool computed, not samples): reading small JSON
 * result files, and building the run out of the reported figures.
 */
import { createReadStream } from "node:fs";
import { ImportError } from "@/lib/imports/errors";
import type { ImportProgress } from "@/lib/imports/progress";
import {
  PERCENTILE_KEYS,
  PERCENTILE_OF,
  type ImportFile,
  type LabelStatistics,
  type ParsedRun,
  type PercentileKey,
} from "@/lib/loadtests/types";

export const MAX_SUMMARY_BYTES = 50 * 1024 * 1024;

/** A JSON summary read whole. `fields.fail()` narrows types only through a variable declared `JsonFields`. */
export type JsonSummary = { fields: JsonFields; root: Record<string, unknown> };

/**
 * Reads the upload's one JSON summary: typed reads over it, and its root object. Any other
 * number of files fails with `takesOne` ("an autocannon import takes one --json result") and the count.
 */
export async function readOneJsonSummary(files: ImportFile[], progress: ImportProgress, takesOne: string): Promise<JsonSummary> {
  if (files.length !== 1) {
    throw new ImportError(`${takesOne}, got ${files.length} files.`, { file: files.map((f) => f.name).join(", ") });
  }
  const file = files[0];
  const { text, value } = await readJsonSummary(file, progress);
  const fields = new JsonFields(file.name, text);
  return { fields, root: fields.object(value, "the file") };
}

/** Detection by content: the text opens a JSON object and matches every pattern (its telltale keys). */
export function isJsonObjectMatching(text: string, patterns: RegExp[]): boolean {
  return /^\s*\{/.test(text) && patterns.every((pattern) => pattern.test(text));
}

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

/** What a summary importer read; what it leaves out the tool did not report. */
export type ReportedRun = Pick<ParsedRun, "tool" | "format" | "environment" | "labels" | "total" | "rowsRead"> &
  Partial<
    Pick<
      ParsedRun,
      "suggestedName" | "startedAt" | "endedAt" | "bucketSeconds" | "series" | "loadProfile" | "thresholds" | "warnings"
    >
  >;

/** The run of a summary format: statistics as the tool reported them (`statisticsSource` "tool"), nothing made up. */
export function summaryRun(run: ReportedRun): ParsedRun {
  return {
    tool: run.tool,
    format: run.format,
    suggestedName: run.suggestedName ?? null,
    startedAt: run.startedAt ?? null,
    endedAt: run.endedAt ?? null,
    environment: run.environment,
    statisticsSource: "tool",
    histogramErrorPct: null,
    labels: run.labels,
    total: run.total,
    bucketSeconds: run.bucketSeconds ?? null,
    series: run.series ?? [],
    loadProfile: run.loadProfile ?? [],
    thresholds: run.thresholds ?? [],
    warnings: run.warnings ?? [],
    rowsRead: run.rowsRead,
  };
}

/**
 * Names the parent of each label whose name says it is a sub-result of another listed label:
 * `subResult` captures the parent's name (`/^(.+)-\d+$/` for JMeter's "<parent>-<n>").
 */
export function linkSubResults(labels: LabelStatistics[], subResult: RegExp): void {
  const names = new Set(labels.map((l) => l.label));
  for (const l of labels) {
    const parent = subResult.exec(l.label)?.[1];
    if (parent !== undefined && names.has(parent)) l.parentLabel = parent;
  }
}

/** The standard column of a reported percentile (95 → "p95"), or null for one kept in `otherPercentiles`. */
export function standardPercentileKey(percent: number): PercentileKey | null {
  return PERCENTILE_KEYS.find((k) => PERCENTILE_OF[k] === percent) ?? null;
}

/** A reported figure in a sentence, to two decimals at most ("41.46"). */
export function twoDecimals(v: number): string {
  return String(Math.round(v * 100) / 100);
}
