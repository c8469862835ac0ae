import type { RootContent } from "mdast";
import type { ExportLoadTestRun, ExportStatistics } from "@/lib/exports/export-data";
import type { BlockBuilder, RenderContext } from "@/lib/exports/markdown/context";
import { formatCount } from "@/lib/exports/markdown/context";
import { heading, paragraph, plainTextBlocks, singleLine, table, type Cell } from "@/lib/exports/markdown/mdast";
import { capacityParagraph, labelled, runWhen, statisticsTable } from "@/lib/exports/markdown/blocks/load-test-figures";
import { formatDelta, formatMetric } from "@/lib/loadtests/analysis/format";
import type { MetricUnit } from "@/lib/loadtests/analysis/compare";

/**
 * Each linked run with its per-label table and capacity estimate, then the runs side by side (deltas
 * against the first run) and the load observed during the incident.
 */
export const loadTestsBlock: BlockBuilder = (ctx, _section, depth) => {
  const { runs, observed } = ctx.data.loadTests;
  const out: RootContent[] = [];
  if (runs.length === 0) out.push(paragraph("No load-test runs linked to this incident yet."));
  for (const run of runs) {
    out.push(heading(depth, run.name), paragraph(runWhen(ctx, run)));
    out.push(...plainTextBlocks(run.linkNote), ...plainTextBlocks(run.notes));
    out.push(statisticsTable(run), capacityParagraph(run));
  }
  if (runs.length >= 2) out.push(heading(depth, "Run comparison"), comparisonTable(runs));
  const seen = observedSentence(observed);
  if (seen) out.push(labelled("Observed during the incident:", seen));
  return out;
};

const COMPARED: { label: string; unit: MetricUnit; value: (s: ExportStatistics) => number | null }[] = [
  { label: "Samples", unit: "count", value: (s) => s.count },
  { label: "Errors", unit: "%", value: (s) => s.errorPct },
  { label: "Mean", unit: "ms", value: (s) => s.mean },
  { label: "p50", unit: "ms", value: (s) => s.p50 },
  { label: "p95", unit: "ms", value: (s) => s.p95 },
  { label: "p99", unit: "ms", value: (s) => s.p99 },
  { label: "Max", unit: "ms", value: (s) => s.max },
  { label: "Throughput", unit: "req/s", value: (s) => s.throughput },
];

/** Totals of every run in columns; later runs show their change from the first (baseline) run. */
function comparisonTable(runs: ExportLoadTestRun[]): RootContent {
  const header = ["Metric", ...runs.map((r, i) => (i === 0 ? `${r.name} (baseline)` : r.name))];
  const rows = COMPARED.map((metric): Cell[] => {
    const base = metric.value(runs[0].total);
    return [
      metric.label,
      ...runs.map((run, i) => {
        const value = metric.value(run.total);
        const shown = formatMetric(value, metric.unit);
        if (i === 0 || value === null || base === null) return shown;
        return `${shown} (${change(value, base, metric.unit)})`;
      }),
    ];
  });
  return table(header, rows, ["left", ...runs.map(() => "right" as const)]);
}

/** "−468,000; −68.4%"; an error rate changes in percentage points only (a percent of a percent misleads). */
function change(value: number, base: number, unit: MetricUnit): string {
  const absolute = formatDelta({ absolute: value - base, percent: null }, unit);
  if (unit === "%" || base === 0) return absolute;
  const percent = ((value - base) / base) * 100;
  return `${absolute}; ${formatDelta({ absolute: percent, percent: null }, "count")}%`;
}

function observedSentence(observed: RenderContext["data"]["loadTests"]["observed"]): string | null {
  const parts: string[] = [];
  if (observed.peakRps !== null) parts.push(`peak ${formatMetric(observed.peakRps, "req/s")}`);
  if (observed.peakUsers !== null) parts.push(`${formatCount(observed.peakUsers)} concurrent users`);
  const note = singleLine(observed.note);
  if (parts.length === 0 && !note) return null;
  const figures = parts.length > 0 ? `${parts.join(" and ")}.` : "";
  return [figures, note].filter(Boolean).join(" ");
}
