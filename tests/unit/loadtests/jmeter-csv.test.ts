import fs from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import {
  commonsMathPercentile,
  FIXTURES as LOADTEST_FIXTURES,
  fileOf,
  head,
  parseError,
  REAL,
  temp,
} from "./support/importer-fixtures";
import { ImportCancelledError } from "@/lib/imports/errors";
import { countingProgress, NO_PROGRESS } from "@/lib/imports/progress";
import { jmeterCsvImporter, parseFormattedTimestamp } from "@/lib/loadtests/formats/jmeter-csv";
import type { FileHead, ImportFile, LoadTestImportOptions, ParsedRun } from "@/lib/loadtests/types";

const TAILSPIN = `${REAL}/jmeter-jtl-csv/tailspin-spacegame-results.jtl`;
const FIXTURES = path.join(LOADTEST_FIXTURES, "jmeter");

function parse(files: ImportFile | ImportFile[], options: LoadTestImportOptions = {}): Promise<ParsedRun> {
  return jmeterCsvImporter.parse(Array.isArray(files) ? files : [files], { progress: NO_PROGRESS, options });
}

const importError = (files: ImportFile | ImportFile[]) => parseError(jmeterCsvImporter, files);

const PERCENTILES = { p50: 50, p75: 75, p90: 90, p95: 95, p99: 99, p999: 99.9 } as const;

type Row = Record<string, string>;
function rowsOf(p: string, delimiter = ","): Row[] {
  return Papa.parse<Row>(fs.readFileSync(p, "utf8"), { header: true, delimiter, skipEmptyLines: true }).data;
}

describe("JMeter CSV: the real tailspin JTL (300 rows, 100 top-level requests)", () => {
  it("counts sub-samples apart from their parent and matches figures computed independently", async () => {
    const rows = rowsOf(TAILSPIN);
    expect(rows).toHaveLength(300);
    const run = await parse(fileOf(TAILSPIN));

    expect(run.tool).toBe("jmeter");
    expect(run.format).toBe("jmeter-csv");
    expect(run.rowsRead).toBe(300);
    expect(run.statisticsSource).toBe("samples");
    expect(run.total.count).toBe(100);
    expect(run.labels.map((l) => [l.label, l.parentLabel, l.count])).toEqual([
      ["HTTP Request", null, 100],
      ["HTTP Request-0", "HTTP Request", 100],
      ["HTTP Request-1", "HTTP Request", 100],
    ]);

    const starts = rows.map((r) => Number(r.timeStamp));
    const ends = rows.map((r) => Number(r.timeStamp) + Number(r.elapsed));
    for (const label of ["HTTP Request", "HTTP Request-0", "HTTP Request-1"]) {
      const mine = rows.filter((r) => r.label === label);
      const elapsed = mine.map((r) => Number(r.elapsed));
      const stats = run.labels.find((l) => l.label === label)!;
      expect(stats.errors).toBe(mine.filter((r) => r.success !== "true").length);
      expect(stats.min).toBe(Math.min(...elapsed));
      expect(stats.max).toBe(Math.max(...elapsed));
      expect(stats.mean).toBeCloseTo(elapsed.reduce((a, b) => a + b, 0) / elapsed.length, 9);
      for (const [key, p] of Object.entries(PERCENTILES)) {
        expect(stats[key as keyof typeof PERCENTILES], `${label} ${key}`).toBeCloseTo(commonsMathPercentile(elapsed, p), 6);
      }
      const span =
        Math.max(...mine.map((r) => Number(r.timeStamp) + Number(r.elapsed))) - Math.min(...mine.map((r) => Number(r.timeStamp)));
      expect(stats.throughput).toBeCloseTo((mine.length * 1000) / span, 9);
      expect(stats.receivedBytes).toBe(mine.reduce((a, r) => a + Number(r.bytes), 0));
      expect(stats.sentBytes).toBe(mine.reduce((a, r) => a + Number(r.sentBytes), 0));
    }
    // Hand-checked anchors: the top-level request's median and p90 from the sorted 100 latencies.
    expect(run.labels[0].p50).toBe(69.5);
    expect(run.labels[0].p90).toBe(213.8);

    // The total is the top-level requests only; its span is the run's first start to last end.
    const top = rows.filter((r) => r.label === "HTTP Request").map((r) => Number(r.elapsed));
    for (const [key, p] of Object.entries(PERCENTILES)) {
      expect(run.total[key as keyof typeof PERCENTILES]).toBeCloseTo(commonsMathPercentile(top, p), 6);
    }
    const runSpan = Math.max(...ends) - Math.min(...starts);
    expect(run.total.throughput).toBeCloseTo((100 * 1000) / runSpan, 9);
    expect(run.startedAt?.getTime()).toBe(Math.min(...starts));
    expect(run.endedAt?.getTime()).toBe(Math.max(...ends));

    // Series: one-second buckets of top-level requests by start time.
    expect(run.bucketSeconds).toBe(1);
    expect(run.series.reduce((a, p) => a + p.requests, 0)).toBe(100);
    const perSecond = new Map<number, number[]>();
    for (const r of rows.filter((x) => x.label === "HTTP Request")) {
      const t = Math.floor(Number(r.timeStamp) / 1000) * 1000;
      perSecond.set(t, [...(perSecond.get(t) ?? []), Number(r.elapsed)]);
    }
    for (const point of run.series) {
      const inBucket = perSecond.get(point.t) ?? [];
      expect(point.requests).toBe(inBucket.length);
      if (inBucket.length) expect(point.p90).toBeCloseTo(commonsMathPercentile(inBucket, 90), 6);
    }
    expect(Math.max(...run.series.map((p) => p.users ?? 0))).toBe(2);

    expect(run.environment["Thread groups"]).toBe("Thread Group");
    expect(run.environment["Threads (max active)"]).toBe("2");
    expect(run.warnings).toEqual([]);
  });

  it("reports bytes and rows as it reads", async () => {
    const progress = countingProgress();
    const file = fileOf(TAILSPIN);
    await jmeterCsvImporter.parse([file], { progress, options: {} });
    expect(progress.state).toEqual({ bytesRead: file.size, rowsRead: 300 });
  });

  it("lets a cancel from progress.tick() through", async () => {
    const progress = countingProgress(() => {
      throw new ImportCancelledError();
    });
    await expect(jmeterCsvImporter.parse([fileOf(TAILSPIN)], { progress, options: {} })).rejects.toBeInstanceOf(
      ImportCancelledError,
    );
  });
});

