/**
 * Artillery 2's JSON report (`artillery run --output report.json`): `aggregate` and one `intermediate`
 * entry per reporting period (10 s by default), each with `counters`, `rates` and `summaries`
 * (min/max/count/mean/p50/median/p75/p90/p95/p99/p999 of a histogram).
 *
 * - count: `http.requests`, requests Artillery sent (responses may be fewer: requests that timed out
 *   or failed on the network have none).
 * - errors: the sum of the `errors.*` counters (ETIMEDOUT, ECONNRESET...), which is what Artillery
 *   calls errors. Responses with an HTTP 4xx/5xx status are responses to Artillery, so they are not
 *   added; their number is named in sources, the environment and a warning.
 * - latency: `summaries["http.response_time"]`, over responses.
 * - per-label rows: the metrics-by-endpoint plugin's `plugins.metrics-by-endpoint.response_time.<name>`
 *   summaries, with count = that endpoint's `codes.*` + `errors.*` counters.
 * - series: one point per intermediate period. Artillery reports no active-user gauge, so users at
 *   the end of a period = VUs created − completed − failed so far.
 */
import {
  emptyStatistics,
  type FileHead,
  type ImportContext,
  type ImportFile,
  type LabelStatistics,
  type LoadProfilePoint,
  type LoadTestImporter,
  type ParsedRun,
  type SeriesPoint,
} from "@/lib/loadtests/types";
import { isJsonObjectMatching, readOneJsonSummary, summaryRun, type JsonFields } from "@/lib/loadtests/formats/summary-json";

const RESPONSE_TIME = "http.response_time";
const ENDPOINT_PREFIX = "plugins.metrics-by-endpoint.";
const ENDPOINT_RESPONSE_TIME = "plugins.metrics-by-endpoint.response_time.";
/** Keeps the environment text short when a run hit many distinct errors or status codes. */
const MAX_LISTED = 20;

export const artilleryImporter: LoadTestImporter = {
  id: "artillery-json",
  tool: "artillery",
  title: "Artillery JSON report (Artillery 2)",
  hint: "artillery run --output report.json script.yml",
  detect(files: FileHead[]): boolean {
    return files.length === 1 && looksLikeArtilleryReport(files[0].text);
  },
  parse: parseArtillery,
};

