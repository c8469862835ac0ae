/** Streamed line-by-line reading of the text formats (Gatling simulation.log, k6 NDJSON, ab TSV). */
import { createReadStream } from "node:fs";
import readline from "node:readline";
import { ImportError } from "@/lib/imports/errors";
import type { ImportProgress } from "@/lib/imports/progress";
import type { ImportFile } from "@/lib/loadtests/types";

export type LineReadingOptions = {
  /** Progress is reported, and the job given a chance to cancel, every this many lines. */
  tickEvery: number;
  /** Rows (requests, samples) taken so far: what progress reports as rows, which need not be lines. */
  rowsRead: () => number;
  /** Runs before each progress report and once after the last line (`atEnd`), for a caller that holds records back. */
  flush?: (atEnd: boolean) => void;
};

export type LineReading = {
  /** Lines in the file. */
  lines: number;
  /** The file ends without a line break and its last line could not be read: it was cut mid-record and is left out. */
  lastLineCut: boolean;
};

/**
 * Calls `onLine` with every line of the file and its 1-based number, in order; an ImportError it
 * throws ends the reading. Each line is handled once the next one arrives, so the last line can be
 * judged knowing whether the file ended with a line break: a last line without one may be cut
 * mid-record, and an ImportError from it is reported as `lastLineCut` (for a warning) instead.
 */
export async function forEachLine(
  file: ImportFile,
  progress: ImportProgress,
  onLine: (line: string, lineNo: number) => void,
  options: LineReadingOptions,
): Promise<LineReading> {
  const stream = createReadStream(file.path, { highWaterMark: 256 * 1024 });
  let lastByte = 0x0a;
  stream.on("data", (chunk) => {
    const buf = chunk as Buffer;
    progress.bytes(buf.length);
    if (buf.length > 0) lastByte = buf[buf.length - 1];
  });
  let reported = 0;
  const reportRows = (atEnd: boolean): void => {
    options.flush?.(atEnd);
    const rows = options.rowsRead();
    progress.rows(rows - reported);
    reported = rows;
  };

  const reader = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let previous: string | null = null;
  let lineNo = 0;
  try {
    for await (const line of reader) {
      lineNo++;
      if (previous !== null) onLine(previous, lineNo - 1);
      previous = line;
      if (lineNo % options.tickEvery === 0) {
        reportRows(false);
        await progress.tick();
      }
    }
  } finally {
    reader.close();
    stream.destroy();
  }

  let lastLineCut = false;
  if (previous !== null) {
    if (lastByte === 0x0a || lastByte === 0x0d) onLine(previous, lineNo);
    else {
      try {
        onLine(previous, lineNo);
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        lastLineCut = true;
      }
    }
  }
  reportRows(true);
  return { lines: lineNo, lastLineCut };
}
