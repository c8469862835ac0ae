/**
 * k6's end-of-test summaries, two JSON shapes:
 * - `--summary-export=summary.json` (legacy export): metrics are flat (`{"avg": .., "p(95)": ..}`) and
 *   each threshold maps to a "failed" flag (`{"p(95)<500": false}` means it passed).
 * - `handleSummary(data)` written as JSON: metrics carry `type`, `contains` and `values`, thresholds map
 *   to `{"ok": true}`, plus `options`, `state.testRunDurationMs` and `setup_data`. setup_data is what
 *   the script's setup() returned (tokens, passwords...): it is never read, so nothing of it is kept.
 *
 * Figures: http_reqs count/rate → count/throughput; http_req_failed → errors (a Rate metric: its
 * "passes" are the requests that failed); http_req_duration avg/min/med/max/p(N) → mean/min/p50/max/
 * percentiles (only those in the summary's trend stats); data_received/data_sent → bytes. Submetrics
 * tagged by request (`http_req_duration{name:login}`, `http_reqs{name:login}`...) become label rows;
 * the built-in `{expected_response:true}` submetric is a filter of the total, not a label.
 */
import {
  emptyStatistics,
  type FileHead,
  type ImportContext,
  type ImportFile,
  type LabelStatistics,
  type LoadTestImporter,
  type ParsedRun,
  type ThresholdResult,
} from "@/lib/loadtests/types";
import {
  readOneJsonSummary,
  standardPercentileKey,
  summaryRun,
  twoDecimals,
  type JsonFields,
} from "@/lib/loadtests/formats/summary-json";

const MAX_LISTED_CHECKS = 20;

type Shape = "summary-export" | "handle-summary";

export const k6SummaryExportImporter: LoadTestImporter = {
  id: "k6-summary-export",
  tool: "k6",
  title: "k6 summary export (--summary-export)",
  hint: "k6 run --summary-export=summary.json script.js",
  detect(files: FileHead[]): boolean {
    return files.length === 1 && detectShape(files[0].text) === "summary-export";
  },
  parse: (files, ctx) => parseK6Summary(files, ctx, "summary-export"),
};

export const k6HandleSummaryImporter: LoadTestImporter = {
  id: "k6-handle-summary",
  tool: "k6",
  title: "k6 handleSummary() data as JSON",
  hint: "export function handleSummary(data) { return { 'summary.json': JSON.stringify(data) }; }",
  detect(files: FileHead[]): boolean {
    return files.length === 1 && detectShape(files[0].text) === "handle-summary";
  },
  parse: (files, ctx) => parseK6Summary(files, ctx, "handle-summary"),
};

