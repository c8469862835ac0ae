/**
 * Locust's `--csv=<prefix>` files, uploaded together as one run:
 * - `<prefix>_stats.csv` (required): one row per request type + name, and the "Aggregated" row (the total).
 * - `<prefix>_stats_history.csv`: a row every few seconds with the current requests/s, failures/s,
 *   response-time percentiles (over Locust's recent window; "N/A" before any request), the user count
 *   and running totals. The "Aggregated" rows make the series and the load profile; per-label rows
 *   (--csv-full-history) are read but not used.
 * - `<prefix>_failures.csv`, `<prefix>_exceptions.csv`: summarised in the environment.
 *
 * Figures are Locust's own: p50…p99.9 from its 50%…99.9% columns (66/80/98/99.99/100 % go to
 * otherPercentiles); throughput = Requests/s. Locust reports the average content size, which it
 * computes as total content length / request count, so receivedBytes = Average Content Size × Request
 * Count (rounded) gives back its total; sources say so. Series requests/errors are the differences of
 * the running totals between history rows (exact, unlike requests/s × interval, which Locust smooths),
 * and the series mean is derived the same way from the running average.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import Papa from "papaparse";
import { ImportError } from "@/lib/imports/errors";
import type { ImportProgress } from "@/lib/imports/progress";
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
import { standardPercentileKey, summaryRun } from "@/lib/loadtests/formats/summary-json";

const TICK_EVERY_ROWS = 5_000;
const MAX_LISTED = 10;

type LocustFileKind = "stats" | "history" | "failures" | "exceptions";

export const locustCsvImporter: LoadTestImporter = {
  id: "locust-csv",
  tool: "locust",
  title: "Locust CSV (--csv: _stats.csv with optional _stats_history, _failures, _exceptions)",
  hint: "locust -f locustfile.py --headless --csv=results  (upload results_stats.csv and its companions together)",
  detect(files: FileHead[]): boolean {
    const kinds = files.map((f) => locustFileKind(f.text));
    if (kinds.some((k) => k === null)) return false;
    return kinds.filter((k) => k === "stats").length === 1 && new Set(kinds).size === kinds.length;
  },
  parse: parseLocust,
};

function headerColumns(text: string): string[] {
  const end = text.search(/\r?\n/);
  const line = (end >= 0 ? text.slice(0, end) : text).replace(/^\uFEFF/, "");
  return line.split(",").map((c) => c.replace(/"/g, "").trim().toLowerCase());
}

function locustFileKind(text: string): LocustFileKind | null {
  const cols = headerColumns(text);
  const joined = cols.join(",");
  if (cols[0] === "timestamp" && cols.includes("user count") && cols.includes("requests/s")) return "history";
  if (
    (cols[0] === "type" || cols[0] === "method") &&
    cols[1] === "name" &&
    (cols.includes("request count") || cols.includes("# requests")) &&
    cols.includes("requests/s")
  ) {
    return "stats";
  }
  if (joined === "method,name,error,occurrences") return "failures";
  if (joined.startsWith("count,message,traceback")) return "exceptions";
  return null;
}

async function parseLocust(files: ImportFile[], ctx: ImportContext): Promise<ParsedRun> {
  const byKind = new Map<LocustFileKind, ImportFile>();
  for (const file of files) {
    const kind = locustFileKind(await readHeadText(file));
    if (kind === null) {
      throw new ImportError(
        "is not one of Locust's CSV files (_stats.csv, _stats_history.csv, _failures.csv, _exceptions.csv): its header is not Locust's.",
        { file: file.name, line: 1 },
      );
    }
    if (byKind.has(kind)) {
      throw new ImportError(
        `two ${kind} files were uploaded (${byKind.get(kind)!.name} and ${file.name}); upload one run at a time.`,
        {
          file: file.name,
        },
      );
    }
    byKind.set(kind, file);
  }
  const statsFile = byKind.get("stats");
  if (!statsFile) {
    throw new ImportError("the *_stats.csv file is required; upload it with the other Locust CSV files.", {
      file: files.map((f) => f.name).join(", "),
    });
  }

  const warnings: string[] = [];
  const environment: Record<string, string> = {};
  let rowsRead = 0;

  const { labels, total, rows } = await readStats(statsFile, ctx.progress, warnings);
  rowsRead += rows;

  let series: SeriesPoint[] = [];
  let loadProfile: LoadProfilePoint[] = [];
  let bucketSeconds: number | null = null;
  let startedAt: Date | null = null;
  let endedAt: Date | null = null;
  const historyFile = byKind.get("history");
  if (historyFile) {
    const history = await readHistory(historyFile, ctx.progress, warnings);
    rowsRead += history.rows;
    ({ series, loadProfile, bucketSeconds } = history);
    if (history.firstTimestamp !== null) startedAt = new Date(history.firstTimestamp);
    if (history.lastTimestamp !== null) endedAt = new Date(history.lastTimestamp);
    if (history.maxUsers !== null) environment["Peak users"] = String(history.maxUsers);
  }
  const failuresFile = byKind.get("failures");
  if (failuresFile) {
    const failures = await readTally(failuresFile, ctx.progress, warnings, "failures");
    rowsRead += failures.rows;
    if (failures.text) environment["Failures"] = failures.text;
  }
  const exceptionsFile = byKind.get("exceptions");
  if (exceptionsFile) {
    const exceptions = await readTally(exceptionsFile, ctx.progress, warnings, "exceptions");
    rowsRead += exceptions.rows;
    if (exceptions.text) environment["Exceptions"] = exceptions.text;
  }

  return summaryRun({
    tool: "locust",
    format: locustCsvImporter.id,
    suggestedName: suggestedName(statsFile.name),
    startedAt,
    endedAt,
    environment,
    labels,
    total,
    bucketSeconds,
    series,
    loadProfile,
    warnings,
    rowsRead,
  });
}

/** "results_stats.csv" → "results": the --csv prefix the user chose. */
function suggestedName(fileName: string): string | null {
  const prefix = fileName.replace(/_stats\.csv$/i, "");
  return prefix && prefix !== fileName ? prefix : null;
}

