/**
 * k6's raw output, `k6 run --out json=out.json`: one JSON object a line, `{"type":"Metric",...}`
 * declaring a metric and `{"type":"Point","metric":...,"data":{"time","value","tags"}}` for every
 * value. k6 writes all metrics of one HTTP request together (http_reqs, http_req_duration, the
 * timing phases, http_req_failed), stamped with the request's end time and the same tags.
 *
 * Rules:
 * - One sample per `http_req_duration` point; elapsed = its value, start = time − value (k6 stamps
 *   the end), label = tags.name (k6 defaults it to the URL), else tags.url.
 * - Success, in this order: the `http_req_failed` point with the same time and tags (0 = success);
 *   else the `expected_response` tag (k6 ≥ 0.31); else the status: 1–399 succeeds, 0 (no response) and
 *   ≥ 400 fail. A request's http_req_failed point is looked for within the next 1,000 lines.
 * - Bytes: `data_received`/`data_sent` points carrying the same time and tags as a request belong to
 *   it; k6 usually emits them per iteration instead, so labels stay null and only the run total
 *   (the sum of every data_* point) is known.
 * - Active users: the latest `vus` gauge value when the request is read.
 */
import { ImportError } from "@/lib/imports/errors";
import { forEachLine } from "@/lib/loadtests/formats/text-lines";
import { SampleAggregator } from "@/lib/loadtests/stats/sample-aggregator";
import type { FileHead, ImportContext, ImportFile, LoadTestImporter, ParsedRun } from "@/lib/loadtests/types";
import { runFromSamples } from "@/lib/loadtests/stats/run-from-samples";

const TICK_EVERY_LINES = 10_000;
/** How many lines after its http_req_duration point a request's http_req_failed point may come. */
const MATCH_WINDOW_LINES = 1_000;
/** k6 writes about nine lines of ~330 bytes per request. */
const TYPICAL_REQUEST_BYTES = 3_000;
/** Lines that mention none of these can be skipped without parsing: their metric is not used. */
const USED_NAMES = [
  "http_req_duration",
  "http_req_failed",
  '"vus',
  "data_received",
  "data_sent",
  '"checks"',
  '"iterations"',
  '"Metric"',
];

type Tags = Record<string, string> | null;

type PendingRequest = {
  key: string;
  label: string;
  start: number;
  elapsed: number;
  tags: Tags;
  vus: number;
  line: number;
  failed: boolean | null;
  received: number;
  sent: number;
  done: boolean;
};

type K6Line = { type?: unknown; metric?: unknown; data?: unknown };

export const k6JsonImporter: LoadTestImporter = {
  id: "k6-json",
  tool: "k6",
  title: "k6 JSON output (NDJSON)",
  hint: "k6 run --out json=out.json script.js",
  detect(files: FileHead[]): boolean {
    return files.length === 1 && isK6Ndjson(files[0].text);
  },
  parse: parseK6Json,
};

function isK6Ndjson(text: string): boolean {
  const firstLine = text.slice(0, text.indexOf("\n") >>> 0).trim();
  if (!firstLine.startsWith("{")) return false;
  return /"type"\s*:\s*"(Metric|Point)"/.test(firstLine) && /"metric"\s*:\s*"/.test(firstLine);
}

