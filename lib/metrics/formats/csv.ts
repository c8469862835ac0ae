/**
 * Plain CSV or TSV metric files, comma, semicolon or tab separated:
 *   long form  `time,value[,series]`: header optional; with one, the columns are found by name
 *              (time/timestamp/date, value, series/name/metric, in any case);
 *   wide form  `time,<name 1>,<name 2>...`: header required, one series per column.
 * Times are ISO 8601 (without an offset: in the import's time zone) or epoch seconds/milliseconds;
 * values are numbers, a gap (empty, NaN, null) or ±Inf.
 */
import { ImportError } from "@/lib/imports/errors";
import type { FileHead, ImportFile } from "@/lib/imports/files";
import {
  isCsvMatching,
  readCsvHead,
  readCsvTable,
  type CellReader,
  type CsvHead,
  type CsvTable,
} from "@/lib/metrics/formats/csv-table";
import { looksLikeTime, metricValue, VALUE_HELP } from "@/lib/metrics/formats/readings";
import type { MetricImportContext, MetricImporter, MetricImportOptions, ParsedMetrics } from "@/lib/metrics/types";

export const csvImporter: MetricImporter = {
  id: "csv",
  title: "CSV or TSV (time,value[,series] or time,<series>…)",
  hint: "One row per time: time,value[,series], or a header time,<series 1>,<series 2>…; comma, semicolon or tab separated.",
  detect(head: FileHead): boolean {
    return isCsvMatching(
      head,
      (csv) => looksLikeTime(csv.firstRecord[0]) || csv.firstRecord.some((name) => TIME_COLUMN.test(name)),
    );
  },
  parse: parseCsv,
};

const TIME_COLUMN = /^(?:time|timestamp|date|datetime|ts)$/i;
const SERIES_COLUMN = /^(?:series|name|metric)$/i;
const VALUE_COLUMN = /^value$/i;

async function parseCsv(file: ImportFile, ctx: MetricImportContext): Promise<ParsedMetrics> {
  const { head } = await readCsvHead(
    file,
    () => true,
    "this is not a CSV with a time column and a value column: no line of the file's start has two fields separated by a comma, semicolon or tab.",
  );
  return readCsvTable(file, ctx, plainCsvTable(file, head, ctx.options));
}

/** How a plain CSV's columns hold its series, from its first record. */
export function plainCsvTable(file: ImportFile, head: CsvHead, options: MetricImportOptions): CsvTable {
  const first = head.firstRecord;
  const decimalComma = head.delimiter !== ",";
  const table = { format: csvImporter.id, head, cells: () => plainCells(decimalComma) } as const;
  if (looksLikeTime(first[0])) {
    if (first.length > 3) {
      throw new ImportError(
        `the first line has ${first.length} fields and no header: without one, a CSV holds time,value or time,value,series. ` +
          "Add a header line naming the columns (time,<series 1>,<series 2>…).",
        { file: file.name, line: head.firstRecordLine },
      );
    }
    const roles = ["time", "value", "series"].slice(0, first.length);
    const series = first.length === 3 ? 2 : null;
    const name = options.name ?? "value";
    return {
      ...table,
      columnNames: roles,
      hasHeader: false,
      columns: { form: "long", time: 0, value: 1, series, name },
      emptyHint: "",
    };
  }

  const names = first.map((name, i) => name || `column ${i + 1}`);
  const time = Math.max(
    0,
    names.findIndex((n) => TIME_COLUMN.test(n)),
  );
  const seriesColumn = names.findIndex((n) => SERIES_COLUMN.test(n));
  const others = names.map((_, i) => i).filter((i) => i !== time && i !== seriesColumn);
  const emptyHint = "it has a header line but no data rows.";
  if (seriesColumn >= 0 || others.length === 1) {
    const named = names.findIndex((n) => VALUE_COLUMN.test(n));
    const value = named >= 0 ? named : others.length === 1 ? others[0] : -1;
    if (value < 0) {
      throw new ImportError(
        `the header (${names.join(", ")}) names a series column ("${names[seriesColumn]}") but no "value" column to go with it.`,
        { file: file.name, line: head.firstRecordLine },
      );
    }
    const name = options.name ?? names[value];
    const series = seriesColumn >= 0 ? seriesColumn : null;
    return { ...table, columnNames: names, hasHeader: true, columns: { form: "long", time, value, series, name }, emptyHint };
  }
  const columns = others.map((column) => ({ column, name: names[column] }));
  return { ...table, columnNames: names, hasHeader: true, columns: { form: "wide", time, series: columns }, emptyHint };
}

/** Cells holding plain numbers; with a semicolon or tab delimiter "12,5" is a decimal comma. */
function plainCells(decimalComma: boolean): CellReader {
  return {
    unit: null,
    read: (text) => metricValue(text, decimalComma),
    problem: (text) => `${JSON.stringify(text)} is not a number: ${VALUE_HELP}`,
  };
}
