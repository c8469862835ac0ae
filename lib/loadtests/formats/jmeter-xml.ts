/**
 * JMeter JTL in XML (`jmeter.save.saveservice.output_format=xml`): `<testResults>` holding
 * `<httpSample>` / `<sample>` elements whose attributes carry the figures (t elapsed, ts start, s
 * success, lb label, by/sby bytes, na active threads...). Elements nested in a sample are its
 * sub-samples (redirects, embedded resources, transaction children): they are counted under their own
 * label, apart from the parent, as JMeter's report does. Streamed with saxes, so memory holds one
 * top-level sample at a time.
 */
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { ImportError } from "@/lib/imports/errors";
import type { ImportProgress } from "@/lib/imports/progress";
import { SampleAggregator } from "@/lib/loadtests/stats/sample-aggregator";
import type { FileHead, ImportContext, ImportFile, LoadTestImporter, ParsedRun } from "@/lib/loadtests/types";
import { runFromSamples } from "@/lib/loadtests/stats/run-from-samples";

const SAMPLE_ELEMENTS = new Set(["httpSample", "sample"]);
/** A JTL XML sample with its usual child elements takes roughly this many bytes. */
const TYPICAL_SAMPLE_BYTES = 300;

type SampleNode = {
  /** Element depth in the document (root = 1), to match the closing tag. */
  depth: number;
  /** Line of the opening tag's end, for messages. */
  line: number;
  label: string;
  start: number;
  elapsed: number;
  success: boolean;
  receivedBytes: number;
  sentBytes: number;
  activeThreads: number;
  children: SampleNode[];
};

export const jmeterXmlImporter: LoadTestImporter = {
  id: "jmeter-xml",
  tool: "jmeter",
  title: "JMeter JTL (XML)",
  hint: "jmeter -n -t plan.jmx -l results.jtl -Jjmeter.save.saveservice.output_format=xml",
  detect(files: FileHead[]): boolean {
    return files.length > 0 && files.every((f) => isJtlXml(f.text));
  },
  parse: parseJmeterXml,
};

function isJtlXml(text: string): boolean {
  // The root element comes right after the XML declaration (and perhaps comments).
  return /^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<testResults[\s>/]/.test(text);
}

async function parseJmeterXml(files: ImportFile[], ctx: ImportContext): Promise<ParsedRun> {
  const totalSize = files.reduce((a, f) => a + f.size, 0);
  const aggregator = new SampleAggregator({
    toolName: "JMeter",
    subSamples: "explicit",
    capacityHint: Math.ceil(totalSize / TYPICAL_SAMPLE_BYTES),
  });
  const warnings: string[] = [];
  const info: FileInfo = { versions: new Set(), hosts: new Set(), maxActiveThreads: 0, samples: 0 };
  for (const file of files) await readJtlXml(file, aggregator, ctx.progress, warnings, info);
  if (aggregator.sampleCount === 0) {
    throw new ImportError("no <httpSample> or <sample> elements found: this JTL holds no samples.", {
      file: files.map((f) => f.name).join(", "),
    });
  }
  const result = aggregator.finish();
  const environment: Record<string, string> = { "Result file": `JMeter JTL (XML${versionText(info.versions)})` };
  if (info.maxActiveThreads > 0) environment["Threads (max active)"] = String(info.maxActiveThreads);
  if (info.hosts.size > 0) environment["Load generator hosts"] = [...info.hosts].join(", ");
  return runFromSamples(result, { tool: "jmeter", format: jmeterXmlImporter.id, environment, warnings, rowsRead: info.samples });
}

type FileInfo = { versions: Set<string>; hosts: Set<string>; maxActiveThreads: number; samples: number };

function versionText(versions: Set<string>): string {
  return versions.size > 0 ? `, format version ${[...versions].join(", ")}` : "";
}

