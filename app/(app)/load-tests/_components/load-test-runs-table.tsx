"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";

/** One run of the list, formatted on the server. */
export type LoadTestRunRow = {
  id: string;
  name: string;
  tool: string;
  started: string;
  requests: string;
  errorPct: string;
  p95: string;
  throughput: string;
  peakUsers: string;
  incidentNumbers: number[];
};

const MIN_COMPARE = 2;
const MAX_COMPARE = 6;

/**
 * The runs table; ticking runs and "Compare selected" opens /load-tests/compare?runs=a,b. It is a
 * GET form, so without scripts the browser still sends the ticked runs (as repeated `runs`).
 */
export function LoadTestRunsTable({ runs }: { runs: LoadTestRunRow[] }) {
  const router = useRouter();
  const [selected, setSelected] = useState<string[]>([]);
  const ready = selected.length >= MIN_COMPARE && selected.length <= MAX_COMPARE;

  function toggle(id: string, on: boolean) {
    setSelected((current) => (on ? [...current.filter((s) => s !== id), id] : current.filter((s) => s !== id)));
  }

  function compare(event: React.FormEvent) {
    event.preventDefault();
    if (ready) router.push(`/load-tests/compare?runs=${selected.map(encodeURIComponent).join(",")}`);
  }

  const th = "py-2 pr-3";
  return (
    <form method="get" action="/load-tests/compare" onSubmit={compare} aria-label="Load-test runs" className="space-y-3">
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-700">
              <th scope="col" className={th}>
                <span className="sr-only">Select</span>
              </th>
              <th scope="col" className={th}>
                Name
              </th>
              <th scope="col" className={th}>
                Tool
              </th>
              <th scope="col" className={th}>
                Started
              </th>
              <th scope="col" className={`${th} text-right`}>
                Requests
              </th>
              <th scope="col" className={`${th} text-right`}>
                Errors
              </th>
              <th scope="col" className={`${th} text-right`}>
                p95
              </th>
              <th scope="col" className={`${th} text-right`}>
                Throughput
              </th>
              <th scope="col" className={`${th} text-right`}>
                Peak users
              </th>
              <th scope="col" className={th}>
                Incidents
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} className="border-b border-slate-200 dark:border-slate-800">
                <td className="py-2 pr-3">
                  <input
                    type="checkbox"
                    name="runs"
                    value={r.id}
                    checked={selected.includes(r.id)}
                    onChange={(e) => toggle(r.id, e.target.checked)}
                    aria-label={`Select ${r.name}`}
                  />
                </td>
                <td className="min-w-48 py-2 pr-3">
                  <Link href={`/load-tests/${r.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {r.name}
                  </Link>
                </td>
                <td className="py-2 pr-3">{r.tool}</td>
                <td className="whitespace-nowrap py-2 pr-3">{r.started}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{r.requests}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{r.errorPct}</td>
                <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{r.p95}</td>
                <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{r.throughput}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{r.peakUsers}</td>
                <td className="py-2 pr-3">
                  {r.incidentNumbers.length === 0 ? (
                    <span className="text-slate-400">—</span>
                  ) : (
                    r.incidentNumbers.map((n, i) => (
                      <span key={n}>
                        {i > 0 && ", "}
                        <Link href={`/incidents/${n}`} className="underline">
                          #{n}
                        </Link>
                      </span>
                    ))
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <button type="submit" className="btn-secondary" disabled={!ready} aria-describedby="compare-hint">
          Compare selected{selected.length ? ` (${selected.length})` : ""}
        </button>
        <p id="compare-hint" className="text-slate-600 dark:text-slate-400">
          {selected.length > MAX_COMPARE
            ? `Compare at most ${MAX_COMPARE} runs at once.`
            : `Tick ${MIN_COMPARE} to ${MAX_COMPARE} runs to compare them side by side.`}
        </p>
      </div>
    </form>
  );
}
