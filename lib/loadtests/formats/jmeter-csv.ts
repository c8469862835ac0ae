/**
 * JMeter JTL in CSV (JMeter's default result format). Columns are found by header name, so any
 * saveservice subset reads (timeStamp, elapsed and label are required); a headerless file is read in
 * JMeter's default column order unless the user names the columns. Rows are split from raw byte
 * chunks by CsvRecordSplitter (records with quotes go to PapaParse) and fed straight into the
 * SampleAggregator: no string or object per row, so a million-row JTL imports in under a second in
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
import { runFromSamples } from "@/lib/loadtests/stats/run-from-samples";

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
  return runFromSamples(result, {
    tool: "jmeter",
    format: jmeterCsvImporter.id,
    environment: run.environment(files.length),
    warnings: run.warnings,
    rowsRead: run.rows,
  });
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

  const reader = new JtlRecordReader(file.name, columns, hasHeader, delimiter, aggregator, run, head.encoding);
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

/**
 * The fields a sample is read from, as slots of the reader's per-row arrays. Numeric ones come
 * first, so one comparison tells the fused line loop to parse digits as it scans.
 */
const F_TIMESTAMP = 0;
const F_ELAPSED = 1;
const F_BYTES = 2;
const F_SENT_BYTES = 3;
const F_ALL_THREADS = 4;
const F_GRP_THREADS = 5;
const NUMERIC_FIELDS = 6;
const F_LABEL = 6;
const F_SUCCESS = 7;
const F_THREAD_NAME = 8;
const F_RESPONSE_CODE = 9;
const F_HOSTNAME = 10;
const FIELD_SLOTS = 11;
const F_UNUSED = 255;
const FIELD_COLUMNS: [slot: number, column: string][] = [
  [F_TIMESTAMP, "timeStamp"],
  [F_ELAPSED, "elapsed"],
  [F_BYTES, "bytes"],
  [F_SENT_BYTES, "sentBytes"],
  [F_ALL_THREADS, "allThreads"],
  [F_GRP_THREADS, "grpThreads"],
  [F_LABEL, "label"],
  [F_SUCCESS, "success"],
  [F_THREAD_NAME, "threadName"],
  [F_RESPONSE_CODE, "responseCode"],
  [F_HOSTNAME, "Hostname"],
];

/**
 * Turns records into aggregator samples without making a string per row. Unquoted lines take the
 * fused path (`line`): one scan finds the delimiters and parses the numbers of the columns in use.
 * Records with quotes come from PapaParse through the splitter (`record`) and fill the same per-row
 * slots; both end in `sample`. tests/unit/loadtests/jmeter-csv-paths.test.ts checks on random rows
 * that the two paths read the same samples and fail the same way.
 */
