import { describe, expect, it } from "vitest";
import { ImportError } from "@/lib/imports/errors";
import { MetricsBuilder, PointColumnsBuilder, sortPointColumns } from "@/lib/metrics/formats/point-builder";
import { MAX_METRIC_POINTS } from "@/lib/metrics/types";

describe("PointColumnsBuilder", () => {
  it("grows past its capacity and returns arrays of exactly its length", () => {
    const points = new PointColumnsBuilder(2);
    for (let i = 0; i < 1000; i++) points.push(i * 1000, i / 2);
    const built = points.build();
    expect(built.length).toBe(1000);
    expect(built.times).toHaveLength(1000);
    expect(built.values).toHaveLength(1000);
    expect([built.times[999], built.values[999]]).toEqual([999_000, 499.5]);
  });

  it("sorts unsorted points by time, both columns together, keeping the file order of equal times", () => {
    const points = new PointColumnsBuilder();
    const input: [number, number][] = [
      [30, 3],
      [10, 1],
      [20, 2],
      [10, 1.5],
      [0, 0],
      [20, 2.5],
    ];
    for (const [t, v] of input) points.push(t, v);
    expect(points.sorted).toBe(false);
    const built = points.build();
    expect(Array.from(built.times)).toEqual([0, 10, 10, 20, 20, 30]);
    expect(Array.from(built.values)).toEqual([0, 1, 1.5, 2, 2.5, 3]);
  });

  it("keeps NaN and infinities through the sort", () => {
    const sorted = sortPointColumns({
      times: Float64Array.of(3, 1, 2),
      values: Float64Array.of(Infinity, NaN, -Infinity),
      length: 3,
    });
    expect(Array.from(sorted.values)).toEqual([NaN, -Infinity, Infinity]);
  });

  it("sorts a million reversed points quickly", () => {
    const n = 1_000_000;
    const times = new Float64Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      times[i] = n - i;
      values[i] = i;
    }
    const started = performance.now();
    const sorted = sortPointColumns({ times, values, length: n });
    expect(performance.now() - started).toBeLessThan(2000);
    expect([sorted.times[0], sorted.values[0], sorted.times[n - 1], sorted.values[n - 1]]).toEqual([1, n - 1, n, 0]);
  });
});

describe("MetricsBuilder", () => {
  it("counts gaps and infinities for the notes and sorts series that came unsorted", () => {
    const builder = new MetricsBuilder("m.csv", "csv");
    const a = builder.series("a");
    const b = builder.seriesNamed("b");
    builder.add(a, 2, NaN);
    builder.add(a, 1, Infinity);
    builder.add(b, 1, -Infinity);
    builder.add(b, 2, NaN);
    builder.add(b, 3, Infinity);
    const parsed = builder.finish(5);
    expect(parsed.format).toBe("csv");
    expect(parsed.rowsRead).toBe(5);
    expect(parsed.notes).toEqual([
      'Series "a" was not in time order: its points were sorted by time.',
      "2 values were NaN or missing: drawn as gaps.",
      "2 values were +Inf: kept in the snapshot, drawn as gaps.",
      "1 value was -Inf: kept in the snapshot, drawn as a gap.",
    ]);
    expect(Array.from(parsed.series[0].points.times)).toEqual([1, 2]);
  });

  it("finds a series by name, and makes a new one for a repeated name when asked", () => {
    const builder = new MetricsBuilder("m.csv", "csv");
    expect(builder.seriesNamed("x")).toBe(builder.seriesNamed("x"));
    expect(builder.series("x")).not.toBe(builder.seriesNamed("x"));
    expect(builder.seriesCount).toBe(2);
  });

  it("leaves out series without points, with a note, and fails when no series has one", () => {
    const builder = new MetricsBuilder("m.csv", "csv");
    builder.series("empty one");
    builder.add(builder.series("full"), 1, 1);
    const parsed = builder.finish(1);
    expect(parsed.series.map((s) => s.name)).toEqual(["full"]);
    expect(parsed.notes).toEqual(['Series "empty one" held no points and was left out.']);

    const nothing = new MetricsBuilder("m.csv", "csv");
    nothing.series("a");
    expect(() => nothing.finish(0, "it has a header line but no data rows.")).toThrow(
      new ImportError("the file holds no data points: it has a header line but no data rows.", { file: "m.csv" }),
    );
  });

  it("refuses more than MAX_METRIC_POINTS points, all series together", () => {
    const builder = new MetricsBuilder("huge.csv", "csv");
    const a = builder.series("a");
    const b = builder.series("b");
    (builder as unknown as { total: number }).total = MAX_METRIC_POINTS - 2;
    builder.add(a, 1, 1);
    builder.add(b, 1, 1);
    expect(() => builder.add(a, 2, 2)).toThrow(/^huge\.csv: the file holds more than 10,000,000 points \(all series together\)/);
  });
});
