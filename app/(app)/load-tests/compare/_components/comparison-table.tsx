import type { CompareRow } from "@/lib/loadtests/analysis/compare";
import { formatDelta, formatMetric } from "@/lib/loadtests/analysis/format";

function deltaClass(improved: boolean | null): string {
  if (improved === true) return "text-emerald-700 dark:text-emerald-400";
  if (improved === false) return "text-red-700 dark:text-red-400";
  return "text-slate-600 dark:text-slate-400";
}

/** Metrics down, runs across; each later run's cell shows its change from the baseline (the first run). */
export function ComparisonTable({ rows, runNames, caption }: { rows: CompareRow[]; runNames: string[]; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm tabular-nums">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300 dark:border-slate-700">
            <th scope="col" className="py-2 pr-3 text-left">
              Metric
            </th>
            {runNames.map((name, i) => (
              <th key={i} scope="col" className="px-3 py-2 text-right font-semibold">
                {name}
                {i === 0 && <span className="block text-xs font-normal text-slate-500">baseline</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-t border-slate-100 align-top dark:border-slate-800">
              <th scope="row" className="py-1.5 pr-3 text-left font-normal">
                {row.label}
              </th>
              {row.values.map((v, i) => {
                const d = row.deltas[i];
                const improved = row.improved[i];
                return (
                  <td key={i} className="px-3 py-1.5 text-right whitespace-nowrap">
                    {v === null ? (
                      <span className="text-slate-400" aria-label="not reported" title="Not reported">
                        —
                      </span>
                    ) : (
                      formatMetric(v, row.unit)
                    )}
                    {i > 0 && d && (
                      <span className={`block text-xs ${deltaClass(improved)}`}>
                        {formatDelta(d, row.unit)}
                        {improved !== null && <span className="sr-only">{improved ? " (better)" : " (worse)"}</span>}
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
