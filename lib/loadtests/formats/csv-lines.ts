/**
 * A streaming CSV record splitter for large machine-written files (JMeter JTL): records are found
 * in raw byte chunks and handed over as byte ranges, so the common case (a line without any quote
 * character) costs one scan and no string per field. Any record holding a quote character is read
 * by PapaParse itself, on a window of whole lines that grows until Papa closes the record, so quoted
 * fields, doubled quotes, line breaks inside quotes and malformed quotes come out exactly as
 * `Papa.parse` reads them on the whole text (tests/unit/loadtests/jmeter-csv-splitter.test.ts checks
 * this property on random input). Chunks are cut anywhere: a record (or a multi-byte character) that
 * straddles two chunks is carried over whole.
 */
import Papa from "papaparse";
import { ImportError } from "@/lib/imports/errors";

export type CsvNewline = "\n" | "\r\n";
/** How a record ended: at a line break, at the end of the input without one, or inside a quoted field never closed. */
export type CsvRecordEnd = "newline" | "eof" | "open-quote";

export type CsvRecordSink = {
  /**
   * One record: field i is `buf[starts[i] .. ends[i])`. Only the first `fieldLimit` fields are split;
   * `more` says whether the record has fields past them. `line` is the 1-based line the record starts
   * on. The ranges are valid only during the call.
   */
  record(buf: Buffer, starts: Int32Array, ends: Int32Array, count: number, more: boolean, line: number, end: CsvRecordEnd): void;
  /**
   * Optional fused path: a record without any quote character as the byte range `buf[from..to)`
   * (line break excluded; `buf[to]` is its CR or LF, which the sink may overwrite while it reads if
   * it puts it back), for a sink that splits and reads its fields in one scan. Used instead of
   * `record` for such records when the delimiter is one ASCII byte; the sink must read them as
   * `record` would. A last record without a line break goes to `record`.
   */
  line?(buf: Buffer, from: number, to: number, line: number, end: CsvRecordEnd): void;
};

export type CsvSplitterOptions = {
  delimiter: string;
  newline: CsvNewline;
  /** Fields to split per record (default: all). */
  fieldLimit?: number;
  /** "latin1" for files that are not UTF-8 (JMeter on Windows writes its platform encoding). */
  encoding?: "utf8" | "latin1";
  /** A record longer than this ends the import with an ImportError (an unclosed quote must not swallow the file). */
  maxRecordBytes?: number;
  /** For error messages. */
  fileName?: string;
};

const LF = 10;
const CR = 13;
const QUOTE = 34;
const DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;

export class CsvRecordSplitter {
  private readonly delimiterByte: number;
  /** False when the delimiter is not one ASCII byte: every record then goes to PapaParse. */
  private readonly fastPath: boolean;
  /** The sink reads unquoted records itself (`line`). */
  private readonly fusedSink: boolean;
  private readonly crlf: boolean;
  private readonly fieldLimit: number;
  private readonly maxRecordBytes: number;
  private starts = new Int32Array(32);
  private ends = new Int32Array(32);
  private rest: Buffer | null = null;
  private firstChunk = true;
  private line = 1;
  private scratch = Buffer.alloc(4096);
  /** PapaParse's own parser, reading one record per call (it resets its state on every parse). */
  private readonly papa: Papa.Parser;

  constructor(
    private readonly options: CsvSplitterOptions,
    private readonly sink: CsvRecordSink,
  ) {
    const d = options.delimiter;
    if (!d || Papa.BAD_DELIMITERS.includes(d)) throw new Error(`Unusable CSV delimiter ${JSON.stringify(d)}.`);
    this.delimiterByte = d.length === 1 ? d.charCodeAt(0) : -1;
    this.fastPath = this.delimiterByte >= 0 && this.delimiterByte < 128;
    this.fusedSink = this.fastPath && typeof sink.line === "function";
    this.crlf = options.newline === "\r\n";
    this.fieldLimit = Math.max(1, options.fieldLimit ?? Number.MAX_SAFE_INTEGER);
    if (this.fieldLimit < 1024) {
      this.starts = new Int32Array(Math.max(32, this.fieldLimit + 1));
      this.ends = new Int32Array(this.starts.length);
    }
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.papa = new Papa.Parser({ delimiter: d, newline: options.newline, preview: 1 });
  }

  /** The line the next record starts on. */
  get nextLine(): number {
    return this.line;
  }

