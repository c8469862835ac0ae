import type { AggregateResult } from "@/lib/loadtests/stats/sample-aggregator";
import type { ParsedRun } from "@/lib/loadtests/types";

/**
 * A ParsedRun from the aggregator's result: the figures, series and times come from the samples;
 * the importer adds what its file says besides (setup, warnings, a run start the file records).
 */
export function runFromSamples(
  result: AggregateResult,
  run: Pick<ParsedRun, "tool" | "format" | "environment" | "warnings" | "rowsRead"> &
    Partial<Pick<ParsedRun, "suggestedName" | "startedAt" | "endedAt" | "total" | "thresholds">>,
): ParsedRun {
  return {
    suggestedName: null,
    startedAt: result.startedAt,
    endedAt: result.endedAt,
    total: result.total,
    thresholds: [],
    ...run,
    statisticsSource: result.statisticsSource,
    histogramErrorPct: result.histogramErrorPct,
    labels: result.labels,
    bucketSeconds: result.bucketSeconds,
    series: result.series,
    loadProfile: result.loadProfile,
  };
}
