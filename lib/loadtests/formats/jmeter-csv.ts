/**
 * JMeter JTL in CSV (JMeter's default result format). Columns are found by header name, so any
 * saveservice subset reads (timeStamp, elapsed and label are required); a headerless file is read in
 * JMeter's default column order unless the user names the columns. Rows are split from raw byte
 * chunks by CsvRecordSplitter (records with quotes go to PapaParse) and fed straight into the
 * SampleAggregator: no string or object per row, so a million-row JTL imports in about a second in
 * bounded memory. Sub-samples (`label-0`, `label-1`: redirects, embedded resources) are counted
 * apart from their parent by the aggregator's JMeter suffix rule.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import Papa from "papaparse";
import { ImportError } from "@/lib/imports/errors";
import type { ImportProgress } from "@/lib/imports/progress";
import {
  ByteStringTable,
  CsvRecordSplitter,
  type CsvNewline,
  type CsvRecordEnd,
  type CsvRecordSink,
} from "@/lib/loadtests/formats/csv-lines";
import { SampleAggregator } from "@/lib/loadtests/stats/sample-aggregator";
import type { FileHead, ImportContext, ImportFile, LoadTestImporter, ParsedRun } from "@/lib/loadtests/types";

/** JMeter's default CSV columns (jmeter.properties saveservice defaults), in file order. */
export const JMETER_DEFAULT_COLUMNS = [
  "timeStamp",
  "elapsed",
  "label",
  "responseCode",
  "responseMessage",
  "threadName",
  "dataType",
  "success",
  "failureMessage",
  "bytes",
  "sentBytes",
  "grpThreads",
  "allThreads",
  "URL",
  "Latency",
  "IdleTime",
  "Connect",
] as const;

const DELIMITERS = [",", ";", "\t", "|"];
const CHUNK_BYTES = 1024 * 1024;
const HEAD_BYTES = 64 * 1024;
/** A default-column JTL row takes about this many bytes (for the aggregator's capacity hint). */
const TYPICAL_ROW_BYTES = 110;
const MAX_LISTED = 20;

export const jmeterCsvImporter: LoadTestImporter = {
  id: "jmeter-csv",
  tool: "jmeter",
  title: "JMeter JTL (CSV)",
  hint: "jmeter -n -t plan.jmx -l results.jtl",
  detect(files: FileHead[]): boolean {
    return files.length > 0 && files.every((f) => sniffJtlCsv(f.text) !== null);
  },
  parse: parseJmeterCsv,
};

/**
 * What the first line says: a header naming timeStamp and elapsed (any delimiter), or a headerless
 * data row starting `<13-digit epoch ms><delimiter><integer><delimiter>`. Null when neither.
 */
export function sniffJtlCsv(text: string): { delimiter: string; hasHeader: boolean } | null {
  const firstLine = text
    .replace(/^\uFEFF/, "")
    .split("\n", 1)[0]
    .replace(/\r$/, "");
  if (!firstLine.trim()) return null;
  const headerDelimiter = DELIMITERS.find((d) => isHeader(firstLine.split(d)));
  if (headerDelimiter) return { delimiter: headerDelimiter, hasHeader: true };
  const row = /^(?:\d{13}|\d{4}[-/.]\d{2}[-/.]\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,3})?)([,;\t|])\d+\1/.exec(firstLine);
  return row ? { delimiter: row[1], hasHeader: false } : null;
}

function isHeader(fields: string[]): boolean {
  const names = new Set(fields.map(columnKey));
  return names.has("timestamp") && names.has("elapsed");
}

function columnKey(name: string): string {
  return name
    .trim()
    .replace(/^"(.*)"$/, "$1")
    .toLowerCase();
}

async function parseJmeterCsv(files: ImportFile[], ctx: ImportContext): Promise<ParsedRun> {
  const totalSize = files.reduce((a, f) => a + f.size, 0);
  const aggregator = new SampleAggregator({
    toolName: "JMeter",
    subSamples: "jmeter-suffix",
    capacityHint: Math.ceil(totalSize / TYPICAL_ROW_BYTES),
  });
  const run = new RunFacts();
  for (const file of files) await readJtlCsv(file, aggregator, ctx, run);
  const result = aggregator.finish();
  return {
    tool: "jmeter",
    format: jmeterCsvImporter.id,
    suggestedName: null,
    startedAt: result.startedAt,
    endedAt: result.endedAt,
    environment: run.environment(files.length),
    statisticsSource: result.statisticsSource,
    histogramErrorPct: result.histogramErrorPct,
    labels: result.labels,
    total: result.total,
    bucketSeconds: result.bucketSeconds,
    series: result.series,
    loadProfile: result.loadProfile,
    thresholds: [],
    warnings: run.warnings,
    rowsRead: run.rows,
  };
}

