/**
 * The CSV engine of the plain CSV and Grafana importers: the head sniff (UTF-8 BOM, Excel's `sep=`
 * line, delimiter, line break), streamed records, and a table reader that turns rows into series.
 * The importers differ only in how they read the header and the value cells.
 *
 * Records come from PapaParse's parser fed chunk by chunk, the way Papa's own streamer drives it
 * (the last, maybe partial, record of a chunk is carried into the next), so memory stays at one
 * chunk plus the typed arrays whatever the file's size, and `await progress.tick()` runs between
 * chunks. Papa's Node stream mode cannot be awaited per chunk and stalled on large inputs here.
 */
import { createReadStream } from "node:fs";
import Papa from "papaparse";
import { ImportError } from "@/lib/imports/errors";
import { readFileHead, type FileHead, type ImportFile } from "@/lib/imports/files";
import type { ImportProgress } from "@/lib/imports/progress";
import { MetricsBuilder, type SeriesDraft } from "@/lib/metrics/formats/point-builder";
import { TimeReader } from "@/lib/metrics/formats/readings";
import type { MetricFormatId, MetricImportContext, ParsedMetrics } from "@/lib/metrics/types";
import type { MetricUnit } from "@/lib/metrics/units";

export type CsvNewline = "\n" | "\r\n";

/** What the first lines of a CSV say about reading the rest. */
export type CsvHead = {
  /** Byte offset of the first line after a UTF-8 BOM and Excel's `sep=` line. */
  dataOffset: number;
  /** Line number at `dataOffset` (2 after a `sep=` line). */
  firstLine: number;
  delimiter: string;
  newline: CsvNewline;
  /** The first non-blank record, trimmed: the header, or the first data row. */
  firstRecord: string[];
  /** Its line number. */
  firstRecordLine: number;
  /** Its text as written (quotes kept), for telling Grafana's quoted header from others. */
  firstRecordText: string;
  /** Excel's `sep=,` line ("Download for Excel" in Grafana) was present. */
  separatorLine: boolean;
};

const CHUNK_BYTES = 256 * 1024;
/** A record longer than this is an unclosed quote swallowing the file, not data. */
const MAX_RECORD_CHARS = 1024 * 1024;
const SEPARATOR_LINE = /^sep=([^\r\n])(\r?\n|$)/i;

/**
 * The head of a delimited text file, or null when it is none: no line with two fields or more in
 * the first 64 KiB. The delimiter is the `sep=` line's, else tab, semicolon or comma, whichever
 * the first line holds outside quotes (in that order: a semicolon file may use decimal commas).
 */
export function sniffCsvHead(file: FileHead): CsvHead | null {
  let dataOffset = file.head[0] === 0xef && file.head[1] === 0xbb && file.head[2] === 0xbf ? 3 : 0;
  let text = file.text;
  let delimiter: string | null = null;
  let firstLine = 1;
  const separator = SEPARATOR_LINE.exec(text);
  if (separator) {
    delimiter = separator[1];
    dataOffset += Buffer.byteLength(separator[0]);
    text = text.slice(separator[0].length);
    firstLine = 2;
  }
  const lines = text.split("\n", 100);
  const index = lines.findIndex((l) => l.trim() !== "");
  if (index < 0) return null;
  if (index === lines.length - 1 && file.size > file.head.length) return null; // a first line longer than the head
  const line = lines[index];
  const newline: CsvNewline = line.endsWith("\r") ? "\r\n" : "\n";
  if (delimiter === null) {
    const outsideQuotes = line.replace(/"(?:[^"]|"")*"/g, "");
    delimiter = ["\t", ";", ","].find((d) => outsideQuotes.includes(d)) ?? null;
  }
  if (delimiter === null || Papa.BAD_DELIMITERS.includes(delimiter)) return null;
  const firstRecord = (Papa.parse<string[]>(line.replace(/\r$/, ""), { delimiter }).data[0] ?? []).map((f) => f.trim());
  if (firstRecord.length < 2) return null;
  return {
    dataOffset,
    firstLine,
    delimiter,
    newline,
    firstRecord,
    firstRecordLine: firstLine + index,
    firstRecordText: line.replace(/\r$/, ""),
    separatorLine: separator !== null,
  };
}

