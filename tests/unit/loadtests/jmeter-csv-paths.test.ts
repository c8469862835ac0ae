/**
 * The JTL importer reads an unquoted line in one fused scan, and a record with quotes through
 * PapaParse (the splitter's library path, itself checked against Papa in jmeter-csv-splitter.test.ts).
 * Quoting every field changes nothing in CSV, so a random JTL and the same JTL with every field
 * quoted must import identically: the same run, or the same error (message, line, field).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ctx, temp } from "./support/importer-fixtures";
import { ImportError } from "@/lib/imports/errors";
import { jmeterCsvImporter } from "@/lib/loadtests/formats/jmeter-csv";

const OPTIONAL_COLUMNS = [
  "success",
  "bytes",
  "sentBytes",
  "allThreads",
  "grpThreads",
  "threadName",
  "responseCode",
  "Hostname",
  "URL",
  "Latency",
  "responseMessage",
];

const rare = <T>(common: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 12, arbitrary: common }, { weight: 1, arbitrary: odd });
const oddNumber = fc.constantFrom("", "12.5", "-3", "abc", " 7", "1e3", "0x10");
const valueOf: Record<string, fc.Arbitrary<string>> = {
  timeStamp: rare(
    fc.integer({ min: 1_714_744_931_000, max: 1_714_744_999_000 }).map(String),
    fc.constantFrom(...["2024/05/03 14:02:11.123", "yesterday"], ""),
  ),
  elapsed: rare(fc.integer({ min: 0, max: 5000 }).map(String), oddNumber),
  label: fc.constantFrom("Home", "Home-0", "Home-1", "Überweisung ✓", "a b", "", "x-12"),
  success: rare(fc.constantFrom("true", "false"), fc.constantFrom("TRUE", "False", "yes", "")),
  bytes: rare(fc.integer({ min: 0, max: 1e6 }).map(String), oddNumber),
  sentBytes: rare(fc.integer({ min: 0, max: 1e4 }).map(String), oddNumber),
  allThreads: rare(fc.integer({ min: 0, max: 50 }).map(String), oddNumber),
  grpThreads: rare(fc.integer({ min: 0, max: 50 }).map(String), oddNumber),
  threadName: fc.constantFrom("Browse 1-1", "Browse 1-2", "Buy 2-1", "main", ""),
  responseCode: fc.constantFrom("200", "302", "404", "500", "Non HTTP response code: java.net.SocketException", ""),
  Hostname: fc.constantFrom("lg-1", "lg-2"),
  URL: fc.constantFrom("https://x.example/a?b=1", ""),
  Latency: fc.integer({ min: 0, max: 900 }).map(String),
  responseMessage: fc.constantFrom("OK", "Not Found", ""),
};

const jtlArb = fc
  .record({
    optional: fc.shuffledSubarray(OPTIONAL_COLUMNS),
    order: fc.array(fc.nat(), { minLength: 14, maxLength: 14 }),
    delimiter: fc.constantFrom(",", ";", "\t", "|"),
    newline: fc.constantFrom("\n", "\r\n"),
    finalNewline: fc.boolean(),
    rowCount: fc.integer({ min: 0, max: 12 }),
    seed: fc.integer(),
  })
  .chain((shape) => {
    const columns = ["timeStamp", "elapsed", "label", ...shape.optional]
      .map((c, i) => [c, shape.order[i]] as const)
      .sort((a, b) => a[1] - b[1])
      .map(([c]) => c);
    const row = fc.tuple(
      fc.tuple(...columns.map((c) => valueOf[c])),
      // Now and then a row is short of fields, or a blank line.
      fc.oneof(
        { weight: 30, arbitrary: fc.constant(columns.length) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: columns.length }) },
      ),
    );
    return fc.record({
      shape: fc.constant(shape),
      columns: fc.constant(columns),
      rows: fc.array(row, { minLength: shape.rowCount, maxLength: shape.rowCount }),
    });
  });

type Outcome = { run: unknown } | { error: { message: string; line: number | null; field: string | null } };

async function importText(text: string): Promise<Outcome> {
  try {
    return { run: await jmeterCsvImporter.parse([temp("run.jtl", text)], ctx) };
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return { error: { message: error.message, line: error.line, field: error.field } };
  }
}

describe("JMeter CSV: the fused line path reads exactly what the library path reads", () => {
  it("a random JTL imports the same with every field quoted", { timeout: 60_000 }, async () => {
    let succeeded = 0;
    let failed = 0;
    await fc.assert(
      fc.asyncProperty(jtlArb, async ({ shape, columns, rows }) => {
        const write = (quote: boolean) => {
          const field = (v: string) => (quote ? `"${v}"` : v);
          const lines = [
            columns.map(field).join(shape.delimiter),
            ...rows.map(([values, keep]) => values.slice(0, keep).map(field).join(shape.delimiter)),
          ];
          return lines.join(shape.newline) + (shape.finalNewline ? shape.newline : "");
        };
        const plain = await importText(write(false));
        const quoted = await importText(write(true));
        expect(quoted).toEqual(plain);
        if ("run" in plain) succeeded++;
        else failed++;
      }),
      { numRuns: 250 },
    );
    // Both outcomes were exercised.
    expect(succeeded).toBeGreaterThan(30);
    expect(failed).toBeGreaterThan(30);
  });
});
