/**
 * Grafana panel CSV exports:
 *  - Grafana 7+ "Inspect → Data → Download CSV": `"Time","<series A>","<series B>"…`, maybe after a
 *    UTF-8 BOM and Excel's `sep=,` line ("Download for Excel"). Time is epoch ms, or with "Formatted
 *    data" on a wall-clock text without offset in the dashboard's zone (read in the import's zone);
 *    values are plain numbers or formatted with units ("12.5 ms", "45.3%", "1.5 GiB", "3.2 K"),
 *    converted to the unit the column's cells state. Grafana ≤ 6 "Series as columns" is the same
 *    shape with semicolons and ISO times with offsets.
 *  - Grafana ≤ 6 "Export CSV", series as rows: `"Series";"Time";"Value"`, one series per name.
 */
import type { FileHead, ImportFile } from "@/lib/imports/files";
import {
  isCsvMatching,
  readCsvHead,
  readCsvTable,
  type CellReader,
  type CsvHead,
  type CsvTable,
} from "@/lib/metrics/formats/csv-table";
import { metricValue, VALUE_HELP } from "@/lib/metrics/formats/readings";
import type { MetricImportContext, MetricImporter, MetricImportOptions, ParsedMetrics } from "@/lib/metrics/types";
import type { MetricUnit } from "@/lib/metrics/units";

export const grafanaCsvImporter: MetricImporter = {
  id: "grafana-csv",
  title: "Grafana panel CSV",
  hint: "Grafana panel → Inspect → Data → Download CSV (or the panel's Export CSV in Grafana 6).",
  detect(head: FileHead): boolean {
    return isCsvMatching(head, (csv) => grafanaLayout(csv) !== null);
  },
  parse: parseGrafanaCsv,
};

const COLUMNS_HEADER = /^"Time"[,;\t]"/;
/** Grafana 5-6 quote the header; Grafana 4 did not. */
const ROWS_HEADER = /^"?Series"?;"?Time"?;"?Value"?$/;

/** Grafana quotes every header name, "Time" first; older versions list series as rows under "Series";"Time";"Value". */
function grafanaLayout(head: CsvHead): "columns" | "rows" | null {
  if (ROWS_HEADER.test(head.firstRecordText)) return "rows";
  if (COLUMNS_HEADER.test(head.firstRecordText)) return "columns";
  return null;
}

async function parseGrafanaCsv(file: ImportFile, ctx: MetricImportContext): Promise<ParsedMetrics> {
  const { head, layout } = await readCsvHead(
    file,
    grafanaLayout,
    'this is not a Grafana panel CSV: its first line should be a quoted header starting "Time" ("Time","A-series",…) or "Series";"Time";"Value".',
  );
  const table = grafanaTable(head, layout, ctx.options);
  const parsed = await readCsvTable(file, ctx, table);
  const withUnits = parsed.series.filter((s) => s.unit !== null);
  if (withUnits.length > 0) {
    parsed.notes.push(
      `Values were written with units (Grafana's "Formatted data") and converted: ${withUnits.map((s) => `${JSON.stringify(s.name)} in ${s.unit}`).join(", ")}.`,
    );
  }
  return parsed;
}

function grafanaTable(head: CsvHead, layout: "columns" | "rows", options: MetricImportOptions): CsvTable {
  const names = head.firstRecord.map((name, i) => name || `column ${i + 1}`);
  const base = {
    format: grafanaCsvImporter.id,
    head,
    columnNames: names,
    hasHeader: true,
    emptyHint: "it has a header line but no data rows.",
  };
  const cells = () => new GrafanaCells(head.delimiter !== ",");
  if (layout === "rows") {
    return { ...base, cells, columns: { form: "long", time: 1, value: 2, series: 0, name: options.name ?? "value" } };
  }
  const series = names.slice(1).map((name, i) => ({ column: i + 1, name }));
  return { ...base, cells, columns: { form: "wide", time: 0, series } };
}

type UnitFamily = "time" | "percent" | "bytes" | "bytes/s" | "req/s" | "scaled";

/** A unit suffix Grafana writes: its family and how many of the family's base (ms, %, bytes, bytes/s, req/s, 1) it is. */
type Suffix = { family: UnitFamily; factor: number };

const FAMILY_NAMES: Record<UnitFamily, string> = {
  time: "a duration",
  percent: "a percentage",
  bytes: "a size in bytes",
  "bytes/s": "a rate in bytes per second",
  "req/s": "a rate in requests per second",
  scaled: "a count with a K/M/G multiplier",
};