/** What the files tell about the run's setup, gathered across files. */
class RunFacts {
  rows = 0;
  warnings: string[] = [];
  layouts = new Set<string>();
  threadGroups = new Set<string>();
  hosts = new Set<string>();
  maxThreads = 0;
  errorsByCode = new Map<string, number>();
  timestampFormats = new Set<string>();

  warnOnce(text: string): void {
    if (!this.warnings.includes(text)) this.warnings.push(text);
  }

  environment(fileCount: number): Record<string, string> {
    const env: Record<string, string> = {};
    env["Result file"] = `JMeter JTL (CSV${fileCount > 1 ? `, ${fileCount} files` : ""}; ${[...this.layouts].join("; ")})`;
    if (this.threadGroups.size) env["Thread groups"] = listed(this.threadGroups);
    if (this.maxThreads > 0) env["Threads (max active)"] = String(this.maxThreads);
    if (this.hosts.size) env["Load generator hosts"] = listed(this.hosts);
    if (this.timestampFormats.size) env["Timestamps"] = [...this.timestampFormats].join("; ");
    if (this.errorsByCode.size) {
      const top = [...this.errorsByCode].sort((a, b) => b[1] - a[1]).slice(0, 5);
      env["Errors by response code"] = top.map(([code, n]) => `${code || "(none)"} ×${n.toLocaleString("en-US")}`).join(", ");
    }
    return env;
  }
}

function listed(values: Set<string>): string {
  const all = [...values];
  const more = all.length > MAX_LISTED ? ` and ${all.length - MAX_LISTED} more` : "";
  return all.slice(0, MAX_LISTED).join(", ") + more;
}

type Head = { text: string; encoding: "utf8" | "latin1"; newline: CsvNewline };

async function readHead(file: ImportFile): Promise<Head> {
  const handle = await open(file.path, "r");
  let bytes: Buffer;
  try {
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, Math.max(file.size, 1)));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  let encoding: Head["encoding"] = "utf8";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
  } catch {
    encoding = "latin1"; // JMeter writes the platform encoding; on Windows that is rarely UTF-8
  }
  const text = bytes.toString(encoding).replace(/^\uFEFF/, "");
  const lf = text.indexOf("\n");
  return { text, encoding, newline: lf > 0 && text[lf - 1] === "\r" ? "\r\n" : "\n" };
}

function optionDelimiter(value: string | undefined): string | null {
  if (value === undefined || value === "") return null;
  if (value === "\\t" || value.toLowerCase() === "tab") return "\t";
  return value;
}

