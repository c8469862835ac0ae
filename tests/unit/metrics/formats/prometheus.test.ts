import { describe, expect, it } from "vitest";
import { readFileHead } from "@/lib/imports/files";
import { lineOfJsonPath } from "@/lib/metrics/formats/json-input";
import { prometheusImporter, prometheusSeriesName } from "@/lib/metrics/formats/prometheus";
import { fixture, parseError, pointsOf, temp, utc } from "../support/metric-fixtures";

const REAL_LABELS = { code: "200", instance: "127.0.0.1:9090", job: "prometheus" };

describe("Prometheus query_range importer", () => {
  it("reads a real rate() response: one series per label set, named in Prometheus notation", async () => {
    const parsed = await prometheusImporter.parse(fixture("prometheus/http-requests-rate.json"), utc);
    expect(parsed.format).toBe("prometheus");
    expect(parsed.series.map((s) => s.name)).toEqual([
      '{code="200",handler="/-/ready",instance="127.0.0.1:9090",job="prometheus"}',
      '{code="200",handler="/api/v1/labels",instance="127.0.0.1:9090",job="prometheus"}',
      '{code="200",handler="/api/v1/query",instance="127.0.0.1:9090",job="prometheus"}',
      '{code="200",handler="/metrics",instance="127.0.0.1:9090",job="prometheus"}',
    ]);
    expect(parsed.series[0].labels).toEqual({ ...REAL_LABELS, handler: "/-/ready" });
    expect(parsed.series.every((s) => s.unit === null && s.points.length === 72)).toBe(true);
    expect(parsed.rowsRead).toBe(288);
    expect(parsed.notes).toEqual([]);
    const ready = pointsOf(parsed, parsed.series[0].name);
    expect(ready[0]).toEqual(["2026-11-26T14:05:55.000Z", 0]);
    // [1795701962,"0.07142857142857142"]: the value string as Prometheus wrote it, to the last digit.
    expect(ready[7]).toEqual(["2026-11-26T14:06:02.000Z", 0.07142857142857142]);
    expect(ready[71][0]).toBe("2026-11-26T14:07:06.000Z");
  });

  it('keeps a real response\'s "NaN" as a gap and "+Inf" as +Infinity, and says how many', async () => {
    const parsed = await prometheusImporter.parse(fixture("prometheus/nan-inf.json"), utc);
    const values = Array.from(parsed.series[0].points.values);
    expect(values.filter(Number.isNaN)).toHaveLength(12);
    expect(values.filter((v) => v === Infinity)).toHaveLength(60);
    expect(values[0]).toBeNaN();
    expect(values[1]).toBe(Infinity);
    expect(parsed.notes).toEqual([
      "12 values were NaN or missing: drawn as gaps.",
      "60 values were +Inf: kept in the snapshot, drawn as gaps.",
    ]);
  });

  it("keeps fractions of a second of a fractional step", async () => {
    const parsed = await prometheusImporter.parse(fixture("prometheus/up-fractional-step.json"), utc);
    expect(parsed.series[0].name).toBe('up{instance="127.0.0.1:9090",job="prometheus"}');
    expect(Array.from(parsed.series[0].points.times)).toEqual([
      1795701955250, 1795701957750, 1795701960250, 1795701962750, 1795701965250,
    ]);
  });

  it("puts Prometheus' warnings into the notes and names a series without labels by its position", async () => {
    const parsed = await prometheusImporter.parse(fixture("prometheus/warnings-hand-written.json"), utc);
    expect(parsed.series.map((s) => [s.name, s.labels])).toEqual([
      ["series 1", {}],
      ['up{instance="b:9100",job="api"}', { job: "api", __name__: "up", instance: "b:9100" }],
    ]);
    expect(Array.from(parsed.series[1].points.values)).toEqual([1, -Infinity, 1e6]);
    expect(parsed.notes).toEqual([
      "Prometheus warned: PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket",
      "1 value was -Inf: kept in the snapshot, drawn as a gap.",
    ]);
  });

  it("writes names as Prometheus does: labels sorted, values quoted and escaped", () => {
    expect(prometheusSeriesName({ __name__: "http_requests_total", job: "api", code: "500" }, 0)).toBe(
      'http_requests_total{code="500",job="api"}',
    );
    expect(prometheusSeriesName({ __name__: "up" }, 0)).toBe("up");
    expect(prometheusSeriesName({ path: 'say "hi"\\' }, 0)).toBe('{path="say \\"hi\\"\\\\"}');
    expect(prometheusSeriesName({}, 2)).toBe("series 3");
  });

  describe("refusals and parse errors", () => {
    it("passes on Prometheus' own error (a real HTTP 400 body)", async () => {
      const error = await parseError(prometheusImporter, fixture("prometheus/error-bad-query.json"));
      expect(error.message).toBe(
        "error-bad-query.json: Prometheus answered with an error (bad_data): 1:41: parse error: unclosed left parenthesis. Fix the query and save the query_range response again.",
      );
    });

    it("refuses a real instant query response, saying to use query_range or Grafana's inspector", async () => {
      const error = await parseError(prometheusImporter, fixture("prometheus/instant-vector.json"));
      expect(error.message).toBe(
        'instant-vector.json, field "data.resultType": this is the answer to an instant query (resultType "vector"): it holds one value per series, not a time series. ' +
          'Use the query_range endpoint (/api/v1/query_range?query=…&start=…&end=…&step=…), or download Grafana\'s "Query inspector → Data" as CSV.',
      );
    });

    it.each(["scalar", "string"])("refuses a %s result the same way", async (type) => {
      const file = temp(`${type}.json`, `{"status":"success","data":{"resultType":"${type}","result":[1777816800,"1"]}}`);
      const error = await parseError(prometheusImporter, file);
      expect(error.message).toContain(`this is the answer to an instant query (resultType "${type}")`);
    });

    it("names the series, the point and the path of a value that is not a number", async () => {
      const error = await parseError(prometheusImporter, fixture("prometheus/error-bad-value-hand-written.json"));
      expect(error.message).toBe(
        'error-bad-value-hand-written.json, line 1, field "data.result[1].values[1]": series up{job="b"}, point 1: the value "one" is not a number ("NaN", "+Inf" and "-Inf" are read).',
      );
    });

    it("finds the line of the bad point in a pretty-printed response", async () => {
      const response = {
        status: "success",
        data: {
          resultType: "matrix",
          result: [
            { metric: { __name__: "up" }, values: [[1777816800, "1"]] },
            {
              metric: { __name__: "down" },
              values: [
                [1777816800, "1"],
                [1777816815, "2"],
                [1777816830, "n/a"],
              ],
            },
          ],
        },
      };
      const text = JSON.stringify(response, null, 2);
      const error = await parseError(prometheusImporter, temp("pretty.json", text));
      const expectedLine = text.split("\n").findIndex((l) => l.includes('"n/a"')) - 2; // the pair opens two lines above its value
      expect([error.field, error.line]).toEqual(["data.result[1].values[2]", expectedLine + 1]);
      expect(error.message).toContain('series down, point 2: the value "n/a" is not a number');
    });

    it.each([
      ['[1777816800, "1", 3]', 'series up, point 0: [1777816800,"1",3] is not a [time, "value"] pair.'],
      ['["yesterday", "1"]', 'series up, point 0: the time "yesterday" is not Unix seconds.'],
      ["[1777816800, 1]", 'series up, point 0: the value 1 is not a number ("NaN", "+Inf" and "-Inf" are read).'],
    ])("refuses the pair %s", async (pair, message) => {
      const file = temp(
        "pair.json",
        `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up"},"values":[${pair}]}]}}`,
      );
      const error = await parseError(prometheusImporter, file);
      expect(error.message).toBe(`pair.json, line 1, field "data.result[0].values[0]": ${message}`);
    });

    it("refuses a response without series, and a cut one", async () => {
      const empty = temp("empty.json", '{"status":"success","data":{"resultType":"matrix","result":[]}}');
      expect((await parseError(prometheusImporter, empty)).message).toBe(
        "empty.json: the file holds no data points: the query matched no series in that time range.",
      );
      const cut = temp(
        "cut.json",
        '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1777816800,"1"],[177',
      );
      expect((await parseError(prometheusImporter, cut)).message).toMatch(
        /^cut\.json, line 1: is not valid JSON \(.*\); the file may be cut short\.$/,
      );
    });

    it("refuses a file over 50 MB before reading it, saying why", async () => {
      const file = { ...fixture("prometheus/nan-inf.json"), size: 60 * 1024 * 1024 };
      expect((await parseError(prometheusImporter, file)).message).toBe(
        "nan-inf.json: the file is 60.0 MB, more than the 50 MB a JSON import reads (JSON is read whole). Query a shorter range or a larger step.",
      );
    });
  });

  it("is detected by its status and resultType or errorType, and nothing else is", async () => {
    for (const name of ["http-requests-rate.json", "nan-inf.json", "error-bad-query.json", "instant-vector.json"]) {
      expect(prometheusImporter.detect(await readFileHead(fixture(`prometheus/${name}`))), name).toBe(true);
    }
    for (const name of ["json/series.json", "json/records.json", "csv/wide.tsv"]) {
      expect(prometheusImporter.detect(await readFileHead(fixture(name))), name).toBe(false);
    }
  });
});

describe("lineOfJsonPath", () => {
  const text = '{\n  "a": [\n    1,\n    {"b": "x,]}"},\n    [2,\n     3]\n  ],\n  "c": {"d": null}\n}';
  it.each([
    ["a", 2],
    ["a[0]", 3],
    ["a[1].b", 4],
    ["a[2]", 5],
    ["a[2][1]", 6],
    ["c.d", 8],
  ])("%s is on line %d", (path, line) => {
    expect(lineOfJsonPath(text, path)).toBe(line);
  });
  it("gives the line of the deepest part there is for a path that is not there (a missing key)", () => {
    expect(lineOfJsonPath(text, "a[7]")).toBe(2);
    expect(lineOfJsonPath(text, "a[1].missing")).toBe(4);
    expect(lineOfJsonPath(text, "z")).toBe(1);
    expect(lineOfJsonPath("  ", "z")).toBeNull();
  });
});
