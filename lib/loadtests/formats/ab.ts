/**
 * ApacheBench: the per-request TSV written with `-g` (header `starttime seconds ctime dtime ttime
 * wait`, times in whole ms, `seconds` the start in epoch seconds) and, optionally in the same upload,
 * the text ab printed (its summary).
 *
 * Statistics are computed from the TSV samples (elapsed = ttime) with JMeter's percentile definition,
 * as for every raw-sample format. The TSV has no success flag, so the error count comes from the
 * summary ("Failed requests" and "Non-2xx responses", see abErrorCount); without a summary it is 0, with a warning. ab's
 * own percentile table and connection-time table go to `environment`, labelled as ab's: they use
 * ab's definition (nearest rank over unrounded microsecond times), so putting them in
 * `otherPercentiles` would show two different p50s side by side in one statistics row; in the run's
 * setup they stay visible, next to the other figures ab printed.
 */
import { open, readFile } from "node:fs/promises";
import { ImportError } from "@/lib/imports/errors";
import { forEachLine } from "@/lib/loadtests/formats/text-lines";
import { SampleAggregator } from "@/lib/loadtests/stats/sample-aggregator";
import type { FileHead, ImportContext, ImportFile, LoadTestImporter, ParsedRun } from "@/lib/loadtests/types";
import { runFromSamples } from "@/lib/loadtests/stats/run-from-samples";

const TSV_HEADER = ["starttime", "seconds", "ctime", "dtime", "ttime", "wait"];
const TICK_EVERY_LINES = 20_000;
/** ab's printout is a few KB; anything far larger is not one. */
const MAX_SUMMARY_BYTES = 1024 * 1024;
/** A TSV row ("Thu Nov 26 10:00:00 2026\t1795690545\t0\t1\t1\t1") is about 40 bytes. */
const TYPICAL_ROW_BYTES = 40;

export type AbSummary = {
  version: string | null;
  serverSoftware: string | null;
  host: string | null;
  port: string | null;
  tlsProtocol: string | null;
  path: string | null;
  documentLength: string | null;
  concurrency: number | null;
  timeTakenSeconds: number | null;
  completeRequests: number;
  failedRequests: number;
  /** "(Connect: 0, Receive: 0, Length: 5, Exceptions: 0)" parsed. */
  failedBreakdown: Record<string, number>;
  non2xxResponses: number;
  keepAliveRequests: number | null;
  totalTransferredBytes: number | null;
  bodySentBytes: number | null;
  requestsPerSecond: number | null;
  /** Rows of "Connection Times (ms)": Connect, Processing, Waiting, Total → [min, mean, sd, median, max] (or [min, avg, max] with -S). */
  connectionTimes: Record<string, number[]>;
  /** "Percentage of the requests served within a certain time (ms)": [percent, ms]. */
  percentiles: [number, number][];
};

export const abImporter: LoadTestImporter = {
  id: "ab-tsv",
  tool: "ab",
  title: "ApacheBench gnuplot TSV (+ ab's printed summary)",
  hint: "ab -n 10000 -c 20 -g ab.tsv http://host/path > ab.txt (upload both files)",
  detect(files: FileHead[]): boolean {
    const tsv = files.filter((f) => isAbTsv(f.text)).length;
    const summaries = files.filter((f) => isAbSummary(f.text)).length;
    return tsv === 1 && summaries <= 1 && tsv + summaries === files.length;
  },
  parse: parseAb,
};

function isAbTsv(text: string): boolean {
  const firstLine = text.slice(0, text.indexOf("\n") >>> 0).replace(/\r$/, "");
  return firstLine === TSV_HEADER.join("\t");
}

function isAbSummary(text: string): boolean {
  return /This is ApacheBench/.test(text) || (/^Complete requests:/m.test(text) && /^Concurrency Level:/m.test(text));
}

