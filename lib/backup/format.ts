/**
 * The backup archive: one JSON document laid out one record per line, so it is written and read as a
 * stream with bounded memory while staying plain JSON for any other tool:
 *
 *   {"format":"hindsight-backup","version":1,"createdAt":…,"schemaMigration":…,"sequences":{…},"tables":[
 *   {"table":"User","columns":["id","email",…],"rows":[
 *   {"id":"…","email":"…",…},
 *   {"id":"…","email":"…",…}
 *   ],"rowCount":2},
 *   {"table":"Account","columns":[…],"rows":[
 *   ],"rowCount":0}
 *   ]}
 *
 * The reader insists on that layout (each line is still parsed with JSON.parse): a reformatted or cut
 * archive is refused with the line where it stops making sense, before anything is committed.
 */
import { z } from "zod";
import { ImportError } from "@/lib/imports/errors";

export const BACKUP_FORMAT = "hindsight-backup";
export const BACKUP_VERSION = 1;

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.iso.datetime(),
  /** The latest migration of the database the archive was made from. */
  schemaMigration: z.string().min(1),
  /** Last value handed out by each serial column's sequence ("Incident.number"), so numbering continues. */
  sequences: z.record(z.string(), z.number().int().nonnegative()),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

const tableOpenSchema = z.object({
  table: z.string().min(1),
  columns: z.array(z.string().min(1)).min(1),
});
const tableCloseSchema = z.object({ rowCount: z.number().int().nonnegative() });

// ---------------------------------------------------------------------------------------------
// Writing

export function headerLine(header: BackupHeader): string {
  const { format, version, createdAt, schemaMigration, sequences } = header;
  return `${JSON.stringify({ format, version, createdAt, schemaMigration, sequences }).slice(0, -1)},"tables":[\n`;
}

export function tableOpenLine(table: string, columns: string[]): string {
  return `${JSON.stringify({ table, columns }).slice(0, -1)},"rows":[\n`;
}

/**
 * A row as PostgreSQL rendered it (row_to_json). JSON strings cannot hold a raw line break, so any
 * in the text is whitespace between tokens (json-typed values keep theirs) and becomes a space.
 */
export function rowLine(json: string, last: boolean): string {
  return `${json.replace(/[\r\n]/g, " ")}${last ? "" : ","}\n`;
}

export function tableCloseLine(rowCount: number, last: boolean): string {
  return `],"rowCount":${rowCount}}${last ? "" : ","}\n`;
}

export const END_LINE = "]}\n";

// ---------------------------------------------------------------------------------------------
// Reading

export type ArchiveEvent =
  | { kind: "header"; header: BackupHeader }
  | { kind: "table"; table: string; columns: string[]; line: number }
  | { kind: "row"; table: string; json: string; row: Record<string, unknown>; line: number }
  | { kind: "tableEnd"; table: string; rowCount: number; line: number };

const HEADER_START = '{"format":';
const HEADER_END = ',"tables":[';
const TABLE_START = '{"table":';
const TABLE_END = ',"rows":[';
const CLOSE_START = '],"rowCount":';

function parseJson(text: string, fail: (message: string) => never): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