describe("JMeter CSV: rows in finish order", () => {
  const fixture = path.join(FIXTURES, "finish-order.jtl");

  it("builds the series by start time: the same run as from the rows sorted by start", async () => {
    const rows = rowsOf(fixture);
    const starts = rows.map((r) => Number(r.timeStamp));
    // The fixture really is out of start order.
    expect(starts.some((s, i) => i > 0 && s < starts[i - 1])).toBe(true);

    const text = fs.readFileSync(fixture, "utf8");
    const records = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    const sorted = [records[0], ...records.slice(1).sort((a, b) => Number(a[0]) - Number(b[0]))];
    const sortedFile = temp("sorted.jtl", Papa.unparse(sorted, { newline: "\n" }) + "\n");

    const finishOrder = await parse(fileOf(fixture));
    const startOrder = await parse(sortedFile);
    expect(finishOrder.series).toEqual(startOrder.series);
    expect(finishOrder.total).toEqual(startOrder.total);
    expect(finishOrder.labels.map((l) => ({ ...l }))).toEqual(
      // Labels are listed in first-seen order, which differs; compare them by name.
      finishOrder.labels.map((l) => startOrder.labels.find((s) => s.label === l.label)),
    );

    // Independent check of every bucket: top-level samples whose start falls in it.
    const top = rows.filter((r) => r.label !== "Home-0" && r.label !== "Home-1");
    expect(finishOrder.total.count).toBe(top.length);
    expect(finishOrder.total.errors).toBe(top.filter((r) => r.success === "false").length);
    const width = finishOrder.bucketSeconds! * 1000;
    for (const point of finishOrder.series) {
      const inBucket = top.filter((r) => Math.floor(Number(r.timeStamp) / width) * width === point.t);
      expect(point.requests).toBe(inBucket.length);
      expect(point.errors).toBe(inBucket.filter((r) => r.success === "false").length);
      const users = inBucket.map((r) => Number(r.allThreads));
      if (users.length) expect(point.users).toBe(Math.max(...users));
      if (inBucket.length)
        expect(point.p50).toBeCloseTo(
          commonsMathPercentile(
            inBucket.map((r) => Number(r.elapsed)),
            50,
          ),
          6,
        );
    }
    expect(finishOrder.series.map((p) => p.t)).toEqual([...finishOrder.series.map((p) => p.t)].sort((a, b) => a - b));
  });

  it("reads a quoted multi-line failure message through the library path and records the setup", async () => {
    const run = await parse(fileOf(fixture));
    const rows = rowsOf(fixture);
    expect(rows.some((r) => r.failureMessage.includes("\n"))).toBe(true);
    expect(run.rowsRead).toBe(rows.length);
    expect(run.labels.map((l) => [l.label, l.parentLabel])).toEqual(
      expect.arrayContaining([
        ["Home", null],
        ["Home-0", "Home"],
        ["Home-1", "Home"],
        ["Search", null],
        ["Pay", null],
      ]),
    );
    const pay = rows.filter((r) => r.label === "Pay");
    expect(run.labels.find((l) => l.label === "Pay")?.errors).toBe(pay.filter((r) => r.success === "false").length);
    expect(run.environment["Thread groups"]).toBe("Browse, Buy");
    expect(run.environment["Threads (max active)"]).toBe("5");
    const failedCodes = rows.filter((r) => r.success === "false").map((r) => r.responseCode);
    const count500 = failedCodes.filter((c) => c === "500").length;
    const count503 = failedCodes.filter((c) => c === "503").length;
    expect(run.environment["Errors by response code"]).toContain(`500 ×${count500}`);
    expect(run.environment["Errors by response code"]).toContain(`503 ×${count503}`);
  });
});