async function parseAb(files: ImportFile[], ctx: ImportContext): Promise<ParsedRun> {
  let tsvFile: ImportFile | null = null;
  let summaryFile: ImportFile | null = null;
  for (const file of files) {
    const head = await readHeadText(file.path);
    if (isAbTsv(head) && !tsvFile) tsvFile = file;
    else if (isAbSummary(head) && !summaryFile) summaryFile = file;
    else {
      throw new ImportError(
        "neither an ab -g TSV nor ab's printed summary (or one of them twice). Upload one TSV and at most one summary.",
        {
          file: file.name,
          line: 1,
        },
      );
    }
  }
  if (!tsvFile) {
    throw new ImportError(`the ab TSV written with -g (header "${TSV_HEADER.join(" ")}") is missing from the upload.`, {
      file: files.map((f) => f.name).join(", "),
    });
  }
  const summary = summaryFile ? await readAbSummary(summaryFile) : null;
  return readAbTsv(tsvFile, summary, ctx);
}

async function readHeadText(path: string): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer
      .subarray(0, bytesRead)
      .toString("utf8")
      .replace(/^\uFEFF/, "");
  } finally {
    await handle.close();
  }
}

/** Parses the text ab prints. Exported for tests that compare our figures with ab's. */
export function parseAbSummaryText(text: string, fileName: string): AbSummary {
  const s: AbSummary = {
    version: null,
    serverSoftware: null,
    host: null,
    port: null,
    tlsProtocol: null,
    path: null,
    documentLength: null,
    concurrency: null,
    timeTakenSeconds: null,
    completeRequests: NaN,
    failedRequests: NaN,
    failedBreakdown: {},
    non2xxResponses: 0,
    keepAliveRequests: null,
    totalTransferredBytes: null,
    bodySentBytes: null,
    requestsPerSecond: null,
    connectionTimes: {},
    percentiles: [],
  };
  const lines = text.split(/\r?\n/);
  let section: "head" | "connection" | "percentiles" = "head";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const where = { file: fileName, line: i + 1 };
    const number = (value: string, field: string): number => {
      const n = Number(value.replace(/,/g, ""));
      if (!Number.isFinite(n)) throw new ImportError(`"${value}" is not a number.`, { ...where, field });
      return n;
    };
    const version = /This is ApacheBench, Version (\S+)(?: <\$Revision: (\d+) \$>)?/.exec(line);
    if (version) {
      s.version = version[2] ? `${version[1]} (revision ${version[2]})` : version[1];
      continue;
    }
    if (/^Connection Times \(ms\)/.test(line)) {
      section = "connection";
      continue;
    }
    if (/^Percentage of the requests served/.test(line)) {
      section = "percentiles";
      continue;
    }
    if (section === "connection") {
      const row = /^(Connect|Processing|Waiting|Total):\s+(.*)$/.exec(line);
      if (row)
        s.connectionTimes[row[1]] = row[2]
          .trim()
          .split(/\s+/)
          .map((v) => number(v, row[1]));
      continue;
    }
    if (section === "percentiles") {
      const row = /^\s*(\d+(?:\.\d+)?)%\s+(\d+(?:\.\d+)?)/.exec(line);
      if (row) s.percentiles.push([Number(row[1]), Number(row[2])]);
      continue;
    }
    const field = /^([A-Za-z0-9/ -]+):\s*(.*)$/.exec(line);
    if (!field) {
      const breakdown = /^\s*\((Connect: .*)\)\s*$/.exec(line);
      if (breakdown) {
        for (const part of breakdown[1].split(",")) {
          const [k, v] = part.split(":").map((x) => x.trim());
          if (k && v !== undefined) s.failedBreakdown[k] = number(v, `Failed requests (${k})`);
        }
      }
      continue;
    }
    const [, key, rawValue] = field;
    const value = rawValue.trim();
    switch (key) {
      case "Server Software":
        s.serverSoftware = value || null;
        break;
      case "Server Hostname":
        s.host = value;
        break;
      case "Server Port":
        s.port = value;
        break;
      case "SSL/TLS Protocol":
        s.tlsProtocol = value;
        break;
      case "Document Path":
        s.path = value;
        break;
      case "Document Length":
        s.documentLength = value;
        break;
      case "Concurrency Level":
        s.concurrency = number(value, key);
        break;
      case "Time taken for tests":
        s.timeTakenSeconds = number(value.split(/\s+/)[0], key);
        break;
      case "Complete requests":
        s.completeRequests = number(value, key);
        break;
      case "Failed requests":
        s.failedRequests = number(value, key);
        break;
      case "Non-2xx responses":
        s.non2xxResponses = number(value, key);
        break;
      case "Keep-Alive requests":
        s.keepAliveRequests = number(value, key);
        break;
      case "Total transferred":
        s.totalTransferredBytes = number(value.split(/\s+/)[0], key);
        break;
      case "Total body sent":
        s.bodySentBytes = number(value.split(/\s+/)[0], key);
        break;
      case "Requests per second":
        s.requestsPerSecond = number(value.split(/\s+/)[0], key);
        break;
    }
  }
  if (Number.isNaN(s.completeRequests)) {
    throw new ImportError('no "Complete requests:" line: this is not the summary ab prints (was the run interrupted?).', {
      file: fileName,
      field: "Complete requests",
    });
  }
  if (Number.isNaN(s.failedRequests)) {
    throw new ImportError('no "Failed requests:" line in ab\'s summary.', { file: fileName, field: "Failed requests" });
  }
  return s;
}

