/** Display text of comparison figures and their deltas, shared by the compare page and exports. */
import type { Delta, MetricUnit } from "@/lib/loadtests/analysis/compare";
import { formatNumber, formatSpan, formatValue } from "@/lib/charts/format";

export function formatMetric(value: number | null, unit: MetricUnit): string {
  if (value === null) return "—";
  if (unit === "s") return formatSpan(value);
  if (unit === "users") return formatValue(value, "count");
  return formatValue(value, unit);
}

/** "−1,490 ms (−99.3%)"; an error rate changes in percentage points ("+0.02 pp"). */
export function formatDelta(d: Delta, unit: MetricUnit): string {
  const sign = d.absolute > 0 ? "+" : d.absolute < 0 ? "−" : "±";
  const size = Math.abs(d.absolute);
  const absolute =
    unit === "%"
      ? `${formatNumber(size)} pp`
      : unit === "s"
        ? formatSpan(size)
        : unit === "count" || unit === "users"
          ? formatValue(size, "count")
          : formatValue(size, unit);
  const pctSign = d.percent === null ? "" : d.percent > 0 ? "+" : d.percent < 0 ? "−" : "";
  const percent = d.percent === null ? "" : ` (${pctSign}${formatNumber(Math.abs(d.percent))}%)`;
  return `${sign}${absolute}${percent}`;
}
