import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getLoadTestRun } from "@/lib/loadtests/get-load-test-run";
import { environmentText } from "@/lib/loadtests/update-load-test-run";
import { getLoadTestJournal } from "@/lib/loadtests/update-load-test-journal";
import { capacityQuerySchema } from "@/lib/loadtests/schema";
import { TOOL_NAMES } from "@/lib/loadtests/types";
import { estimateCapacity } from "@/lib/loadtests/analysis/capacity";
import { aggregateReport } from "@/lib/loadtests/analysis/aggregate-report";
import { errorPct } from "@/lib/loadtests/analysis/compare";
import { describeLoadGap, loadGap, peakUsers, testedLoad } from "@/lib/loadtests/analysis/load-gap";
import { runCharts } from "@/lib/charts/load-test-charts";
import { formatSpan, formatValue } from "@/lib/charts/format";
import { formatInZone, isValidTimeZone, zoneAbbreviation } from "@/lib/time/zones";
import { ChartFigure } from "@/components/charts/chart-figure";
import { formatFileSize } from "@/components/imports/file-size";
import { AggregateTable } from "./_components/aggregate-table";
import { CapacitySection, type CapacityFormState } from "./_components/capacity-section";
import { RunSetupEditor } from "./_components/run-setup-editor";
import { IncidentLinkForm, UnlinkButton } from "./_components/incident-link-form";
import { DeleteRunButton } from "./_components/delete-run-button";
import { RunJournalEditor } from "./_components/run-journal-editor";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Once per request: the page and its metadata share the read. */
const load = cache(async (id: string) => {
  const user = await requireUser("read", `/load-tests/${encodeURIComponent(id)}`);
  try {
    return { user, run: await getLoadTestRun({ actor: user, id }) };
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
});

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The capacity form's query: invalid limits fall back to the defaults and say so next to the field. */
function readCapacityQuery(raw: Record<string, string | string[] | undefined>) {
  const defaults = capacityQuerySchema.parse({});
  const sloMs = first(raw.sloMs);
  const maxErrorPct = first(raw.maxErrorPct);
  const tz = first(raw.tz) || "UTC";
  const errors: CapacityFormState["errors"] = {};
  const slo = capacityQuerySchema.shape.sloMs.safeParse(sloMs || undefined);
  const max = capacityQuerySchema.shape.maxErrorPct.safeParse(maxErrorPct || undefined);
  if (!slo.success) errors.sloMs = `Enter a positive number of milliseconds; using ${defaults.sloMs} ms.`;
  if (!max.success) errors.maxErrorPct = `Enter a percentage from 0 to 100; using ${defaults.maxErrorPct}%.`;
  const zone = isValidTimeZone(tz) ? tz : "UTC";
  if (zone !== tz) errors.tz = "Unknown time zone; showing UTC.";
  return {
    limits: { sloMs: slo.success ? slo.data : defaults.sloMs, maxErrorPct: max.success ? max.data : defaults.maxErrorPct },
    zone,
    form: { sloMs: sloMs ?? String(defaults.sloMs), maxErrorPct: maxErrorPct ?? String(defaults.maxErrorPct), tz: zone, errors },
  };
}

const STATISTICS_SOURCE: Record<string, string> = {
  samples: "Computed from every sample: exact percentiles with JMeter's definition.",
  histogram: "Computed from every sample through an HDR histogram (too many samples to keep in memory)",
  tool: "As reported by the tool: its own figures, nothing recomputed. Figures it did not report are left empty.",
};

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { run } = await load(id);
  return { title: run.name };
}