async function readAbSummary(file: ImportFile): Promise<AbSummary> {
  if (file.size > MAX_SUMMARY_BYTES) {
    throw new ImportError(`${file.size.toLocaleString("en-US")} bytes is far more than ab prints: this is not ab's summary.`, {
      file: file.name,
    });
  }
  return parseAbSummaryText(await readFile(file.path, "utf8"), file.name);
}

async function readAbTsv(file: ImportFile, summary: AbSummary | null, ctx: ImportContext): Promise<ParsedRun> {
  const { progress } = ctx;
  const aggregator = new SampleAggregator({ toolName: "ab", capacityHint: Math.ceil(file.size / TYPICAL_ROW_BYTES) });
  const label = summary?.path || "ab requests";
  const users = summary?.concurrency ?? NaN;
  const warnings: string[] = [];
  let rows = 0;

  const handleRow = (line: string, lineNo: number): void => {
    const where = (field?: string) => ({ file: file.name, line: lineNo, field });
    if (lineNo === 1) {
      if (line.replace(/^\uFEFF/, "") !== TSV_HEADER.join("\t")) {
        throw new ImportError(`expected the header "${TSV_HEADER.join("\\t")}" that ab -g writes.`, where());
      }
      return;
    }
    if (line === "") return;
    const f = line.split("\t");
    if (f.length !== TSV_HEADER.length) throw new ImportError(`${f.length} fields, expected ${TSV_HEADER.length}.`, where());
    const whole = (i: number): number => {
      if (!/^\d+$/.test(f[i])) throw new ImportError(`"${f[i]}" is not a whole number.`, where(TSV_HEADER[i]));
      return Number(f[i]);
    };
    const seconds = whole(1);
    const ttime = whole(4);
    aggregator.add(label, seconds * 1000, ttime, true, NaN, NaN, users);
    rows++;
  };

  // A last row without a line break (a cut file) is dropped with a warning rather than failing the import.
  const { lines, lastLineCut } = await forEachLine(file, progress, handleRow, {
    tickEvery: TICK_EVERY_LINES,
    rowsRead: () => rows,
  });
  if (lastLineCut) warnings.push(`the last line (${lines}) is incomplete: the file looks cut; the complete rows were imported.`);
  if (rows === 0) throw new ImportError("the TSV holds no requests.", { file: file.name });

  const result = aggregator.finish();
  const total = result.total;
  const row = result.labels[0];
  const environment: Record<string, string> = { "Result file": summary ? "ab -g TSV with ab's printed summary" : "ab -g TSV" };

  if (!summary) {
    warnings.push(
      "no ab summary in the upload: the TSV has no success flag, so errors are counted as 0, and its start times are whole seconds, so throughput is an estimate. Upload ab's printed output with the TSV for both.",
    );
  } else {
    describeSummary(summary, environment);
    if (summary.completeRequests !== rows) {
      warnings.push(
        `ab reports ${summary.completeRequests} complete requests but the TSV holds ${rows}: were the files from different runs, or is the TSV cut?`,
      );
    }
    const errors = Math.min(rows, abErrorCount(summary));
    const errorSource = "reported by ab (Failed requests and Non-2xx responses; the TSV does not say which requests failed)";
    for (const s of [total, row]) {
      s.errors = errors;
      s.sources.errors = errorSource;
      if (summary.requestsPerSecond !== null) {
        s.throughput = summary.requestsPerSecond;
        s.sources.throughput = "reported by ab (Requests per second)";
      }
      if (summary.totalTransferredBytes !== null) {
        s.receivedBytes = summary.totalTransferredBytes;
        s.sources.receivedBytes = "reported by ab (Total transferred)";
      }
      if (summary.bodySentBytes !== null) {
        s.sentBytes = summary.bodySentBytes;
        s.sources.sentBytes = "reported by ab (Total body sent, request bodies only)";
      }
    }
    if (errors > 0) {
      warnings.push(
        `ab reports ${errors} failed request(s) without saying which: they count in the totals, not in the time series.`,
      );
    }
    const lengthOnly = (summary.failedBreakdown.Length ?? 0) - summary.non2xxResponses;
    if (lengthOnly > 0) {
      warnings.push(
        `ab counted at least ${lengthOnly} response(s) as failed only because their length differed from the first response's; with dynamic content that is expected (ab -l accepts variable lengths).`,
      );
    }
  }
  if (!summary?.requestsPerSecond) {
    const note = "estimated from the TSV's whole-second start times";
    total.sources.throughput = note;
    row.sources.throughput = note;
  }

  const suggestedName = summary?.host ? `ab ${summary.host}${summary.port ? `:${summary.port}` : ""}${summary.path ?? ""}` : null;
  let endedAt = result.endedAt;
  if (summary?.timeTakenSeconds && result.startedAt) {
    // Start times are truncated to the second; ab's own duration places the end better.
    const byDuration = new Date(result.startedAt.getTime() + summary.timeTakenSeconds * 1000);
    if (!endedAt || byDuration > endedAt) endedAt = byDuration;
  }
  return runFromSamples(result, {
    tool: "ab",
    format: abImporter.id,
    suggestedName,
    endedAt,
    environment,
    total,
    warnings,
    rowsRead: rows,
  });
}