/** Detection by content for a CSV importer: the file is delimited text whose head passes `test`. */
export function isCsvMatching(file: FileHead, test: (head: CsvHead) => boolean): boolean {
  const head = sniffCsvHead(file);
  return head !== null && test(head);
}

/**
 * The head of a file an importer was told to read and what the importer makes of it (`understand`:
 * its layout, null when it is not the importer's); `refusal`, what the importer expected, as an
 * ImportError when the file is no CSV or not understood.
 */
export async function readCsvHead<T>(
  file: ImportFile,
  understand: (head: CsvHead) => T | null,
  refusal: string,
): Promise<{ head: CsvHead; layout: T }> {
  const head = sniffCsvHead(await readFileHead(file));
  const layout = head === null ? null : understand(head);
  if (head === null || layout === null) throw new ImportError(refusal, { file: file.name, line: head?.firstRecordLine ?? null });
  return { head, layout };
}

export type CsvReading = {
  /** Non-blank records read, the header included. */
  records: number;
  /** The file ends without a line break and its last line could not be read, as if cut: its number. */
  cutLine: number | null;
};

/**
 * Calls `onRecord` with every non-blank record and the line it starts on. An ImportError from the
 * last record of a file that ends without a line break marks the file as cut (`cutLine`) instead:
 * the complete lines before it are what the file holds.
 */
export async function forEachCsvRecord(
  file: ImportFile,
  head: CsvHead,
  progress: ImportProgress,
  onRecord: (fields: string[], line: number) => void,
): Promise<CsvReading> {
  const parser = new Papa.Parser({ delimiter: head.delimiter, newline: head.newline });
  const stream = createReadStream(file.path, { start: head.dataOffset, encoding: "utf8", highWaterMark: CHUNK_BYTES });
  let line = head.firstLine;
  let records = 0;
  let carry = "";
  let lastChar = "\n";
  let bytesReported = head.dataOffset;
  progress.bytes(head.dataOffset);

  const handle = (rows: string[][], errors: Papa.ParseError[]): void => {
    const badRow = errors.length > 0 ? errors[0].row : -1;
    for (let r = 0; r < rows.length; r++) {
      const fields = rows[r];
      if (r === badRow) {
        throw new ImportError(
          `a quote character is out of place (${errors[0].code}): quote a field whole, and double a quote inside it ("").`,
          { file: file.name, line },
        );
      }
      if (fields.length > 1 || fields[0].trim() !== "") {
        onRecord(fields, line);
        records++;
      }
      line++;
      for (const field of fields) for (let i = field.indexOf("\n"); i >= 0; i = field.indexOf("\n", i + 1)) line++;
    }
  };

  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      if (chunk.length === 0) continue;
      lastChar = chunk[chunk.length - 1];
      const input = carry + chunk;
      const result = parser.parse(input, 0, true) as Papa.ParseResult<string[]>;
      carry = input.substring(result.meta.cursor);
      const before = records;
      handle(result.data, result.errors);
      if (carry.length > MAX_RECORD_CHARS) {
        throw new ImportError(
          `the record starting here runs on for more than ${MAX_RECORD_CHARS / 1024 / 1024} MB: a quote is probably never closed.`,
          { file: file.name, line },
        );
      }
      progress.bytes(stream.bytesRead - bytesReported);
      bytesReported = stream.bytesRead;
      progress.rows(records - before);
      await progress.tick();
    }
  } finally {
    stream.destroy();
  }

  let cutLine: number | null = null;
  if (carry !== "") {
    const endsWithLineBreak = lastChar === "\n" || lastChar === "\r";
    const last = parser.parse(carry, 0, false) as Papa.ParseResult<string[]>;
    // A quote left open over several lines is a broken file, not one cut in its last line.
    if (last.errors.some((e) => e.code === "MissingQuotes") && (endsWithLineBreak || carry.includes("\n"))) {
      throw new ImportError("a quoted field opened on this line is never closed.", { file: file.name, line });
    }
    const before = records;
    const lastLine = line;
    try {
      handle(last.data, last.errors);
    } catch (error) {
      if (!(error instanceof ImportError) || endsWithLineBreak) throw error;
      cutLine = lastLine;
    }
    progress.rows(records - before);
  }
  return { records, cutLine };
}

/** Reads the cells of one value column: a number (NaN for a gap, ±Infinity kept) or null when the cell is no value. */
export type CellReader = {
  read(text: string): number | null;
  /** Why `text` is no value, for the error message. */
  problem(text: string): string;
  /** The unit the cells stated (Grafana's "12 ms"), once seen; null when they state none. */
  readonly unit: MetricUnit | null;
};