export default async function LoadTestRunPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const { user, run } = await load(id);
  const { limits, zone, form } = readCapacityQuery(await searchParams);
  const canEdit = can(user.role, "edit");
  const toolName = TOOL_NAMES[run.tool] ?? run.tool;
  const path = `/load-tests/${encodeURIComponent(run.id)}`;

  const estimate = estimateCapacity(
    { series: run.series, bucketSeconds: run.bucketSeconds, loadProfile: run.loadProfile, total: run.total, toolName },
    limits,
  );
  const charts = runCharts(run, estimate, { timeZone: zone, sloMs: limits.sloMs });
  // The same chart as an image from the server, with this page's zone and limits (the figure adds its theme).
  const pngQuery = new URLSearchParams({ tz: zone, sloMs: String(limits.sloMs), maxErrorPct: String(limits.maxErrorPct) });
  const pngHref = (kind: string) => `/api/v1/load-tests/${encodeURIComponent(run.id)}/charts/${kind}.png?${pngQuery}`;
  const rows = aggregateReport(run.labels, run.total);
  const tested = testedLoad(run);
  const when = (d: Date | null) => (d ? `${formatInZone(d, zone, "yyyy-MM-dd HH:mm:ss")} ${zoneAbbreviation(d, zone)}` : "—");
  const durationSeconds =
    run.startedAt && run.endedAt && run.endedAt >= run.startedAt
      ? (run.endedAt.getTime() - run.startedAt.getTime()) / 1000
      : null;
  const sources = [...new Set(Object.values(run.total.sources))];
  const sourceNote =
    run.statisticsSource === "histogram"
      ? `${STATISTICS_SOURCE.histogram}${run.histogramErrorPct !== null ? `: percentiles within ±${formatValue(run.histogramErrorPct, "%")}` : ""}.`
      : (STATISTICS_SOURCE[run.statisticsSource] ?? run.statisticsSource);
  const env = Object.entries(run.environment);
  const entry = await getLoadTestJournal({ actor: user, id: run.id });

  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm text-slate-500">
          <Link href="/load-tests" className="hover:underline">
            Load tests
          </Link>{" "}
          / {run.name}
        </p>
        <div className="flex flex-wrap items-start gap-3">
          <h1 className="text-2xl font-semibold">{run.name}</h1>
          <Link href={`/load-tests/compare?runs=${encodeURIComponent(run.id)}`} className="btn-secondary ml-auto">
            Compare with…
          </Link>
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {toolName} · {run.format} · {when(run.startedAt)} – {when(run.endedAt)}
          {durationSeconds !== null && ` (${formatSpan(durationSeconds)})`} · imported {when(run.createdAt)}
          {run.createdBy && ` by ${run.createdBy}`}
        </p>
      </header>

      <section aria-labelledby="summary-heading" className="card space-y-3">
        <h2 id="summary-heading" className="sr-only">
          Summary
        </h2>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6">
          {[
            ["Samples", formatValue(run.total.count, "count")],
            ["Errors", `${formatValue(run.total.errors, "count")} (${formatValue(errorPct(run.total), "%")})`],
            ["Throughput", formatValue(run.total.throughput, "req/s")],
            ["Peak rate", tested.rpsBasis === "peak-bucket" ? formatValue(tested.rps, "req/s") : "—"],
            ["95% line", formatValue(run.total.p95, "ms")],
            ["Peak users", formatValue(peakUsers(run.loadProfile, run.series), "count")],
          ].map(([k, v]) => (
            <div key={k}>
              <dt className="text-slate-500">{k}</dt>
              <dd className="text-lg font-semibold tabular-nums">{v}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="aggregate-heading" className="card space-y-3">
        <h2 id="aggregate-heading" className="text-lg font-semibold">
          Aggregate report
        </h2>
        <AggregateTable rows={rows} />
        <div className="text-sm text-slate-600 dark:text-slate-400" data-testid="statistics-source">
          <p>
            Times in milliseconds. {sourceNote} Hover a figure to see where it came from; &ldquo;—&rdquo; marks a figure the tool
            did not report.
          </p>
          {sources.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {sources.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          )}
        </div>
      </section>

      <section aria-labelledby="charts-heading" className="space-y-3">
        <h2 id="charts-heading" className="text-lg font-semibold">
          Over time
        </h2>
        {charts.length === 0 ? (
          <p className="card text-sm text-slate-600 dark:text-slate-400">
            This run has no figures over time: {toolName} ({run.format}) gave only totals, so there is nothing to chart.
          </p>
        ) : (
          <div className="grid gap-4 lg:grid-cols-2">
            {charts.map(({ kind, spec }) => (
              <ChartFigure key={spec.id} spec={spec} png={pngHref(kind)} />
            ))}
          </div>
        )}
      </section>

      <CapacitySection estimate={estimate} form={form} action={path} zone={zone} />

      {(run.thresholds.length > 0 || run.warnings.length > 0) && (
        <div className="grid gap-4 md:grid-cols-2">
          {run.thresholds.length > 0 && (
            <section aria-labelledby="thresholds-heading" className="card">
              <h2 id="thresholds-heading" className="text-lg font-semibold">
                Thresholds
              </h2>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {run.thresholds.filter((t) => t.passed).length} of {run.thresholds.length} passed, as the tool judged them.
              </p>
              <ul className="mt-2 space-y-1 text-sm">
                {run.thresholds.map((t, i) => (
                  <li key={`${t.name}-${i}`} className="flex items-start gap-2">
                    <span
                      className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${
                        t.passed
                          ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100"
                          : "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100"
                      }`}
                    >
                      {t.passed ? "Pass" : "Fail"}
                    </span>
                    <span>
                      <span className="font-mono">{t.name}</span>
                      {t.detail && <span className="text-slate-600 dark:text-slate-400"> — {t.detail}</span>}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {run.warnings.length > 0 && (
            <section
              aria-labelledby="warnings-heading"
              className="card border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/40"
            >
              <h2 id="warnings-heading" className="text-lg font-semibold">
                Import warnings
              </h2>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                {run.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}

      <section aria-labelledby="setup-heading" className="card space-y-3">
        <h2 id="setup-heading" className="text-lg font-semibold">
          Setup and notes
        </h2>
        {env.length === 0 ? (
          <p className="text-sm text-slate-500">
            No setup recorded. Machines, workers, tool version and cache state belong here.
          </p>
        ) : (
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            {env.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-500">{k}</dt>
                <dd className="break-words">{v || "—"}</dd>
              </div>
            ))}
          </dl>
        )}
        {run.notes ? (
          <p className="whitespace-pre-line text-sm">{run.notes}</p>
        ) : (
          <p className="text-sm text-slate-500">No notes.</p>
        )}
        {canEdit && (
          <RunSetupEditor
            key={run.version}
            id={run.id}
            version={run.version}
            initial={{ name: run.name, notes: run.notes, environment: environmentText(run.environment) }}
          />
        )}
      </section>

      <section aria-labelledby="journal-heading" className="card space-y-3">
        <h2 id="journal-heading" className="text-lg font-semibold">
          Journal entry
        </h2>
        <RunJournalEditor runId={run.id} version={entry.version} journal={entry.journal} canEdit={canEdit} />
      </section>

      <section aria-labelledby="incidents-heading" className="card space-y-3">
        <h2 id="incidents-heading" className="text-lg font-semibold">
          Linked incidents
        </h2>
        {run.incidents.length === 0 ? (
          <p className="text-sm text-slate-500">Not linked to any incident you can see.</p>
        ) : (
          <ul className="space-y-3">
            {run.incidents.map((inc) => {
              const gap = describeLoadGap(loadGap(tested, { rps: inc.observedPeakRps, users: inc.observedPeakUsers }));
              return (
                <li key={inc.number} className="text-sm">
                  <div className="flex flex-wrap items-baseline gap-2">
                    <Link href={`/incidents/${inc.number}`} className="font-medium underline">
                      #{inc.number} {inc.title}
                    </Link>
                    {canEdit && <UnlinkButton runId={run.id} incidentNumber={inc.number} />}
                  </div>
                  {inc.note && <p className="text-slate-600 dark:text-slate-400">{inc.note}</p>}
                  {inc.observedPeakRps !== null || inc.observedPeakUsers !== null ? (
                    <ul className="mt-1 list-disc pl-5">
                      {gap.map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  ) : (
                    <p className="text-slate-500">The incident has no production peak recorded to compare with.</p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {canEdit && <IncidentLinkForm runId={run.id} />}
      </section>

      <section aria-labelledby="files-heading" className="card">
        <h2 id="files-heading" className="text-lg font-semibold">
          Source files
        </h2>
        {run.sourceFiles.length === 0 ? (
          <p className="text-sm text-slate-500">No file names were recorded.</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm">
            {run.sourceFiles.map((f, i) => (
              <li key={`${f.name}-${i}`}>
                <span className="font-mono">{f.name}</span> <span className="text-slate-500">({formatFileSize(f.size)})</span>
                {f.sha256 && (
                  <span className="ml-2 font-mono text-xs text-slate-500" title={`SHA-256 ${f.sha256}`}>
                    sha256 {f.sha256.slice(0, 12)}…
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {canEdit && (
        <section aria-labelledby="danger-heading" className="card">
          <h2 id="danger-heading" className="sr-only">
            Delete
          </h2>
          <DeleteRunButton id={run.id} name={run.name} />
        </section>
      )}
    </article>
  );
}
