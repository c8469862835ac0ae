/** What the importer unit tests share: fixture paths, files handed to an importer, and its errors. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { ImportError } from "@/lib/imports/errors";
import { NO_PROGRESS } from "@/lib/imports/progress";
import type { FileHead, ImportContext, ImportFile, LoadTestImporter } from "@/lib/loadtests/types";

/** Real result files from public repositories (see /work/shared/fixtures/real/SOURCES.md). */
export const REAL = "/work/shared/fixtures/real";
/** Result files generated for these tests. */
export const FIXTURES = path.resolve("tests/fixtures/loadtests");
/** No progress reporting, no options: the importer detects and reads with its defaults. */
export const ctx: ImportContext = { progress: NO_PROGRESS, options: {} };

/** One folder per test file for the files a test writes. */
const tmp = mkdtempSync(path.join(tmpdir(), "loadtest-importer-"));

/** A file on disk as an upload hands it to an importer. */
export function fileOf(p: string): ImportFile {
  return { name: path.basename(p), path: p, size: statSync(p).size };
}

/** Writes `content` to a temporary file named `name`. */
export function temp(name: string, content: string | Buffer): ImportFile {
  const p = path.join(tmp, name);
  writeFileSync(p, content);
  return fileOf(p);
}

/** The file's first 64 KiB, as detection sees it. */
export function head(p: string): FileHead {
  const buf = readFileSync(p).subarray(0, 64 * 1024);
  return { name: path.basename(p), size: statSync(p).size, head: buf, text: buf.toString("utf8") };
}

/** The ImportError `importer` fails with on `files` (the test fails if it succeeds or throws anything else). */
export async function parseError(importer: LoadTestImporter, files: ImportFile | ImportFile[]): Promise<ImportError> {
  const error = await importer.parse(Array.isArray(files) ? files : [files], ctx).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

/** Apache Commons Math `Percentile`, legacy estimation (JMeter's): position p(n+1)/100, interpolated, clamped. */
export function commonsMathPercentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = (p * (s.length + 1)) / 100;
  if (pos < 1) return s[0];
  if (pos >= s.length) return s[s.length - 1];
  const k = Math.floor(pos);
  return s[k - 1] + (pos - k) * (s[k] - s[k - 1]);
}