async function readJtlCsv(file: ImportFile, aggregator: SampleAggregator, ctx: ImportContext, run: RunFacts): Promise<void> {
  const fail = (message: string, line?: number | null, field?: string): never => {
    throw new ImportError(message, { file: file.name, line: line ?? null, field });
  };
  const head = await readHead(file);
  if (!head.text.trim()) fail("the file is empty: a JMeter CSV JTL holds a header line and one line per sample.");
  if (!head.text.includes("\n") && file.size > HEAD_BYTES)
    fail(`the first line is longer than ${HEAD_BYTES / 1024} KiB: this is not a JMeter CSV JTL.`, 1);
  if (head.encoding === "latin1") run.warnOnce(`${file.name} is not UTF-8; it was read as Latin-1 (ISO-8859-1).`);

  const sniffed = sniffJtlCsv(head.text);
  const delimiter = optionDelimiter(ctx.options.delimiter) ?? sniffed?.delimiter ?? ",";
  if (Papa.BAD_DELIMITERS.includes(delimiter)) fail(`${JSON.stringify(delimiter)} cannot be a CSV delimiter.`);
  const firstLine = head.text.split("\n", 1)[0].replace(/\r$/, "");
  const firstFields = (Papa.parse<string[]>(firstLine, { delimiter }).data[0] ?? []).map((f) => f.trim());
  const hasHeader = isHeader(firstFields);

  let columns: string[];
  if (hasHeader) {
    columns = firstFields;
    if (ctx.options.columns?.length)
      run.warnOnce(`${file.name} has a header line: its columns were used, not the columns given.`);
    run.layouts.add(`${columns.length} columns from the header`);
  } else if (ctx.options.columns?.length) {
    columns = ctx.options.columns;
    run.layouts.add(`headerless, ${columns.length} columns as given`);
  } else {
    columns = [...JMETER_DEFAULT_COLUMNS];
    run.layouts.add("headerless, JMeter's default columns");
    run.warnOnce(
      `${file.name} has no header line: its columns were read in JMeter's default order (${JMETER_DEFAULT_COLUMNS.join(",")}).`,
    );
  }
  if (delimiter !== ",") run.layouts.add(`delimiter ${delimiter === "\t" ? "tab" : JSON.stringify(delimiter)}`);

  const reader = new JtlRecordReader(file.name, columns, hasHeader, aggregator, run, head.encoding);
  const splitter = new CsvRecordSplitter(
    { delimiter, newline: head.newline, fieldLimit: reader.fieldLimit, encoding: head.encoding, fileName: file.name },
    reader,
  );
  const stream = createReadStream(file.path, { highWaterMark: CHUNK_BYTES });
  const progress: ImportProgress = ctx.progress;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      progress.bytes(chunk.length);
      splitter.push(chunk);
      progress.rows(reader.takeNewRows());
      await progress.tick();
    }
    splitter.end();
    progress.rows(reader.takeNewRows());
  } finally {
    stream.destroy();
  }
  if (reader.samples === 0) {
    fail(hasHeader ? "the file holds a header line but no samples." : "the file holds no samples.", hasHeader ? 2 : 1);
  }
  run.rows += reader.samples;
}

const NONE = -1;

/** Turns split records into aggregator samples. The per-row path works on bytes and makes no strings. */
class JtlRecordReader implements CsvRecordSink {
  readonly fieldLimit: number;
  samples = 0;
  private newRows = 0;
  private skipHeader: boolean;
  private readonly col: Record<
    | "timeStamp"
    | "elapsed"
    | "label"
    | "success"
    | "bytes"
    | "sentBytes"
    | "allThreads"
    | "grpThreads"
    | "threadName"
    | "responseCode"
    | "hostname",
    number
  >;
  private readonly labels: ByteStringTable;
  private readonly threadNames: ByteStringTable;
  private readonly hostNames: ByteStringTable;
  /** ByteStringTable id → aggregator label index. */
  private labelIndex: number[] = [];
  private datesWithoutZone = false;

  constructor(
    private readonly fileName: string,
    private readonly columns: string[],
    hasHeader: boolean,
    private readonly aggregator: SampleAggregator,
    private readonly run: RunFacts,
    private readonly encoding: "utf8" | "latin1",
  ) {
    this.skipHeader = hasHeader;
    const index = (name: string) => columns.findIndex((c) => columnKey(c) === name.toLowerCase());
    this.col = {
      timeStamp: index("timeStamp"),
      elapsed: index("elapsed"),
      label: index("label"),
      success: index("success"),
      bytes: index("bytes"),
      sentBytes: index("sentBytes"),
      allThreads: index("allThreads"),
      grpThreads: index("grpThreads"),
      threadName: index("threadName"),
      responseCode: index("responseCode"),
      hostname: index("Hostname"),
    };
    for (const required of ["timeStamp", "elapsed", "label"] as const) {
      if (this.col[required] === NONE) {
        throw new ImportError(
          `the columns (${columns.join(", ")}) have no "${required}": a JMeter CSV JTL needs timeStamp, elapsed and label.`,
          { file: fileName, line: hasHeader ? 1 : null, field: required },
        );
      }
    }
    if (this.col.success === NONE) {
      run.warnOnce(
        this.col.responseCode !== NONE
          ? `${fileName} has no "success" column: a sample counts as successful when its responseCode is 2xx or 3xx.`
          : `${fileName} has neither a "success" nor a "responseCode" column: every sample counts as successful.`,
      );
    }
    if (index("SampleCount") !== NONE) {
      run.warnOnce(`${fileName} has a SampleCount column: each row was counted as one sample.`);
    }
    this.fieldLimit = Math.max(...Object.values(this.col)) + 1;
    this.labels = new ByteStringTable(encoding);
    this.threadNames = new ByteStringTable(encoding);
    this.hostNames = new ByteStringTable(encoding);
  }