async function parseK6Json(files: ImportFile[], ctx: ImportContext): Promise<ParsedRun> {
  if (files.length !== 1) {
    throw new ImportError(`a k6 JSON import takes one file, got ${files.length}.`, { file: files.map((f) => f.name).join(", ") });
  }
  const file = files[0];
  const { progress } = ctx;
  const aggregator = new SampleAggregator({ toolName: "k6", capacityHint: Math.ceil(file.size / TYPICAL_REQUEST_BYTES) });
  const warnings: string[] = [];
  const thresholds = new Map<string, string[]>();
  const scenarios = new Set<string>();
  const checks = new Map<string, { passes: number; total: number }>();
  let vus = NaN;
  let maxVus = 0;
  let vusMax = 0;
  let iterations = 0;
  let receivedTotal = 0;
  let sentTotal = 0;
  let anyReceived = false;
  let anySent = false;
  let requests = 0;
  let unmatchedFailed = 0;
  let currentLine = 0;

  // Requests waiting for their http_req_failed point, in file order, and by time + tags.
  let queue: PendingRequest[] = [];
  let queueHead = 0;
  const waiting = new Map<string, PendingRequest[]>();

  const fail = (message: string, field?: string): never => {
    throw new ImportError(message, { file: file.name, line: currentLine, field });
  };

  const settle = (r: PendingRequest): void => {
    const success = r.failed !== null ? !r.failed : successWithoutFailedPoint(r.tags);
    aggregator.add(r.label, r.start, r.elapsed, success, r.received > 0 ? r.received : NaN, r.sent > 0 ? r.sent : NaN, r.vus);
    requests++;
  };
  const unwait = (r: PendingRequest): void => {
    const list = waiting.get(r.key);
    if (!list) return;
    const i = list.indexOf(r);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) waiting.delete(r.key);
  };
  /** Adds requests to the aggregator in file order once matched, or once their window has passed. */
  const drain = (all: boolean): void => {
    while (queueHead < queue.length) {
      const r = queue[queueHead];
      if (!r.done) {
        if (!all && r.line > currentLine - MATCH_WINDOW_LINES) break;
        unwait(r);
      }
      settle(r);
      queueHead++;
    }
    if (queueHead > 50_000) {
      queue = queue.slice(queueHead);
      queueHead = 0;
    }
  };

  const handleLine = (line: string, lineNo: number): void => {
    currentLine = lineNo;
    const text = line.trim();
    if (text === "") return;
    if (text[0] !== "{" || text[text.length - 1] !== "}") fail("not a JSON object: k6 writes one object a line.", "json");
    if (!USED_NAMES.some((name) => text.includes(name))) return;
    let parsed: K6Line;
    try {
      parsed = JSON.parse(text) as K6Line;
    } catch (error) {
      return fail(`invalid JSON (${error instanceof Error ? error.message : String(error)}).`, "json");
    }
    const metric = typeof parsed.metric === "string" ? parsed.metric : fail('the line has no "metric" name.', "metric");
    const data = (parsed.data ?? {}) as Record<string, unknown>;
    if (parsed.type === "Metric") {
      const defined = Array.isArray(data.thresholds) ? data.thresholds.filter((t): t is string => typeof t === "string") : [];
      if (defined.length > 0) thresholds.set(metric, defined);
      return;
    }
    if (parsed.type !== "Point") return;
    const value =
      typeof data.value === "number" && Number.isFinite(data.value)
        ? data.value
        : fail("the value is not a number.", "data.value");
    const tags = (data.tags && typeof data.tags === "object" ? data.tags : null) as Tags;
    switch (metric) {
      case "http_req_duration": {
        if (value < 0) fail(`the duration ${value} is negative.`, "data.value");
        const timeText = typeof data.time === "string" ? data.time : "";
        const end = parseRfc3339(timeText);
        if (Number.isNaN(end)) fail(`"${timeText}" is not an RFC 3339 time.`, "data.time");
        if (tags?.scenario) scenarios.add(tags.scenario);
        const key = requestKey(timeText, tags);
        const r: PendingRequest = {
          key,
          label: tags?.name || tags?.url || "(unnamed request)",
          start: end - value,
          elapsed: value,
          tags,
          vus,
          line: lineNo,
          failed: null,
          received: 0,
          sent: 0,
          done: false,
        };
        queue.push(r);
        const list = waiting.get(key);
        if (list) list.push(r);
        else waiting.set(key, [r]);
        return;
      }
      case "http_req_failed": {
        const r = waiting.get(requestKey(String(data.time), tags))?.[0];
        if (!r) {
          unmatchedFailed++;
          return;
        }
        r.failed = value !== 0;
        r.done = true;
        unwait(r);
        return;
      }
      case "data_received":
      case "data_sent": {
        if (metric === "data_received") {
          receivedTotal += value;
          anyReceived = true;
        } else {
          sentTotal += value;
          anySent = true;
        }
        const r = waiting.get(requestKey(String(data.time), tags))?.[0];
        if (r && metric === "data_received") r.received += value;
        else if (r) r.sent += value;
        return;
      }
      case "vus":
        vus = value;
        if (value > maxVus) maxVus = value;
        return;
      case "vus_max":
        if (value > vusMax) vusMax = value;
        return;
      case "iterations":
        iterations += value;
        return;
      case "checks": {
        const name = tags?.check ?? "(unnamed check)";
        const c = checks.get(name) ?? { passes: 0, total: 0 };
        c.total++;
        if (value !== 0) c.passes++;
        checks.set(name, c);
        return;
      }
    }
  };

  // drain() passes matched requests on at every progress report, and all the rest once the file is read.
  const { lines, lastLineCut } = await forEachLine(file, progress, handleLine, {
    tickEvery: TICK_EVERY_LINES,
    rowsRead: () => requests,
    flush: drain,
  });
  if (lastLineCut) warnings.push(`the last line (${lines}) is incomplete: the file looks cut; the complete lines were imported.`);

  if (requests === 0) {
    throw new ImportError("no http_req_duration points: this k6 output holds no HTTP requests.", { file: file.name });
  }
  if (unmatchedFailed > 0) {
    warnings.push(`${unmatchedFailed} http_req_failed point(s) matched no http_req_duration point with the same time and tags.`);
  }

  const result = aggregator.finish();
  const total = result.total;
  if (anyReceived) {
    total.receivedBytes = receivedTotal;
    total.sources.receivedBytes = "sum of k6 data_received over the whole run";
  }
  if (anySent) {
    total.sentBytes = sentTotal;
    total.sources.sentBytes = "sum of k6 data_sent over the whole run";
  }
  const environment: Record<string, string> = { "Result file": "k6 JSON output (--out json)" };
  if (scenarios.size > 0) environment["Scenarios"] = [...scenarios].join(", ");
  if (maxVus > 0) environment["VUs (max active)"] = String(maxVus);
  if (vusMax > 0) environment["VUs allocated (vus_max)"] = String(vusMax);
  if (iterations > 0) environment["Iterations"] = String(iterations);
  if (thresholds.size > 0) {
    environment["Thresholds defined"] = [...thresholds].map(([metric, list]) => `${metric}: ${list.join(", ")}`).join("; ");
  }
  if (checks.size > 0) {
    environment["Checks"] = [...checks]
      .slice(0, 20)
      .map(([name, c]) => `${name}: ${c.passes}/${c.total} passed`)
      .join("; ");
  }
  // The JSON output names thresholds but not whether they passed; they are listed in the environment.
  return runFromSamples(result, { tool: "k6", format: k6JsonImporter.id, environment, total, warnings, rowsRead: requests });
}

/** k6 encodes tags with sorted keys, so the same tag set serialises identically on every line. */
function requestKey(time: string, tags: Tags): string {
  return `${time}\u0000${tags ? JSON.stringify(tags) : ""}`;
}

function successWithoutFailedPoint(tags: Tags): boolean {
  if (tags?.expected_response === "true") return true;
  if (tags?.expected_response === "false") return false;
  const status = Number(tags?.status);
  return Number.isFinite(status) && status > 0 && status < 400;
}

/** RFC 3339 with up to nanosecond fractions and any offset (k6 writes local time): epoch ms, NaN if invalid. */
export function parseRfc3339(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const whole = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const ms = fraction ? Number(`0.${fraction}`) * 1000 : 0;
  let offsetMinutes = 0;
  if (zone !== "Z" && zone !== "z") {
    const sign = zone[0] === "-" ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  return whole + ms - offsetMinutes * 60_000;
}
