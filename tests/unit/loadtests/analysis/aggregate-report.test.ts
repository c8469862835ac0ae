import { describe, expect, it } from "vitest";
import { aggregateReport, kilobytesPerSecond } from "@/lib/loadtests/analysis/aggregate-report";
import { emptyStatistics, type LabelStatistics } from "@/lib/loadtests/types";

function stats(label: string, figures: Partial<LabelStatistics>): LabelStatistics {
  return { ...emptyStatistics(label), ...figures };
}

describe("aggregateReport", () => {
  // JMeter writes sub-samples apart from their parent, sometimes before it.
  const labels = [
    stats("Home-0", { parentLabel: "Home", count: 100 }),
    stats("Home", { count: 100, errors: 3, mean: 120, p50: 100, p90: 180, p95: 210, p99: 400, min: 40, max: 900, throughput: 5 }),
    stats("Login", { count: 50 }),
    stats("Home-1", { parentLabel: "Home", count: 100 }),
    stats("Orphan-0", { parentLabel: "Gone", count: 7 }),
  ];
  const total = stats("Total", { count: 357, errors: 3, throughput: 17.85, sources: { "*": "computed from 357 samples" } });
  const rows = aggregateReport(labels, total);

  it("indents sub-samples under their parent and keeps orphans top-level, total last", () => {
    expect(rows.map((r) => [r.label, r.depth])).toEqual([
      ["Home", 0],
      ["Home-0", 1],
      ["Home-1", 1],
      ["Login", 0],
      ["Orphan-0", 0],
      ["Total", 0],
    ]);
    expect(rows.at(-1)!.isTotal).toBe(true);
  });

  it("carries the figures, error % from errors and samples, and null where unreported", () => {
    expect(rows[0].values).toEqual({
      count: 100,
      mean: 120,
      p50: 100,
      p90: 180,
      p95: 210,
      p99: 400,
      min: 40,
      max: 900,
      errorPct: 3,
      throughput: 5,
      receivedKBps: null,
      sentKBps: null,
    });
    expect(rows[3].values.p95).toBeNull();
  });

  it("explains each figure by its own source, else the label's general one", () => {
    const withSources = aggregateReport(
      [],
      stats("Total", { count: 1, sources: { "*": "reported by k6 (summary export)", p99: "not in the summary" } }),
    );
    expect(withSources[0].sources.p95).toBe("reported by k6 (summary export)");
    expect(withSources[0].sources.p99).toBe("not in the summary");
    expect(rows[0].sources.p95).toBeNull();
  });

  it("lists percentiles outside the columns, ascending", () => {
    const [row] = aggregateReport(
      [],
      stats("Total", { count: 10, p75: 30, p999: 99, otherPercentiles: { "97.5": 70, "2.5": 1 } }),
    );
    expect(row.otherPercentiles).toEqual([
      { percent: 2.5, value: 1 },
      { percent: 75, value: 30 },
      { percent: 97.5, value: 70 },
      { percent: 99.9, value: 99 },
    ]);
  });

  it("shows a loop of parents flat rather than dropping it", () => {
    const loop = aggregateReport(
      [stats("A", { parentLabel: "B", count: 1 }), stats("B", { parentLabel: "A", count: 1 })],
      stats("Total", { count: 2 }),
    );
    expect(loop.map((r) => [r.label, r.depth])).toEqual([
      ["A", 0],
      ["B", 1],
      ["Total", 0],
    ]);
  });
});

describe("kilobytesPerSecond", () => {
  it("divides bytes by the label's span, samples / throughput, like JMeter", () => {
    // 1,024,000 bytes over 100 samples at 10/s = 10 s → 100 KB/s.
    expect(kilobytesPerSecond(1_024_000, 100, 10)).toBe(100);
  });
  it("is unknown without bytes, throughput or samples", () => {
    expect(kilobytesPerSecond(null, 100, 10)).toBeNull();
    expect(kilobytesPerSecond(1000, 100, null)).toBeNull();
    expect(kilobytesPerSecond(1000, 0, 10)).toBeNull();
  });
});
