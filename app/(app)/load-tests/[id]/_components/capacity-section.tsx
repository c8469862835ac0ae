import {
  KNEE_METHOD,
  MIN_SUSTAIN_BUCKETS,
  MIN_SUSTAIN_SECONDS,
  type CapacityBucket,
  type CapacityEstimate,
  type Knee,
  type SeriesCapacity,
  type SustainedWindow,
} from "@/lib/loadtests/analysis/capacity";
import { formatNumber, formatSpan, formatTime, formatValue } from "@/lib/charts/format";
import { COMMON_TIME_ZONES } from "@/lib/time/zones";

export type CapacityFormState = {
  sloMs: string;
  maxErrorPct: string;
  tz: string;
  errors: Partial<Record<"sloMs" | "maxErrorPct" | "tz", string>>;
};

const muted = "text-slate-600 dark:text-slate-400";

function BucketTable({ buckets, zone, caption }: { buckets: CapacityBucket[]; zone: string; caption: string }) {
  return (
    <div className="max-h-72 overflow-auto">
      <table className="w-full text-right text-sm tabular-nums">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-white dark:bg-slate-900">
          <tr>
            <th scope="col" className="px-2 py-1 text-left">
              Bucket start
            </th>
            <th scope="col" className="px-2 py-1">
              Req/s
            </th>
            <th scope="col" className="px-2 py-1">
              p95
            </th>
            <th scope="col" className="px-2 py-1">
              Errors
            </th>
            <th scope="col" className="px-2 py-1">
              Users
            </th>
          </tr>
        </thead>
        <tbody>
          {buckets.map((b) => (
            <tr key={b.t} className="border-t border-slate-100 dark:border-slate-800">
              <th scope="row" className="px-2 py-0.5 text-left font-normal">
                {formatTime(b.t, zone)}
              </th>
              <td className="px-2 py-0.5">{formatNumber(b.rps)}</td>
              <td className="px-2 py-0.5">{formatValue(b.p95, "ms")}</td>
              <td className="px-2 py-0.5">{formatValue(b.errorPct, "%")}</td>
              <td className="px-2 py-0.5">{formatValue(b.users, "count")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WindowResult({
  title,
  window,
  kind,
  zone,
  lowerBound,
}: {
  title: string;
  window: SustainedWindow;
  kind: "rps" | "users";
  zone: string;
  lowerBound: boolean;
}) {
  const level = kind === "rps" ? formatValue(window.level, "req/s") : formatValue(window.level, "users");
  const users =
    window.minUsers === null
      ? "users not recorded"
      : window.minUsers === window.maxUsers
        ? `${formatNumber(window.minUsers)} users`
        : `${formatNumber(window.minUsers)}–${formatNumber(window.maxUsers!)} users`;
  return (
    <div className="rounded border border-emerald-300 bg-emerald-50 p-3 dark:border-emerald-800 dark:bg-emerald-950/40">
      <h3 className="text-sm font-semibold uppercase text-slate-500">{title}</h3>
      <p className="text-2xl font-semibold">
        {lowerBound && <span className="sr-only">at least </span>}
        {lowerBound && <span aria-hidden="true">≥ </span>}
        {level}
      </p>
      <p className="text-sm">
        Held for {formatSpan(window.seconds)}, {formatTime(window.from, zone)} – {formatTime(window.to, zone)}:{" "}
        {kind === "rps" ? users : `${formatNumber(window.minRps)}–${formatValue(window.maxRps, "req/s")}`}, mean{" "}
        {formatValue(window.meanRps, "req/s")}, p95 at most {formatValue(window.maxP95, "ms")}, errors{" "}
        {formatValue(window.errorPct, "%")}.
      </p>
      <details className="mt-2 text-sm">
        <summary className={`cursor-pointer ${muted}`}>Supporting buckets ({window.buckets.length})</summary>
        <BucketTable buckets={window.buckets} zone={zone} caption={`Buckets supporting the ${title.toLowerCase()}`} />
      </details>
    </div>
  );
}

function KneeResult({ knee, zone }: { knee: Knee; zone: string }) {
  const unit = knee.load === "rps" ? "req/s" : "users";
  const title = knee.load === "rps" ? "Knee: latency against request rate" : "Knee: latency against users";
  return (
    <div className="rounded border border-slate-200 p-3 dark:border-slate-700">
      <h3 className="text-sm font-semibold uppercase text-slate-500">{title}</h3>
      {knee.found ? (
        <p className="text-sm">
          p95 starts climbing beyond about <strong>{formatValue(knee.at.load, unit)}</strong> (p95{" "}
          {formatValue(knee.at.p95, "ms")} there; {formatValue(knee.lowestLoadP95, "ms")} at the lowest load,{" "}
          {formatValue(knee.highestLoadP95, "ms")} at the highest).
        </p>
      ) : (
        <p className="text-sm">{knee.reason}</p>
      )}
      {knee.bins.length > 0 && (
        <details className="mt-2 text-sm">
          <summary className={`cursor-pointer ${muted}`}>Latency by load level ({knee.bins.length} bins)</summary>
          <p className={`mt-1 ${muted}`}>{KNEE_METHOD}</p>
          <table className="mt-2 w-full text-right tabular-nums">
            <caption className="sr-only">Median p95 per load level</caption>
            <thead>
              <tr>
                <th scope="col" className="px-2 py-1 text-left">
                  Load ({unit})
                </th>
                <th scope="col" className="px-2 py-1">
                  Median p95
                </th>
                <th scope="col" className="px-2 py-1">
                  Buckets
                </th>
              </tr>
            </thead>
            <tbody>
              {knee.bins.map((bin, i) => {
                const isKnee = knee.found && bin === knee.at;
                return (
                  <tr key={i} className={`border-t border-slate-100 dark:border-slate-800 ${isKnee ? "font-semibold" : ""}`}>
                    <th scope="row" className="px-2 py-0.5 text-left font-normal">
                      {formatNumber(bin.load)}
                      {isKnee && " (knee)"}
                    </th>
                    <td className="px-2 py-0.5">{formatValue(bin.p95, "ms")}</td>
                    <td className="px-2 py-0.5">{bin.buckets.length}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {knee.found && (
            <>
              <p className="mt-2 font-medium">Buckets at the knee</p>
              <BucketTable buckets={knee.at.buckets} zone={zone} caption="Buckets at the knee" />
            </>
          )}
        </details>
      )}
    </div>
  );
}

function CapacityForm({ form, action }: { form: CapacityFormState; action: string }) {
  const zones = COMMON_TIME_ZONES.includes(form.tz) ? COMMON_TIME_ZONES : [form.tz, ...COMMON_TIME_ZONES];
  const field = (name: "sloMs" | "maxErrorPct") =>
    form.errors[name] ? (
      <p id={`capacity-${name}-error`} className="field-error">
        {form.errors[name]}
      </p>
    ) : null;
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3" aria-label="Capacity limits">
      <div>
        <label htmlFor="capacity-sloMs" className="field-label">
          p95 SLO (ms)
        </label>
        <input
          id="capacity-sloMs"
          name="sloMs"
          type="number"
          min="1"
          step="any"
          inputMode="decimal"
          defaultValue={form.sloMs}
          className="field-input w-32"
          aria-invalid={Boolean(form.errors.sloMs)}
          aria-describedby={form.errors.sloMs ? "capacity-sloMs-error" : undefined}
        />
        {field("sloMs")}
      </div>
      <div>
        <label htmlFor="capacity-maxErrorPct" className="field-label">
          Max errors (%)
        </label>
        <input
          id="capacity-maxErrorPct"
          name="maxErrorPct"
          type="number"
          min="0"
          max="100"
          step="any"
          inputMode="decimal"
          defaultValue={form.maxErrorPct}
          className="field-input w-32"
          aria-invalid={Boolean(form.errors.maxErrorPct)}
          aria-describedby={form.errors.maxErrorPct ? "capacity-maxErrorPct-error" : undefined}
        />
        {field("maxErrorPct")}
      </div>
      <div>
        <label htmlFor="capacity-tz" className="field-label">
          Times in
        </label>
        <select
          id="capacity-tz"
          name="tz"
          defaultValue={form.tz}
          className="field-input"
          aria-invalid={Boolean(form.errors.tz)}
          aria-describedby={form.errors.tz ? "capacity-tz-error" : undefined}
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
        {form.errors.tz && (
          <p id="capacity-tz-error" className="field-error">
            {form.errors.tz}
          </p>
        )}
      </div>
      <button type="submit" className="btn-secondary">
        Estimate
      </button>
    </form>
  );
}

function LimitFindings({ estimate, zone }: { estimate: SeriesCapacity; zone: string }) {
  const { sloMs, maxErrorPct } = estimate.limits;
  if (estimate.limitNotReached)
    return (
      <p className="text-sm" data-testid="capacity-limit">
        No bucket broke these limits: the test never found the limit, so the figures above are lower bounds. Push the load further
        to find it.
      </p>
    );
  const slow = estimate.firstSlowBucket;
  const breach = estimate.firstErrorBreach;
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="capacity-limit">
      {slow && (
        <li>
          p95 went over {formatValue(sloMs, "ms")} in {estimate.slowBuckets} of {estimate.buckets.length} buckets, first at{" "}
          {formatTime(slow.t, zone)} ({formatValue(slow.p95, "ms")}, {formatValue(slow.rps, "req/s")}
          {slow.users !== null && `, ${formatValue(slow.users, "users")}`}).
        </li>
      )}
      {breach && (
        <li>
          Errors first went over {formatValue(maxErrorPct, "%")} across the {formatSpan(estimate.windowSeconds)} from{" "}
          {formatTime(breach.from, zone)} ({formatValue(breach.errorPct, "%")}).
        </li>
      )}
    </ul>
  );
}

/** The capacity estimate for the chosen limits, with the buckets behind every figure. */
export function CapacitySection({
  estimate,
  form,
  action,
  zone,
}: {
  estimate: CapacityEstimate;
  form: CapacityFormState;
  action: string;
  zone: string;
}) {
  const { sloMs, maxErrorPct } = estimate.limits;
  const limits = `p95 ≤ ${formatValue(sloMs, "ms")} and errors ≤ ${formatValue(maxErrorPct, "%")}`;
  return (
    <section aria-labelledby="capacity-heading" className="card space-y-4">
      <div>
        <h2 id="capacity-heading" className="text-lg font-semibold">
          Capacity
        </h2>
        <p className={`text-sm ${muted}`}>The highest load this run held while {limits}.</p>
      </div>
      <CapacityForm form={form} action={action} />

      {estimate.basis === "totals" ? (
        <div className="space-y-2" data-testid="capacity-totals">
          <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950/40">
            {estimate.reason}
          </p>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
            <dt className={muted}>Average throughput</dt>
            <dd>{formatValue(estimate.throughput, "req/s")}</dd>
            <dt className={muted}>p95 over the run</dt>
            <dd>{formatValue(estimate.p95, "ms")}</dd>
            <dt className={muted}>Errors over the run</dt>
            <dd>{formatValue(estimate.errorPct, "%")}</dd>
            <dt className={muted}>Peak users</dt>
            <dd>{formatValue(estimate.peakUsers, "count")}</dd>
          </dl>
          <p className="text-sm">
            {estimate.withinLimits === null
              ? "Whether the run as a whole met these limits cannot be told from what the tool reported."
              : estimate.withinLimits
                ? `Over the whole run, the figures meet ${limits}.`
                : `Over the whole run, the figures do not meet ${limits}.`}
          </p>
          <ul className={`list-disc pl-5 text-sm ${muted}`}>
            {estimate.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      ) : (
        <div className="space-y-3" data-testid="capacity-series">
          <div className="grid gap-3 md:grid-cols-2">
            {estimate.highestRate ? (
              <WindowResult
                title="Highest sustained rate"
                window={estimate.highestRate}
                kind="rps"
                zone={zone}
                lowerBound={estimate.limitNotReached}
              />
            ) : (
              <div className="rounded border border-red-300 bg-red-50 p-3 text-sm dark:border-red-800 dark:bg-red-950/40">
                <h3 className="text-sm font-semibold uppercase text-slate-500">Highest sustained rate</h3>
                <p>
                  None: no {estimate.windowBuckets} buckets in a row ({formatSpan(estimate.windowSeconds)}) stayed within {limits}
                  .
                </p>
              </div>
            )}
            {estimate.highestConcurrency ? (
              <WindowResult
                title="Highest sustained concurrency"
                window={estimate.highestConcurrency}
                kind="users"
                zone={zone}
                lowerBound={estimate.limitNotReached}
              />
            ) : (
              <div className="rounded border border-slate-200 p-3 text-sm dark:border-slate-700">
                <h3 className="text-sm font-semibold uppercase text-slate-500">Highest sustained concurrency</h3>
                <p>
                  {estimate.usersKnown
                    ? `None held for ${formatSpan(estimate.windowSeconds)} within ${limits}.`
                    : "Users not recorded by the tool."}
                </p>
              </div>
            )}
          </div>
          <LimitFindings estimate={estimate} zone={zone} />
          <div className="grid gap-3 md:grid-cols-2">
            <KneeResult knee={estimate.kneeByRate} zone={zone} />
            {estimate.kneeByUsers && <KneeResult knee={estimate.kneeByUsers} zone={zone} />}
          </div>
          <details className="text-sm">
            <summary className={`cursor-pointer ${muted}`}>How this is worked out</summary>
            <ul className={`mt-2 list-disc space-y-1 pl-5 ${muted}`}>
              <li>
                Each {formatSpan(estimate.bucketSeconds)} bucket gives a rate (requests ÷ {formatSpan(estimate.bucketSeconds)}),
                its p95 and its error rate. A level is sustained when every one of at least {estimate.windowBuckets} buckets in a
                row ({formatSpan(estimate.windowSeconds)}; always at least {MIN_SUSTAIN_SECONDS} s and {MIN_SUSTAIN_BUCKETS}{" "}
                buckets) stays within the limits; the level is the lowest rate (or user count) among them.
              </li>
              {estimate.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </details>
        </div>
      )}
    </section>
  );
}
