/**
 * The JTL fast path must read exactly the records PapaParse reads, on every input: JMeter-style
 * records (quoted only when needed), arbitrary malformed text, every delimiter, both line ends, and
 * chunk sizes down to one byte so records and multi-byte characters straddle chunk borders.
 */
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { ByteStringTable, CsvRecordSplitter, type CsvNewline, type CsvRecordEnd } from "@/lib/loadtests/formats/csv-lines";

type SplitRecord = { fields: string[]; more: boolean; line: number; end: CsvRecordEnd };

function split(
  bytes: Buffer,
  opts: { delimiter: string; newline: CsvNewline; chunkSize: number; fieldLimit?: number },
): { records: SplitRecord[]; nextLine: number } {
  const records: SplitRecord[] = [];
  const splitter = new CsvRecordSplitter(
    { delimiter: opts.delimiter, newline: opts.newline, fieldLimit: opts.fieldLimit },
    {
      record(buf, starts, ends, count, more, line, end) {
        const fields: string[] = [];
        for (let i = 0; i < count; i++) fields.push(buf.toString("utf8", starts[i], ends[i]));
        records.push({ fields, more, line, end });
      },
    },
  );
  for (let at = 0; at < bytes.length; at += opts.chunkSize) splitter.push(bytes.subarray(at, at + opts.chunkSize));
  splitter.end();
  return { records, nextLine: splitter.nextLine };
}

/** What PapaParse reads from the whole text, minus the empty row it adds after a final line break. */
function papaRecords(text: string, delimiter: string, newline: CsvNewline): { rows: string[][]; openQuote: boolean } {
  const result = Papa.parse<string[]>(text, { delimiter, newline });
  const rows = result.data;
  const last = rows[rows.length - 1];
  if (text.replace(/^\uFEFF/, "").endsWith(newline) && last && last.length === 1 && last[0] === "") rows.pop();
  return { rows, openQuote: result.errors.some((e) => e.code === "MissingQuotes") };
}

/** JMeter's CSVSaveService: a field is quoted when it holds the delimiter, a quote, CR or LF; quotes are doubled. */
function jmeterField(value: string, delimiter: string): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const delimiterArb = fc.constantFrom(",", ";", "\t", "|");
const newlineArb = fc.constantFrom<CsvNewline>("\n", "\r\n");
const chunkSizeArb = fc.constantFrom(1, 2, 3, 5, 7, 13, 64, 1024, 1 << 20);
const pieces = ["a", "Z", "0", "7", " ", ",", ";", "\t", "|", '"', "\n", "\r", "\r\n", "é", "日本", "😀", "-1", "HTTP Request"];
const fieldArb = fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((p) => p.join(""));
const jtlLikeField = fc.oneof(
  { weight: 3, arbitrary: fieldArb },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 2_000_000_000_000 }).map(String) },
  { weight: 1, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
);
const recordsArb = fc.array(fc.array(jtlLikeField, { minLength: 1, maxLength: 7 }), { maxLength: 12 });