// ---------------------------------------------------------------------------------------------------
// Columns

type Columns = {
  index(names: string[], required: boolean): number;
  percentiles: { column: number; percent: string }[];
};

function columnsOf(header: string[], file: string): Columns {
  const normalized = header.map((h) =>
    h
      .replace(/^\uFEFF/, "")
      .trim()
      .toLowerCase(),
  );
  return {
    index(names, required) {
      const i = normalized.findIndex((h) => names.includes(h));
      if (i < 0 && required) throw new ImportError(`the header has no "${names[0]}" column.`, { file, line: 1, field: names[0] });
      return i;
    },
    percentiles: normalized
      .map((h, column) => ({ column, match: /^(\d+(?:\.\d+)?)%$/.exec(h) }))
      .filter((c) => c.match !== null)
      .map((c) => ({ column: c.column, percent: String(Number(c.match![1])) })),
  };
}

class Row {
  constructor(
    readonly cells: string[],
    readonly file: string,
    readonly line: number,
    readonly header: string[],
  ) {}

  fail(message: string, column: number): never {
    throw new ImportError(message, { file: this.file, line: this.line, field: this.header[column] ?? `column ${column + 1}` });
  }

  text(column: number): string {
    return column < 0 ? "" : (this.cells[column] ?? "").trim();
  }

  /** A number, or null for "N/A" / empty where Locust had no value. */
  number(column: number, nullable = true): number | null {
    if (column < 0) return null;
    const t = this.text(column);
    if (nullable && (t === "" || t === "N/A")) return null;
    const n = Number(t);
    if (t === "" || !Number.isFinite(n)) this.fail(`"${t.slice(0, 40)}" is not a number.`, column);
    return n;
  }

  count(column: number): number {
    const n = this.number(column, false)!;
    if (!Number.isInteger(n) || n < 0) this.fail(`${n} is not a whole count.`, column);
    return n;
  }
}

// ---------------------------------------------------------------------------------------------------
// _stats.csv

