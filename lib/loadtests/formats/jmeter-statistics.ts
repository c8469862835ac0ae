/**
 * JMeter's HTML dashboard `statistics.json` (`jmeter -g results.jtl -o report/`, file report/statistics.json):
 * one object per label plus "Total", each with transaction, sampleCount, errorCount, errorPct,
 * meanResTime, medianResTime, minResTime, maxResTime, pct1ResTime..pct3ResTime, throughput,
 * receivedKBytesPerSec and sentKBytesPerSec.
 *
 * - pct1/2/3ResTime are the percentiles set by `aggregate_rpt_pct1..3`, 90/95/99 unless configured
 *   otherwise; the file does not say, so they are read as p90/p95/p99 and each label's sources say so.
 * - Sub-results ("<label>-0", "<label>-1": redirects, embedded resources) name their parent label.
 * - KB/s are rates over the whole run, not totals. The run's duration is not in the file (only
 *   implied by sampleCount / throughput, after JMeter's rounding), so no byte totals are made up:
 *   receivedBytes/sentBytes stay null and the rates are kept in sources and the environment.
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
  twoDecimals,
  type JsonFields,
} from "@/lib/loadtests/formats/summary-json";

const TOTAL_KEY = "Total";

export const jmeterStatisticsImporter: LoadTestImporter = {
  id: "jmeter-statistics",
  tool: "jmeter",
  title: "JMeter HTML report statistics.json",
  hint: "jmeter -n -t plan.jmx -l results.jtl -e -o report/  (upload report/statistics.json)",
  detect(files: FileHead[]): boolean {
    return files.length === 1 && looksLikeStatisticsJson(files[0].text);
  },
  parse: parseJmeterStatistics,
};

function looksLikeStatisticsJson(text: string): boolean {
  return isJsonObjectMatching(text, [/"transaction"\s*:/, /"sampleCount"\s*:/, /"pct1ResTime"\s*:/, /"meanResTime"\s*:/]);
}

async function parseJmeterStatistics(files: ImportFile[], ctx: ImportContext): Promise<ParsedRun> {
  const { fields, root } = await readOneJsonSummary(files, ctx.progress, "a JMeter statistics.json import takes one file");
  if (root[TOTAL_KEY] === undefined) {
    fields.fail('there is no "Total" entry; is this the statistics.json of a JMeter HTML report?', TOTAL_KEY);
  }

  const labels: LabelStatistics[] = [];
  let total: LabelStatistics | null = null;
  const environment: Record<string, string> = {};
  for (const key of Object.keys(root)) {
    const entry = fields.object(root[key], key);
    const isTotal = key === TOTAL_KEY;
    const s = labelStatistics(fields, entry, key, isTotal);
    if (isTotal) {
      total = s;
      const received = fields.number(entry, "receivedKBytesPerSec", `${key}.receivedKBytesPerSec`);
      const sent = fields.number(entry, "sentKBytesPerSec", `${key}.sentKBytesPerSec`);
      if (received !== null) environment["Received (JMeter, whole run)"] = `${twoDecimals(received)} KB/s`;
      if (sent !== null) environment["Sent (JMeter, whole run)"] = `${twoDecimals(sent)} KB/s`;
    } else labels.push(s);
  }
  // JMeter names sub-results (redirects, embedded resources) "<parent>-<n>".
  linkSubResults(labels, /^(.+)-\d+$/);
  ctx.progress.rows(labels.length + 1);
  return summaryRun({
    tool: "jmeter",
    format: jmeterStatisticsImporter.id,
    environment,
    labels,
    total: total!,
    rowsRead: labels.length + 1,
  });
}

function labelStatistics(fields: JsonFields, entry: Record<string, unknown>, key: string, isTotal: boolean): LabelStatistics {
  const at = (name: string) => `${key}.${name}`;
  const label = typeof entry.transaction === "string" && entry.transaction !== "" ? entry.transaction : key;
  const s = emptyStatistics(isTotal ? TOTAL_KEY : label, isTotal);
  const count = fields.count(entry, "sampleCount", at("sampleCount"));
  if (count === null) fields.fail("the sampleCount is missing.", at("sampleCount"));
  s.count = count;
  s.errors = fields.count(entry, "errorCount", at("errorCount")) ?? 0;
  if (s.errors > s.count) fields.fail(`${s.errors} errors is more than the ${s.count} samples.`, at("errorCount"));
  s.mean = fields.number(entry, "meanResTime", at("meanResTime"));
  s.min = fields.number(entry, "minResTime", at("minResTime"));
  s.max = fields.number(entry, "maxResTime", at("maxResTime"));
  s.p50 = fields.number(entry, "medianResTime", at("medianResTime"));
  s.p90 = fields.number(entry, "pct1ResTime", at("pct1ResTime"));
  s.p95 = fields.number(entry, "pct2ResTime", at("pct2ResTime"));
  s.p99 = fields.number(entry, "pct3ResTime", at("pct3ResTime"));
  s.throughput = fields.number(entry, "throughput", at("throughput"));
  const received = fields.number(entry, "receivedKBytesPerSec", at("receivedKBytesPerSec"));
  const sent = fields.number(entry, "sentKBytesPerSec", at("sentKBytesPerSec"));
  s.sources = {
    "*": "reported by JMeter (HTML report statistics.json)",
    p50: "medianResTime",
    p90: "pct1ResTime, read as the 90th percentile (JMeter's default aggregate_rpt_pct1; the file does not say which was configured)",
    p95: "pct2ResTime, read as the 95th percentile (JMeter's default aggregate_rpt_pct2; the file does not say which was configured)",
    p99: "pct3ResTime, read as the 99th percentile (JMeter's default aggregate_rpt_pct3; the file does not say which was configured)",
    receivedBytes: `not reported as a total: JMeter reports a rate${received === null ? "" : ` of ${twoDecimals(received)} KB/s`}`,
    sentBytes: `not reported as a total: JMeter reports a rate${sent === null ? "" : ` of ${twoDecimals(sent)} KB/s`}`,
  };
  return s;
}