  push(chunk: Buffer): void {
    if (this.firstChunk) {
      const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
      if (buf.length < 3 && this.options.encoding !== "latin1") {
        this.rest = buf; // too short to tell whether a byte-order mark starts the file
        return;
      }
      this.firstChunk = false;
      this.rest = null;
      chunk = this.options.encoding !== "latin1" && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
    }
    let from = 0;
    // Finish the record carried over from the last chunk by joining it with only as much of this
    // chunk as it needs (at least as much again as it holds, so a long record costs O(n log n), not
    // O(n²)), instead of copying every chunk.
    while (this.rest) {
      if (from >= chunk.length) return;
      const probe = from + this.rest.length;
      const nl = probe < chunk.length ? chunk.indexOf(LF, probe) : -1;
      const cut = nl === -1 ? chunk.length : nl + 1;
      const joined = Buffer.concat([this.rest, chunk.subarray(from, cut)]);
      from = cut;
      const used = this.scan(joined, false);
      this.rest = used < joined.length ? joined.subarray(used) : null;
      this.checkCarried();
    }
    const tail = from > 0 ? chunk.subarray(from) : chunk;
    const used = this.scan(tail, false);
    this.rest = used < tail.length ? tail.subarray(used) : null;
    this.checkCarried();
  }

  private checkCarried(): void {
    if (this.rest && this.rest.length > this.maxRecordBytes) {
      throw new ImportError(
        `a record is longer than ${this.maxRecordBytes / 1024 / 1024} MiB: a quoted field is probably never closed, or this is not a CSV file.`,
        { file: this.options.fileName, line: this.line },
      );
    }
  }

  /** Reads the last record, which has no line break after it. */
  end(): void {
    let buf = this.rest;
    this.rest = null;
    if (!buf || buf.length === 0) return;
    if (this.firstChunk && this.options.encoding !== "latin1" && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
      buf = buf.subarray(3);
    }
    this.firstChunk = false;
    this.scan(buf, true);
  }

  /** Reads every complete record of `buf`; returns the offset of the first byte not consumed. */
  private scan(buf: Buffer, eof: boolean): number {
    const len = buf.length;
    const crlf = this.crlf;
    let pos = 0;
    // Records holding a quote go to PapaParse; finding the next quote with one memchr per quote keeps the scan cheap.
    let nextQuote = this.fastPath ? buf.indexOf(QUOTE, 0) : 0;
    if (nextQuote < 0) nextQuote = len;
    while (pos < len) {
      let newline = buf.indexOf(LF, pos);
      let extraLines = 0;
      if (crlf) {
        // With CRLF line ends a bare LF is field content (as in PapaParse).
        while (newline !== -1 && (newline === pos || buf[newline - 1] !== CR)) {
          extraLines++;
          newline = buf.indexOf(LF, newline + 1);
        }
      }
      if (newline === -1 && !eof) break;
      const recordEnd = newline === -1 ? len : newline + 1;
      if (nextQuote < recordEnd) {
        const next = this.readWithLibrary(buf, pos, eof);
        if (next < 0) break;
        pos = next;
        if (nextQuote < pos) {
          nextQuote = this.fastPath ? buf.indexOf(QUOTE, pos) : pos;
          if (nextQuote < 0) nextQuote = len;
        }
        continue;
      }
      const contentEnd = newline === -1 ? len : crlf ? newline - 1 : newline;
      const end = newline === -1 ? "eof" : "newline";
      if (this.fusedSink && end === "newline") {
        this.sink.line!(buf, pos, contentEnd, this.line, end);
      } else {
        const count = this.split(buf, pos, contentEnd);
        this.sink.record(buf, this.starts, this.ends, count, this.moreFields, this.line, end);
      }
      this.line += (newline === -1 ? 0 : 1) + extraLines;
      pos = recordEnd;
    }
    return pos;
  }

  /** Set by `split`: the record has fields past fieldLimit. */
  private moreFields = false;

  /**
   * Splits `buf[from..to)` at the delimiter into this.starts/this.ends, at most fieldLimit fields.
   * The loop only records delimiter offsets: on a million-row file every instruction in it counts.
   */
  private split(buf: Buffer, from: number, to: number): number {
    const d = this.delimiterByte;
    const limit = this.fieldLimit;
    let ends = this.ends;
    let count = 0;
    this.moreFields = false;
    if (limit < ends.length) {
      for (let i = from; i < to; i++) {
        if (buf[i] === d) {
          ends[count++] = i;
          if (count === limit) {
            this.moreFields = true;
            break;
          }
        }
      }
    } else {
      for (let i = from; i < to; i++) {
        if (buf[i] === d) {
          if (count === ends.length - 1) {
            this.growFields(ends.length * 2);
            ends = this.ends;
          }
          ends[count++] = i;
        }
      }
    }
    if (!this.moreFields) ends[count++] = to;
    const starts = this.starts;
    starts[0] = from;
    for (let k = 1; k < count; k++) starts[k] = ends[k - 1] + 1;
    return count;
  }

