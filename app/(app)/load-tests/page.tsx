import Link from "next/link";
import { FilterSelect } from "@/components/ui/filter-select";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listLoadTestRuns } from "@/lib/loadtests/list-load-test-runs";
import { LOAD_TEST_TOOLS, TOOL_NAMES } from "@/lib/loadtests/types";
import { formatCount, formatErrorPct, formatMs, formatRps, formatRunTime } from "./_components/load-test-figures";
import { LoadTestRunsTable, type LoadTestRunRow } from "./_components/load-test-runs-table";

export const metadata = { title: "Load tests" };

export default async function LoadTestsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser("read", "/load-tests");
  const result = await listLoadTestRuns({ actor: user, query: await searchParams });
  const q = result.query;
  const filtered = Boolean(q.q || q.tool);
  const pageCount = Math.max(1, Math.ceil(result.total / result.pageSize));
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...q, page })) if (v !== undefined && v !== "") params.set(k, String(v));
    return `/load-tests?${params.toString()}`;
  };
  const canImport = can(user.role, "edit");

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Load tests</h1>
        {canImport && (
          <Link href="/load-tests/import" className="btn-primary ml-auto">
            Import a run
          </Link>
        )}
      </div>
      <form className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter load-test runs">
        <div>
          <label htmlFor="q" className="field-label">
            Search
          </label>
          <input id="q" name="q" type="search" defaultValue={q.q ?? ""} className="field-input" placeholder="checkout soak" />
        </div>
        <FilterSelect
          name="tool"
          label="Tool"
          value={q.tool}
          options={LOAD_TEST_TOOLS.map((t) => ({ value: t, label: TOOL_NAMES[t] }))}
        />
        <button className="btn-secondary" type="submit">
          Apply
        </button>
        {filtered && (
          <Link className="text-sm underline" href="/load-tests">
            Clear filters
          </Link>
        )}
      </form>

      {result.runs.length === 0 ? (
        <div className="card text-center">
          <p className="font-medium">{filtered ? "No runs match these filters." : "No load-test runs yet."}</p>
          {!filtered && (
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              {canImport ? (
                <>
                  <Link className="underline" href="/load-tests/import">
                    Import the results
                  </Link>{" "}
                  of a JMeter, k6, Gatling, Locust, Artillery, autocannon or ApacheBench run to keep them with your incidents.
                </>
              ) : (
                "Editors can import the results of JMeter, k6, Gatling, Locust, Artillery, autocannon or ApacheBench runs."
              )}
            </p>
          )}
        </div>
      ) : (
        <LoadTestRunsTable
          runs={result.runs.map((r): LoadTestRunRow => ({
            id: r.id,
            name: r.name,
            tool: TOOL_NAMES[r.tool],
            started: r.startedAt ? formatRunTime(r.startedAt) : `imported ${formatRunTime(r.createdAt)}`,
            requests: formatCount(r.count),
            errorPct: formatErrorPct(r.errors, r.count),
            p95: formatMs(r.p95),
            throughput: formatRps(r.throughput),
            peakUsers: formatCount(r.peakUsers),
            incidentNumbers: r.incidentNumbers,
          }))}
        />
      )}

      <nav aria-label="Pagination" className="flex items-center gap-3 text-sm">
        <span>
          {result.total} run{result.total === 1 ? "" : "s"} · page {result.page} of {pageCount}
        </span>
        {result.page > 1 && (
          <Link className="btn-secondary px-3 py-1" href={pageHref(result.page - 1)} rel="prev">
            Previous
          </Link>
        )}
        {result.page < pageCount && (
          <Link className="btn-secondary px-3 py-1" href={pageHref(result.page + 1)} rel="next">
            Next
          </Link>
        )}
      </nav>
    </div>
  );
}
