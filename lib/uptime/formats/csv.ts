/**
 * A plain CSV of checks for one monitor: `timestamp,status[,latency_ms]`, comma, semicolon or tab
 * separated, header optional (with one, the columns are found by name in any order; code and message
 * columns are read too). Times are ISO 8601 (without an offset: in the import's time zone) or epoch
 * seconds/milliseconds; statuses are words (up, down, ok, fail…), 1/0, true/false or HTTP codes.
 * Streamed through the metrics CSV engine, so memory stays at one chunk plus the samples.
 */
import { ImportError } from "@/lib/imports/errors";
import type { FileHead, ImportFile } from "@/lib/imports/files";
import { forEachCsvRecord, isCsvMatching, readCsvHead, type CsvHead } from "@/lib/metrics/formats/csv-table";
import { looksLikeTime, metricValue, TimeReader } from "@/lib/metrics/formats/readings";
import { guessMonitorKind, medianIntervalSec, orderSamples } from "@/lib/uptime/formats/samples";
import type { ParsedUptime, UptimeImportContext, UptimeImporter, UptimeSample, UptimeStatus } from "@/lib/uptime/types";

export const uptimeCsvImporter: UptimeImporter = {
  id: "csv",
  title: "CSV (timestamp,status[,latency_ms])",
  detect(heads: FileHead[]): boolean {
    return heads.length === 1 && isCsvMatching(heads[0], (head) => readLayout(head, null) !== null);
  },
  parse: parseUptimeCsv,
};

export const STATUS_HELP =
  "write up, down, degraded or maintenance (also ok, fail, failed, error, pending, 1/0, true/false, or an HTTP code such as 200 or 503).";
const LATENCY_HELP = "write the latency in milliseconds as a number (123 or 123.4), or leave the cell empty.";

const STATUS_WORDS: Record<string, UptimeStatus> = {
  up: "up",
  ok: "up",
  true: "up",
  "1": "up",
  down: "down",
  fail: "down",
  failed: "down",
  error: "down",
  false: "down",
  "0": "down",
  degraded: "degraded",
  pending: "degraded",
  maintenance: "maintenance",
};

/** A status cell: a word, 1/0, true/false, or an HTTP code (2xx and 3xx up, others down); null when none. */
export function csvUptimeStatus(text: string): { status: UptimeStatus; code: number | null } | null {
  const word = STATUS_WORDS[text.trim().toLowerCase()];
  if (word) return { status: word, code: null };
  if (/^[1-5]\d\d$/.test(text.trim())) {
    const code = Number(text.trim());
    return { status: code >= 200 && code < 400 ? "up" : "down", code };
  }
  return null;
}

type Role = "time" | "status" | "latency" | "code" | "message";
type Layout = { hasHeader: boolean; columns: Partial<Record<Role, number>>; names: string[]; unread: string[] };

const ROLE_NAMES: [Role, RegExp][] = [
  ["time", /^(?:time|timestamp|time_stamp|date|datetime|date_time|ts|checked_at|at)$/],
  ["status", /^(?:status|state|result|up)$/],
  ["latency", /^(?:latency|response_time|responsetime|ping|duration|rtt)(?:_ms)?$/],
  ["code", /^(?:code|status_code|http_code|http_status)$/],
  ["message", /^(?:message|msg|error|detail)$/],
];

function roleOf(name: string): Role | null {
  const normal = name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_")
    .replace(/_?\(ms\)$/, "_ms");
  return ROLE_NAMES.find(([, pattern]) => pattern.test(normal))?.[0] ?? null;
}

/**
 * The columns, from the first record: data (time first) or a header naming them. Null when the head
 * is not such a file; with `file` given, an ImportError saying what is missing instead.
 */
function readLayout(head: CsvHead, file: string | null): Layout | null {
  const first = head.firstRecord;
  const refuse = (message: string): null => {
    if (file === null) return null;
    throw new ImportError(message, { file, line: head.firstRecordLine });
  };
  if (looksLikeTime(first[0])) {
    if (first.length > 3) {
      return refuse(
        `the first line has ${first.length} fields and no header: without one, a line holds timestamp,status or timestamp,status,latency_ms. Add a header naming the columns.`,
      );
    }
    if (csvUptimeStatus(first[1]) === null)
      return refuse(`the second field ${JSON.stringify(first[1])} is not a status: ${STATUS_HELP}`);
    const names = ["timestamp", "status", "latency_ms"].slice(0, first.length);
    return {
      hasHeader: false,
      columns: { time: 0, status: 1, ...(first.length === 3 ? { latency: 2 } : {}) },
      names,
      unread: [],
    };
  }
  const columns: Partial<Record<Role, number>> = {};
  const unread: string[] = [];
  first.forEach((name, i) => {
    const role = roleOf(name);
    if (role && columns[role] === undefined) columns[role] = i;
    else unread.push(name || `column ${i + 1}`);
  });
  if (columns.time === undefined || columns.status === undefined) {
    return refuse(
      `the header (${first.join(", ")}) has no ${columns.time === undefined ? "timestamp" : "status"} column: name the columns timestamp, status and optionally latency_ms.`,
    );
  }
  return { hasHeader: true, columns, names: first.map((n, i) => n || `column ${i + 1}`), unread };
}