  private growFields(size: number): void {
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }

  /**
   * Reads the record starting at `pos` with PapaParse, on a window of whole lines: first up to where
   * the quotes balance (the record's end whenever quotes are well formed), then doubling in lines
   * while Papa finds no complete record (stray quotes). Returns the offset after the record, or -1
   * when the record may continue past `buf` (more input needed).
   */
  private readWithLibrary(buf: Buffer, pos: number, eof: boolean): number {
    const encoding = this.options.encoding ?? "utf8";
    let windowEnd = pos;
    let quotes = 0;
    let linesLeft = true;
    do {
      const nl = this.lineEnd(buf, windowEnd);
      if (nl === -1) {
        linesLeft = false;
        break;
      }
      for (let q = buf.indexOf(QUOTE, windowEnd); q !== -1 && q < nl; q = buf.indexOf(QUOTE, q + 1)) quotes++;
      windowEnd = nl + 1;
    } while (quotes % 2 === 1);
    let lines = 1;
    for (;;) {
      // At the end of the input the window takes the unterminated last line too.
      const final = !linesLeft && eof;
      if (final) windowEnd = buf.length;
      if (windowEnd === pos) return -1; // not one complete line yet
      const text = buf.toString(encoding, pos, windowEnd);
      const result = this.papa.parse(text, 0, !final) as Papa.ParseResult<string[]>;
      if (result.data.length > 0) return this.emitLibraryRecord(buf, pos, windowEnd, text, result);
      if (final) return buf.length;
      if (!linesLeft) return -1;
      for (let k = 0; k < lines; k++) {
        const nl = this.lineEnd(buf, windowEnd);
        if (nl === -1) {
          linesLeft = false;
          break;
        }
        windowEnd = nl + 1;
      }
      lines *= 2;
    }
  }

  private emitLibraryRecord(
    buf: Buffer,
    pos: number,
    windowEnd: number,
    text: string,
    result: Papa.ParseResult<string[]>,
  ): number {
    const cursor: number = result.meta.cursor;
    const consumed = text.slice(0, cursor);
    let end: CsvRecordEnd;
    if (result.errors.some((e) => e.code === "MissingQuotes")) end = "open-quote";
    else end = consumed.endsWith(this.options.newline) ? "newline" : "eof";
    // Map the character cursor back to bytes by counting line feeds: decoding never makes or eats one.
    const feeds = countChar(consumed, "\n");
    let byteEnd = pos;
    if (end === "newline") {
      for (let k = 0; k < feeds; k++) byteEnd = buf.indexOf(LF, byteEnd) + 1;
    } else {
      byteEnd = windowEnd;
    }
    this.emitFields(result.data[0], end);
    this.line += feeds;
    return byteEnd;
  }

  /** The offset of the line feed ending the line that starts at `from`, or -1. */
  private lineEnd(buf: Buffer, from: number): number {
    let nl = buf.indexOf(LF, from);
    if (this.crlf) while (nl !== -1 && (nl === from || buf[nl - 1] !== CR)) nl = buf.indexOf(LF, nl + 1);
    return nl;
  }

  /** Hands a library-parsed record to the sink as byte ranges, like any other record. */
  private emitFields(fields: string[], end: CsvRecordEnd): void {
    const encoding = this.options.encoding ?? "utf8";
    const count = Math.min(fields.length, this.fieldLimit);
    let size = 0;
    for (let i = 0; i < count; i++) size += Buffer.byteLength(fields[i], encoding);
    if (this.scratch.length < size) this.scratch = Buffer.alloc(Math.max(size, this.scratch.length * 2));
    if (this.starts.length < count) this.growFields(count);
    let at = 0;
    for (let i = 0; i < count; i++) {
      this.starts[i] = at;
      at += this.scratch.write(fields[i], at, encoding);
      this.ends[i] = at;
    }
    this.sink.record(this.scratch, this.starts, this.ends, count, fields.length > count, this.line, end);
  }
}

