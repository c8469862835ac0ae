/** Plain-text figures of a parsed run, for the CLI (`import --dry-run` and after an import). */
import { formatDuration, intervalToDuration } from "date-fns";
import { TOOL_NAMES, type LabelStatistics, type ParsedRun } from "@/lib/loadtests/types";

function ms(v: number | null): string {
  if (v === null) return "-";
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function errorPct(s: LabelStatistics): string {
  return s.count > 0 ? `${((s.errors / s.count) * 100).toFixed(2)}%` : "-";
}

export function textTable(header: string[], rows: string[][], alignRightFrom = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= alignRightFrom ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function runSummaryText(run: ParsedRun, importerTitle: string, fileNames: string[]): string {
  const out: string[] = [];
  out.push(`${importerTitle} (${TOOL_NAMES[run.tool]}): ${fileNames.join(", ")}`);
  if (run.startedAt && run.endedAt) {
    const span = formatDuration(intervalToDuration({ start: run.startedAt, end: run.endedAt })) || "under a second";
    out.push(`Run: ${run.startedAt.toISOString()} to ${run.endedAt.toISOString()} (${span})`);
  }
  const source =
    run.statisticsSource === "samples"
      ? "computed from raw samples (exact percentiles, JMeter definition)"
      : run.statisticsSource === "histogram"
        ? `computed from raw samples with an HDR histogram (percentiles within ±${run.histogramErrorPct}%)`
        : "as reported by the tool";
  out.push(`Statistics: ${source}`);
  const rows = [...run.labels, run.total].map((s) => [
    s.isTotal ? "TOTAL" : s.parentLabel ? `  ${s.label}` : s.label,
    s.count.toLocaleString("en-US"),
    errorPct(s),
    ms(s.mean),
    ms(s.p50),
    ms(s.p90),
    ms(s.p95),
    ms(s.p99),
    ms(s.min),
    ms(s.max),
    s.throughput === null ? "-" : s.throughput.toFixed(2),
  ]);
  out.push("");
  out.push(textTable(["LABEL", "SAMPLES", "ERRORS", "MEAN", "P50", "P90", "P95", "P99", "MIN", "MAX", "REQ/S"], rows));
  out.push("(times in ms; - = not reported by the tool)");
  const env = Object.entries(run.environment);
  if (env.length) {
    out.push("", "Setup:");
    for (const [k, v] of env) out.push(`  ${k}: ${v}`);
  }
  if (run.thresholds.length) {
    out.push("", "Thresholds:");
    for (const t of run.thresholds) out.push(`  ${t.passed ? "pass" : "FAIL"}  ${t.name}${t.detail ? ` (${t.detail})` : ""}`);
  }
  if (run.series.length) out.push("", `Time series: ${run.series.length} buckets of ${run.bucketSeconds} s`);
  if (run.warnings.length) {
    out.push("", "Warnings:");
    for (const w of run.warnings) out.push(`  ${w}`);
  }
  return out.join("\n");
}