function stripComma(line: string): { body: string; comma: boolean } {
  return line.endsWith(",") ? { body: line.slice(0, -1), comma: true } : { body: line, comma: false };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "value"}: ${i.message}`).join("; ");
}

/** What the next line may be. */
type Expect =
  | "header"
  | "firstTable" // a table, or the end of an archive without tables
  | "table" // a table (the previous one ended with a comma)
  | "rowOrClose" // a row, or the end of a table without rows
  | "row" // a row (the previous one ended with a comma)
  | "close" // the end of the table (the previous row had no comma)
  | "end" // the closing line
  | "done"; // nothing but blank lines

/**
 * Turns the lines of an archive into events, checking the layout, the commas between records, that
 * each row has exactly its table's columns and that each table's row count matches. Throws
 * ImportError naming the file and line; a file that ends before the closing line is "cut short".
 */
export async function* readArchive(lines: AsyncIterable<string>, file: string): AsyncGenerator<ArchiveEvent> {
  let lineNo = 0;
  const fail = (message: string, field?: string): never => {
    throw new ImportError(message, { file, line: lineNo, field });
  };
  let expect: Expect = "header";
  let table: { name: string; columns: string[]; rows: number } | null = null;
  const seen = new Set<string>();

  for await (const raw of lines) {
    lineNo++;
    const line = raw.trim();
    switch (expect) {
      case "done":
        if (line !== "") fail("unexpected content after the end of the archive");
        continue;

      case "header": {
        if (!line.startsWith(HEADER_START) || !line.endsWith(HEADER_END))
          fail(
            line === ""
              ? "not a Hindsight backup archive (its first line is blank)"
              : line.startsWith("{")
                ? `not a Hindsight backup archive (its first line must be {"format":"${BACKUP_FORMAT}", … "tables":[)`
                : "not a Hindsight backup archive (not JSON)",
          );
        const value = parseJson(`${line}]}`, fail) as Record<string, unknown>;
        if (value.format !== BACKUP_FORMAT) fail(`not a Hindsight backup archive (format ${JSON.stringify(value.format)})`);
        if (value.version !== BACKUP_VERSION)
          fail(
            `archive version ${JSON.stringify(value.version)} is not supported (this Hindsight reads version ${BACKUP_VERSION})`,
            "version",
          );
        const header = backupHeaderSchema.safeParse(value);
        if (!header.success) return fail(`invalid header: ${describeIssues(header.error)}`);
        yield { kind: "header", header: header.data };
        expect = "firstTable";
        continue;
      }

      case "end":
        if (line !== "]}") fail("expected the closing line of the archive (]})");
        expect = "done";
        continue;

      case "firstTable":
      case "table": {
        if (expect === "firstTable" && line === "]}") {
          expect = "done";
          continue;
        }
        if (!line.startsWith(TABLE_START) || !line.endsWith(TABLE_END))
          fail('expected the start of a table ({"table":…,"rows":[)');
        const parsed = tableOpenSchema.safeParse(parseJson(`${line}]}`, fail));
        if (!parsed.success) return fail(`invalid table header: ${describeIssues(parsed.error)}`);
        const { table: name, columns } = parsed.data;
        if (seen.has(name)) fail(`table ${name} appears twice`);
        if (new Set(columns).size !== columns.length) fail(`table ${name} lists a column twice`);
        seen.add(name);
        table = { name, columns, rows: 0 };
        yield { kind: "table", table: name, columns, line: lineNo };
        expect = "rowOrClose";
        continue;
      }

      case "rowOrClose":
      case "row":
      case "close": {
        const current = table!;
        if (line.startsWith(CLOSE_START)) {
          if (expect === "row") fail(`the previous row of ${current.name} ends with a comma, but no row follows`);
          const { body, comma } = stripComma(line);
          const parsed = tableCloseSchema.safeParse(parseJson(`{${body.slice(2)}`, fail));
          if (!parsed.success) return fail(`invalid end of table ${current.name}: ${describeIssues(parsed.error)}`);
          if (parsed.data.rowCount !== current.rows)
            fail(`table ${current.name} should have ${parsed.data.rowCount} rows but has ${current.rows}`, "rowCount");
          yield { kind: "tableEnd", table: current.name, rowCount: current.rows, line: lineNo };
          table = null;
          expect = comma ? "table" : "end";
          continue;
        }
        if (expect === "close") fail(`expected the end of table ${current.name} (the previous row has no comma)`);
        if (!line.startsWith("{")) fail(`expected a row of ${current.name} or the end of the table`);
        const { body, comma } = stripComma(line);
        const value = parseJson(body, fail);
        if (value === null || typeof value !== "object" || Array.isArray(value))
          return fail(`a row of ${current.name} must be a JSON object`);
        const row = value as Record<string, unknown>;
        const missing = current.columns.filter((c) => !Object.hasOwn(row, c));
        if (missing.length > 0) fail(`a row of ${current.name} lacks ${missing.join(", ")}`, missing[0]);
        const extra = Object.keys(row).filter((k) => !current.columns.includes(k));
        if (extra.length > 0) fail(`a row of ${current.name} has columns its table does not list: ${extra.join(", ")}`, extra[0]);
        current.rows++;
        yield { kind: "row", table: current.name, json: body, row, line: lineNo };
        expect = comma ? "row" : "close";
        continue;
      }
    }
  }
  if (expect !== "done") {
    lineNo++;
    fail(lineNo === 1 ? "the file is empty" : "the archive is cut short (it ends before its closing line)");
  }
}