/**
 * Where the series are: one column each (wide: `time,p50,p95`), or one value column with an
 * optional column naming the series on every row (long: `time,value,series`).
 */
export type CsvSeriesColumns =
  | { form: "wide"; time: number; series: { column: number; name: string }[] }
  | { form: "long"; time: number; value: number; series: number | null; name: string };

export type CsvTable = {
  format: MetricFormatId;
  head: CsvHead;
  /** The header's column names, or the columns' roles in a headerless file ("time", "value", "series"). */
  columnNames: string[];
  hasHeader: boolean;
  columns: CsvSeriesColumns;
  /** The reader of one value column's cells. */
  cells: (column: number) => CellReader;
  /** Why a file without data rows is refused, after "the file holds no data points: ". */
  emptyHint: string;
};

/** Reads the whole table into series: times through TimeReader, values through the table's cell readers. */
export async function readCsvTable(file: ImportFile, ctx: MetricImportContext, table: CsvTable): Promise<ParsedMetrics> {
  const { columnNames: names, columns } = table;
  const builder = new MetricsBuilder(file.name, table.format);
  const times = new TimeReader(ctx.options.timeZone);
  const fail = (message: string, line: number, column: number | null): never => {
    throw new ImportError(message, { file: file.name, line, field: column === null ? null : names[column] });
  };
  const wide =
    columns.form === "wide"
      ? columns.series.map((s) => ({ ...s, cells: table.cells(s.column), draft: builder.series(s.name) }))
      : [];
  const long = columns.form === "long" ? { ...columns, cells: table.cells(columns.value) } : null;
  const rowValues = new Float64Array(wide.length);
  let lastDraft: SeriesDraft | null = null;
  const seriesOf = (name: string): SeriesDraft => {
    if (lastDraft?.name !== name) lastDraft = builder.seriesNamed(name);
    return lastDraft;
  };
  const valueOf = (cells: CellReader, fields: string[], column: number, line: number): number => {
    const text = fields[column].trim();
    const value = cells.read(text);
    return value === null ? fail(cells.problem(text), line, column) : value;
  };

  let skipHeader = table.hasHeader;
  let rows = 0;
  const reading = await forEachCsvRecord(file, table.head, ctx.progress, (fields, line) => {
    if (skipHeader) {
      skipHeader = false;
      return;
    }
    if (fields.length !== names.length)
      fail(fieldCountProblem(fields.length, names, table.hasHeader), line, fields.length < names.length ? fields.length : null);
    const timeText = fields[columns.time].trim();
    const time = times.read(timeText);
    if (time !== time) fail(times.problem(timeText), line, columns.time);
    // Every cell is read before any point is added, so a line that fails (a cut last line) adds nothing.
    if (long) {
      const value = valueOf(long.cells, fields, long.value, line);
      builder.add(seriesOf(long.series === null ? long.name : fields[long.series].trim() || long.name), time, value);
    } else {
      for (let i = 0; i < wide.length; i++) rowValues[i] = valueOf(wide[i].cells, fields, wide[i].column, line);
      for (let i = 0; i < wide.length; i++) builder.add(wide[i].draft, time, rowValues[i]);
    }
    rows++;
  });

  for (const s of wide) s.draft.unit = s.cells.unit;
  if (long?.cells.unit) {
    const unit = long.cells.unit;
    builder.eachSeries((draft) => (draft.unit = unit));
  }
  for (const note of times.notes()) builder.note(note);
  if (reading.cutLine !== null) {
    builder.note(
      `The file ends without a line break inside line ${reading.cutLine}, which is incomplete as if the file was cut: that line was left out and the complete lines before it were imported.`,
    );
  }
  return builder.finish(rows, table.emptyHint);
}

function fieldCountProblem(count: number, names: string[], hasHeader: boolean): string {
  const fields = `${count} field${count === 1 ? "" : "s"}`;
  const expected = `${names.length} (${names.join(", ")})`;
  const missing = count < names.length ? `; "${names[count]}" is missing` : "";
  return hasHeader
    ? `the line has ${fields} but the header has ${expected}${missing}.`
    : `the line has ${fields} but the first line has ${expected}${missing}.`;
}