/** A built-in metric written flat, as --summary-export does (key order varies: k6 writes Go maps). */
const BUILT_IN_FLAT = new RegExp(
  [
    /"(http_reqs|iterations|data_received|data_sent)"\s*:\s*\{\s*"(count|rate)"/,
    /"(http_req_duration|iteration_duration|http_req_waiting)"\s*:\s*\{\s*"(avg|min|med|max|count|p\([\d.]+\))"/,
    /"(vus|vus_max)"\s*:\s*\{\s*"(value|min|max)"/,
    /"(checks|http_req_failed)"\s*:\s*\{\s*"(passes|fails|value)"/,
  ]
    .map((r) => r.source)
    .join("|"),
);

function detectShape(text: string): Shape | null {
  if (!/^\s*\{/.test(text) || !/"metrics"\s*:\s*\{/.test(text)) return null;
  // k6's --out json stream (one object a line) is another importer's.
  if (/"type"\s*:\s*"(Metric|Point)"/.test(text)) return null;
  const typed =
    /"type"\s*:\s*"(trend|counter|rate|gauge)"/.test(text) &&
    /"contains"\s*:\s*"(default|time|data)"/.test(text) &&
    /"values"\s*:\s*\{/.test(text);
  if (typed || /"testRunDurationMs"\s*:/.test(text)) return "handle-summary";
  return BUILT_IN_FLAT.test(text) ? "summary-export" : null;
}

/** One metric in either shape: its figures and its thresholds. */
type Metric = { values: Record<string, number>; thresholds: ThresholdResult[] };

async function parseK6Summary(files: ImportFile[], ctx: ImportContext, shape: Shape): Promise<ParsedRun> {
  const { fields, root } = await readOneJsonSummary(files, ctx.progress, "a k6 summary import takes one JSON file");
  const rawMetrics = fields.object(root.metrics, "metrics");
  const metrics = new Map<string, Metric>();
  for (const name of Object.keys(rawMetrics)) metrics.set(name, readMetric(fields, rawMetrics[name], name, shape));
  const sourceText = shape === "summary-export" ? "k6 (--summary-export)" : "k6 (handleSummary data)";
  const importer = shape === "summary-export" ? k6SummaryExportImporter : k6HandleSummaryImporter;

  const warnings: string[] = [];
  const requests = metrics.get("http_reqs");
  const duration = metrics.get("http_req_duration");
  if (!requests && !duration) {
    fields.fail("there is no http_reqs or http_req_duration metric; only HTTP test summaries can be imported.", "metrics");
  }
  const total = statistics(fields, metrics, "Total", true, "", sourceText, warnings);

  const labels: LabelStatistics[] = [];
  for (const [tags, label] of taggedLabels(metrics)) {
    labels.push(statistics(fields, metrics, label, false, tags, sourceText, warnings));
  }

  const thresholds: ThresholdResult[] = [];
  for (const metric of metrics.values()) thresholds.push(...metric.thresholds);

  const environment: Record<string, string> = {};
  const state = root.state !== undefined && shape === "handle-summary" ? fields.object(root.state, "state") : {};
  const runMs = fields.number(state, "testRunDurationMs", "state.testRunDurationMs");
  if (runMs !== null) environment["Test run duration"] = `${twoDecimals(runMs / 1000)} s`;
  const vus = metrics.get("vus")?.values;
  if (vus) environment["VUs"] = `min ${vus.min ?? "?"}, max ${vus.max ?? "?"} (at the end: ${vus.value ?? "?"})`;
  const vusMax = metrics.get("vus_max")?.values;
  if (vusMax?.value !== undefined) environment["VUs allocated (vus_max)"] = String(vusMax.value);
  const iterations = metrics.get("iterations")?.values;
  if (iterations?.count !== undefined) {
    environment["Iterations"] =
      `${iterations.count}${iterations.rate !== undefined ? ` (${twoDecimals(iterations.rate)}/s)` : ""}`;
  }
  const dropped = metrics.get("dropped_iterations")?.values;
  if (dropped?.count) environment["Dropped iterations"] = String(dropped.count);
  const checks = metrics.get("checks")?.values;
  if (checks?.passes !== undefined && checks.fails !== undefined) {
    const all = checks.passes + checks.fails;
    environment["Checks"] =
      `${checks.passes} passed, ${checks.fails} failed${all ? ` (${twoDecimals((checks.passes / all) * 100)} % passed)` : ""}`;
  }
  const checkLines = root.root_group === undefined ? [] : groupChecks(fields, root.root_group, "root_group");
  for (const line of checkLines.slice(0, MAX_LISTED_CHECKS)) environment[`Check "${line.name}"`] = line.result;
  if (checkLines.length > MAX_LISTED_CHECKS) environment["More checks"] = `${checkLines.length - MAX_LISTED_CHECKS} not listed`;
  if (shape === "handle-summary" && root.options !== undefined) {
    const options = fields.object(root.options, "options");
    if (Array.isArray(options.summaryTrendStats))
      environment["Summary trend stats"] = options.summaryTrendStats.map(String).join(", ");
  }

  ctx.progress.rows(metrics.size);
  return summaryRun({
    tool: "k6",
    format: importer.id,
    environment,
    labels,
    total,
    thresholds,
    warnings,
    rowsRead: metrics.size,
  });
}

function readMetric(fields: JsonFields, raw: unknown, name: string, shape: Shape): Metric {
  const path = `metrics.${name}`;
  const metric = fields.object(raw, path);
  const values: Record<string, number> = {};
  const thresholds: ThresholdResult[] = [];
  const figures = shape === "handle-summary" ? fields.object(metric.values ?? {}, `${path}.values`) : metric;
  for (const key of Object.keys(figures)) {
    if (shape === "summary-export" && key === "thresholds") continue;
    const v = fields.number(figures, key, `${path}.${key}`);
    if (v !== null) values[key] = v;
  }
  if (metric.thresholds !== undefined) {
    const raw = fields.object(metric.thresholds, `${path}.thresholds`);
    for (const source of Object.keys(raw)) {
      const where = `${path}.thresholds.${source}`;
      let passed: boolean;
      if (shape === "summary-export") {
        // The legacy export stores whether the threshold failed.
        if (typeof raw[source] !== "boolean") fields.fail("a threshold's value is not true or false.", where);
        passed = raw[source] === false;
      } else {
        const ok = fields.object(raw[source], where).ok;
        if (typeof ok !== "boolean") fields.fail('a threshold has no "ok" flag.', `${where}.ok`);
        passed = ok;
      }
      const stat = /^\s*([a-z]+(?:\([\d.]+\))?)\s*[<>=!]/.exec(source)?.[1];
      const actual = stat === undefined ? undefined : stat === "rate" ? (values.rate ?? values.value) : values[stat];
      thresholds.push({
        name: `${name}: ${source}`,
        passed,
        ...(actual !== undefined ? { detail: `${stat}=${twoDecimals(actual)}` } : {}),
      });
    }
  }
  return { values, thresholds };
}

/**
 * Request-level submetrics: `http_req_duration{name:login}` and the like. The label is the `name`
 * tag's value, else the tags as written ("method:GET, status:500").
 */
function taggedLabels(metrics: Map<string, Metric>): Map<string, string> {
  const labels = new Map<string, string>();
  for (const name of metrics.keys()) {
    const match = /^(http_req_duration|http_reqs|http_req_failed)\{(.+)\}$/.exec(name);
    if (!match) continue;
    const tags = match[2]
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
    if (tags.every((t) => t.startsWith("expected_response:"))) continue;
    const nameTag = tags.find((t) => t.startsWith("name:"));
    const rest = tags.filter((t) => t !== nameTag);
    const label = [nameTag?.slice("name:".length), ...rest].filter(Boolean).join(", ");
    if (!labels.has(match[2])) labels.set(match[2], label);
  }
  return labels;
}

function statistics(
  fields: JsonFields,
  metrics: Map<string, Metric>,
  label: string,
  isTotal: boolean,
  tags: string,
  sourceText: string,
  warnings: string[],
): LabelStatistics {
  const suffix = tags ? `{${tags}}` : "";
  const requests = metrics.get(`http_reqs${suffix}`)?.values;
  const failed = metrics.get(`http_req_failed${suffix}`)?.values;
  const duration = metrics.get(`http_req_duration${suffix}`)?.values;
  const s = emptyStatistics(label, isTotal);
  s.sources = { "*": `reported by ${sourceText}` };

  const failedTotal = failed?.passes !== undefined && failed.fails !== undefined ? failed.passes + failed.fails : undefined;
  const count = requests?.count ?? duration?.count ?? failedTotal;
  if (count === undefined) {
    warnings.push(`k6 reported no request count for "${label}" (no http_reqs${suffix}); its count is shown as 0.`);
    s.sources.count = "not reported";
  } else {
    if (!Number.isInteger(count) || count < 0) fields.fail(`${count} is not a whole count.`, `metrics.http_reqs${suffix}.count`);
    s.count = count;
    s.sources.count =
      requests?.count !== undefined
        ? `http_reqs${suffix} count`
        : duration?.count !== undefined
          ? `http_req_duration${suffix} count`
          : `http_req_failed${suffix} passes + fails`;
  }
  if (failed?.passes !== undefined) {
    s.errors = failed.passes;
    s.sources.errors = `http_req_failed${suffix} passes (requests that failed)`;
  } else {
    s.sources.errors = `not reported (no http_req_failed${suffix})`;
    if (isTotal)
      warnings.push(
        "k6 reported no http_req_failed metric (k6 before v0.31, or removed from the summary); errors are shown as 0.",
      );
  }
  if (s.errors > s.count && count !== undefined) {
    fields.fail(`${s.errors} failed requests is more than the ${s.count} requests.`, `metrics.http_req_failed${suffix}.passes`);
  }
  if (duration) {
    s.mean = duration.avg ?? null;
    s.min = duration.min ?? null;
    s.max = duration.max ?? null;
    s.p50 = duration.med ?? duration["p(50)"] ?? null;
    for (const [key, v] of Object.entries(duration)) {
      const percent = /^p\(([\d.]+)\)$/.exec(key)?.[1];
      if (percent === undefined || Number(percent) === 50) continue;
      const standard = standardPercentileKey(Number(percent));
      if (standard) s[standard] = v;
      else s.otherPercentiles[String(Number(percent))] = v;
    }
    s.sources.p50 = `http_req_duration${suffix} med`;
  }
  s.throughput = requests?.rate ?? null;
  if (isTotal) {
    s.receivedBytes = metrics.get("data_received")?.values.count ?? null;
    s.sentBytes = metrics.get("data_sent")?.values.count ?? null;
  }
  return s;
}

/** Checks of the root group and its subgroups; `groups`/`checks` are lists in handleSummary data, maps in the export. */
function groupChecks(fields: JsonFields, raw: unknown, path: string): { name: string; result: string }[] {
  const group = fields.object(raw, path);
  const listOf = (v: unknown): unknown[] =>
    Array.isArray(v) ? v : v !== null && typeof v === "object" ? Object.values(v as Record<string, unknown>) : [];
  const out: { name: string; result: string }[] = [];
  for (const [i, c] of listOf(group.checks).entries()) {
    const check = fields.object(c, `${path}.checks[${i}]`);
    const passes = fields.count(check, "passes", `${path}.checks[${i}].passes`) ?? 0;
    const fails = fields.count(check, "fails", `${path}.checks[${i}].fails`) ?? 0;
    const name =
      typeof check.path === "string" && check.path.replace(/^::/, "") ? check.path.replace(/^::/, "") : String(check.name);
    out.push({ name, result: `${passes} passed, ${fails} failed` });
  }
  for (const [i, g] of listOf(group.groups).entries()) out.push(...groupChecks(fields, g, `${path}.groups[${i}]`));
  return out;
}
