import { describe, expect, it } from "vitest";
import { readFileHead } from "@/lib/imports/files";
import { jsonImporter } from "@/lib/metrics/formats/json";
import { berlin, ctxIn, fixture, parseError, pointsOf, temp, utc } from "../support/metric-fixtures";

describe("Hindsight metrics JSON importer", () => {
  it('reads {"series": [...]}: names, units, labels, ISO and epoch-ms times, null/"NaN"/"+Inf" values', async () => {
    const parsed = await jsonImporter.parse(fixture("json/series.json"), berlin);
    expect(parsed.format).toBe("json");
    expect(parsed.rowsRead).toBe(7);
    expect(parsed.series.map((s) => [s.name, s.unit, s.labels])).toEqual([
      ["p95 latency", "ms", { service: "checkout" }],
      ["error rate", "%", {}],
    ]);
    expect(pointsOf(parsed, "p95 latency")).toEqual([
      ["2026-05-03T14:05:00.000Z", 412],
      ["2026-05-03T14:05:10.000Z", 430.5],
      ["2026-05-03T14:05:20.000Z", NaN],
      ["2026-05-03T14:05:30.000Z", NaN], // "2026-05-03 16:05:30" in Berlin (CEST)
      ["2026-05-03T14:05:40.000Z", Infinity],
    ]);
    expect(pointsOf(parsed, "error rate").map(([, v]) => v)).toEqual([0.5, 1.25]);
    expect(parsed.notes).toEqual([
      "Times without a UTC offset were read as wall-clock times in Europe/Berlin.",
      "2 values were NaN or missing: drawn as gaps.",
      "1 value was +Inf: kept in the snapshot, drawn as a gap.",
    ]);
  });

  it("reads an array of records into one series per name, sorted by time", async () => {
    const parsed = await jsonImporter.parse(fixture("json/records.json"), utc);
    expect(parsed.series.map((s) => [s.name, s.unit])).toEqual([
      ["api-1", null],
      ["api-2", null],
    ]);
    expect(pointsOf(parsed, "api-1")).toEqual([
      ["2026-05-03T14:05:00.000Z", 1],
      ["2026-05-03T14:05:10.000Z", 2],
      ["2026-05-03T14:05:20.000Z", 3],
    ]);
    expect(pointsOf(parsed, "api-2").map(([, v]) => v)).toEqual([10, -Infinity]);
    expect(parsed.notes).toEqual([
      'Series "api-1" was not in time order: its points were sorted by time.',
      "1 value was -Inf: kept in the snapshot, drawn as a gap.",
    ]);
  });

  it('names records without a series after the option, else "value"', async () => {
    expect(
      (await jsonImporter.parse(fixture("json/records-unnamed.json"), ctxIn("UTC", "rps"))).series.map((s) => s.name),
    ).toEqual(["rps"]);
    expect((await jsonImporter.parse(fixture("json/records-unnamed.json"), utc)).series.map((s) => s.name)).toEqual(["value"]);
  });

  describe("errors name the file, line and field", () => {
    it.each([
      [
        "error-unknown-unit.json",
        'error-unknown-unit.json, line 3, field "series[0].unit": the unit "msec" is not one Hindsight knows: use one of ms, sec, %, req/s, errors/s, bytes, bytes/s, cores, count.',
      ],
      [
        "error-bad-value.json",
        'error-bad-value.json, line 4, field "[2].value": the value "fast" is not a number: use a number; leave the cell empty or write NaN or null for a gap, "+Inf" or "-Inf" for infinities.',
      ],
      [
        "error-bad-time.json",
        'error-bad-time.json, line 7, field "series[0].points[1][0]": "at five past two" is not a time: use ISO 8601 (2026-05-03T14:05:00Z) or epoch seconds/milliseconds.',
      ],
      [
        "error-seconds-as-ms.json",
        'error-seconds-as-ms.json, line 1, field "series[0].points[0][0]": the time 1777817100 is not epoch milliseconds (it looks like epoch seconds): use ISO 8601 (2026-05-03T14:05:00Z) or epoch seconds/milliseconds.',
      ],
    ])("%s", async (name, message) => {
      expect((await parseError(jsonImporter, fixture(`json/${name}`), utc)).message).toBe(message);
    });

    it("says where a cut file breaks", async () => {
      const error = await parseError(jsonImporter, fixture("json/error-cut.json"), utc);
      expect(error.line).toBe(2);
      expect(error.message).toMatch(/is not valid JSON .*; the file may be cut short\.$/);
    });

    it.each([
      [
        '{"points": []}',
        'x.json, line 1, field "series": the file is neither {"series": [...]} nor an array of {"time", "value"} records.',
      ],
      [
        '{"series": {}}',
        'x.json, line 1, field "series": series is not a JSON array: Hindsight JSON lists {"name", "unit", "points"} objects there.',
      ],
      [
        '{"series": [{"name": "a", "points": [[1777817100000]]}]}',
        'x.json, line 1, field "series[0].points[0]": [1777817100000] is not a [time, value] pair.',
      ],
      ['{"series": [{"name": 7, "points": []}]}', 'x.json, line 1, field "series[0].name": the name 7 is not a series name.'],
      [
        '{"series": [{"name": "a", "labels": {"pod": 3}, "points": []}]}',
        'x.json, line 1, field "series[0].labels.pod": label "pod" is 3: label values are text.',
      ],
      [
        '[{"time": "2026-05-03T14:05:00Z"}]',
        'x.json, line 1, field "[0].value": the value is missing: use a number; leave the cell empty or write NaN or null for a gap, "+Inf" or "-Inf" for infinities.',
      ],
      [
        '[{"value": 1}]',
        'x.json, line 1, field "[0].time": the time is missing: use ISO 8601 (2026-05-03T14:05:00Z) or epoch seconds/milliseconds.',
      ],
      ["[]", 'x.json: the file holds no data points: the array holds no {"time", "value"} records.'],
      ['{"series": []}', 'x.json: the file holds no data points: the "series" list is empty.'],
    ])("refuses %s", async (text, message) => {
      expect((await parseError(jsonImporter, temp("x.json", text), utc)).message).toBe(message);
    });
  });

  it("is detected by a series list or an array of records", async () => {
    for (const name of ["series.json", "records.json", "error-bad-value.json"]) {
      expect(jsonImporter.detect(await readFileHead(fixture(`json/${name}`))), name).toBe(true);
    }
    expect(jsonImporter.detect(await readFileHead(fixture("csv/wide.tsv")))).toBe(false);
    expect(jsonImporter.detect(await readFileHead(temp("other.json", '{"title": "not metrics"}')))).toBe(false);
  });
});