describe("JMeter CSV: columns, delimiters, encodings", () => {
  it("finds columns by header name in any saveservice subset and order, with a detected ';' delimiter", async () => {
    const file = fileOf(path.join(FIXTURES, "subset-semicolon.jtl"));
    const run = await parse(file);
    expect(run.labels.map((l) => [l.label, l.count, l.errors])).toEqual([
      ["Login", 4, 0],
      ["List; page 1", 4, 1],
      ["Logout", 4, 0],
    ]);
    // Login rows are 0, 3, 6, 9: elapsed 100, 130, 160, 190; bytes 2000 + i.
    const login = run.labels[0];
    expect([login.min, login.mean, login.max, login.receivedBytes, login.sentBytes]).toEqual([100, 145, 190, 8018, null]);
    expect(login.p50).toBe(145);
    expect(run.environment["Load generator hosts"]).toBe("lg-1, lg-2");
    expect(run.environment["Threads (max active)"]).toBe("3");
    expect(run.environment["Result file"]).toContain('delimiter ";"');
    expect(run.warnings).toEqual([]);
  });

  it("reads a tab-delimited file and groups thread names into thread groups", async () => {
    const run = await parse(fileOf(path.join(FIXTURES, "tab-hostname.jtl")));
    expect(run.total.count).toBe(9);
    expect(run.environment["Thread groups"]).toBe("Writers, Readers");
    expect(run.environment["Load generator hosts"]).toBe("loadgen-b, loadgen-a");
    expect(run.environment["Threads (max active)"]).toBe("4");
    expect(run.total.sentBytes).toBe(9 * 90);
  });

  it("reads a headerless file in JMeter's default column order, and says so", async () => {
    const run = await parse(fileOf(path.join(FIXTURES, "headerless.jtl")));
    expect(run.total.count).toBe(10);
    expect(run.total.min).toBe(50);
    expect(run.total.max).toBe(59);
    expect(run.total.receivedBytes).toBe(1200);
    expect(run.startedAt?.toISOString()).toBe("2024-05-03T14:02:11.000Z");
    expect(run.warnings).toEqual([expect.stringContaining("no header line: its columns were read in JMeter's default order")]);
  });

  it("reads a headerless file with the columns the user gives, and the delimiter the user gives", async () => {
    const file = temp("custom.csv", "Ping|1714744931000|12|true\nPing|1714744932000|14|false\n");
    const run = await parse(file, { columns: ["label", "timeStamp", "elapsed", "success"], delimiter: "|" });
    expect([run.total.count, run.total.errors, run.total.mean]).toEqual([2, 1, 13]);
    expect(run.environment["Result file"]).toBe('JMeter JTL (CSV; headerless, 4 columns as given; delimiter "|")');
    expect(run.warnings).toEqual([]);
  });

  it("takes success from the response code when the file has no success column", async () => {
    const file = temp(
      "codes.jtl",
      "timeStamp,elapsed,label,responseCode\n1,10,a,200\n2,10,a,302\n3,10,a,404\n4,10,a,Non HTTP response code: x\n",
    );
    const run = await parse(file);
    expect([run.total.count, run.total.errors]).toEqual([4, 2]);
    expect(run.warnings).toEqual([expect.stringContaining("2xx or 3xx")]);
  });

  it("reads formatted timestamps (timestamp_format) as UTC and warns about it", async () => {
    const run = await parse(fileOf(path.join(FIXTURES, "formatted-timestamps.jtl")));
    expect(run.total.count).toBe(8);
    expect(run.startedAt?.toISOString()).toBe("2024-05-03T14:02:11.000Z");
    expect(run.endedAt?.toISOString()).toBe(new Date(Date.UTC(2024, 4, 3, 14, 2, 18, 777) + 207).toISOString());
    expect(run.warnings).toEqual([expect.stringContaining("read as UTC")]);
    expect(run.environment["Timestamps"]).toBe("formatted dates without a time zone, read as UTC");
    expect(parseFormattedTimestamp("2024-05-03T14:02:11.5+02:00")).toEqual({
      ms: Date.UTC(2024, 4, 3, 12, 2, 11, 500),
      zoned: true,
    });
    expect(parseFormattedTimestamp("2024-05-03 14:02")).toEqual({ ms: Date.UTC(2024, 4, 3, 14, 2), zoned: false });
    expect(parseFormattedTimestamp("03/05/2024 14:02:11")).toBeNull();
  });

  it("reads CRLF files with quoted labels, doubled quotes, line breaks in fields and unicode", async () => {
    const run = await parse(fileOf(path.join(FIXTURES, "quoted-crlf.jtl")));
    expect(run.labels.map((l) => [l.label, l.count, l.errors])).toEqual([
      ["Search, filtered", 3, 0],
      ['Say "hi"', 3, 2],
      ["Überweisung ✓", 3, 0],
      ["plain", 3, 0],
    ]);
    // Rows i = 1, 5, 9 are 'Say "hi"': elapsed 20, 60, 100.
    expect(run.labels[1].mean).toBe(60);
    expect(run.rowsRead).toBe(12);
    expect(run.warnings).toEqual([]);
  });

  it("reads a file that is not UTF-8 as Latin-1, with a warning", async () => {
    const run = await parse(fileOf(path.join(FIXTURES, "latin1.jtl")));
    expect(run.labels.map((l) => [l.label, l.count])).toEqual([["Überweisung", 4]]);
    expect(run.warnings).toEqual(["latin1.jtl is not UTF-8; it was read as Latin-1 (ISO-8859-1)."]);
  });

  it("merges several files of one run", async () => {
    const run = await parse([fileOf(TAILSPIN), fileOf(path.join(FIXTURES, "headerless.jtl"))]);
    expect(run.total.count).toBe(110);
    expect(run.rowsRead).toBe(310);
    expect(run.environment["Result file"]).toContain("2 files");
    expect(run.environment["Thread groups"]).toBe("Thread Group, Pingers");
  });
});