function looksLikeArtilleryReport(text: string): boolean {
  return isJsonObjectMatching(text, [
    /"aggregate"\s*:\s*\{/,
    /"counters"\s*:\s*\{/,
    /"(vusers\.created|http\.requests|vusers\.completed)"\s*:/,
  ]);
}

type Counters = Record<string, number>;
type Summary = Record<string, number | null>;

async function parseArtillery(files: ImportFile[], ctx: ImportContext): Promise<ParsedRun> {
  const summary = await readOneJsonSummary(files, ctx.progress, "an Artillery import takes one JSON report");
  const fields: JsonFields = summary.fields;
  const root = summary.root;
  const aggregate = fields.object(root.aggregate, "aggregate");
  const intermediate = root.intermediate === undefined ? [] : root.intermediate;
  if (!Array.isArray(intermediate)) fields.fail("intermediate is not a list of periods.", "intermediate");

  const counters = readCounters(fields, aggregate, "aggregate");
  const summaries = readSummaries(fields, aggregate, "aggregate");
  const rates = aggregate.rates === undefined ? {} : fields.object(aggregate.rates, "aggregate.rates");
  const requests = counters["http.requests"];
  if (requests === undefined) {
    fields.fail("the report has no http.requests counter; only HTTP test reports can be imported.", "aggregate.counters");
  }
  if (!Number.isInteger(requests) || requests < 0) {
    fields.fail(`${requests} is not a whole count.`, "aggregate.counters.http.requests");
  }

  const warnings: string[] = [];
  const total = statistics("Total", true, requests, sumErrors(counters, "errors."), summaries[RESPONSE_TIME]);
  total.throughput = fields.number(rates, "http.request_rate", "aggregate.rates.http.request_rate");
  total.receivedBytes = counters["http.downloaded_bytes"] ?? null;
  const httpErrorResponses = sumHttpErrorCodes(counters, "http.codes.");
  total.sources = {
    "*": "reported by Artillery (JSON report, aggregate)",
    count: "http.requests: requests sent",
    errors: `sum of the errors.* counters, as Artillery counts errors${notIncluded(httpErrorResponses)}`,
    throughput: "rates.http.request_rate",
    receivedBytes: "http.downloaded_bytes",
  };
  if (httpErrorResponses > 0) {
    warnings.push(
      `${httpErrorResponses} responses had an HTTP 4xx/5xx status; Artillery does not count them as errors, so the error figure leaves them out (see "HTTP status codes").`,
    );
  }

  const labels = endpointLabels(counters, summaries);

  // Periods in time order, so the running count of active VUs adds up in order.
  const periods = intermediate
    .map((entry, i) => {
      const where = `intermediate[${i}]`;
      const period = fields.object(entry, where);
      return { where, period, t: periodStart(fields, period, where) };
    })
    .sort((a, b) => a.t - b.t);
  const series: SeriesPoint[] = [];
  const loadProfile: LoadProfilePoint[] = [];
  let vusersActive = 0;
  for (const [i, { where, period, t }] of periods.entries()) {
    const periodCounters = readCounters(fields, period, where);
    const responseTime = readSummaries(fields, period, where)[RESPONSE_TIME];
    vusersActive +=
      (periodCounters["vusers.created"] ?? 0) -
      (periodCounters["vusers.completed"] ?? 0) -
      (periodCounters["vusers.failed"] ?? 0);
    const users = Math.max(0, vusersActive);
    series.push({
      t,
      requests: periodCounters["http.requests"] ?? 0,
      errors: sumErrors(periodCounters, "errors."),
      mean: responseTime?.mean ?? null,
      p50: responseTime?.p50 ?? responseTime?.median ?? null,
      p90: responseTime?.p90 ?? null,
      p95: responseTime?.p95 ?? null,
      p99: responseTime?.p99 ?? null,
      users,
    });
    loadProfile.push({ t, users });
    if (i % 100 === 99) await ctx.progress.tick();
  }

  const environment: Record<string, string> = {};
  const listed = (prefix: string) =>
    Object.entries(counters)
      .filter(([k]) => k.startsWith(prefix))
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k.slice(prefix.length)}: ${n}`);
  const put = (key: string, items: string[]) => {
    if (items.length) environment[key] = joinLimited(items);
  };
  const vusers = ["created", "completed", "failed"]
    .filter((k) => counters[`vusers.${k}`] !== undefined)
    .map((k) => `${k} ${counters[`vusers.${k}`]}`);
  put("Virtual users", vusers);
  put("Scenarios (VUs created)", listed("vusers.created_by_name."));
  if (counters["http.responses"] !== undefined) environment["HTTP responses"] = String(counters["http.responses"]);
  put("HTTP status codes", listed("http.codes."));
  put("Errors", listed("errors."));
  if (intermediate.length) environment["Reporting periods"] = String(intermediate.length);

  const startedAt =
    fields.time(aggregate, "firstMetricAt", "aggregate.firstMetricAt") ??
    fields.time(aggregate, "firstCounterAt", "aggregate.firstCounterAt");
  const endedAt =
    fields.time(aggregate, "lastMetricAt", "aggregate.lastMetricAt") ??
    fields.time(aggregate, "lastCounterAt", "aggregate.lastCounterAt");
  ctx.progress.rows(1 + intermediate.length);
  return summaryRun({
    tool: "artillery",
    format: artilleryImporter.id,
    startedAt,
    endedAt,
    environment,
    labels,
    total,
    bucketSeconds: series.length ? periodSeconds(series) : null,
    series,
    loadProfile,
    warnings,
    rowsRead: 1 + intermediate.length,
  });
}

function statistics(
  label: string,
  isTotal: boolean,
  count: number,
  errors: number,
  summary: Summary | undefined,
): LabelStatistics {
  const s = emptyStatistics(label, isTotal);
  s.count = count;
  s.errors = errors;
  if (summary) {
    s.min = summary.min ?? null;
    s.max = summary.max ?? null;
    s.mean = summary.mean ?? null;
    s.p50 = summary.p50 ?? summary.median ?? null;
    s.p75 = summary.p75 ?? null;
    s.p90 = summary.p90 ?? null;
    s.p95 = summary.p95 ?? null;
    s.p99 = summary.p99 ?? null;
    s.p999 = summary.p999 ?? null;
  }
  return s;
}

/**
 * Endpoint names may contain dots (`/v1.2/tasks`), so counters are matched against the names known
 * from the response-time summaries first; an endpoint that never answered is recognised by shape.
 */
function endpointLabels(counters: Counters, summaries: Record<string, Summary>): LabelStatistics[] {
  const names = Object.keys(summaries)
    .filter((k) => k.startsWith(ENDPOINT_RESPONSE_TIME))
    .map((k) => k.slice(ENDPOINT_RESPONSE_TIME.length));
  const byLength = [...names].sort((a, b) => b.length - a.length);
  const tallies = new Map<string, { responses: number; errors: number; httpErrors: number }>();
  for (const name of names) tallies.set(name, { responses: 0, errors: 0, httpErrors: 0 });
  for (const [key, n] of Object.entries(counters)) {
    if (!key.startsWith(ENDPOINT_PREFIX) || key.startsWith(ENDPOINT_RESPONSE_TIME)) continue;
    const rest = key.slice(ENDPOINT_PREFIX.length);
    let name = byLength.find((e) => rest.startsWith(`${e}.codes.`) || rest.startsWith(`${e}.errors.`));
    if (name === undefined) {
      const match = /^(.+?)\.(codes|errors)\./.exec(rest);
      if (!match) continue;
      name = match[1];
      names.push(name);
      tallies.set(name, { responses: 0, errors: 0, httpErrors: 0 });
    }
    const kind = rest.slice(name.length + 1);
    const tally = tallies.get(name)!;
    if (kind.startsWith("codes.")) {
      tally.responses += n;
      if (/^[45]\d\d$/.test(kind.slice("codes.".length))) tally.httpErrors += n;
    } else tally.errors += n;
  }
  return names.map((name) => {
    const tally = tallies.get(name)!;
    const s = statistics(name, false, tally.responses + tally.errors, tally.errors, summaries[ENDPOINT_RESPONSE_TIME + name]);
    s.sources = {
      "*": "reported by Artillery's metrics-by-endpoint plugin (JSON report, aggregate)",
      count: "the endpoint's codes.* (responses) plus errors.* counters",
      errors: `the endpoint's errors.* counters${notIncluded(tally.httpErrors)}`,
    };
    return s;
  });
}

