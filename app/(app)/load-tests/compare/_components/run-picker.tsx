import type { LoadTestRunSummary } from "@/lib/loadtests/list-load-test-runs";
import { TOOL_NAMES } from "@/lib/loadtests/types";
import { formatValue } from "@/lib/charts/format";
import { formatInZone } from "@/lib/time/zones";

export type PickedRun = { id: string; name: string };

function RunOption({ run, checked }: { run: LoadTestRunSummary | PickedRun; checked: boolean }) {
  const summary = "tool" in run ? run : null;
  return (
    <li>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="runs" value={run.id} defaultChecked={checked} className="mt-1" />
        <span>
          <span className="font-medium">{run.name}</span>
          {summary && (
            <span className="block text-slate-600 dark:text-slate-400">
              {TOOL_NAMES[summary.tool]} · {summary.startedAt ? `${formatInZone(summary.startedAt, "UTC")} UTC` : "no start time"}{" "}
              · {formatValue(summary.count, "count")} samples · p95 {formatValue(summary.p95, "ms")} ·{" "}
              {formatValue(summary.throughput, "req/s")}
            </span>
          )}
        </span>
      </label>
    </li>
  );
}

/**
 * Pick two to six runs: a plain GET form, so the choice lives in the address (`runs=a&runs=b`) and
 * works without scripts. Runs already chosen stay ticked even when a search hides them from the list.
 */
export function RunPicker({
  selected,
  runs,
  q,
  total,
  error,
}: {
  selected: PickedRun[];
  runs: LoadTestRunSummary[];
  q: string;
  total: number;
  error?: string;
}) {
  const chosen = new Set(selected.map((r) => r.id));
  const others = runs.filter((r) => !chosen.has(r.id));
  return (
    <div className="space-y-3">
      <form
        method="get"
        action="/load-tests/compare"
        role="search"
        aria-label="Search runs"
        className="flex flex-wrap items-end gap-3"
      >
        {selected.map((r) => (
          <input key={r.id} type="hidden" name="runs" value={r.id} />
        ))}
        <div>
          <label htmlFor="compare-q" className="field-label">
            Search runs
          </label>
          <input id="compare-q" name="q" type="search" defaultValue={q} className="field-input" placeholder="checkout soak" />
        </div>
        <button type="submit" className="btn-secondary">
          Search
        </button>
      </form>
      <form method="get" action="/load-tests/compare" aria-label="Choose runs to compare" className="space-y-3">
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        {selected.length > 0 && (
          <fieldset>
            <legend className="field-label">Chosen (the first is the baseline)</legend>
            <ul className="mt-1 space-y-1">
              {selected.map((r) => (
                <RunOption key={r.id} run={runs.find((x) => x.id === r.id) ?? r} checked />
              ))}
            </ul>
          </fieldset>
        )}
        <fieldset>
          <legend className="field-label">{q ? `Runs matching “${q}”` : "Recent runs"}</legend>
          {others.length === 0 ? (
            <p className="mt-1 text-sm text-slate-500">{q ? "No other runs match." : "No other runs yet."}</p>
          ) : (
            <ul className="mt-1 space-y-1">
              {others.map((r) => (
                <RunOption key={r.id} run={r} checked={false} />
              ))}
            </ul>
          )}
          {total > runs.length && (
            <p className="mt-1 text-sm text-slate-500">
              Showing {runs.length} of {total}; search to find others.
            </p>
          )}
        </fieldset>
        <button type="submit" className="btn-primary">
          Compare
        </button>
      </form>
    </div>
  );
}
