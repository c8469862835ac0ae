import type { RootContent } from "mdast";
import type { ExportLoadTestRun } from "@/lib/exports/export-data";
import type { BlockBuilder, RenderContext } from "@/lib/exports/markdown/context";
import { formatCount, formatDate } from "@/lib/exports/markdown/context";
import {
  heading,
  list,
  paragraph,
  plainTextBlocks,
  singleLine,
  strong,
  table,
  text,
  type Cell,
} from "@/lib/exports/markdown/mdast";
import {
  capacityParagraph,
  labelled,
  runWhen,
  statisticsTable,
  totalSentence,
} from "@/lib/exports/markdown/blocks/load-test-figures";
import { formatBare, formatValue } from "@/lib/charts/format";

const JOURNAL_FIELDS: { key: keyof ExportLoadTestRun["journal"]; title: string }[] = [
  { key: "changes", title: "Changes made" },
  { key: "nextUp", title: "Next up" },
  { key: "notDoing", title: "Not doing" },
  { key: "thoughts", title: "Thoughts" },
];

/**
 * One dated entry per run, oldest first so the journal reads in the order the work happened (runs
 * without a start time last), then a table comparing the entries' totals.
 */
export const loadTestJournalBlock: BlockBuilder = (ctx, _section, depth) => {
  const runs = journalOrder(ctx.data.loadTests.runs);
  if (runs.length === 0) return [paragraph("No load-test runs linked to this incident yet.")];
  const out: RootContent[] = runs.flatMap((run) => journalEntry(ctx, run, depth));
  out.push(heading(depth, "Comparison across entries"), comparisonTable(ctx, runs));
  return out;
};

export function journalOrder(runs: ExportLoadTestRun[]): ExportLoadTestRun[] {
  const time = (r: ExportLoadTestRun) => (r.startedAt ? new Date(r.startedAt).getTime() : Number.POSITIVE_INFINITY);
  return runs
    .map((run, i) => ({ run, i }))
    .sort((a, b) => time(a.run) - time(b.run) || a.i - b.i)
    .map(({ run }) => run);
}

function entryDate(ctx: RenderContext, run: ExportLoadTestRun): string {
  return run.startedAt ? formatDate(run.startedAt, ctx.zone) : "Undated";
}

function journalEntry(ctx: RenderContext, run: ExportLoadTestRun, depth: number): RootContent[] {
  const out: RootContent[] = [heading(depth, `${entryDate(ctx, run)} — ${run.name}`)];

  out.push(heading(depth + 1, "Setup"));
  const setup = [
    [strong("Tool:"), text(` ${runWhen(ctx, run)}`)],
    ...run.environment.map(([key, value]) => [strong(`${singleLine(key)}:`), text(` ${singleLine(value)}`)]),
  ];
  out.push(list(setup));
  out.push(...plainTextBlocks(run.notes));

  out.push(heading(depth + 1, "Results"));
  out.push(labelled("Total:", totalSentence(run.total)));
  out.push(statisticsTable(run), capacityParagraph(run));

  for (const field of JOURNAL_FIELDS) {
    out.push(heading(depth + 1, field.title));
    const written = plainTextBlocks(run.journal[field.key]);
    out.push(...(written.length > 0 ? written : [paragraph("Nothing written.")]));
  }
  return out;
}

function comparisonTable(ctx: RenderContext, runs: ExportLoadTestRun[]): RootContent {
  const header = ["Entry", "Date", "Samples", "Errors", "Mean (ms)", "p95 (ms)", "p99 (ms)", "Throughput (req/s)"];
  const rows = runs.map((run): Cell[] => {
    const s = run.total;
    return [
      run.name,
      entryDate(ctx, run),
      formatCount(s.count),
      s.errorPct === null ? "—" : formatValue(s.errorPct, "%"),
      formatBare(s.mean, "ms"),
      formatBare(s.p95, "ms"),
      formatBare(s.p99, "ms"),
      formatBare(s.throughput, "req/s"),
    ];
  });
  return table(header, rows, ["left", "left", "right", "right", "right", "right", "right", "right"]);
}
