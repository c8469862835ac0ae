import type { MonthUptime, ReportedComparison } from "@/lib/uptime/compute/types";
import { formatDay, formatDurationMs, formatPointDifference, formatUptimePct } from "@/components/uptime/uptime-format";

const th = "py-2 pr-3";

/** Every month with data, newest first, under the monitor's gap rule. */
export function MonthTable({ months, monitorName }: { months: MonthUptime[]; monitorName: string }) {
  if (months.length === 0) return <p className="text-sm text-slate-500">No months with data.</p>;
  return (
    <div className="max-h-[28rem] overflow-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">Uptime of {monitorName} per month, newest first</caption>
        <thead className="sticky top-0 bg-white dark:bg-slate-900">
          <tr className="border-b border-slate-300 dark:border-slate-700">
            <th scope="col" className={th}>
              Month
            </th>
            <th scope="col" className={`${th} text-right`}>
              Uptime
            </th>
            <th scope="col" className={`${th} text-right`}>
              Down
            </th>
            <th scope="col" className={`${th} text-right`}>
              Unknown
            </th>
            <th scope="col" className={`${th} text-right`}>
              Coverage
            </th>
            <th scope="col" className={`${th} text-right`}>
              Windows
            </th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month} className="border-b border-slate-200 dark:border-slate-800">
              <th scope="row" className="py-1.5 pr-3 font-normal tabular-nums">
                {m.month}
              </th>
              <td className="py-1.5 pr-3 text-right tabular-nums">{formatUptimePct(m.figures.uptimePct, 3)}</td>
              <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">{formatDurationMs(m.figures.downMs)}</td>
              <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">{formatDurationMs(m.figures.unknownMs)}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{formatUptimePct(m.figures.coveragePct, 1)}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{m.downtimeWindows}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The tool's own figures beside ours over the same window, with why they differ. */
export function ReportedTable({
  reported,
  toolName,
  timeZone,
}: {
  reported: ReportedComparison[];
  toolName: string;
  timeZone: string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm" data-testid="reported-table">
        <caption className="sr-only">Uptime reported by {toolName} beside the uptime computed here</caption>
        <thead>
          <tr className="border-b border-slate-300 dark:border-slate-700">
            <th scope="col" className={th}>
              Figure
            </th>
            <th scope="col" className={`${th} whitespace-nowrap text-right`}>
              {toolName}
            </th>
            <th scope="col" className={`${th} whitespace-nowrap text-right`}>
              Ours
            </th>
            <th scope="col" className={`${th} whitespace-nowrap text-right`}>
              Difference
            </th>
            <th scope="col" className={th}>
              Why
            </th>
          </tr>
        </thead>
        <tbody>
          {reported.map((r, i) => (
            <tr key={`${r.source}-${r.label}-${i}`} className="border-b border-slate-200 align-top dark:border-slate-800">
              <th scope="row" className="w-56 py-2 pr-3 font-normal">
                <span className="font-medium">{r.label}</span>
                <div className="text-xs text-slate-500">
                  <span className="font-mono">{r.source}</span>
                  {r.window && (
                    <>
                      {" "}
                      · {formatDay(r.window.from, timeZone)} – {formatDay(r.window.to, timeZone)}
                    </>
                  )}
                </div>
              </th>
              <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{formatUptimePct(r.reportedPct, 3)}</td>
              <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{formatUptimePct(r.computedPct, 3)}</td>
              <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{formatPointDifference(r.differencePct)}</td>
              <td className="min-w-64 py-2 pr-3 text-slate-700 dark:text-slate-300">{r.explanation}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 text-xs text-slate-500">
        {toolName}: the figure the tool reported. Difference: ours minus reported, in percentage points.
      </p>
    </div>
  );
}