describe("JMeter CSV: bad and cut files", () => {
  it("names file, line and field for a non-numeric elapsed", async () => {
    const file = temp(
      "broken.jtl",
      "timeStamp,elapsed,label,responseCode,success\n1601209013719,685,Home,200,true\n1601209014000,abc,Home,200,true\n",
    );
    const error = await importError(file);
    expect([error.file, error.line, error.field]).toEqual(["broken.jtl", 3, "elapsed"]);
    expect(error.message).toBe('broken.jtl, line 3, field "elapsed": "abc" is not a number.');
  });

  it("names the line of a bad timestamp, success flag or size, also inside a quoted record", async () => {
    const header = "timeStamp,elapsed,label,success,bytes\n";
    expect((await importError(temp("ts.jtl", `${header}1,2,a,true,3\nyesterday,2,a,true,3\n`))).field).toBe("timeStamp");
    const flag = await importError(temp("s.jtl", `${header}1,2,a,true,3\n2,2,"b,c",maybe,3\n`));
    expect([flag.line, flag.field, flag.message]).toEqual([
      3,
      "success",
      's.jtl, line 3, field "success": "maybe" is neither true nor false.',
    ]);
    const size = await importError(temp("b.jtl", `${header}1,2,"multi\nline",true,3\n2,2,a,true,-5\n`));
    expect([size.line, size.field, size.message]).toEqual([4, "bytes", 'b.jtl, line 4, field "bytes": "-5" is negative.']);
    // Decimals are read; hex and exponents, which JMeter never writes, are not numbers.
    expect((await parse(temp("d.jtl", `${header}1,12.5,a,true,3\n`))).total.mean).toBe(12.5);
    for (const odd of ["0x10", "1e3", "12,5"]) {
      const e = await importError(temp("o.jtl", `timeStamp;elapsed;label\n1;${odd};a\n`));
      expect([e.line, e.field, e.message]).toEqual([2, "elapsed", `o.jtl, line 2, field "elapsed": "${odd}" is not a number.`]);
    }
  });

  it("refuses a line with missing columns, naming the first missing one", async () => {
    const error = await importError(temp("short.jtl", "timeStamp,elapsed,label,success\n1,2,a,true\n2,3\n"));
    expect([error.line, error.field]).toEqual([3, "label"]);
  });

  it("refuses an empty file, a header-only file and a header without the required columns", async () => {
    expect((await importError(temp("empty.jtl", ""))).message).toContain("the file is empty");
    expect((await importError(temp("blank.jtl", "\n\n"))).message).toContain("the file is empty");
    const headerOnly = await importError(temp("header.jtl", "timeStamp,elapsed,label\n"));
    expect(headerOnly.message).toBe("header.jtl, line 2: the file holds a header line but no samples.");
    const noLabel = await importError(temp("nolabel.jtl", "timeStamp,elapsed,success\n1,2,true\n"));
    expect([noLabel.line, noLabel.field]).toEqual([1, "label"]);
  });

  it("imports the complete lines of a file cut mid-line, with a warning", async () => {
    const run = await parse(fileOf(path.join(FIXTURES, "cut-mid-line.jtl")));
    expect(run.rowsRead).toBe(10);
    expect(run.warnings).toEqual([expect.stringContaining("line 12, which looks cut")]);
  });

  it("imports a last line that lacks only its line break, with a warning", async () => {
    const text = fs.readFileSync(TAILSPIN, "utf8").trimEnd();
    const run = await parse(temp("no-final-newline.jtl", text));
    expect(run.rowsRead).toBe(300);
    expect(run.total.count).toBe(100);
    expect(run.warnings).toEqual([expect.stringContaining("does not end with a line break")]);
  });

  it("skips a last record whose quoted field never closes, with a warning", async () => {
    const run = await parse(
      temp("open.jtl", 'timeStamp,elapsed,label,failureMessage,success\n1,2,a,,true\n3,4,a,"Test failed: half written'),
    );
    expect(run.rowsRead).toBe(1);
    expect(run.warnings).toEqual([expect.stringContaining("looks cut")]);
  });
});