/** The unit a column of each family gets (a duration column of seconds or longer gets "sec"). */
const FAMILY_UNITS: Record<UnitFamily, MetricUnit | null> = {
  time: "ms",
  percent: "%",
  bytes: "bytes",
  "bytes/s": "bytes/s",
  "req/s": "req/s",
  scaled: null,
};

const BYTE_PREFIXES: [string, number][] = [
  ["B", 1],
  ["KiB", 2 ** 10],
  ["MiB", 2 ** 20],
  ["GiB", 2 ** 30],
  ["TiB", 2 ** 40],
  ["PiB", 2 ** 50],
  ["kB", 1e3],
  ["KB", 1e3],
  ["MB", 1e6],
  ["GB", 1e9],
  ["TB", 1e12],
  ["PB", 1e15],
];

const SUFFIXES_BY_FAMILY: [UnitFamily, [suffix: string, factor: number][]][] = [
  [
    "time",
    [
      ["ns", 1e-6],
      ["µs", 1e-3],
      ["μs", 1e-3],
      ["us", 1e-3],
      ["ms", 1],
      ["s", 1e3],
      ["min", 60e3],
      ["h", 3600e3],
      ["hour", 3600e3],
      ["hours", 3600e3],
      ["d", 86400e3],
      ["day", 86400e3],
      ["days", 86400e3],
    ],
  ],
  ["percent", [["%", 1]]],
  ["req/s", [["req/s", 1]]],
  // Grafana's "short" unit scales with K, Mil, Bil, Tri; SI-style formats with k, M, G, T.
  [
    "scaled",
    [
      ["K", 1e3],
      ["k", 1e3],
      ["M", 1e6],
      ["Mil", 1e6],
      ["G", 1e9],
      ["Bil", 1e9],
      ["T", 1e12],
      ["Tri", 1e12],
    ],
  ],
  ["bytes", BYTE_PREFIXES],
  ["bytes/s", BYTE_PREFIXES.map(([prefix, factor]) => [`${prefix}/s`, factor])],
];

const SUFFIXES = new Map<string, Suffix>(
  SUFFIXES_BY_FAMILY.flatMap(([family, suffixes]) => suffixes.map(([suffix, factor]) => [suffix, { family, factor }] as const)),
);

const KNOWN_SUFFIXES =
  "ns, µs, ms, s, min, hour, day, %, B, KiB, MiB, GiB, TiB, kB, MB, GB, TB, B/s, KiB/s, MB/s…, req/s, K, M, G, T";
const FORMATTED = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(.+)$/;

/**
 * A value column of a Grafana export. The first cell with a unit settles the column's unit (a
 * duration in ms or s as that cell had it, %, bytes, bytes/s, req/s; a bare K/M/G multiplier states
 * none); later cells are converted to it, and a cell of another kind of unit is refused. Cells
 * without a unit ("0") are taken as already in the column's unit.
 */
class GrafanaCells implements CellReader {
  private family: UnitFamily | null = null;
  /** How many of the family's base one unit of the column is (1000 for a duration column in seconds). */
  private unitFactor = 1;
  unit: MetricUnit | null = null;

  constructor(private readonly decimalComma: boolean) {}

  read(text: string): number | null {
    const plain = metricValue(text, this.decimalComma);
    if (plain !== null) return plain;
    if (text === "undefined") return NaN; // Grafana ≤ 6 "Series as columns" for a series without a point at that time
    const m = FORMATTED.exec(text);
    const suffix = m ? SUFFIXES.get(m[2]) : undefined;
    if (!m || !suffix) return null;
    if (this.family === null) this.settle(suffix);
    else if (suffix.family !== this.family) return null;
    return (Number(m[1]) * suffix.factor) / this.unitFactor;
  }

  problem(text: string): string {
    const m = FORMATTED.exec(text);
    if (!m) return `${JSON.stringify(text)} is not a number: ${VALUE_HELP}`;
    const suffix = SUFFIXES.get(m[2]);
    if (!suffix) {
      return `${JSON.stringify(text)} has a unit Hindsight does not read ("${m[2]}"): it reads ${KNOWN_SUFFIXES}. Download the CSV with "Formatted data" off to get plain numbers.`;
    }
    return `${JSON.stringify(text)} is ${FAMILY_NAMES[suffix.family]}, but this column's earlier cells are ${FAMILY_NAMES[this.family!]}${this.unit ? ` (${this.unit})` : ""}: a column holds one kind of unit.`;
  }

  private settle(suffix: Suffix): void {
    this.family = suffix.family;
    if (suffix.family === "time" && suffix.factor >= 1e3) [this.unit, this.unitFactor] = ["sec", 1e3];
    else this.unit = FAMILY_UNITS[suffix.family];
  }
}