/**
 * Requests ab saw fail. "Failed requests" = Connect + Receive + Length + Exceptions, and "Non-2xx
 * responses" are counted apart; a non-2xx answer whose length differs from the first response's is
 * in both (Length and Non-2xx). The overlap is not printed, so the larger of the two is taken:
 * exact whenever every non-2xx answer also failed the length check, or none did and no 2xx did.
 */
export function abErrorCount(s: AbSummary): number {
  const length = s.failedBreakdown.Length ?? 0;
  return s.failedRequests - length + Math.max(length, s.non2xxResponses);
}

function describeSummary(s: AbSummary, env: Record<string, string>): void {
  const put = (key: string, value: string | number | null | undefined) => {
    if (value !== null && value !== undefined && value !== "") env[key] = String(value);
  };
  put("ab version", s.version);
  put("Server software", s.serverSoftware);
  put("Server", s.host && s.port ? `${s.host}:${s.port}` : s.host);
  put("TLS protocol", s.tlsProtocol);
  put("Document path", s.path);
  put("Document length", s.documentLength);
  put("Concurrency", s.concurrency);
  put("Time taken (s)", s.timeTakenSeconds);
  put("Complete requests (ab)", s.completeRequests);
  const breakdown = Object.entries(s.failedBreakdown)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  put("Failed requests (ab)", breakdown ? `${s.failedRequests} (${breakdown})` : s.failedRequests);
  if (s.non2xxResponses > 0) put("Non-2xx responses (ab)", s.non2xxResponses);
  put("Keep-alive requests", s.keepAliveRequests);
  const rows = Object.entries(s.connectionTimes).map(([name, v]) =>
    v.length === 5
      ? `${name} min ${v[0]} · mean ${v[1]} · sd ${v[2].toFixed(1)} · median ${v[3]} · max ${v[4]}`
      : `${name} ${v.join(" / ")}`,
  );
  put("ab connection times (ms)", rows.join("; "));
  put("ab percentiles (ms, ab's nearest-rank definition)", s.percentiles.map(([p, ms]) => `${p}% ${ms}`).join(" · "));
}
