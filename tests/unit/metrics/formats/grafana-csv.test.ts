import { describe, expect, it } from "vitest";
import { readFileHead } from "@/lib/imports/files";
import { csvImporter } from "@/lib/metrics/formats/csv";
import { grafanaCsvImporter } from "@/lib/metrics/formats/grafana-csv";
import { berlin, ctxIn, fixture, parseError, pointsOf, temp, utc } from "../support/metric-fixtures";

describe("Grafana panel CSV importer", () => {
  it("reads Grafana 7+ Download CSV (BOM, epoch ms, an empty cell as a gap, the closing blank line)", async () => {
    const parsed = await grafanaCsvImporter.parse(fixture("grafana/grafana-7-raw.csv"), berlin);
    expect(parsed.format).toBe("grafana-csv");
    expect(parsed.rowsRead).toBe(3);
    expect(parsed.series.map((s) => [s.name, s.unit])).toEqual([
      ["A-series", null],
      ["B-series", null],
    ]);
    expect(pointsOf(parsed, "A-series")).toEqual([
      ["2026-05-03T14:00:00.000Z", 12.5],
      ["2026-05-03T14:00:15.000Z", NaN],
      ["2026-05-03T14:00:30.000Z", 13.25],
    ]);
    expect(parsed.notes).toEqual(["Times were read as epoch milliseconds.", "1 value was NaN or missing: drawn as a gap."]);
  });

  it("reads formatted data for Excel (BOM, sep=,): wall-clock times in the zone given, values with units converted", async () => {
    const parsed = await grafanaCsvImporter.parse(fixture("grafana/grafana-7-formatted-excel.csv"), berlin);
    expect(parsed.series.map((s) => [s.name, s.unit])).toEqual([
      ["p95 latency", "ms"],
      ["error rate", "%"],
      ["cache memory", "bytes"],
      ["requests", "req/s"],
      ["connections", null],
    ]);
    const times = ["2026-05-03T14:05:00.000Z", "2026-05-03T14:05:15.000Z", "2026-05-03T14:05:30.000Z"];
    const column = (name: string) => pointsOf(parsed, name);
    expect(column("p95 latency")).toEqual([850, 1200, 12.5].map((v, i) => [times[i], v]));
    expect(column("error rate")).toEqual([0.5, 45.3, NaN].map((v, i) => [times[i], v]));
    expect(column("cache memory")).toEqual([1.5 * 2 ** 30, 230e6, 512 * 1024].map((v, i) => [times[i], v]));
    expect(column("requests")).toEqual([12, 12.5, 0].map((v, i) => [times[i], v]));
    expect(column("connections")).toEqual([850, 3200, 1_100_000].map((v, i) => [times[i], v]));
    expect(parsed.notes).toEqual([
      "Times without a UTC offset were read as wall-clock times in Europe/Berlin.",
      "1 value was NaN or missing: drawn as a gap.",
      'Values were written with units (Grafana\'s "Formatted data") and converted: "p95 latency" in ms, "error rate" in %, "cache memory" in bytes, "requests" in req/s.',
    ]);
  });

  it("takes a duration column's unit from its first cell with a unit: seconds when it says s", async () => {
    const parsed = await grafanaCsvImporter.parse(fixture("grafana/grafana-7-seconds-first.csv"), utc);
    expect(parsed.series.map((s) => [s.name, s.unit])).toEqual([
      ["p95 latency", "sec"],
      ["memory", "bytes"],
    ]);
    expect(pointsOf(parsed, "p95 latency").map(([, v]) => v)).toEqual([1.2, 0.85]);
    expect(pointsOf(parsed, "memory").map(([, v]) => v)).toEqual([2 ** 30, 2 ** 29]);
    // Times without offset in UTC: 16:05 stays 16:05.
    expect(pointsOf(parsed, "memory")[0][0]).toBe("2026-05-03T16:05:00.000Z");
  });

  it("reads Grafana 6 series-as-rows export (sep=;, ISO times with offset, null, no final line break)", async () => {
    const parsed = await grafanaCsvImporter.parse(fixture("grafana/grafana-6-series-rows.csv"), berlin);
    expect(parsed.series.map((s) => s.name)).toEqual(["A-series", "B-series"]);
    expect(pointsOf(parsed, "A-series")).toEqual([
      ["2020-01-02T09:00:00.000Z", 12],
      ["2020-01-02T09:00:10.000Z", NaN],
    ]);
    expect(pointsOf(parsed, "B-series")).toEqual([
      ["2020-01-02T09:00:00.000Z", 3.5],
      ["2020-01-02T09:00:10.000Z", 4],
    ]);
    expect(parsed.notes).toEqual(["1 value was NaN or missing: drawn as a gap."]);
  });

  it("reads Grafana 6 series-as-columns export (semicolons, quoted times)", async () => {
    const parsed = await grafanaCsvImporter.parse(fixture("grafana/grafana-6-columns.csv"), utc);
    expect(pointsOf(parsed, "B-series")).toEqual([
      ["2020-01-02T09:00:00.000Z", NaN],
      ["2020-01-02T09:00:10.000Z", 4],
    ]);
  });

  it("names a long-form series after the option when its Series cell is empty", async () => {
    const file = temp("rows-unnamed.csv", '"Series";"Time";"Value"\r\n"";"2020-01-02T10:00:00+01:00";12\r\n');
    const parsed = await grafanaCsvImporter.parse(file, ctxIn("UTC", "checkout p95"));
    expect(parsed.series.map((s) => s.name)).toEqual(["checkout p95"]);
  });

  describe("errors name the file, line and field", () => {
    it("refuses a column whose cells mix kinds of unit", async () => {
      const error = await parseError(grafanaCsvImporter, fixture("grafana/error-mixed-units.csv"));
      expect(error.message).toBe(
        'error-mixed-units.csv, line 3, field "p95": "45.3%" is a percentage, but this column\'s earlier cells are a duration (ms): a column holds one kind of unit.',
      );
    });

    it("refuses a unit it does not know, saying how to get plain numbers", async () => {
      const error = await parseError(grafanaCsvImporter, fixture("grafana/error-unknown-unit.csv"));
      expect(error.message).toMatch(
        /^error-unknown-unit\.csv, line 2, field "queue": "12 widgets" has a unit Hindsight does not read \("widgets"\): it reads ns, µs, ms, s, .*Download the CSV with "Formatted data" off to get plain numbers\.$/,
      );
    });

    it("refuses a Time cell that is not a time", async () => {
      const error = await parseError(grafanaCsvImporter, temp("bad-time.csv", '"Time","A"\r\n1777816800000,1\r\nsoon,2\r\n'));
      expect([error.line, error.field]).toEqual([3, "Time"]);
    });

    it("refuses a file that is not a Grafana export when the format is stated", async () => {
      const error = await parseError(grafanaCsvImporter, fixture("csv/wide.tsv"));
      expect(error.message).toMatch(/^wide\.tsv, line 1: this is not a Grafana panel CSV/);
    });
  });

  it("is detected by Grafana's quoted header, and the plain CSV importer does not mistake its own files for it", async () => {
    for (const name of [
      "grafana/grafana-7-raw.csv",
      "grafana/grafana-7-formatted-excel.csv",
      "grafana/grafana-6-series-rows.csv",
      "grafana/grafana-6-columns.csv",
    ]) {
      expect(grafanaCsvImporter.detect(await readFileHead(fixture(name))), name).toBe(true);
    }
    for (const name of ["csv/long-epoch-seconds.csv", "csv/wide.tsv", "csv/bom-sep.csv"]) {
      expect(grafanaCsvImporter.detect(await readFileHead(fixture(name))), name).toBe(false);
    }
    expect(
      grafanaCsvImporter.detect(await readFileHead(temp("g4.csv", "Series;Time;Value\nA;2020-01-02T10:00:00+01:00;1\n"))),
    ).toBe(true);
    // Both would read a Grafana export; the registry asks Grafana's importer first.
    expect(csvImporter.detect(await readFileHead(fixture("grafana/grafana-7-raw.csv")))).toBe(true);
  });
});