describe("JMeter CSV: detection", () => {
  const text = (name: string, content: string): FileHead => {
    const buf = Buffer.from(content);
    return { name, size: buf.length, head: buf, text: content.replace(/^\uFEFF/, "") };
  };
  const real = head;

  it("claims JTL CSVs: header with timeStamp and elapsed (any delimiter), or a headerless epoch-ms row", () => {
    expect(jmeterCsvImporter.detect([real(TAILSPIN)])).toBe(true);
    for (const f of [
      "subset-semicolon.jtl",
      "tab-hostname.jtl",
      "headerless.jtl",
      "formatted-timestamps.jtl",
      "quoted-crlf.jtl",
    ]) {
      expect(jmeterCsvImporter.detect([real(path.join(FIXTURES, f))]), f).toBe(true);
    }
    expect(jmeterCsvImporter.detect([text("h.csv", "2024/05/03 14:02:11.123;250;Home;200\n")])).toBe(true);
    expect(jmeterCsvImporter.detect([text("bom.jtl", "\uFEFFtimeStamp|elapsed|label\n1|2|a\n")])).toBe(true);
  });

  it("does not claim Locust, ab, Gatling, k6 or other files", () => {
    for (const f of fs.readdirSync(`${REAL}/locust`))
      expect(jmeterCsvImporter.detect([real(`${REAL}/locust/${f}`)]), f).toBe(false);
    expect(jmeterCsvImporter.detect([real(`${REAL}/gatling/ppppp-simulation.log`)])).toBe(false);
    expect(jmeterCsvImporter.detect([real(`${REAL}/jmeter-jtl-xml/tailspin-spacegame-Results.xml`)])).toBe(false);
    expect(
      jmeterCsvImporter.detect([
        text("ab.tsv", "starttime\tseconds\tctime\tdtime\tttime\twait\nMon Mar 14 09:30:00 2025\t1741944600\t1\t2\t3\t1\n"),
      ]),
    ).toBe(false);
    expect(
      jmeterCsvImporter.detect([text("k6.csv", "metric_name,timestamp,metric_value,check,error\nhttp_reqs,1741944600,1,,\n")]),
    ).toBe(false);
    expect(jmeterCsvImporter.detect([text("history.csv", "1772849612,0,,Aggregated,0.000000\n")])).toBe(false);
    expect(jmeterCsvImporter.detect([text("notes.txt", "We ran a load test last Tuesday and it went fine.\n")])).toBe(false);
    expect(jmeterCsvImporter.detect([text("empty.jtl", "")])).toBe(false);
    // Every file of the upload must be a JTL CSV.
    expect(jmeterCsvImporter.detect([real(TAILSPIN), text("notes.txt", "hello\n")])).toBe(false);
  });
});
