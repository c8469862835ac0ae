/**
 * Gatling's report statistics: `js/stats.json` (a GROUP tree: `stats` of the whole run and `contents`
 * of requests and groups) or `js/global_stats.json` (the whole run's `stats` alone). Each figure is
 * `{total, ok, ko}`; the `total` value is stored, and Gatling writes "-" where it has no value.
 *
 * - percentiles1..4 are the percentiles configured in gatling.conf (charting.indicators.percentile1..4),
 *   50/75/95/99 unless changed; the file does not say, so they are read as p50/p75/p95/p99.
 * - Requests are labelled by their path ("group / request" inside groups). Group entries hold group
 *   timings, not requests, so they are not label rows (as in Gatling's own global statistics).
 * - "<request> Redirect <n>" rows name their request as parent.
 */
import {
  emptyStatistics,
  type FileHead,
  type ImportContext,
  type ImportFile,
  type LabelStatistics,
  type LoadTestImporter,
  type ParsedRun,
} from "@/lib/loadtests/types";
import {
  isJsonObjectMatching,
  linkSubResults,
  readOneJsonSummary,
  summaryRun,
  type JsonFields,
} from "@/lib/loadtests/formats/summary-json";

export const gatlingStatsImporter: LoadTestImporter = {
  id: "gatling-stats",
  tool: "gatling",
  title: "Gatling report js/stats.json or js/global_stats.json",
  hint: "upload results/<simulation>-<timestamp>/js/stats.json from the Gatling HTML report",
  detect(files: FileHead[]): boolean {
    return files.length === 1 && looksLikeGatlingStats(files[0].text);
  },
  parse: parseGatlingStats,
};

function looksLikeGatlingStats(text: string): boolean {
  return isJsonObjectMatching(text, [/"numberOfRequests"\s*:/, /"meanNumberOfRequestsPerSecond"\s*:/, /"percentiles1"\s*:/]);
}

const PERCENTILES = [
  ["percentiles1", "p50", "50th"],
  ["percentiles2", "p75", "75th"],
  ["percentiles3", "p95", "95th"],
  ["percentiles4", "p99", "99th"],
] as const;

async function parseGatlingStats(files: ImportFile[], ctx: ImportContext): Promise<ParsedRun> {
  const { fields, root } = await readOneJsonSummary(
    files,
    ctx.progress,
    "a Gatling statistics import takes one file (js/stats.json)",
  );
  // stats.json wraps the run's figures in `stats`; global_stats.json is those figures alone.
  const isTree = root.stats !== undefined;
  const source = isTree ? "js/stats.json" : "js/global_stats.json";
  const total = statistics(fields, isTree ? fields.object(root.stats, "stats") : root, "Total", true, isTree ? "stats" : "");
  total.sources = sources(source);

  const labels: LabelStatistics[] = [];
  const groups: string[] = [];
  const walk = (contents: unknown, path: string) => {
    if (contents === undefined) return;
    const entries = fields.object(contents, path);
    for (const key of Object.keys(entries)) {
      const where = `${path}.${key}`;
      const entry = fields.object(entries[key], where);
      const name = typeof entry.path === "string" && entry.path !== "" ? entry.path : String(entry.name ?? key);
      if (entry.type === "GROUP") {
        groups.push(name);
        walk(entry.contents, `${where}.contents`);
      } else {
        const s = statistics(fields, fields.object(entry.stats, `${where}.stats`), name, false, `${where}.stats`);
        s.sources = sources(source);
        labels.push(s);
      }
    }
  };
  if (isTree) walk(root.contents, "contents");

  // Gatling names the requests a redirect led to "<request> Redirect <n>".
  linkSubResults(labels, /^(.+) Redirect \d+$/);

  const environment: Record<string, string> = {};
  const statsObject = isTree ? fields.object(root.stats, "stats") : root;
  const bands = ["group1", "group2", "group3", "group4"]
    .map((g) => statsObject[g])
    .filter((g): g is Record<string, unknown> => g !== null && typeof g === "object")
    .map((g) => `${String(g.name)}: ${String(g.count)} (${String(g.percentage)} %)`);
  if (bands.length) environment["Response time bands (Gatling)"] = bands.join(", ");
  if (groups.length)
    environment["Groups"] = groups.slice(0, 20).join(", ") + (groups.length > 20 ? ` and ${groups.length - 20} more` : "");

  ctx.progress.rows(labels.length + 1);
  return summaryRun({
    tool: "gatling",
    format: gatlingStatsImporter.id,
    environment,
    labels,
    total,
    rowsRead: labels.length + 1,
  });
}

function sources(file: string): Record<string, string> {
  const s: Record<string, string> = {
    "*": `reported by Gatling (${file})`,
    errors: "numberOfRequests.ko",
    throughput: "meanNumberOfRequestsPerSecond",
  };
  for (const [key, field, nth] of PERCENTILES) {
    s[field] =
      `${key}, read as the ${nth} percentile (Gatling's default; the file does not say which percentiles were configured)`;
  }
  return s;
}

function statistics(
  fields: JsonFields,
  stats: Record<string, unknown>,
  label: string,
  isTotal: boolean,
  path: string,
): LabelStatistics {
  const at = (name: string) => (path ? `${path}.${name}` : name);
  /** The `total` of a {total, ok, ko} figure: a number, a number as text (older Gatling), or "-" for none. */
  const figure = (name: string): number | null => {
    const v = stats[name];
    if (v === undefined || v === null) return null;
    const t = fields.object(v, at(name)).total;
    if (t === undefined || t === null || t === "-") return null;
    const n = typeof t === "number" ? t : typeof t === "string" && t.trim() !== "" ? Number(t) : NaN;
    if (!Number.isFinite(n)) fields.fail(`${JSON.stringify(t).slice(0, 40)} is not a number.`, `${at(name)}.total`);
    return n;
  };
  const requests = (part: "total" | "ko"): number => {
    const v = fields.object(stats.numberOfRequests, at("numberOfRequests"))[part];
    const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v === "-" ? 0 : NaN;
    if (!Number.isInteger(n) || n < 0) fields.fail(`${JSON.stringify(v)} is not a whole count.`, at(`numberOfRequests.${part}`));
    return n;
  };
  const s = emptyStatistics(label, isTotal);
  s.count = requests("total");
  s.errors = requests("ko");
  if (s.errors > s.count)
    fields.fail(`${s.errors} failed requests is more than the ${s.count} requests.`, at("numberOfRequests.ko"));
  s.min = figure("minResponseTime");
  s.max = figure("maxResponseTime");
  s.mean = figure("meanResponseTime");
  s.stddev = figure("standardDeviation");
  for (const [key, field] of PERCENTILES) s[field] = figure(key);
  s.throughput = figure("meanNumberOfRequestsPerSecond");
  return s;
}
