import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getLoadTestRun, type LoadTestRunDetail } from "@/lib/loadtests/get-load-test-run";
import { listLoadTestRuns } from "@/lib/loadtests/list-load-test-runs";
import { compareQuerySchema } from "@/lib/loadtests/schema";
import { TOOL_NAMES } from "@/lib/loadtests/types";
import { compareRuns } from "@/lib/loadtests/analysis/compare";
import { compareP95Chart, compareThroughputChart } from "@/lib/charts/load-test-charts";
import { formatInZone } from "@/lib/time/zones";
import { ChartFigure } from "@/components/charts/chart-figure";
import { ComparisonTable } from "./_components/comparison-table";
import { RunPicker } from "./_components/run-picker";

export const metadata = { title: "Compare load-test runs" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Ids as given, comma-separated or repeated, without duplicates, in order. */
function requestedIds(raw: string | string[] | undefined): string[] {
  const list = (Array.isArray(raw) ? raw : raw ? [raw] : []).flatMap((v) => v.split(","));
  return [...new Set(list.map((s) => s.trim()).filter(Boolean))];
}

function withBaseline(ids: string[], baseline: string): string {
  return [baseline, ...ids.filter((id) => id !== baseline)].map(encodeURIComponent).join(",");
}

export default async function CompareRunsPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  const ids = requestedIds(raw.runs);
  const user = await requireUser(
    "read",
    `/load-tests/compare${ids.length ? `?runs=${ids.map(encodeURIComponent).join(",")}` : ""}`,
  );
  const q = (Array.isArray(raw.q) ? raw.q[0] : raw.q)?.trim() ?? "";

  const loaded = await Promise.all(
    ids.map(async (id) => {
      try {
        return await getLoadTestRun({ actor: user, id });
      } catch (e) {
        if (e instanceof AppError && e.code === "NOT_FOUND") return null;
        throw e;
      }
    }),
  );
  const runs = loaded.filter((r): r is LoadTestRunDetail => r !== null);
  const missing = ids.length - runs.length;
  const parsed = compareQuerySchema.safeParse({ runs: runs.map((r) => r.id) });
  const ready = ids.length > 0 && parsed.success;
  const list = await listLoadTestRuns({ actor: user, query: { q: q || undefined } });
  const picker = (
    <RunPicker
      selected={runs.map((r) => ({ id: r.id, name: r.name }))}
      runs={list.runs}
      q={q}
      total={list.total}
      // One run is where "Compare with…" starts: an invitation to pick more, not an error.
      error={runs.length > 1 && !parsed.success ? parsed.error.issues[0]?.message : undefined}
    />
  );

  const header = (
    <header className="space-y-2">
      <p className="text-sm text-slate-500">
        <Link href="/load-tests" className="hover:underline">
          Load tests
        </Link>{" "}
        / Compare
      </p>
      <h1 className="text-2xl font-semibold">Compare runs</h1>
      {missing > 0 && (
        <p role="status" className="text-sm text-amber-800 dark:text-amber-300">
          {missing === 1 ? "One of the chosen runs was" : `${missing} of the chosen runs were`} not found (deleted, or not yours
          to see).
        </p>
      )}
    </header>
  );

  if (!ready)
    return (
      <div className="space-y-6">
        {header}
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {runs.length === 1 ? `Choose one or more runs to compare with “${runs[0].name}”. ` : "Choose two to six runs. "}
          The first is the baseline: every other run shows its change from it, so a journal of runs over weeks reads as a line of
          deltas.
        </p>
        <section className="card">{picker}</section>
      </div>
    );

  const comparison = compareRuns(runs);
  const names = runs.map((r) => r.name);
  const charts = [compareP95Chart(runs), compareThroughputChart(runs)].filter((c) => c !== null);
  const envKeys = [...new Set(runs.flatMap((r) => Object.keys(r.environment)))];

  return (
    <div className="space-y-6">
      {header}

      <section aria-labelledby="runs-heading" className="card">
        <h2 id="runs-heading" className="text-lg font-semibold">
          Runs
        </h2>
        <ol className="mt-2 space-y-1 text-sm">
          {runs.map((r, i) => (
            <li key={r.id} className="flex flex-wrap items-baseline gap-2">
              <span className="text-slate-500">{i + 1}.</span>
              <Link href={`/load-tests/${encodeURIComponent(r.id)}`} className="font-medium underline">
                {r.name}
              </Link>
              <span className="text-slate-600 dark:text-slate-400">
                {TOOL_NAMES[r.tool]} · {r.startedAt ? `${formatInZone(r.startedAt, "UTC")} UTC` : "no start time"}
              </span>
              {i === 0 ? (
                <span className="rounded bg-slate-200 px-2 py-0.5 text-xs dark:bg-slate-700">Baseline</span>
              ) : (
                <Link
                  href={`/load-tests/compare?runs=${withBaseline(
                    runs.map((x) => x.id),
                    r.id,
                  )}`}
                  className="text-xs underline"
                >
                  Make baseline
                </Link>
              )}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="totals-heading" className="card space-y-2">
        <h2 id="totals-heading" className="text-lg font-semibold">
          Whole run
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Changes are against the baseline, as absolute and percent; errors change in percentage points (pp). Green is better, red
          worse; a change with no better direction (samples, users, duration) stays grey. A figure missing in either run has no
          change.
        </p>
        <ComparisonTable
          rows={comparison.rows}
          runNames={names}
          caption="Whole-run figures of each run, with changes from the baseline"
        />
      </section>

      {charts.length > 0 && (
        <section aria-labelledby="compare-charts-heading" className="space-y-3">
          <h2 id="compare-charts-heading" className="text-lg font-semibold">
            Side by side over time
          </h2>
          <div className="grid gap-4 lg:grid-cols-2">
            {charts.map((spec) => (
              <ChartFigure key={spec.id} spec={spec} />
            ))}
          </div>
        </section>
      )}

      <section aria-labelledby="labels-heading" className="card space-y-3">
        <h2 id="labels-heading" className="text-lg font-semibold">
          By label
        </h2>
        {comparison.labels.length === 0 ? (
          <p className="text-sm text-slate-500">No label appears in more than one of these runs.</p>
        ) : (
          comparison.labels.map((l, i) => (
            <details key={l.label} open={i < 3} className="border-t border-slate-100 pt-2 dark:border-slate-800">
              <summary className="cursor-pointer font-medium">
                {l.label}
                {l.present.some((p) => !p) && (
                  <span className="ml-2 text-xs font-normal text-slate-500">
                    not in {names.filter((_, j) => !l.present[j]).join(", ")}
                  </span>
                )}
              </summary>
              <div className="mt-2">
                <ComparisonTable rows={l.rows} runNames={names} caption={`Figures of ${l.label} in each run`} />
              </div>
            </details>
          ))
        )}
      </section>

      {envKeys.length > 0 && (
        <section aria-labelledby="setup-compare-heading" className="card space-y-2">
          <h2 id="setup-compare-heading" className="text-lg font-semibold">
            Setup
          </h2>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">Setup of each run; differing values are marked</caption>
              <thead>
                <tr className="border-b border-slate-300 dark:border-slate-700">
                  <th scope="col" className="py-2 pr-3 text-left">
                    Setting
                  </th>
                  {names.map((n, i) => (
                    <th key={i} scope="col" className="px-3 py-2 text-left">
                      {n}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {envKeys.map((k) => {
                  const values = runs.map((r) => r.environment[k]);
                  const differs = new Set(values.map((v) => v ?? "")).size > 1;
                  return (
                    <tr key={k} className="border-t border-slate-100 dark:border-slate-800">
                      <th scope="row" className="py-1.5 pr-3 text-left font-normal text-slate-600 dark:text-slate-400">
                        {k}
                        {differs && <span className="sr-only"> (differs)</span>}
                      </th>
                      {values.map((v, i) => (
                        <td key={i} className={`px-3 py-1.5 ${differs ? "font-semibold" : ""}`}>
                          {v === undefined ? <span className="text-slate-400">—</span> : v || "—"}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <details className="card">
        <summary className="cursor-pointer font-medium">Change the runs</summary>
        <div className="mt-3">{picker}</div>
      </details>
    </div>
  );
}