class JtlRecordReader implements CsvRecordSink {
  readonly fieldLimit: number;
  samples = 0;
  private newRows = 0;
  private skipHeader: boolean;
  private readonly delimiterByte: number;
  /** Column index → field slot (F_UNUSED for columns not read). */
  private readonly plan: Uint8Array;
  private readonly has: boolean[];
  // The current row: byte range of each slot's field, and its number when the field is plain digits.
  private readonly fieldStart = new Int32Array(FIELD_SLOTS);
  private readonly fieldEnd = new Int32Array(FIELD_SLOTS);
  private readonly fieldNumber = new Float64Array(FIELD_SLOTS);
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
    delimiter: string,
    private readonly aggregator: SampleAggregator,
    private readonly run: RunFacts,
    private readonly encoding: "utf8" | "latin1",
  ) {
    this.skipHeader = hasHeader;
    // The fused path needs a one-byte delimiter; others only ever reach `record`.
    this.delimiterByte = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
    const index = (name: string) => columns.findIndex((c) => columnKey(c) === name.toLowerCase());
    const columnOf = FIELD_COLUMNS.map(([slot, name]) => [slot, index(name)] as const);
    for (const required of ["timeStamp", "elapsed", "label"]) {
      if (index(required) === -1) {
        throw new ImportError(
          `the columns (${columns.join(", ")}) have no "${required}": a JMeter CSV JTL needs timeStamp, elapsed and label.`,
          { file: fileName, line: hasHeader ? 1 : null, field: required },
        );
      }
    }
    this.fieldLimit = Math.max(...columnOf.map(([, c]) => c)) + 1;
    this.plan = new Uint8Array(this.fieldLimit).fill(F_UNUSED);
    this.has = new Array<boolean>(FIELD_SLOTS).fill(false);
    for (const [slot, column] of columnOf) {
      if (column === -1) continue;
      this.plan[column] = slot;
      this.has[slot] = true;
    }
    if (!this.has[F_SUCCESS]) {
      run.warnOnce(
        this.has[F_RESPONSE_CODE]
          ? `${fileName} has no "success" column: a sample counts as successful when its responseCode is 2xx or 3xx.`
          : `${fileName} has neither a "success" nor a "responseCode" column: every sample counts as successful.`,
      );
    }
    if (index("SampleCount") !== -1) {
      run.warnOnce(`${fileName} has a SampleCount column: each row was counted as one sample.`);
    }
    this.labels = new ByteStringTable(encoding);
    this.threadNames = new ByteStringTable(encoding);
    this.hostNames = new ByteStringTable(encoding);
  }

  takeNewRows(): number {
    const n = this.newRows;
    this.newRows = 0;
    return n;
  }

  /**
   * The fused path for a line without quotes: `buf[from..to)`, followed by its line break. The
   * delimiter is written over the line break while the line is scanned, so the inner loops test one
   * byte per step instead of also testing for the end.
   */
  line(buf: Buffer, from: number, to: number, line: number, end: CsvRecordEnd): void {
    if (this.skipHeader) {
      this.skipHeader = false;
      return;
    }
    if (from === to) return; // blank line
    const d = this.delimiterByte;
    if (d < 0 || to >= buf.length)
      throw new Error("JtlRecordReader.line needs a one-byte delimiter and a line break after the line.");
    const plan = this.plan;
    const limit = this.fieldLimit;
    const starts = this.fieldStart;
    const ends = this.fieldEnd;
    const numbers = this.fieldNumber;
    const lineBreak = buf[to];
    buf[to] = d;
    let i = from;
    let fields = 0;
    let more = false;
    for (let c = 0; c < limit; c++) {
      const slot = plan[c];
      const start = i;
      if (slot < NUMERIC_FIELDS) {
        let value = 0;
        let plain = buf[i] !== d; // an empty field is no number
        for (let b = buf[i]; b !== d; b = buf[++i]) {
          const digit = b - 48;
          if (digit >>> 0 > 9) plain = false;
          else value = value * 10 + digit;
        }
        numbers[slot] = plain ? value : NaN;
        starts[slot] = start;
        ends[slot] = i;
      } else {
        while (buf[i] !== d) i++;
        if (slot !== F_UNUSED) {
          starts[slot] = start;
          ends[slot] = i;
        }
      }
      fields = c + 1;
      if (i === to) break;
      i++; // the delimiter
      if (fields === limit) more = true;
    }
    buf[to] = lineBreak;
    this.commit(buf, fields, more, line, end);
  }

  /** A record split by CsvRecordSplitter (one with quotes, read by PapaParse). */
  record(buf: Buffer, starts: Int32Array, ends: Int32Array, count: number, more: boolean, line: number, end: CsvRecordEnd): void {
    if (this.skipHeader) {
      this.skipHeader = false;
      return;
    }
    if (count === 1 && starts[0] === ends[0]) return; // blank line
    for (let c = 0; c < count; c++) {
      const slot = this.plan[c];
      if (slot === F_UNUSED) continue;
      this.fieldStart[slot] = starts[c];
      this.fieldEnd[slot] = ends[c];
      if (slot < NUMERIC_FIELDS) this.fieldNumber[slot] = digits(buf, starts[c], ends[c]);
    }
    this.commit(buf, count, more, line, end);
  }

  private commit(buf: Buffer, fields: number, more: boolean, line: number, end: CsvRecordEnd): void {
    if (end === "newline") {
      this.sample(buf, fields, line);
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
      this.sample(buf, fields, line);
      this.run.warnOnce(`${this.fileName} does not end with a line break: its last line (${line}) was imported as complete.`);
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      this.run.warnOnce(`${this.fileName}: the last line (${line}) is incomplete, as if the file was cut; it was skipped.`);
    }
  }

  /** The row in the field slots, as one sample. */
  private sample(buf: Buffer, fields: number, line: number): void {
    if (fields < this.fieldLimit) {
      const missing = this.columns[fields];
      this.fail(
        `the line has ${fields} field${fields === 1 ? "" : "s"} but ${this.columns.length} columns were expected; "${missing}" is missing.`,
        line,
        missing,
      );
    }
    const starts = this.fieldStart;
    const ends = this.fieldEnd;
    const numbers = this.fieldNumber;
    const has = this.has;
    let start = numbers[F_TIMESTAMP];
    if (start !== start) start = this.slowTimestamp(buf, starts[F_TIMESTAMP], ends[F_TIMESTAMP], line);
    let elapsed = numbers[F_ELAPSED];
    if (elapsed !== elapsed) elapsed = this.slowNumber(buf, starts[F_ELAPSED], ends[F_ELAPSED], line, "elapsed", true);

    const labelId = this.labels.id(buf, starts[F_LABEL], ends[F_LABEL]);
    let index = this.labelIndex[labelId];
    if (index === undefined) {
      index = this.aggregator.labelIndex(this.labels.text(labelId));
      this.labelIndex[labelId] = index;
    }

    let success = true;
    if (has[F_SUCCESS]) success = this.success(buf, starts[F_SUCCESS], ends[F_SUCCESS], line);
    else if (has[F_RESPONSE_CODE]) success = codeIsSuccess(buf, starts[F_RESPONSE_CODE], ends[F_RESPONSE_CODE]);

    const received = has[F_BYTES] ? this.optionalNumber(buf, F_BYTES, line, "bytes") : NaN;
    const sent = has[F_SENT_BYTES] ? this.optionalNumber(buf, F_SENT_BYTES, line, "sentBytes") : NaN;
    let users = NaN;
    if (has[F_ALL_THREADS]) users = this.optionalNumber(buf, F_ALL_THREADS, line, "allThreads");
    else if (has[F_GRP_THREADS]) users = this.optionalNumber(buf, F_GRP_THREADS, line, "grpThreads");
    if (users > this.run.maxThreads) this.run.maxThreads = users;

    if (has[F_THREAD_NAME]) {
      const before = this.threadNames.size;
      const id = this.threadNames.id(buf, starts[F_THREAD_NAME], ends[F_THREAD_NAME]);
      if (id === before) this.newThread(this.threadNames.text(id));
    }
    if (has[F_HOSTNAME]) {
      const before = this.hostNames.size;
      const id = this.hostNames.id(buf, starts[F_HOSTNAME], ends[F_HOSTNAME]);
      if (id === before && this.run.hosts.size < 1000) this.run.hosts.add(this.hostNames.text(id));
    }
    if (!success && has[F_RESPONSE_CODE]) {
      const code = buf.toString(this.encoding, starts[F_RESPONSE_CODE], ends[F_RESPONSE_CODE]);
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
    if (DECIMAL.test(value)) return Number(value);
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
    if (DECIMAL.test(value)) return Number(value);
    return this.fail(/^-\d*\.?\d+$/.test(value) ? `"${value}" is negative.` : `"${value}" is not a number.`, line, field);
  }

  private optionalNumber(buf: Buffer, slot: number, line: number, field: string): number {
    const n = this.fieldNumber[slot];
    return n === n ? n : this.slowNumber(buf, this.fieldStart[slot], this.fieldEnd[slot], line, field, false);
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

/** A non-negative decimal as JMeter (or a tool converting to JTL) writes it: no sign, exponent or hex. */
const DECIMAL = /^(\d+\.?\d*|\.\d+)$/;

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