async function readStats(
  file: ImportFile,
  progress: ImportProgress,
  warnings: string[],
): Promise<{ labels: LabelStatistics[]; total: LabelStatistics; rows: number }> {
  const labels: LabelStatistics[] = [];
  let total: LabelStatistics | null = null;
  let c: Record<string, number> = {};
  let percentiles: Columns["percentiles"] = [];
  const rows = await readCsv(file, progress, warnings, (header) => {
    const columns = columnsOf(header, file.name);
    c = {
      type: columns.index(["type", "method"], true),
      name: columns.index(["name"], true),
      count: columns.index(["request count", "# requests"], true),
      failures: columns.index(["failure count", "# failures"], true),
      median: columns.index(["median response time"], false),
      average: columns.index(["average response time"], false),
      min: columns.index(["min response time"], false),
      max: columns.index(["max response time"], false),
      contentSize: columns.index(["average content size"], false),
      rps: columns.index(["requests/s"], false),
    };
    percentiles = columns.percentiles;
    return (row: Row) => {
      const type = row.text(c.type);
      const name = row.text(c.name);
      const isTotal = name === "Aggregated" || (name === "Total" && (type === "" || type === "None"));
      const s = emptyStatistics(isTotal ? "Total" : [type, name].filter(Boolean).join(" "), isTotal);
      s.count = row.count(c.count);
      s.errors = row.count(c.failures);
      s.mean = row.number(c.average);
      s.min = row.number(c.min);
      s.max = row.number(c.max);
      s.throughput = row.number(c.rps);
      for (const { column, percent } of percentiles) {
        const v = row.number(column);
        if (v === null) continue;
        const standard = standardPercentileKey(Number(percent));
        if (standard) s[standard] = v;
        else s.otherPercentiles[percent] = v;
      }
      // Locust's "Median Response Time" is its 50 % figure; it only stands in when there is no 50% column.
      if (s.p50 === null) s.p50 = row.number(c.median);
      const contentSize = row.number(c.contentSize);
      s.sources = {
        "*": "reported by Locust (_stats.csv)",
        throughput: "Requests/s",
      };
      if (contentSize !== null) {
        s.receivedBytes = Math.round(contentSize * s.count);
        s.sources.receivedBytes = `derived: Average Content Size (${contentSize} bytes) × Request Count; Locust computes that average as total content length / requests, so this is its total (response bodies only)`;
      }
      if (isTotal) total = s;
      else labels.push(s);
    };
  });
  if (total === null) {
    warnings.push(
      `${file.name} has no "Aggregated" row (the file may be cut short); the total was added up from the ${labels.length} label rows.`,
    );
    total = totalOf(labels);
  }
  return { labels, total, rows };
}

/** A stand-in total when the Aggregated row is missing: only figures that add up exactly. */
function totalOf(labels: LabelStatistics[]): LabelStatistics {
  const t = emptyStatistics("Total", true);
  t.count = labels.reduce((n, l) => n + l.count, 0);
  t.errors = labels.reduce((n, l) => n + l.errors, 0);
  const mins = labels.map((l) => l.min).filter((v): v is number => v !== null);
  const maxes = labels.map((l) => l.max).filter((v): v is number => v !== null);
  t.min = mins.length ? Math.min(...mins) : null;
  t.max = maxes.length ? Math.max(...maxes) : null;
  const weighted = labels.filter((l) => l.mean !== null && l.count > 0);
  const weight = weighted.reduce((n, l) => n + l.count, 0);
  t.mean = weight > 0 ? weighted.reduce((sum, l) => sum + l.mean! * l.count, 0) / weight : null;
  t.throughput = labels.every((l) => l.throughput !== null) ? labels.reduce((n, l) => n + l.throughput!, 0) : null;
  t.receivedBytes = labels.every((l) => l.receivedBytes !== null) ? labels.reduce((n, l) => n + l.receivedBytes!, 0) : null;
  t.sources = {
    "*": "added up from the label rows of _stats.csv (its Aggregated row is missing); percentiles cannot be added up and are left empty",
  };
  return t;
}

// ---------------------------------------------------------------------------------------------------
// _stats_history.csv

type HistoryRow = {
  t: number;
  users: number | null;
  totalRequests: number;
  totalFailures: number;
  totalAverage: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
};

