import Link from "next/link";
import type { SessionUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listIncidentLoadTests } from "@/lib/loadtests/incident-load-tests";
import { listLoadTestRuns } from "@/lib/loadtests/list-load-test-runs";
import { TOOL_NAMES } from "@/lib/loadtests/types";
import {
  formatCount,
  formatErrorPct,
  formatMs,
  formatRps,
  formatRunTime,
} from "@/app/(app)/load-tests/_components/load-test-figures";
import { describeLoadGap } from "@/lib/loadtests/analysis/load-gap";
import { closestRunIndex, formatCoveredPct, runLoadGap } from "./load-test-gap";
import { LoadTestLinkForm } from "./load-test-link-form";
import { LoadTestObservedForm } from "./load-test-observed-form";
import { LoadTestUnlinkButton } from "./load-test-unlink-button";

/** Load-test runs linked to the incident as evidence, the production load it saw, and the gap between the two. */
export async function LoadTestsSection({
  incidentNumber,
  canEdit,
  actor,
}: {
  incidentNumber: number;
  canEdit: boolean;
  actor: SessionUser;
}) {
  const editable = canEdit && can(actor.role, "edit");
  const [evidence, recent] = await Promise.all([
    listIncidentLoadTests({ actor, incidentNumber }),
    editable ? listLoadTestRuns({ actor, query: {} }) : Promise.resolve(null),
  ]);
  const { runs, observed } = evidence;
  const hasObserved = observed.peakRps !== null || observed.peakUsers !== null;
  const gaps = runs.map((r) => runLoadGap(r, observed));
  const closest = closestRunIndex(gaps);
  const headline = hasObserved && runs.length > 0 ? describeLoadGap(gaps[closest === -1 ? 0 : closest]) : [];
  const headlineRun = runs[closest === -1 ? 0 : closest];
  const linkedIds = new Set(runs.map((r) => r.id));
  const choices = (recent?.runs ?? [])
    .filter((r) => !linkedIds.has(r.id))
    .map((r) => ({ id: r.id, label: `${r.name} · ${TOOL_NAMES[r.tool]} · ${formatRunTime(r.startedAt ?? r.createdAt)}` }));

  return (
    <section aria-labelledby="load-tests-heading" className="card space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="load-tests-heading" className="text-lg font-semibold">
          Load tests
        </h2>
        {editable && (
          <Link href={`/load-tests/import?incident=${incidentNumber}`} className="btn-secondary ml-auto">
            Import a run for this incident
          </Link>
        )}
      </div>

      {headline.length > 0 && (
        <div
          data-testid="load-gap"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
        >
          <p className="font-medium">
            Tested load against production{runs.length > 1 ? ` (closest linked run: ${headlineRun.name})` : ""}
          </p>
          {headline.map((s) => (
            <p key={s}>{s}</p>
          ))}
        </div>
      )}
      {runs.length > 0 && !hasObserved && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Enter the load production saw during the incident to see how close the tests came to it.
        </p>
      )}

      {runs.length === 0 ? (
        <p className="text-sm text-slate-500">
          No load-test runs linked yet.
          {editable ? " Link a run below, or import one for this incident." : ""}
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">Linked load-test runs</caption>
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                <th scope="col" className="py-2 pr-3">
                  Run
                </th>
                <th scope="col" className="py-2 pr-3">
                  Tool
                </th>
                <th scope="col" className="whitespace-nowrap py-2 pr-3 text-right">
                  Requests
                </th>
                <th scope="col" className="whitespace-nowrap py-2 pr-3 text-right">
                  Errors
                </th>
                <th scope="col" className="whitespace-nowrap py-2 pr-3 text-right">
                  p95
                </th>
                <th scope="col" className="whitespace-nowrap py-2 pr-3 text-right">
                  Throughput
                </th>
                <th scope="col" className="whitespace-nowrap py-2 pr-3 text-right">
                  Peak req/s
                </th>
                <th scope="col" className="whitespace-nowrap py-2 pr-3 text-right">
                  Peak users
                </th>
                <th scope="col" className="whitespace-nowrap py-2 pr-3 text-right">
                  Of production peak
                </th>
                <th scope="col" className="py-2 pr-3">
                  Note
                </th>
                {editable && (
                  <th scope="col" className="py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {runs.map((r, i) => {
                const gap = gaps[i];
                return (
                  <tr key={r.id} className="border-b border-slate-200 align-top dark:border-slate-800">
                    <td className="py-2 pr-3">
                      <Link
                        href={`/load-tests/${r.id}`}
                        className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                      >
                        {r.name}
                      </Link>
                      <div className="text-xs text-slate-500">{formatRunTime(r.startedAt)}</div>
                    </td>
                    <td className="py-2 pr-3">{TOOL_NAMES[r.tool]}</td>
                    <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{formatCount(r.count)}</td>
                    <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{formatErrorPct(r.errors, r.count)}</td>
                    <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{formatMs(r.p95)}</td>
                    <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{formatRps(r.throughput)}</td>
                    <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{formatRps(r.peakRps)}</td>
                    <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{formatCount(r.peakUsers)}</td>
                    <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">
                      {gap.rps.coveredPct !== null ? (
                        <span
                          title={gap.rpsBasis === "run-average" ? "Average throughput: this run has no time series" : undefined}
                        >
                          {formatCoveredPct(gap.rps.coveredPct)}
                          {gap.rpsBasis === "run-average" ? "*" : ""}
                        </span>
                      ) : gap.users.coveredPct !== null ? (
                        `${formatCoveredPct(gap.users.coveredPct)} of users`
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className="max-w-xs py-2 pr-3 whitespace-pre-line">
                      {r.note || <span className="text-slate-400">—</span>}
                    </td>
                    {editable && (
                      <td className="py-2 text-right">
                        <LoadTestUnlinkButton incidentNumber={incidentNumber} runId={r.id} runName={r.name} />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {gaps.some((g) => g.rpsBasis === "run-average" && g.rps.coveredPct !== null) && (
            <p className="mt-1 text-xs text-slate-500">* average throughput: the run has no time series to take a peak from.</p>
          )}
        </div>
      )}

      {editable && <LoadTestLinkForm incidentNumber={incidentNumber} choices={choices} />}

      <div className="space-y-2 border-t border-slate-200 pt-4 dark:border-slate-800">
        <h3 className="font-semibold">Production load during the incident</h3>
        {editable ? (
          <LoadTestObservedForm
            incidentNumber={incidentNumber}
            version={evidence.version}
            peakRps={observed.peakRps}
            peakUsers={observed.peakUsers}
            note={observed.note ?? ""}
          />
        ) : hasObserved ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-500">Peak requests/s</dt>
            <dd>{formatRps(observed.peakRps)}</dd>
            <dt className="text-slate-500">Peak users</dt>
            <dd>{formatCount(observed.peakUsers)}</dd>
            {observed.note && (
              <>
                <dt className="text-slate-500">Note</dt>
                <dd className="whitespace-pre-line">{observed.note}</dd>
              </>
            )}
          </dl>
        ) : (
          <p className="text-sm text-slate-500">Not entered yet.</p>
        )}
      </div>
    </section>
  );
}
