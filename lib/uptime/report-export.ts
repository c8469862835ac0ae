/**
 * The uptime report as a document of its own: Markdown built as mdast with the export blocks'
 * helpers (the same body as the postmortem's uptime block) and CSV with one row per monitor.
 */
import Papa from "papaparse";
import type { Root } from "mdast";
import { heading } from "@/lib/exports/markdown/mdast";
import { stringifyMarkdown } from "@/lib/exports/markdown/render-markdown";
import { sanitizeDocument } from "@/lib/exports/markdown/safe-url";
import { uptimeReportBody } from "@/lib/exports/markdown/blocks/uptime";
import type { UptimeReport } from "@/lib/uptime/compute/types";

export function uptimeReportMdast(report: UptimeReport, opts: { title?: string } = {}): Root {
  const root: Root = {
    type: "root",
    children: [
      heading(1, opts.title?.trim() || "Uptime report"),
      ...uptimeReportBody(report, { zone: report.timeZone, targetPct: report.targetPct, depth: 2 }),
    ],
  };
  sanitizeDocument(root);
  return root;
}

export function uptimeReportMarkdown(report: UptimeReport, opts: { title?: string } = {}): string {
  return stringifyMarkdown(uptimeReportMdast(report, opts));
}

const CSV_COLUMNS = [
  "monitor",
  "kind",
  "target",
  "service",
  "source",
  "from",
  "to",
  "time_zone",
  "target_pct",
  "uptime_pct",
  "meets_target",
  "coverage_pct",
  "gap_rule",
  "down_minutes",
  "unknown_minutes",
  "maintenance_minutes",
  "downtime_windows",
  "failures",
  "mttr_minutes",
  "mtbf_hours",
  "slo_target_pct",
  "budget_allowed_minutes",
  "budget_used_minutes",
  "budget_remaining_minutes",
  "burn_rate",
  "latency_p50_ms",
  "latency_p95_ms",
  "latency_p99_ms",
] as const;

/** One row per monitor with plain numbers (empty where a figure does not exist); text cells cannot start a formula. */
export function uptimeReportCsv(report: UptimeReport): string {
  const rows = report.monitors.map((m) => [
    m.name,
    m.kind,
    m.target,
    m.service ?? "",
    m.source,
    report.from,
    report.to,
    report.timeZone,
    report.targetPct,
    m.uptimePct ?? "",
    m.meetsTarget === null ? "" : m.meetsTarget,
    m.coveragePct ?? "",
    m.gapRule,
    m.downMinutes,
    m.unknownMinutes,
    m.maintenanceMinutes,
    m.downtimeWindows.length,
    m.failures,
    m.mttrMinutes ?? "",
    m.mtbfHours ?? "",
    m.sloTargetPct,
    m.budget.allowedMinutes,
    m.budget.usedMinutes,
    m.budget.remainingMinutes,
    m.budget.burnRate ?? "",
    m.latency?.p50 ?? "",
    m.latency?.p95 ?? "",
    m.latency?.p99 ?? "",
  ]);
  return `${Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { escapeFormulae: true, newline: "\r\n" })}\r\n`;
}
