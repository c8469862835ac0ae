/** Figures of load-test runs shared by the load-test summary and the journal. */
import type { AlignType, RootContent } from "mdast";
import type { ExportLoadTestRun, ExportStatistics } from "@/lib/exports/export-data";
import type { RenderContext } from "@/lib/exports/markdown/context";
import { formatCount, formatDate, formatInstant } from "@/lib/exports/markdown/context";
import { paragraph, strong, table, type Cell } from "@/lib/exports/markdown/mdast";
import { formatBare, formatValue } from "@/lib/charts/format";
import { humanDuration } from "@/lib/time/durations";

const ms = (v: number | null) => formatBare(v, "ms");
const pct = (v: number | null) => (v === null ? "—" : formatValue(v, "%"));
const rps = (v: number | null) => formatBare(v, "req/s");

const STAT_HEADER = [
  "Label",
  "Samples",
  "Errors",
  "Mean (ms)",
  "p50 (ms)",
  "p90 (ms)",
  "p95 (ms)",
  "p99 (ms)",
  "Max (ms)",
  "Throughput (req/s)",
];
const STAT_ALIGN: AlignType[] = ["left", ...STAT_HEADER.slice(1).map((): AlignType => "right")];

function statRow(s: ExportStatistics, name: Cell): Cell[] {
  return [
    name,
    formatCount(s.count),
    pct(s.errorPct),
    ms(s.mean),
    ms(s.p50),
    ms(s.p90),
    ms(s.p95),
    ms(s.p99),
    ms(s.max),
    rps(s.throughput),
  ];
}

/** Per-label figures with the run's total as the last row. */
export function statisticsTable(run: ExportLoadTestRun): RootContent {
  const rows = run.labels.map((s) => statRow(s, s.label));
  rows.push(statRow(run.total, strong("Total")));
  return table(STAT_HEADER, rows, STAT_ALIGN);
}

/** "12,400 samples, 0.42% errors, mean 182 ms, p95 410 ms, p99 690 ms, 206 req/s." */
export function totalSentence(s: ExportStatistics): string {
  const parts = [`${formatCount(s.count)} samples`];
  if (s.errorPct !== null) parts.push(`${formatValue(s.errorPct, "%")} errors`);
  if (s.mean !== null) parts.push(`mean ${formatValue(s.mean, "ms")}`);
  if (s.p95 !== null) parts.push(`p95 ${formatValue(s.p95, "ms")}`);
  if (s.p99 !== null) parts.push(`p99 ${formatValue(s.p99, "ms")}`);
  if (s.throughput !== null) parts.push(formatValue(s.throughput, "req/s"));
  return `${parts.join(", ")}.`;
}

/** "JMeter, 2026-06-03 10:00 CEST to 10:30 CEST (30 minutes)." */
export function runWhen(ctx: RenderContext, run: ExportLoadTestRun): string {
  const tool = run.tool || "Unknown tool";
  if (!run.startedAt) return `${tool}, start time not recorded.`;
  const start = formatInstant(run.startedAt, ctx.zone);
  if (!run.endedAt) return `${tool}, started ${start}.`;
  const span = humanDuration(new Date(run.startedAt), new Date(run.endedAt));
  const sameDay = formatDate(run.startedAt, ctx.zone) === formatDate(run.endedAt, ctx.zone);
  const end = formatInstant(run.endedAt, ctx.zone, sameDay ? "HH:mm" : "yyyy-MM-dd HH:mm");
  return `${tool}, ${start} to ${end}${span ? ` (${span})` : ""}.`;
}

export function capacityParagraph(run: ExportLoadTestRun): RootContent {
  return labelled("Capacity:", run.capacity?.trim() || "No capacity estimate is available for this run.");
}

/** "**Label:** text", the space outside the strong run so the Markdown stays plain. */
export function labelled(name: string, value: string): RootContent {
  return paragraph(strong(name), ` ${value}`);
}
