/**
 * Gatling's text `simulation.log` (Gatling 3.0 to 3.11): tab-separated records, one a line.
 *
 *   3.4–3.11  RUN  class  simulationId  start  description  version
 *             USER  scenario  START|END  timestamp
 *             REQUEST  groups  name  start  end  OK|KO  message
 *             GROUP  groups  start  end  cumulatedResponseTime  OK|KO
 *             ERROR  message  timestamp
 *   3.0–3.3   the same with a user id: USER scenario userId START|END start end, REQUEST userId groups ...,
 *             GROUP userId groups ...; ASSERTION records (base64) may precede RUN.
 *
 * Each REQUEST is a sample (elapsed = end − start, labelled "group / name" inside groups, as Gatling's
 * report names it). GROUP records are group timings, not requests, and are left out of the figures as
 * in Gatling's own global statistics. Active users come from USER START/END in file order: Gatling
 * writes records as they happen, so the running count when a REQUEST is read is the number of users
 * active as that request ended. Gatling 3.12+ writes a binary log instead; it is recognised and
 * refused with a pointer to the report's js/stats.json.
 */
import { open } from "node:fs/promises";
import { ImportError } from "@/lib/imports/errors";
import { forEachLine } from "@/lib/loadtests/formats/text-lines";
import { SampleAggregator } from "@/lib/loadtests/stats/sample-aggregator";
import type { FileHead, ImportContext, ImportFile, LoadTestImporter, ParsedRun } from "@/lib/loadtests/types";
import { runFromSamples } from "@/lib/loadtests/stats/run-from-samples";

const TICK_EVERY_LINES = 5_000;
/** A REQUEST line of a typical log takes about this many bytes. */
const TYPICAL_LINE_BYTES = 110;

export const gatlingLogImporter: LoadTestImporter = {
  id: "gatling-log",
  tool: "gatling",
  title: "Gatling simulation.log (text, Gatling 3.0–3.11)",
  hint: "results/<simulation>-<timestamp>/simulation.log (Gatling 3.12+: upload js/stats.json instead)",
  detect(files: FileHead[]): boolean {
    return files.length === 1 && (isTextSimulationLog(files[0].text) || isBinarySimulationLog(files[0].head));
  },
  parse: parseGatlingLog,
};

function isTextSimulationLog(text: string): boolean {
  const firstLine = text.slice(0, text.indexOf("\n") >>> 0);
  return /^(RUN|ASSERTION)\t/.test(firstLine);
}

/**
 * Gatling 3.12+ binary log: a RUN record header byte 0, then the Gatling version as a length-prefixed
 * (big-endian int32) string.
 */
export function isBinarySimulationLog(head: Buffer): boolean {
  if (head.length < 8 || head[0] !== 0) return false;
  const length = head.readInt32BE(1);
  if (length < 3 || length > 40 || head.length < 5 + length) return false;
  return /^\d+\.\d+(\.\d+)?([-.][\w.-]*)?$/.test(head.subarray(5, 5 + length).toString("latin1"));
}

/** Bytes other than tab, CR, LF below 0x20 never occur in a text log. */
function looksBinary(head: Buffer): boolean {
  const n = Math.min(head.length, 4096);
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return true;
  }
  return false;
}

type LayoutVersion = "3.4+" | "3.0-3.3";