  takeNewRows(): number {
    const n = this.newRows;
    this.newRows = 0;
    return n;
  }

  record(buf: Buffer, starts: Int32Array, ends: Int32Array, count: number, more: boolean, line: number, end: CsvRecordEnd): void {
    if (this.skipHeader) {
      this.skipHeader = false;
      return;
    }
    if (count === 1 && starts[0] === ends[0]) return; // blank line
    if (end === "newline") {
      this.sample(buf, starts, ends, count, line);
      return;
    }
    // The last line has no line break: the file may have been cut while JMeter was writing it.
    if (end === "open-quote" || !more) {
      this.run.warnOnce(
        `${this.fileName} ends without a line break inside line ${line}, which looks cut: that line was skipped and the complete lines before it were imported.`,
      );
      return;
    }
    try {
      this.sample(buf, starts, ends, count, line);
      this.run.warnOnce(`${this.fileName} does not end with a line break: its last line (${line}) was imported as complete.`);
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      this.run.warnOnce(`${this.fileName}: the last line (${line}) is incomplete, as if the file was cut; it was skipped.`);
    }
  }

  private sample(buf: Buffer, starts: Int32Array, ends: Int32Array, count: number, line: number): void {
    const col = this.col;
    if (count < this.fieldLimit) {
      const missing = this.columns[count];
      this.fail(
        `the line has ${count} field${count === 1 ? "" : "s"} but ${this.columns.length} columns were expected; "${missing}" is missing.`,
        line,
        missing,
      );
    }
    let start = digits(buf, starts[col.timeStamp], ends[col.timeStamp]);
    if (start !== start) start = this.slowTimestamp(buf, starts[col.timeStamp], ends[col.timeStamp], line);
    let elapsed = digits(buf, starts[col.elapsed], ends[col.elapsed]);
    if (elapsed !== elapsed) elapsed = this.slowNumber(buf, starts[col.elapsed], ends[col.elapsed], line, "elapsed", true);

    const labelId = this.labels.id(buf, starts[col.label], ends[col.label]);
    let index = this.labelIndex[labelId];
    if (index === undefined) {
      index = this.aggregator.labelIndex(this.labels.text(labelId));
      this.labelIndex[labelId] = index;
    }

    let success = true;
    if (col.success !== NONE) success = this.success(buf, starts[col.success], ends[col.success], line);
    else if (col.responseCode !== NONE) success = codeIsSuccess(buf, starts[col.responseCode], ends[col.responseCode]);

    const received = col.bytes === NONE ? NaN : this.optionalNumber(buf, starts[col.bytes], ends[col.bytes], line, "bytes");
    const sent =
      col.sentBytes === NONE ? NaN : this.optionalNumber(buf, starts[col.sentBytes], ends[col.sentBytes], line, "sentBytes");
    let users = NaN;
    if (col.allThreads !== NONE)
      users = this.optionalNumber(buf, starts[col.allThreads], ends[col.allThreads], line, "allThreads");
    else if (col.grpThreads !== NONE)
      users = this.optionalNumber(buf, starts[col.grpThreads], ends[col.grpThreads], line, "grpThreads");
    if (users > this.run.maxThreads) this.run.maxThreads = users;

    if (col.threadName !== NONE) {
      const before = this.threadNames.size;
      const id = this.threadNames.id(buf, starts[col.threadName], ends[col.threadName]);
      if (id === before) this.newThread(this.threadNames.text(id));
    }
    if (col.hostname !== NONE) {
      const before = this.hostNames.size;
      const id = this.hostNames.id(buf, starts[col.hostname], ends[col.hostname]);
      if (id === before && this.run.hosts.size < 1000) this.run.hosts.add(this.hostNames.text(id));
    }
    if (!success && col.responseCode !== NONE) {
      const code = buf.toString(this.encoding, starts[col.responseCode], ends[col.responseCode]);
      const errors = this.run.errorsByCode;
      if (errors.has(code) || errors.size < 1000) errors.set(code, (errors.get(code) ?? 0) + 1);
    }

    this.aggregator.addAt(index, start, elapsed, success, received, sent, users);
    this.samples++;
    this.newRows++;
  }

  /** JMeter names threads "<thread group> <group number>-<thread number>". */
  private newThread(threadName: string): void {
    const group = threadName.replace(/ \d+-\d+$/, "");
    if (this.run.threadGroups.size < 1000) this.run.threadGroups.add(group);
  }