describe("CsvRecordSplitter = PapaParse", () => {
  it("reads JMeter-written records exactly as PapaParse does, with line numbers", () => {
    fc.assert(
      fc.property(
        recordsArb,
        delimiterArb,
        newlineArb,
        chunkSizeArb,
        fc.boolean(),
        (records, delimiter, newline, chunkSize, finalNewline) => {
          const lines = records.map((r) => r.map((f) => jmeterField(f, delimiter)).join(delimiter));
          const text = lines.join(newline) + (finalNewline && lines.length ? newline : "");
          const { rows } = papaRecords(text, delimiter, newline);
          const { records: got, nextLine } = split(Buffer.from(text, "utf8"), { delimiter, newline, chunkSize });
          expect(got.map((r) => r.fields)).toEqual(rows);
          // The records are exactly what was written (JMeter quoting round-trips).
          expect(got.map((r) => r.fields)).toEqual(
            records.filter((r, i) => !(i === records.length - 1 && r.length === 1 && r[0] === "" && !finalNewline)),
          );
          let line = 1;
          got.forEach((r, i) => {
            expect(r.line).toBe(line);
            line += (lines[i].match(/\n/g)?.length ?? 0) + 1;
          });
          expect(nextLine).toBe(1 + (text.match(/\n/g)?.length ?? 0));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("reads arbitrary text (stray and unbalanced quotes, bare CR/LF) exactly as PapaParse does", () => {
    const textArb = fc.array(fc.constantFrom(...pieces, '""', '"a"', " ,"), { maxLength: 60 }).map((p) => p.join(""));
    fc.assert(
      fc.property(textArb, delimiterArb, newlineArb, chunkSizeArb, fc.boolean(), (text, delimiter, newline, chunkSize, bom) => {
        const input = (bom ? "\uFEFF" : "") + text;
        const { rows, openQuote } = papaRecords(input, delimiter, newline);
        const { records: got } = split(Buffer.from(input, "utf8"), { delimiter, newline, chunkSize });
        expect(got.map((r) => r.fields)).toEqual(rows);
        got.slice(0, -1).forEach((r) => expect(r.end).toBe("newline"));
        if (got.length) {
          const expectedEnd = openQuote ? "open-quote" : text.endsWith(newline) ? "newline" : "eof";
          expect(got[got.length - 1].end).toBe(expectedEnd);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("splits only the first fieldLimit fields and says when more follow", () => {
    const textArb = fc.array(fc.constantFrom(...pieces, '"x,y"'), { maxLength: 50 }).map((p) => p.join(""));
    fc.assert(
      fc.property(
        textArb,
        delimiterArb,
        newlineArb,
        chunkSizeArb,
        fc.integer({ min: 1, max: 4 }),
        (text, delimiter, newline, chunkSize, limit) => {
          const { rows } = papaRecords(text, delimiter, newline);
          const { records: got } = split(Buffer.from(text, "utf8"), { delimiter, newline, chunkSize, fieldLimit: limit });
          expect(got.map((r) => r.fields)).toEqual(rows.map((r) => r.slice(0, limit)));
          expect(got.map((r) => r.more)).toEqual(rows.map((r) => r.length > limit));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("multi-character delimiters go through PapaParse for every record", () => {
    fc.assert(
      fc.property(recordsArb, newlineArb, chunkSizeArb, (records, newline, chunkSize) => {
        const delimiter = "::";
        const text = records.map((r) => r.map((f) => jmeterField(f, delimiter)).join(delimiter)).join(newline);
        const { rows } = papaRecords(text, delimiter, newline);
        expect(split(Buffer.from(text, "utf8"), { delimiter, newline, chunkSize }).records.map((r) => r.fields)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a quoted field that never closes once it passes the record size limit", () => {
    const splitter = new CsvRecordSplitter(
      { delimiter: ",", newline: "\n", maxRecordBytes: 1024, fileName: "big.jtl" },
      { record() {} },
    );
    splitter.push(Buffer.from('1,2,"never closed\n'));
    expect(() => {
      for (let i = 0; i < 100; i++) splitter.push(Buffer.from("more text without a closing quote\n"));
    }).toThrow(/big\.jtl, line 1: a record is longer than/);
  });
});

describe("ByteStringTable", () => {
  it("gives one id per distinct byte string and decodes it once", () => {
    const table = new ByteStringTable();
    const buf = Buffer.from("Home|Login|Home|Ünïcode|Login|Home-0|", "utf8");
    const ids: number[] = [];
    let from = 0;
    for (let i = 0; i < buf.length; i++) {
      if (buf[i] !== 0x7c) continue;
      ids.push(table.id(buf, from, i));
      from = i + 1;
    }
    expect(ids).toEqual([0, 1, 0, 2, 1, 3]);
    expect([0, 1, 2, 3].map((id) => table.text(id))).toEqual(["Home", "Login", "Ünïcode", "Home-0"]);
    // Enough keys to rehash several times.
    const many = Buffer.from(Array.from({ length: 5000 }, (_, i) => `label ${i}`).join("\n"));
    const seen = new Map<string, number>();
    from = 0;
    for (let i = 0; i <= many.length; i++) {
      if (i < many.length && many[i] !== 10) continue;
      const id = table.id(many, from, i);
      seen.set(many.toString("utf8", from, i), id);
      from = i + 1;
    }
    expect(table.size).toBe(5004);
    for (const [text, id] of seen) expect(table.text(id)).toBe(text);
  });
});