async function parseUptimeCsv(files: ImportFile[], ctx: UptimeImportContext): Promise<ParsedUptime> {
  if (files.length !== 1) {
    throw new ImportError(`a CSV import takes one file, got ${files.length}.`, { file: files.map((f) => f.name).join(", ") });
  }
  const file = files[0];
  const { head } = await readCsvHead(
    file,
    () => true,
    "this is not a CSV of checks: no line of the file's start has two fields separated by a comma, semicolon or tab. Write timestamp,status[,latency_ms].",
  );
  const layout = readLayout(head, file.name) as Layout;
  const { columns, names } = layout;
  const times = new TimeReader(ctx.options.timeZone);
  const decimalComma = head.delimiter !== ",";
  const samples: UptimeSample[] = [];
  let outOfOrder = 0;
  let lastAt = -Infinity;
  let skipHeader = layout.hasHeader;

  const reading = await forEachCsvRecord(file, head, ctx.progress, (fields, line) => {
    if (skipHeader) {
      skipHeader = false;
      return;
    }
    const fail = (message: string, column: number | null): never => {
      throw new ImportError(message, { file: file.name, line, field: column === null ? null : names[column] });
    };
    if (fields.length !== names.length) {
      const missing = fields.length < names.length ? `; "${names[fields.length]}" is missing` : "";
      fail(
        `the line has ${fields.length} field${fields.length === 1 ? "" : "s"} but the ${layout.hasHeader ? "header" : "first line"} has ${names.length} (${names.join(", ")})${missing}.`,
        fields.length < names.length ? fields.length : null,
      );
    }
    const timeText = fields[columns.time!].trim();
    const at = times.read(timeText);
    if (at !== at) fail(times.problem(timeText), columns.time!);
    const statusText = fields[columns.status!].trim();
    const status = csvUptimeStatus(statusText);
    if (status === null) fail(`${JSON.stringify(statusText)} is not a status: ${STATUS_HELP}`, columns.status!);
    let latencyMs: number | null = null;
    if (columns.latency !== undefined) {
      const text = fields[columns.latency].trim();
      const value = metricValue(text, decimalComma);
      if (value === null || value < 0 || value === Infinity)
        fail(`${JSON.stringify(text)} is not a latency: ${LATENCY_HELP}`, columns.latency);
      latencyMs = value === value ? value : null;
    }
    let code = status!.code;
    if (columns.code !== undefined) {
      const text = fields[columns.code].trim();
      if (text !== "") {
        if (!/^\d{1,4}$/.test(text))
          fail(
            `${JSON.stringify(text)} is not a status code: write a whole number such as 200, or leave it empty.`,
            columns.code,
          );
        code = Number(text);
      }
    }
    const message = columns.message === undefined ? "" : fields[columns.message].trim();
    if (at < lastAt) outOfOrder++;
    lastAt = at;
    samples.push({ at, status: status!.status, latencyMs, code, message });
  });

  if (samples.length === 0) {
    throw new ImportError("the file holds no checks: write one line per check, timestamp,status[,latency_ms].", {
      file: file.name,
      line: head.firstRecordLine + (layout.hasHeader ? 1 : 0),
    });
  }
  const ordered = orderSamples(samples);
  const notes: string[] = [...times.notes()];
  if (layout.unread.length)
    notes.push(
      `Column${layout.unread.length === 1 ? "" : "s"} ${layout.unread.join(", ")} ${layout.unread.length === 1 ? "was" : "were"} not read.`,
    );
  if (outOfOrder) notes.push(`${count(outOfOrder, "row")} came earlier than the row before: the checks were sorted by time.`);
  if (ordered.duplicates) notes.push(`${count(ordered.duplicates, "row")} repeated a time already seen; the later row was kept.`);
  if (reading.cutLine !== null) {
    notes.push(
      `The file ends without a line break inside line ${reading.cutLine}, which is incomplete as if the file was cut: that line was left out and the complete lines before it were imported.`,
    );
  }
  const name = ctx.options.monitorName?.trim() || baseName(file.name);
  const target = ctx.options.target?.trim() ?? "";
  return {
    format: "csv",
    source: "csv",
    monitors: [
      {
        sourceKey: csvMonitorKey(name),
        name,
        target,
        kind: guessMonitorKind(target),
        samples: ordered.samples,
        checkIntervalSec: medianIntervalSec(ordered.samples),
        dataEnd: null,
        reported: [],
        outages: [],
        maintenance: [],
        timeZone: null,
      },
    ],
    notes,
    rowsRead: samples.length,
  };
}

/** "API checks.csv" → "API checks". */
function baseName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[^.]+$/, "") || base;
}

/** The monitor's identity: its name lower-cased, runs of other characters as "-" ("API checks" → "api-checks"). */
export function csvMonitorKey(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "") || "csv"
  );
}

function count(n: number, what: string): string {
  return `${n.toLocaleString("en-US")} ${what}${n === 1 ? "" : "s"}`;
}