function notIncluded(httpErrorResponses: number): string {
  return httpErrorResponses > 0 ? `; ${httpErrorResponses} responses with an HTTP 4xx/5xx status are not included` : "";
}

function sumErrors(counters: Counters, prefix: string): number {
  let sum = 0;
  for (const [k, n] of Object.entries(counters)) if (k.startsWith(prefix)) sum += n;
  return sum;
}

function sumHttpErrorCodes(counters: Counters, prefix: string): number {
  let sum = 0;
  for (const [k, n] of Object.entries(counters)) if (k.startsWith(prefix) && /^[45]\d\d$/.test(k.slice(prefix.length))) sum += n;
  return sum;
}

function readCounters(fields: JsonFields, o: Record<string, unknown>, where: string): Counters {
  if (o.counters === undefined) return {};
  const raw = fields.object(o.counters, `${where}.counters`);
  const counters: Counters = {};
  for (const key of Object.keys(raw)) {
    const n = fields.number(raw, key, `${where}.counters.${key}`);
    if (n !== null) counters[key] = n;
  }
  return counters;
}

/** `summaries` in Artillery 2 reports; the older `histograms` key holds the same figures. */
function readSummaries(fields: JsonFields, o: Record<string, unknown>, where: string): Record<string, Summary> {
  const key = o.summaries !== undefined ? "summaries" : o.histograms !== undefined ? "histograms" : null;
  if (key === null) return {};
  const raw = fields.object(o[key], `${where}.${key}`);
  const summaries: Record<string, Summary> = {};
  for (const name of Object.keys(raw)) {
    const path = `${where}.${key}.${name}`;
    const entry = fields.object(raw[name], path);
    const summary: Summary = {};
    for (const stat of ["min", "max", "count", "mean", "p50", "median", "p75", "p90", "p95", "p99", "p999"]) {
      summary[stat] = fields.number(entry, stat, `${path}.${stat}`);
    }
    summaries[name] = summary;
  }
  return summaries;
}

/** An intermediate's `period` is its start (epoch ms), a string in intermediates and a number in the aggregate. */
function periodStart(fields: JsonFields, period: Record<string, unknown>, where: string): number {
  const t = fields.time(period, "period", `${where}.period`) ?? fields.time(period, "firstMetricAt", `${where}.firstMetricAt`);
  if (t === null) fields.fail("the period has no start time.", `${where}.period`);
  return t.getTime();
}

/** The usual spacing of the periods (Artillery reports every 10 s unless configured otherwise). */
function periodSeconds(series: SeriesPoint[]): number {
  const gaps = new Map<number, number>();
  for (let i = 1; i < series.length; i++) {
    const gap = series[i].t - series[i - 1].t;
    if (gap > 0) gaps.set(gap, (gaps.get(gap) ?? 0) + 1);
  }
  let best = 10_000;
  let bestCount = 0;
  for (const [gap, n] of gaps) if (n > bestCount || (n === bestCount && gap < best)) [best, bestCount] = [gap, n];
  return best / 1000;
}

function joinLimited(items: string[]): string {
  return items.length > MAX_LISTED
    ? `${items.slice(0, MAX_LISTED).join(", ")} and ${items.length - MAX_LISTED} more`
    : items.join(", ");
}