async function readHistory(
  file: ImportFile,
  progress: ImportProgress,
  warnings: string[],
): Promise<{
  series: SeriesPoint[];
  loadProfile: LoadProfilePoint[];
  bucketSeconds: number | null;
  firstTimestamp: number | null;
  lastTimestamp: number | null;
  maxUsers: number | null;
  rows: number;
}> {
  const series: SeriesPoint[] = [];
  const loadProfile: LoadProfilePoint[] = [];
  const gaps = new Map<number, number>();
  let previous: HistoryRow | null = null;
  let first: number | null = null;
  let maxUsers: number | null = null;
  const rows = await readCsv(file, progress, warnings, (header) => {
    const columns = columnsOf(header, file.name);
    const c = {
      timestamp: columns.index(["timestamp"], true),
      users: columns.index(["user count"], false),
      name: columns.index(["name"], true),
      totalRequests: columns.index(["total request count", "# requests"], true),
      totalFailures: columns.index(["total failure count", "# failures"], true),
      totalAverage: columns.index(["total average response time", "average response time"], false),
    };
    const percentile = (p: number) => columns.percentiles.find((x) => Number(x.percent) === p)?.column ?? -1;
    const pc = { p50: percentile(50), p90: percentile(90), p95: percentile(95), p99: percentile(99) };
    return (row: Row) => {
      if (row.text(c.name) !== "Aggregated") return;
      const raw = row.number(c.timestamp, false)!;
      // Locust writes epoch seconds; accept milliseconds too.
      const t = raw > 1e11 ? raw : raw * 1000;
      if (t <= 0) row.fail(`${raw} is not a timestamp.`, c.timestamp);
      const current: HistoryRow = {
        t,
        users: c.users >= 0 ? row.count(c.users) : null,
        totalRequests: row.count(c.totalRequests),
        totalFailures: row.count(c.totalFailures),
        totalAverage: row.number(c.totalAverage),
        p50: row.number(pc.p50),
        p90: row.number(pc.p90),
        p95: row.number(pc.p95),
        p99: row.number(pc.p99),
      };
      if (previous && t < previous.t) row.fail("the timestamps go backwards.", c.timestamp);
      first ??= t;
      if (current.users !== null) {
        maxUsers = Math.max(maxUsers ?? 0, current.users);
        const last = loadProfile[loadProfile.length - 1];
        if (!last || last.users !== current.users) loadProfile.push({ t, users: current.users });
      }
      if (previous) gaps.set(t - previous.t, (gaps.get(t - previous.t) ?? 0) + 1);
      series.push(point(previous, current));
      previous = current;
    };
  });
  const bucketMs = mostCommon(gaps);
  // The first row's counts run from the start of the test; its bucket is taken to be one interval long.
  if (series.length && bucketMs !== null) series[0].t -= bucketMs;
  const last = previous as HistoryRow | null;
  if (last?.users != null && loadProfile.length && loadProfile[loadProfile.length - 1].t !== last.t) {
    loadProfile.push({ t: last.t, users: last.users });
  }
  return {
    series,
    loadProfile,
    bucketSeconds: bucketMs === null ? null : bucketMs / 1000,
    firstTimestamp: first,
    lastTimestamp: last?.t ?? null,
    maxUsers,
    rows,
  };
}

/**
 * A bucket from (previous row, this row]. Running totals that go down mean Locust reset its
 * statistics (e.g. --reset-stats after ramp-up): the bucket then holds the totals since the reset.
 */
function point(previous: HistoryRow | null, current: HistoryRow): SeriesPoint {
  const reset = previous === null || current.totalRequests < previous.totalRequests;
  const requests = reset ? current.totalRequests : current.totalRequests - previous.totalRequests;
  const errors = reset ? current.totalFailures : Math.max(0, current.totalFailures - previous.totalFailures);
  let mean: number | null = null;
  if (requests > 0 && current.totalAverage !== null) {
    if (reset) mean = current.totalAverage;
    else if (previous.totalAverage !== null) {
      const m = (current.totalAverage * current.totalRequests - previous.totalAverage * previous.totalRequests) / requests;
      mean = m >= 0 ? m : null;
    }
  }
  return {
    t: previous === null ? current.t : previous.t,
    requests,
    errors,
    mean,
    p50: current.p50,
    p90: current.p90,
    p95: current.p95,
    p99: current.p99,
    users: current.users,
  };
}

