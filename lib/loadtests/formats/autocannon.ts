/**
 * autocannon's `--json` result: one JSON object with `latency`, `requests` (per-second samples) and
 * `throughput` (bytes per second) distributions, counters and the run's settings.
 *
 * Figures are stored as autocannon reported them: its latency percentiles come from an HDR histogram
 * of whole milliseconds (so p0.001 may read 0 below a min of 1), its mean is the histogram mean.
 * - count: `requests.sent`, the figure autocannon prints as "N requests in Xs" (requests.total counts
 *   completed responses, latency.totalCount the latencies recorded; both go to the environment).
 * - errors: autocannon's own `errors` (connection errors, timeouts included); responses with an HTTP
 *   error status are not errors to autocannon, so they are reported in the environment and warnings.
 */
import {
  emptyStatistics,
  type FileHead,
  type ImportContext,
  type ImportFile,
  type LoadTestImporter,
  type ParsedRun,
} from "@/lib/loadtests/types";
import {
  isJsonObjectMatching,
  readOneJsonSummary,
  standardPercentileKey,
  summaryRun,
  type JsonFields,
} from "@/lib/loadtests/formats/summary-json";

export const autocannonImporter: LoadTestImporter = {
  id: "autocannon-json",
  tool: "autocannon",
  title: "autocannon JSON (--json)",
  hint: "autocannon --json -c 10 -d 30 http://host/path > autocannon.json",
  detect(files: FileHead[]): boolean {
    return files.length === 1 && looksLikeAutocannonJson(files[0].text);
  },
  parse: parseAutocannon,
};

function looksLikeAutocannonJson(text: string): boolean {
  return isJsonObjectMatching(text, [
    /"latency"\s*:\s*\{/,
    /"requests"\s*:\s*\{/,
    /"throughput"\s*:\s*\{/,
    /"pipelining"\s*:/,
    /"non2xx"\s*:/,
  ]);
}

async function parseAutocannon(files: ImportFile[], ctx: ImportContext): Promise<ParsedRun> {
  const summary = await readOneJsonSummary(files, ctx.progress, "an autocannon import takes one --json result");
  const fields: JsonFields = summary.fields;
  const root = summary.root;
  const latency = fields.object(root.latency, "latency");
  const requests = fields.object(root.requests, "requests");
  const throughput = fields.object(root.throughput, "throughput");

  const sent = fields.count(requests, "sent", "requests.sent");
  const completed = fields.count(requests, "total", "requests.total");
  const count = sent ?? completed;
  if (count === null) fields.fail("neither requests.sent nor requests.total is present.", "requests.sent");
  const errors = fields.count(root, "errors", "errors") ?? 0;
  const timeouts = fields.count(root, "timeouts", "timeouts") ?? 0;
  const classes = ["1xx", "2xx", "3xx", "4xx", "5xx"].map((c) => [c, fields.count(root, c, c)] as const);
  const httpErrorResponses = classes.filter(([c]) => c === "4xx" || c === "5xx").reduce((sum, [, n]) => sum + (n ?? 0), 0);

  const total = emptyStatistics("Total", true);
  total.count = count;
  total.errors = errors;
  total.min = fields.number(latency, "min", "latency.min");
  total.max = fields.number(latency, "max", "latency.max");
  total.mean = fields.number(latency, "mean", "latency.mean") ?? fields.number(latency, "average", "latency.average");
  total.stddev = fields.number(latency, "stddev", "latency.stddev");
  for (const key of Object.keys(latency)) {
    const match = /^p(\d+(?:_\d+)?)$/.exec(key);
    if (!match) continue;
    const percent = match[1].replace("_", ".");
    const v = fields.number(latency, key, `latency.${key}`);
    if (v === null) continue;
    const standard = standardPercentileKey(Number(percent));
    if (standard) total[standard] = v;
    else total.otherPercentiles[percent] = v;
  }
  total.throughput = fields.number(requests, "average", "requests.average") ?? fields.number(requests, "mean", "requests.mean");
  total.receivedBytes = fields.number(throughput, "total", "throughput.total");
  total.sources = {
    "*": "reported by autocannon (--json)",
    count:
      sent !== null
        ? 'requests.sent: requests autocannon sent, the figure of its "N requests in Xs" line'
        : "requests.total: completed requests (this autocannon version reports no requests.sent)",
    errors: `autocannon's errors (connection errors and timeouts, ${timeouts} of them timeouts); responses with an HTTP error status are not counted`,
    throughput: "requests.average: autocannon's mean of its per-second request counts",
    receivedBytes: "throughput.total: response bytes autocannon read",
    p999: "latency.p99_9",
  };

  const environment: Record<string, string> = {};
  const scalarText = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : null);
  const put = (key: string, v: string | null) => {
    if (v !== null && v !== "") environment[key] = v;
  };
  put("URL", Array.isArray(root.url) ? root.url.map(String).join(", ") : scalarText(root.url));
  put("Title", scalarText(root.title));
  put("Connections", scalarText(root.connections));
  put("Pipelining", scalarText(root.pipelining));
  if (typeof root.workers === "number" && root.workers > 0) put("Workers", String(root.workers));
  put("Duration", typeof root.duration === "number" ? `${root.duration} s` : null);
  put("Completed requests (requests.total)", completed === null ? null : String(completed));
  put("Latencies recorded (latency.totalCount)", scalarText(latency.totalCount));
  put(
    "Responses by class",
    classes
      .filter(([, n]) => n !== null)
      .map(([c, n]) => `${c}: ${n}`)
      .join(", ") || null,
  );
  if (root.statusCodeStats && typeof root.statusCodeStats === "object") {
    const codes = Object.entries(root.statusCodeStats as Record<string, { count?: unknown }>)
      .map(([code, s]) => `${code}: ${typeof s?.count === "number" ? s.count : "?"}`)
      .join(", ");
    put("Status codes", codes || null);
  }
  put("Timeouts", String(timeouts));
  for (const key of ["mismatches", "resets"] as const) {
    const n = fields.count(root, key, key);
    if (n) put(key === "mismatches" ? "Body mismatches" : "Pipeline resets", String(n));
  }
  put(
    "Per-second samples",
    typeof root.samples === "number" ? `${root.samples} (every ${Number(root.sampleInt ?? 1000) / 1000} s)` : null,
  );
  if (root.warmup) put("Warm-up", "a warm-up ran first; its results are not included");

  const warnings: string[] = [];
  if (httpErrorResponses > 0) {
    warnings.push(
      `${httpErrorResponses} responses had an HTTP 4xx/5xx status; autocannon does not count them as errors, so the error figure leaves them out (see "Responses by class").`,
    );
  }

  const startedAt = fields.time(root, "start", "start");
  const endedAt = fields.time(root, "finish", "finish");
  const connections = typeof root.connections === "number" ? root.connections : null;
  ctx.progress.rows(1);
  return summaryRun({
    tool: "autocannon",
    format: autocannonImporter.id,
    suggestedName: scalarText(root.title) || null,
    startedAt,
    endedAt,
    environment,
    labels: [],
    total,
    // autocannon keeps its connections open for the whole run.
    loadProfile:
      connections !== null && startedAt && endedAt
        ? [
            { t: startedAt.getTime(), users: connections },
            { t: endedAt.getTime(), users: connections },
          ]
        : [],
    warnings,
    rowsRead: 1,
  });
}