function countChar(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * Interns byte strings (labels, thread names) without making a string per row: open addressing over
 * a hash of the length and a few sampled bytes (cheap: rows repeat a handful of labels), confirmed by
 * a byte comparison. Should sampled hashes collide too often (long labels differing only where no
 * byte is sampled), the table switches to hashing every byte. `id` returns a dense id (first seen =
 * 0), `text(id)` the decoded string.
 */
export class ByteStringTable {
  private slots = new Int32Array(64);
  private hashes: Int32Array = new Int32Array(16);
  private keyStart: Int32Array = new Int32Array(16);
  private keyLength: Int32Array = new Int32Array(16);
  private pool = new Uint8Array(1024);
  private poolUsed = 0;
  private readonly texts: string[] = [];
  private fullHash = false;

  constructor(private readonly encoding: "utf8" | "latin1" = "utf8") {}

  get size(): number {
    return this.texts.length;
  }

  text(id: number): string {
    return this.texts[id];
  }

  id(buf: Buffer, from: number, to: number): number {
    const h = this.fullHash ? fullHash(buf, from, to) : sampledHash(buf, from, to);
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = h & mask;
    for (let probes = 0; ; probes++) {
      const entry = slots[slot];
      if (entry === 0) return this.miss(buf, from, to, h, slot, probes);
      const id = entry - 1;
      if (this.hashes[id] === h && this.sameKey(id, buf, from, to)) return id;
      slot = (slot + 1) & mask;
    }
  }

  private sameKey(id: number, buf: Buffer, from: number, to: number): boolean {
    if (this.keyLength[id] !== to - from) return false;
    const pool = this.pool;
    const offset = this.keyStart[id] - from;
    for (let i = from; i < to; i++) if (pool[offset + i] !== buf[i]) return false;
    return true;
  }

  /** Not in the table: add it, unless sampled hashes collide so often that hashing every byte pays. */
  private miss(buf: Buffer, from: number, to: number, hash: number, slot: number, probes: number): number {
    if (probes > 24 && !this.fullHash) {
      this.fullHash = true;
      this.rehash(this.slots.length);
      return this.id(buf, from, to);
    }
    return this.insert(buf, from, to, hash, slot);
  }

  private insert(buf: Buffer, from: number, to: number, hash: number, slot: number): number {
    const id = this.texts.length;
    const length = to - from;
    if (id === this.hashes.length) {
      this.hashes = growInt32(this.hashes);
      this.keyStart = growInt32(this.keyStart);
      this.keyLength = growInt32(this.keyLength);
    }
    if (this.poolUsed + length > this.pool.length) {
      const pool = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + length));
      pool.set(this.pool);
      this.pool = pool;
    }
    this.pool.set(buf.subarray(from, to), this.poolUsed);
    this.keyStart[id] = this.poolUsed;
    this.keyLength[id] = length;
    this.poolUsed += length;
    this.hashes[id] = hash;
    this.texts.push(buf.toString(this.encoding, from, to));
    this.slots[slot] = id + 1;
    if (this.texts.length * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return id;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    const keys = Buffer.from(this.pool.buffer, 0, this.poolUsed);
    for (let id = 0; id < this.texts.length; id++) {
      if (this.fullHash) {
        const start = this.keyStart[id];
        this.hashes[id] = fullHash(keys, start, start + this.keyLength[id]);
      }
      let slot = this.hashes[id] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

/** FNV-1a over the length and up to eight bytes: both ends and the middle, where labels differ. */
function sampledHash(buf: Buffer, from: number, to: number): number {
  const length = to - from;
  let h = Math.imul(0x811c9dc5 ^ length, 0x01000193);
  if (length === 0) return h;
  const mid = from + (length >> 1);
  h = Math.imul(h ^ buf[from], 0x01000193);
  h = Math.imul(h ^ buf[to - 1], 0x01000193);
  h = Math.imul(h ^ buf[mid], 0x01000193);
  if (length > 3) {
    h = Math.imul(h ^ buf[from + 1], 0x01000193);
    h = Math.imul(h ^ buf[to - 2], 0x01000193);
    h = Math.imul(h ^ buf[to - 3], 0x01000193);
    h = Math.imul(h ^ buf[mid - 1], 0x01000193);
    h = Math.imul(h ^ buf[mid + 1], 0x01000193);
  }
  return h ^ (h >>> 15);
}

function fullHash(buf: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h ^ (h >>> 15);
}

function growInt32(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
