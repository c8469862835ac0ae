import { describe, expect, it } from "vitest";
import { readFileHead } from "@/lib/imports/files";
import { countingProgress } from "@/lib/imports/progress";
import { ImportCancelledError } from "@/lib/imports/errors";
import { csvImporter } from "@/lib/metrics/formats/csv";
import { berlin, ctxIn, fixture, parseError, pointsOf, temp, utc } from "../support/metric-fixtures";

describe("CSV metric importer", () => {
  it("reads time,value with epoch seconds, gaps and infinities", async () => {
    const parsed = await csvImporter.parse(fixture("csv/long-epoch-seconds.csv"), berlin);
    expect(parsed.format).toBe("csv");
    expect(parsed.rowsRead).toBe(9);
    expect(parsed.series).toHaveLength(1);
    expect(parsed.series[0]).toMatchObject({ name: "value", unit: null, labels: {} });
    expect(pointsOf(parsed, "value")).toEqual([
      ["2026-05-03T14:00:00.000Z", 12.5],
      ["2026-05-03T14:00:01.500Z", 13],
      ["2026-05-03T14:00:02.000Z", NaN],
      ["2026-05-03T14:00:03.000Z", NaN],
      ["2026-05-03T14:00:04.000Z", NaN],
      ["2026-05-03T14:00:05.000Z", Infinity],
      ["2026-05-03T14:00:06.000Z", Infinity],
      ["2026-05-03T14:00:07.000Z", -Infinity],
      ["2026-05-03T14:00:08.000Z", 14.25],
    ]);
    expect(parsed.notes).toEqual([
      "Times were read as epoch seconds.",
      "3 values were NaN or missing: drawn as gaps.",
      "2 values were +Inf: kept in the snapshot, drawn as gaps.",
      "1 value was -Inf: kept in the snapshot, drawn as a gap.",
    ]);
  });

  it("names the one series of a two-column file after the option, else the value column", async () => {
    const named = await csvImporter.parse(fixture("csv/long-epoch-seconds.csv"), ctxIn("UTC", "p95 latency"));
    expect(named.series.map((s) => s.name)).toEqual(["p95 latency"]);
    const semicolon = await csvImporter.parse(fixture("csv/semicolon-decimal-comma.csv"), berlin);
    expect(semicolon.series.map((s) => s.name)).toEqual(["error rate"]);
  });

  it("reads a headerless file as time,value in epoch milliseconds", async () => {
    const parsed = await csvImporter.parse(fixture("csv/headerless-epoch-ms.csv"), utc);
    expect(pointsOf(parsed, "value")).toEqual([
      ["2026-05-03T14:00:00.000Z", 120],
      ["2026-05-03T14:00:01.000Z", 121.5],
      ["2026-05-03T14:00:02.000Z", 119],
    ]);
    expect(parsed.notes).toEqual(["Times were read as epoch milliseconds."]);
  });

  it("reads a headerless time,value,series file into one series per name", async () => {
    const parsed = await csvImporter.parse(fixture("csv/headerless-series.csv"), utc);
    expect(parsed.series.map((s) => s.name)).toEqual(["api-1", "api-2"]);
    expect(pointsOf(parsed, "api-2")).toEqual([
      ["2026-05-03T14:00:00.000Z", 20],
      ["2026-05-03T14:00:10.000Z", 21],
    ]);
  });

  it("finds the columns of a long file by their names in any order and case", async () => {
    const parsed = await csvImporter.parse(fixture("csv/long-series-header.csv"), utc);
    expect(parsed.series.map((s) => s.name)).toEqual(["p95 latency", "p50 latency"]);
    expect(pointsOf(parsed, "p95 latency")).toEqual([
      ["2026-05-03T14:00:00.000Z", 412],
      ["2026-05-03T14:00:15.000Z", 430.5],
    ]);
  });

  it("reads a wide TSV (CRLF) into one series per column, an empty cell being a gap", async () => {
    const parsed = await csvImporter.parse(fixture("csv/wide.tsv"), utc);
    expect(parsed.series.map((s) => s.name)).toEqual(["p50", "p95", "p99"]);
    expect(pointsOf(parsed, "p95")).toEqual([
      ["2026-05-03T14:00:00.000Z", 250],
      ["2026-05-03T14:01:00.000Z", NaN],
      ["2026-05-03T14:02:00.000Z", 260],
    ]);
    expect(pointsOf(parsed, "p99")[2]).toEqual(["2026-05-03T14:02:00.000Z", 1002.5]);
  });

  it("reads decimal commas in a semicolon file and offset-less times in the zone given", async () => {
    const parsed = await csvImporter.parse(fixture("csv/semicolon-decimal-comma.csv"), berlin);
    expect(pointsOf(parsed, "error rate")).toEqual([
      ["2026-05-03T14:00:00.000Z", 0.5],
      ["2026-05-03T14:01:00.000Z", 1.25],
      ["2026-05-03T14:02:00.000Z", 12],
    ]);
    expect(parsed.notes).toEqual(["Times without a UTC offset were read as wall-clock times in Europe/Berlin."]);
  });

  it("reads offset-less times in the zone given, across DST changes like lib/time's localToUtc", async () => {
    const parsed = await csvImporter.parse(fixture("csv/local-times.csv"), berlin);
    expect(pointsOf(parsed, "value")).toEqual(
      [
        ["2026-03-29T00:59:00.000Z", 3], // CET, UTC+1
        ["2026-03-29T01:30:00.000Z", 4], // 02:30 does not exist that night: moved forward to 03:30 CEST
        ["2026-03-29T01:00:00.000Z", 5], // 03:00 CEST
        ["2026-05-02T22:00:00.000Z", 8], // a date alone is local midnight
        ["2026-05-03T12:05:00.000Z", 1], // CEST, UTC+2
        ["2026-05-03T12:05:30.250Z", 2],
        ["2026-10-25T00:30:00.000Z", 6], // 02:30 happens twice that night: the earlier (CEST) one
        ["2026-10-25T02:30:00.000Z", 7], // CET again
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))) as [string, number][],
    );
    expect(parsed.notes).toContain('Series "value" was not in time order: its points were sorted by time.');
  });

  it("sorts unsorted rows by time, keeping the file order of equal times", async () => {
    const parsed = await csvImporter.parse(fixture("csv/unsorted.csv"), utc);
    expect(pointsOf(parsed, "value").map(([, v]) => v)).toEqual([0, 1, 1.5, 2, 3]);
    expect(parsed.notes).toEqual(['Series "value" was not in time order: its points were sorted by time.']);
  });

  it("skips a UTF-8 BOM and Excel's sep= line, which also sets the delimiter", async () => {
    const parsed = await csvImporter.parse(fixture("csv/bom-sep.csv"), utc);
    expect(parsed.series.map((s) => s.name)).toEqual(["cache memory"]);
    expect(pointsOf(parsed, "cache memory")).toEqual([
      ["2026-05-03T14:00:00.000Z", 1073741824],
      ["2026-05-03T14:01:00.000Z", 1181116006],
    ]);
  });

  it("imports the complete lines of a file cut in its last line, and says so", async () => {
    for (const name of ["csv/cut-last-line.csv", "csv/cut-last-line-no-value.csv"]) {
      const parsed = await csvImporter.parse(fixture(name), utc);
      const kept = name.includes("no-value") ? 2 : 3;
      expect(pointsOf(parsed, "value")).toHaveLength(kept);
      expect(parsed.rowsRead).toBe(kept);
      expect(parsed.notes).toEqual([
        `The file ends without a line break inside line ${kept + 2}, which is incomplete as if the file was cut: that line was left out and the complete lines before it were imported.`,
      ]);
    }
  });

  it("treats a last line cut inside a quoted field as cut, but not a quote left open over several lines", async () => {
    const cut = await csvImporter.parse(
      temp("cut-quote.csv", 'time,value,series\n2026-05-03T14:00:00Z,1,"api"\n2026-05-03T14:00:10Z,2,"ap'),
      utc,
    );
    expect(cut.series.map((s) => s.name)).toEqual(["api"]);
    expect(cut.notes[0]).toMatch(/^The file ends without a line break inside line 3, which is incomplete/);
    const open = temp("open-quote.csv", 'time,value,series\n2026-05-03T14:00:00Z,1,"api\n2026-05-03T14:00:10Z,2,api');
    expect((await parseError(csvImporter, open, utc)).message).toBe(
      "open-quote.csv, line 2: a quoted field opened on this line is never closed.",
    );
  });

  it("adds nothing of a cut last line, not even its first cells or a new series name", async () => {
    const wide = await csvImporter.parse(
      temp("cut-wide.csv", "time,a,b\n2026-05-03T14:00:00Z,1,2\n2026-05-03T14:00:10Z,3,4e"),
      utc,
    );
    expect(wide.series.map((s) => s.points.length)).toEqual([1, 1]);
    const long = await csvImporter.parse(
      temp("cut-long.csv", "time,value,series\n2026-05-03T14:00:00Z,1,a\n2026-05-03T14:00:10Z,2x,b"),
      utc,
    );
    expect(long.series.map((s) => s.name)).toEqual(["a"]);
    expect(long.notes).toHaveLength(1);
  });

  it("imports a complete last line without a line break as it stands", async () => {
    const parsed = await csvImporter.parse(fixture("csv/no-final-line-break.csv"), utc);
    expect(pointsOf(parsed, "value").map(([, v]) => v)).toEqual([1, 2, 3]);
    expect(parsed.notes).toEqual([]);
  });

  it("reads quoted fields, blank lines and a quoted line break in a series name", async () => {
    const file = temp(
      "quoted.csv",
      'time,value,series\n\n2026-05-03T14:00:00Z,"1","api ""one"""\n2026-05-03T14:00:10Z,2,"two\nlines"\nnot-a-time,3,x\n',
    );
    const error = await parseError(csvImporter, file, utc);
    expect(error.line).toBe(6);
    const ok = temp(
      "quoted-ok.csv",
      'time,value,series\n\n2026-05-03T14:00:00Z,"1","api ""one"""\n2026-05-03T14:00:10Z,2,"two\nlines"\n',
    );
    const parsed = await csvImporter.parse(ok, utc);
    expect(parsed.series.map((s) => s.name)).toEqual(['api "one"', "two\nlines"]);
  });

  describe("errors name the file, line and field", () => {
    it.each([
      [
        "error-bad-time.csv",
        'error-bad-time.csv, line 7, field "time": "yesterday" is not a time: use ISO 8601 (2026-05-03T14:05:00Z) or epoch seconds/milliseconds.',
      ],
      [
        "error-bad-value.csv",
        'error-bad-value.csv, line 3, field "p95": "12ms" is not a number: use a number; leave the cell empty or write NaN or null for a gap, "+Inf" or "-Inf" for infinities.',
      ],
      [
        "error-missing-field.csv",
        'error-missing-field.csv, line 3, field "value": the line has 1 field but the header has 2 (time, value); "value" is missing.',
      ],
      ["error-unclosed-quote.csv", "error-unclosed-quote.csv, line 2: a quoted field opened on this line is never closed."],
      [
        "error-mixed-epoch.csv",
        'error-mixed-epoch.csv, line 3, field "time": "1777816802000" looks like epoch milliseconds, but the file\'s first times are epoch seconds: one file uses one of them.',
      ],
      [
        "error-invalid-date.csv",
        'error-invalid-date.csv, line 2, field "time": "2026-02-30T10:00:00Z" is not a valid date or time of day.',
      ],
      [
        "error-wide-without-header.csv",
        "error-wide-without-header.csv, line 1: the first line has 4 fields and no header: without one, a CSV holds time,value or time,value,series. Add a header line naming the columns (time,<series 1>,<series 2>…).",
      ],
      ["error-header-only.csv", "error-header-only.csv: the file holds no data points: it has a header line but no data rows."],
    ])("%s", async (name, message) => {
      const error = await parseError(csvImporter, fixture(`csv/${name}`), utc);
      expect(error.message).toBe(message);
    });

    it("exposes file, line and field on the error", async () => {
      const error = await parseError(csvImporter, fixture("csv/error-bad-time.csv"), utc);
      expect([error.file, error.line, error.field]).toEqual(["error-bad-time.csv", 7, "time"]);
    });

    it("stops at a quote that is never closed instead of reading the whole file as one record", async () => {
      const file = temp(
        "runaway.csv",
        `time,value,series\n2026-05-03T14:00:00Z,1,"open\n${"2026-05-03T14:00:10Z,2,x\n".repeat(60_000)}`,
      );
      const error = await parseError(csvImporter, file, utc);
      expect(error.message).toBe(
        "runaway.csv, line 2: the record starting here runs on for more than 1 MB: a quote is probably never closed.",
      );
    });

    it("refuses a file without a second column", async () => {
      const error = await parseError(csvImporter, temp("one-column.csv", "time\n2026-05-03T14:00:00Z\n"), utc);
      expect(error.message).toMatch(/^one-column\.csv: this is not a CSV with a time column and a value column/);
    });
  });

  it("reports progress and stops when the job is cancelled", async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `${1777816800 + i},${i}`).join("\n");
    const file = temp("progress.csv", `time,value\n${rows}\n`);
    const seen: number[] = [];
    const progress = countingProgress((state) => {
      seen.push(state.rowsRead);
    });
    await csvImporter.parse(file, { progress, options: { timeZone: "UTC" } });
    expect(progress.state.bytesRead).toBe(file.size);
    expect(progress.state.rowsRead).toBeGreaterThanOrEqual(40_000);
    expect(seen.length).toBeGreaterThan(1);

    const cancelling = countingProgress(() => {
      throw new ImportCancelledError();
    });
    await expect(csvImporter.parse(file, { progress: cancelling, options: { timeZone: "UTC" } })).rejects.toBeInstanceOf(
      ImportCancelledError,
    );
  });

  it("detects CSV by a time in the first field or a time column in the header", async () => {
    for (const name of [
      "csv/long-epoch-seconds.csv",
      "csv/headerless-series.csv",
      "csv/wide.tsv",
      "csv/bom-sep.csv",
      "csv/semicolon-decimal-comma.csv",
    ]) {
      expect(csvImporter.detect(await readFileHead(fixture(name))), name).toBe(true);
    }
    expect(csvImporter.detect(await readFileHead(temp("prose.txt", "Dear team,\nthe latency rose.\n")))).toBe(false);
    expect(csvImporter.detect(await readFileHead(fixture("json/records.json")))).toBe(false);
  });
});