  private fail(message: string, line: number, field: string): never {
    throw new ImportError(message, { file: this.fileName, line, field });
  }

  private text(buf: Buffer, from: number, to: number): string {
    return buf.toString(this.encoding, from, to);
  }

  /** A field that is not plain digits: a decimal, a formatted date, or an error. */
  private slowTimestamp(buf: Buffer, from: number, to: number, line: number): number {
    const value = this.text(buf, from, to).trim();
    if (value === "") this.fail("the timeStamp is empty.", line, "timeStamp");
    const number = Number(value);
    if (Number.isFinite(number) && number >= 0) return number;
    const date = parseFormattedTimestamp(value);
    if (date === null) {
      this.fail(`"${value}" is neither epoch milliseconds nor a date like 2024/05/03 14:02:11.123.`, line, "timeStamp");
    }
    if (!date.zoned && !this.datesWithoutZone) {
      this.datesWithoutZone = true;
      this.run.warnOnce(
        `${this.fileName} has formatted timestamps without a time zone (jmeter.save.saveservice.timestamp_format); they were read as UTC.`,
      );
      this.run.timestampFormats.add("formatted dates without a time zone, read as UTC");
    } else if (date.zoned) {
      this.run.timestampFormats.add("formatted dates with a time zone");
    }
    return date.ms;
  }

  private slowNumber(buf: Buffer, from: number, to: number, line: number, field: string, required: boolean): number {
    const value = this.text(buf, from, to).trim();
    if (value === "") return required ? this.fail(`the ${field} is empty.`, line, field) : NaN;
    const number = Number(value);
    if (!Number.isFinite(number)) this.fail(`"${value}" is not a number.`, line, field);
    if (number < 0) this.fail(`"${value}" is negative.`, line, field);
    return number;
  }

  private optionalNumber(buf: Buffer, from: number, to: number, line: number, field: string): number {
    const n = digits(buf, from, to);
    return n === n ? n : this.slowNumber(buf, from, to, line, field, false);
  }

  private success(buf: Buffer, from: number, to: number, line: number): boolean {
    const len = to - from;
    // JMeter writes "true" / "false"; compare case-insensitively without making a string.
    if (
      len === 4 &&
      (buf[from] | 32) === 116 &&
      (buf[from + 1] | 32) === 114 &&
      (buf[from + 2] | 32) === 117 &&
      (buf[from + 3] | 32) === 101
    ) {
      return true;
    }
    if (
      len === 5 &&
      (buf[from] | 32) === 102 &&
      (buf[from + 1] | 32) === 97 &&
      (buf[from + 2] | 32) === 108 &&
      (buf[from + 3] | 32) === 115 &&
      (buf[from + 4] | 32) === 101
    ) {
      return false;
    }
    return this.fail(`"${this.text(buf, from, to)}" is neither true nor false.`, line, "success");
  }
}

/** The whole number written in `buf[from..to)`, or NaN when the field is empty or not plain digits. */
function digits(buf: Buffer, from: number, to: number): number {
  if (from >= to) return NaN;
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

/** Without a success column: 2xx and 3xx response codes are successes. */
function codeIsSuccess(buf: Buffer, from: number, to: number): boolean {
  if (to - from !== 3) return false;
  const first = buf[from];
  return (
    (first === 50 || first === 51) && buf[from + 1] >= 48 && buf[from + 1] <= 57 && buf[from + 2] >= 48 && buf[from + 2] <= 57
  );
}

const FORMATTED_TIMESTAMP =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A date written by jmeter.save.saveservice.timestamp_format with the year first
 * ("yyyy/MM/dd HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm:ss.SSSZ"...). Without a zone it is read as UTC.
 */
export function parseFormattedTimestamp(value: string): { ms: number; zoned: boolean } | null {
  const m = FORMATTED_TIMESTAMP.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const ms = frac ? Number(frac.padEnd(3, "0")) : 0;
  let utc = Date.UTC(Number(y), month - 1, day, hour, minute, second, ms);
  if (zone && zone !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digitsOnly = zone.slice(1).replace(":", "");
    utc -= sign * (Number(digitsOnly.slice(0, 2)) * 60 + Number(digitsOnly.slice(2))) * 60_000;
  }
  return { ms: utc, zoned: zone !== undefined };
}
