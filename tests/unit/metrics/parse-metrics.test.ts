import { describe, expect, it } from "vitest";
import { ImportError } from "@/lib/imports/errors";
import { MAX_SERIES_NAME_LENGTH, parseMetrics } from "@/lib/metrics/parse-metrics";
import { berlin, fixture, temp } from "./support/metric-fixtures";

describe("parseMetrics", () => {
  it("detects the format, parses and hands back the importer", async () => {
    const { importer, parsed } = await parseMetrics(fixture("prometheus/nan-inf.json"), berlin);
    expect(importer.id).toBe("prometheus");
    expect(parsed.format).toBe("prometheus");
    expect(parsed.series).toHaveLength(1);
  });

  it("reads with the format the user stated", async () => {
    const { importer, parsed } = await parseMetrics(fixture("grafana/grafana-7-raw.csv"), { ...berlin, format: "csv" });
    expect(importer.id).toBe("csv");
    expect(parsed.series.map((s) => s.name)).toEqual(["A-series", "B-series"]);
  });

  it('numbers repeated series names: "p95", "p95 (2)", "p95 (3)"', async () => {
    const file = temp("dup.csv", "time,p95,p95,p95 (2)\n2026-05-03T14:00:00Z,1,2,3\n");
    const { parsed } = await parseMetrics(file, berlin);
    expect(parsed.series.map((s) => s.name)).toEqual(["p95", "p95 (2)", "p95 (2) (2)"]);
    expect(parsed.series.map((s) => s.points.values[0])).toEqual([1, 2, 3]);
    expect(parsed.notes).toContain('2 series had a name used before and were numbered: "name (2)".');
  });

  it("shortens names longer than the series form takes, keeping them apart", async () => {
    const long = "x".repeat(300);
    const file = temp("long.csv", `time,${long},${long}\n2026-05-03T14:00:00Z,1,2\n`);
    const { parsed } = await parseMetrics(file, berlin);
    const names = parsed.series.map((s) => s.name);
    expect(names[0]).toBe(`${"x".repeat(MAX_SERIES_NAME_LENGTH - 1)}…`);
    expect(names[1]).toMatch(/^x+ \(2\)$/);
    expect(names.every((n) => n.length <= MAX_SERIES_NAME_LENGTH)).toBe(true);
    expect(parsed.notes).toContain(
      "2 series names were longer than 200 characters and shortened; the labels keep the full identity.",
    );
  });

  it("passes on the importer's refusal", async () => {
    await expect(parseMetrics(fixture("prometheus/instant-vector.json"), berlin)).rejects.toBeInstanceOf(ImportError);
    await expect(parseMetrics(fixture("csv/error-header-only.csv"), berlin)).rejects.toThrow(
      "error-header-only.csv: the file holds no data points: it has a header line but no data rows.",
    );
  });
});
