import { AGGREGATE_COLUMNS, type AggregateColumn, type AggregateRow } from "@/lib/loadtests/analysis/aggregate-report";
import { formatNumber } from "@/lib/charts/format";

function cellText(value: number, column: AggregateColumn): string {
  switch (column.unit) {
    case "count":
      return new Intl.NumberFormat("en-US").format(value);
    case "%":
      return `${value.toFixed(2)}%`;
    case "req/s":
      return `${formatNumber(value)}/sec`;
    case "KB/s":
      return value.toFixed(2);
    default:
      return formatNumber(value);
  }
}

/** JMeter's Aggregate Report: one row per label, sub-samples indented, the total last; times in ms. */
export function AggregateTable({ rows }: { rows: AggregateRow[] }) {
  const extra = rows.filter((r) => r.otherPercentiles.length > 0);
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm tabular-nums" data-testid="aggregate-table">
          <caption className="sr-only">Aggregate report: response times in milliseconds</caption>
          <thead>
            <tr className="border-b border-slate-300 text-right dark:border-slate-700">
              <th scope="col" className="py-2 pr-3 text-left align-bottom">
                Label
              </th>
              {AGGREGATE_COLUMNS.map((c) => (
                <th key={c.key} scope="col" className="px-1.5 py-2 align-bottom font-semibold">
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr
                key={`${row.label}-${i}`}
                className={
                  row.isTotal
                    ? "border-t-2 border-slate-300 font-semibold dark:border-slate-600"
                    : "border-t border-slate-100 dark:border-slate-800"
                }
              >
                <th
                  scope="row"
                  className={`min-w-36 py-1.5 pr-3 text-left break-words ${row.isTotal ? "" : "font-normal"} ${row.depth > 0 ? "text-slate-600 dark:text-slate-400" : ""}`}
                  style={row.depth > 0 ? { paddingLeft: `${row.depth * 1.25}rem` } : undefined}
                >
                  {row.depth > 0 && (
                    <span aria-hidden="true" className="mr-1 text-slate-400">
                      ↳
                    </span>
                  )}
                  {row.label}
                  {row.depth > 0 && <span className="sr-only"> (sub-sample)</span>}
                </th>
                {AGGREGATE_COLUMNS.map((c) => {
                  const value = row.values[c.key];
                  const source = row.sources[c.key];
                  return value === null ? (
                    <td
                      key={c.key}
                      className="px-1.5 py-1.5 text-right text-slate-400"
                      aria-label="not reported"
                      title="Not reported"
                    >
                      —
                    </td>
                  ) : (
                    <td key={c.key} className="px-1.5 py-1.5 text-right whitespace-nowrap" title={source ?? undefined}>
                      {cellText(value, c)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {extra.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">More percentiles</summary>
          <ul className="mt-2 space-y-1">
            {extra.map((r, i) => (
              <li key={`${r.label}-${i}`}>
                <span className="font-medium">{r.label}</span>:{" "}
                {r.otherPercentiles.map((p) => `p${p.percent} ${formatNumber(p.value)} ms`).join(" · ")}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