async function readJtlXml(
  file: ImportFile,
  aggregator: SampleAggregator,
  progress: ImportProgress,
  warnings: string[],
  info: FileInfo,
): Promise<void> {
  const parser = new SaxesParser({ position: true });
  const stack: SampleNode[] = [];
  let depth = 0;
  let rootClosed = false;
  let newRows = 0;

  const fail = (message: string, field?: string): never => {
    throw new ImportError(message, { file: file.name, line: parser.line, field });
  };

  parser.on("opentag", (tag) => {
    depth++;
    if (depth === 1) {
      if (tag.name !== "testResults") fail(`the root element is <${tag.name}>, not <testResults>: this is not a JMeter JTL.`);
      if (typeof tag.attributes.version === "string") info.versions.add(tag.attributes.version);
      return;
    }
    if (!SAMPLE_ELEMENTS.has(tag.name)) return;
    // A sample directly under the root, or a sub-sample directly inside another sample.
    const parentDepth = stack.length > 0 ? stack[stack.length - 1].depth : 1;
    if (depth !== parentDepth + 1) return;
    stack.push(readSample(tag as SaxesTagPlain, depth, parser.line, fail, info));
  });

  parser.on("closetag", (tag) => {
    const closing = depth--;
    if (closing === 1) rootClosed = true;
    if (stack.length === 0 || stack[stack.length - 1].depth !== closing || !SAMPLE_ELEMENTS.has(tag.name)) return;
    const node = stack.pop() as SampleNode;
    if (stack.length > 0) stack[stack.length - 1].children.push(node);
    else newRows += addTree(aggregator, node, null);
  });

  const decoder = new StringDecoder("utf8");
  const stream = createReadStream(file.path, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      progress.bytes(chunk.length);
      writeChunk(parser, decoder.write(chunk), file.name);
      progress.rows(newRows);
      info.samples += newRows;
      newRows = 0;
      await progress.tick();
    }
    writeChunk(parser, decoder.end(), file.name);
    progress.rows(newRows);
    info.samples += newRows;
  } finally {
    stream.destroy();
  }

  if (rootClosed) return;
  // The file ends inside an element: keep the complete samples, report where it was cut.
  if (depth === 0) fail("the file holds no XML elements: this is not a JMeter JTL.");
  const openSample = stack.length > 0 ? ` inside the sample that starts on line ${stack[0].line}, which was left out` : "";
  warnings.push(`${file.name} ends before </testResults>${openSample}: the file looks cut; the complete samples were imported.`);
}

function writeChunk(parser: SaxesParser, text: string, fileName: string): void {
  if (!text) return;
  try {
    parser.write(text);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const message = error instanceof Error ? error.message.replace(/^\d+:\d+: /, "") : String(error);
    throw new ImportError(`malformed XML: ${message}.`, { file: fileName, line: parser.line });
  }
}

function readSample(
  tag: SaxesTagPlain,
  depth: number,
  line: number,
  fail: (message: string, field?: string) => never,
  info: FileInfo,
): SampleNode {
  const a = tag.attributes;
  const elapsed = integerAttribute(a.t, "t", fail, true);
  const start = integerAttribute(a.ts, "ts", fail, true);
  const activeThreads = integerAttribute(a.na, "na", fail, false);
  if (activeThreads > info.maxActiveThreads) info.maxActiveThreads = activeThreads;
  if (typeof a.hn === "string" && a.hn && info.hosts.size < 20) info.hosts.add(a.hn);
  return {
    depth,
    line,
    label: typeof a.lb === "string" ? a.lb : "",
    start,
    elapsed,
    success: successOf(a.s, a.rc, fail),
    receivedBytes: integerAttribute(a.by, "by", fail, false),
    sentBytes: integerAttribute(a.sby, "sby", fail, false),
    activeThreads,
    children: [],
  };
}

/** A whole, non-negative number; NaN when an optional attribute is absent. */
function integerAttribute(
  value: string | undefined,
  name: string,
  fail: (message: string, field?: string) => never,
  required: boolean,
): number {
  if (value === undefined || value === "") {
    if (required) fail(`a sample lacks the "${name}" attribute.`, name);
    return NaN;
  }
  if (!/^-?\d+$/.test(value.trim())) fail(`"${value}" is not a whole number.`, name);
  const n = Number(value);
  if (n < 0) fail(`"${value}" is negative.`, name);
  return n;
}

/** `s` is JMeter's success flag; files saved without it fall back to the response code (2xx/3xx = success). */
function successOf(s: string | undefined, rc: string | undefined, fail: (message: string, field?: string) => never): boolean {
  if (s === "true") return true;
  if (s === "false") return false;
  if (s !== undefined) fail(`"${s}" is neither true nor false.`, "s");
  const code = Number(rc);
  return Number.isInteger(code) && code >= 200 && code < 400;
}

/** Adds a top-level sample and its sub-samples (each under its direct parent); returns how many were added. */
function addTree(aggregator: SampleAggregator, node: SampleNode, parent: string | null): number {
  aggregator.add(
    node.label,
    node.start,
    node.elapsed,
    node.success,
    node.receivedBytes,
    node.sentBytes,
    node.activeThreads,
    parent,
  );
  let added = 1;
  for (const child of node.children) added += addTree(aggregator, child, node.label);
  return added;
}