async function parseGatlingLog(files: ImportFile[], ctx: ImportContext): Promise<ParsedRun> {
  if (files.length !== 1) {
    throw new ImportError(`a Gatling import takes one simulation.log, got ${files.length} files.`, {
      file: files.map((f) => f.name).join(", "),
    });
  }
  const file = files[0];
  const { progress } = ctx;
  const head = await readHead(file.path, 4096);
  if (isBinarySimulationLog(head) || looksBinary(head)) throw binaryLogError(file.name);
  const aggregator = new SampleAggregator({ toolName: "Gatling", capacityHint: Math.ceil(file.size / TYPICAL_LINE_BYTES) });
  const warnings: string[] = [];
  const environment: Record<string, string> = {};
  const scenarios = new Set<string>();
  let suggestedName: string | null = null;
  let runStart = NaN;
  let layout: LayoutVersion | null = null;
  let activeUsers = 0;
  let maxActiveUsers = 0;
  let usersStarted = 0;
  let groupRecords = 0;
  let errorRecords = 0;
  let firstError: string | null = null;
  let requests = 0;
  let currentLine = 0;

  const fail = (message: string, field?: string): never => {
    throw new ImportError(message, { file: file.name, line: currentLine, field });
  };
  const integer = (text: string | undefined, field: string): number => {
    if (text === undefined || !/^\d+$/.test(text)) fail(`"${text ?? ""}" is not a timestamp in milliseconds.`, field);
    return Number(text);
  };

  const handleRecord = (line: string, lineNo: number): void => {
    currentLine = lineNo;
    if (line === "") return;
    const f = line.split("\t");
    switch (f[0]) {
      case "RUN": {
        if (f.length !== 6) fail(`a RUN record has ${f.length} fields, expected 6.`, "RUN");
        runStart = integer(f[3], "start");
        const className = f[1];
        environment["Simulation"] = className;
        environment["Gatling version"] = f[5];
        if (f[4].trim()) environment["Run description"] = f[4].trim();
        suggestedName = f[4].trim() || className.slice(className.lastIndexOf(".") + 1) || f[2] || null;
        return;
      }
      case "USER": {
        // 3.4+: USER scenario START|END ts (4 fields); 3.0–3.3: USER scenario userId START|END start end (6).
        const event = f.length === 4 ? f[2] : f.length === 6 ? f[3] : null;
        if (event === null) fail(`a USER record has ${f.length} fields, expected 4 (Gatling 3.4+) or 6 (3.0–3.3).`, "USER");
        layout ??= f.length === 4 ? "3.4+" : "3.0-3.3";
        integer(f[f.length - 1], "timestamp");
        scenarios.add(f[1]);
        if (event === "START") {
          usersStarted++;
          activeUsers++;
          if (activeUsers > maxActiveUsers) maxActiveUsers = activeUsers;
        } else if (event === "END") {
          if (activeUsers > 0) activeUsers--;
        } else fail(`"${event}" is neither START nor END.`, "USER");
        return;
      }
      case "REQUEST": {
        // 3.4+: REQUEST groups name start end status message (7); 3.0–3.3 adds the user id first (8).
        const o = f.length === 7 ? 1 : f.length === 8 ? 2 : -1;
        if (o < 0) fail(`a REQUEST record has ${f.length} fields, expected 7 (Gatling 3.4+) or 8 (3.0–3.3).`, "REQUEST");
        layout ??= o === 1 ? "3.4+" : "3.0-3.3";
        const groups = f[o];
        const name = f[o + 1];
        const start = integer(f[o + 2], "start");
        const end = integer(f[o + 3], "end");
        const status = f[o + 4];
        if (status !== "OK" && status !== "KO") fail(`"${status}" is neither OK nor KO.`, "status");
        if (end < start) fail(`the request ends (${end}) before it starts (${start}).`, "end");
        const label = groups ? `${groups.split(",").join(" / ")} / ${name}` : name;
        aggregator.add(label, start, end - start, status === "OK", NaN, NaN, activeUsers);
        requests++;
        return;
      }
      case "GROUP":
        groupRecords++;
        return;
      case "ERROR":
        errorRecords++;
        firstError ??= f[1] ?? "";
        return;
      case "ASSERTION":
        return;
      default:
        fail(`"${f[0].slice(0, 40)}" is not a Gatling 3 record type (RUN, USER, REQUEST, GROUP, ERROR).`, "record");
    }
  };

  const { lines, lastLineCut } = await forEachLine(file, progress, handleRecord, {
    tickEvery: TICK_EVERY_LINES,
    rowsRead: () => requests,
  });
  if (lastLineCut) {
    warnings.push(`the last line (${lines}) is an incomplete record: the log looks cut; the complete requests were imported.`);
  }
  if (activeUsers > 0) {
    warnings.push(`${activeUsers} user(s) never ended (no USER END record): the run was stopped early or the log is cut.`);
  }
  if (requests === 0) throw new ImportError("no REQUEST records: this simulation.log holds no requests.", { file: file.name });

  if (layout) environment["Log layout"] = `Gatling ${layout} text simulation.log`;
  if (scenarios.size > 0) environment["Scenarios"] = [...scenarios].join(", ");
  if (usersStarted > 0) {
    environment["Users started"] = String(usersStarted);
    environment["Max active users"] = String(maxActiveUsers);
  }
  if (groupRecords > 0) environment["Group timings (not counted as requests)"] = String(groupRecords);
  if (errorRecords > 0) environment["ERROR records"] = `${errorRecords} (first: ${(firstError ?? "").slice(0, 200)})`;

  const result = aggregator.finish();
  const runStartedAt = Number.isFinite(runStart) ? new Date(runStart) : null;
  return runFromSamples(result, {
    tool: "gatling",
    format: gatlingLogImporter.id,
    suggestedName,
    startedAt: runStartedAt && (!result.startedAt || runStartedAt < result.startedAt) ? runStartedAt : result.startedAt,
    environment,
    warnings,
    rowsRead: requests,
  });
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function binaryLogError(fileName: string): ImportError {
  return new ImportError(
    "this is a binary simulation.log (Gatling 3.12 or later), which only Gatling itself can read. Upload the report's js/stats.json from the same results folder instead.",
    { file: fileName, line: 1 },
  );
}