function mostCommon(counts: Map<number, number>): number | null {
  let best: number | null = null;
  let bestCount = 0;
  for (const [value, n] of counts) {
    if (value > 0 && (n > bestCount || (n === bestCount && best !== null && value < best))) [best, bestCount] = [value, n];
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------
// _failures.csv and _exceptions.csv

async function readTally(
  file: ImportFile,
  progress: ImportProgress,
  warnings: string[],
  kind: "failures" | "exceptions",
): Promise<{ text: string | null; rows: number }> {
  const items: { n: number; what: string }[] = [];
  const rows = await readCsv(file, progress, warnings, (header) => {
    const columns = columnsOf(header, file.name);
    if (kind === "failures") {
      const c = {
        method: columns.index(["method"], true),
        name: columns.index(["name"], true),
        error: columns.index(["error"], true),
        n: columns.index(["occurrences"], true),
      };
      return (row) => {
        const what = `${[row.text(c.method), row.text(c.name)].filter(Boolean).join(" ")}: ${row.text(c.error)}`;
        items.push({ n: row.count(c.n), what });
      };
    }
    const c = { n: columns.index(["count"], true), message: columns.index(["message"], true) };
    return (row) => items.push({ n: row.count(c.n), what: row.text(c.message) });
  });
  if (!items.length) return { text: null, rows };
  const occurrences = items.reduce((n, i) => n + i.n, 0);
  const listed = [...items]
    .sort((a, b) => b.n - a.n)
    .slice(0, MAX_LISTED)
    .map((i) => `${i.n}× ${i.what.length > 160 ? `${i.what.slice(0, 157)}...` : i.what}`);
  const more = items.length > MAX_LISTED ? `; and ${items.length - MAX_LISTED} more` : "";
  return {
    text: `${items.length} kind${items.length === 1 ? "" : "s"}, ${occurrences} occurrence${occurrences === 1 ? "" : "s"}: ${listed.join("; ")}${more}`,
    rows,
  };
}

// ---------------------------------------------------------------------------------------------------
// CSV streaming

/**
 * Streams a CSV file row by row. `start` receives the header and returns the row handler. A last row
 * with fewer cells than the header is a file cut mid-line: it is skipped with a warning; anywhere
 * else it is an error.
 */
async function readCsv(
  file: ImportFile,
  progress: ImportProgress,
  warnings: string[],
  start: (header: string[]) => (row: Row) => void,
): Promise<number> {
  // Text chunks (not bytes), so a character split between two chunks is decoded whole.
  const input = createReadStream(file.path, { encoding: "utf8", highWaterMark: 256 * 1024 });
  input.on("data", (chunk) => progress.bytes(Buffer.byteLength(chunk as string)));
  // Lines end "\r\n" (Python's csv), or "\r\r\n" when Locust ran on Windows: split on "\n" and trim
  // the cells, rather than let Papa guess "\r" as the line break.
  const parsed = input.pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { newline: "\n", skipEmptyLines: "greedy" }));
  // pipe() does not pass on a read error; without this the loop below would wait forever.
  input.on("error", (error) => parsed.destroy(error));
  let header: string[] | null = null;
  let handle: ((row: Row) => void) | null = null;
  let pending: Row | null = null;
  let line = 0;
  let rows = 0;
  const handleComplete = (row: Row) => {
    if (row.cells.length < header!.length) {
      row.fail(`the row has ${row.cells.length} fields, the header ${header!.length}.`, row.cells.length);
    }
    handle!(row);
    rows++;
  };
  try {
    for await (const cells of parsed as AsyncIterable<string[]>) {
      line++;
      if (header === null) {
        header = cells.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim());
        handle = start(header);
        continue;
      }
      if (pending) handleComplete(pending);
      pending = new Row(cells, file.name, line, header);
      if (line % TICK_EVERY_ROWS === 0) {
        progress.rows(TICK_EVERY_ROWS);
        await progress.tick();
      }
    }
  } finally {
    input.destroy();
  }
  if (header === null) throw new ImportError("the file is empty.", { file: file.name, line: 1 });
  if (pending) {
    if (pending.cells.length < header.length) {
      warnings.push(`${file.name}: the last line (${pending.line}) is incomplete, so the file looks cut short; it was left out.`);
    } else handleComplete(pending);
  }
  progress.rows(line % TICK_EVERY_ROWS);
  return rows;
}

async function readHeadText(file: ImportFile): Promise<string> {
  const handle = await open(file.path, "r");
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}
