/**
 * Writes the whole database as a backup archive (lib/backup/format.ts) to a stream: every table but
 * those EXCLUDED_TABLES names, in dependency order, rows sorted by primary key, read in keyset pages
 * of bounded size inside one read-only snapshot, so memory stays flat however large the database is
 * and a server writing meanwhile cannot make the archive inconsistent.
 */
import { once } from "node:events";
import type { Writable } from "node:stream";
import { db, type Db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { appliedMigrations, readCatalog } from "@/lib/backup/catalog";
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  END_LINE,
  headerLine,
  rowLine,
  tableCloseLine,
  tableOpenLine,
  type BackupHeader,
} from "@/lib/backup/format";
import { ident, planBackup, type PlannedColumn, type TablePlan } from "@/lib/backup/plan";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** A backup of a large database takes as long as it takes; Prisma's 5 s default would cut it off. */
const TRANSACTION = { timeout: 24 * 60 * 60_000, maxWait: 60_000 };

export type BackupOptions = {
  /** Rows whose stored size adds up to about this many bytes are read at once (at least one row). */
  pageBytes?: number;
  /** At most this many rows are read at once. */
  pageRows?: number;
  /** Called after each page and at the end of each table. */
  onProgress?: (progress: { table: string; rows: number }) => void;
};

export type BackupSummary = {
  header: BackupHeader;
  tables: { table: string; rows: number }[];
  rows: number;
  bytes: number;
};

const DEFAULT_PAGE_BYTES = 4 * 1024 * 1024;
const DEFAULT_PAGE_ROWS = 1000;

/** `t."id"` … as text, for remembering where a page ended. */
function keyColumnsSql(primaryKey: PlannedColumn[]): string {
  return primaryKey.map((c, i) => `t.${ident(c.name)}::text AS "k${i}"`).join(", ");
}

/** `WHERE (t."a", t."b") > ($1::text, $2::integer)`: the rows after the previous page. */
function afterKey(primaryKey: PlannedColumn[]): string {
  const columns = primaryKey.map((c) => `t.${ident(c.name)}`).join(", ");
  const params = primaryKey.map((c, i) => `$${i + 1}::${c.type}`).join(", ");
  return `WHERE (${columns}) > (${params})`;
}

const orderBy = (primaryKey: PlannedColumn[]) => primaryKey.map((c) => `t.${ident(c.name)}`).join(", ");

/** The row as one JSON object in column order; bytes as base64 without PostgreSQL's line breaks. */
function rowJsonSql(columns: PlannedColumn[]): string {
  const values = columns.map((c) =>
    c.encoding === "base64"
      ? `translate(encode(t.${ident(c.name)}, 'base64'), E'\\n', '') AS ${ident(c.name)}`
      : `t.${ident(c.name)}`,
  );
  return `(SELECT row_to_json(r) FROM (SELECT ${values.join(", ")}) r)::text AS "doc"`;
}

type KeyRow = Record<string, string> & { size: number };

/** Reads one table page by page and hands each page's JSON rows to `emit`. */
async function readTable(
  tx: Db,
  table: TablePlan,
  { pageBytes, pageRows }: { pageBytes: number; pageRows: number },
  emit: (rows: string[]) => Promise<void>,
): Promise<void> {
  const from = `FROM ${ident(table.name)} t`;
  const keys = keyColumnsSql(table.primaryKey);
  const width = table.primaryKey.length;
  let after: string[] | null = null;
  for (;;) {
    // First only keys and sizes, to choose how many rows make a page of about pageBytes.
    const lower = after ? afterKey(table.primaryKey) : "";
    const sizes: KeyRow[] = await tx.$queryRawUnsafe<KeyRow[]>(
      `SELECT ${keys}, pg_column_size(t.*)::float8 AS "size" ${from} ${lower} ORDER BY ${orderBy(table.primaryKey)} LIMIT ${pageRows}`,
      ...(after ?? []),
    );
    if (sizes.length === 0) return;
    let end = 0;
    for (let total = sizes[0].size; end + 1 < sizes.length && total + sizes[end + 1].size <= pageBytes;)
      total += sizes[++end].size;
    const last = Array.from({ length: width }, (_, i) => sizes[end][`k${i}`]);
    // The same rows again, now with their content: same start, same order, as many as chosen. (A
    // second row-comparison bound instead of LIMIT makes PostgreSQL scan far past the page.)
    const rows = await tx.$queryRawUnsafe<{ doc: string }[]>(
      `SELECT ${rowJsonSql(table.columns)} ${from} ${lower} ORDER BY ${orderBy(table.primaryKey)} LIMIT ${end + 1}`,
      ...(after ?? []),
    );
    await emit(rows.map((r) => r.doc));
    after = last;
  }
}

/** Last value each serial column's sequence handed out, keyed "Table.column". */
async function readSequences(tx: Db, plan: TablePlan[]): Promise<Record<string, number>> {
  const sequences: Record<string, number> = {};
  for (const table of plan) {
    for (const s of table.sequences) {
      // The name comes from pg_get_serial_sequence, already quoted.
      const [row] = await tx.$queryRawUnsafe<{ value: string }[]>(
        `SELECT (CASE WHEN is_called THEN last_value ELSE last_value - 1 END)::text AS "value" FROM ${s.sequence}`,
      );
      sequences[`${table.name}.${s.column}`] = Number(row.value);
    }
  }
  return sequences;
}

/** Writes with backpressure: waits for the stream to drain rather than buffering the database. */
function writer(out: Writable) {
  let bytes = 0;
  return {
    async write(text: string) {
      // A full disk or a closed pipe ends the backup instead of reading on into nowhere.
      if (out.errored) throw out.errored;
      bytes += Buffer.byteLength(text);
      if (!out.write(text)) await once(out, "drain");
    },
    get bytes() {
      return bytes;
    },
  };
}

/** Streams a backup of the whole database to `out` (which the caller opens and closes). */
export async function writeBackup({
  actor,
  out,
  client = db(),
  options = {},
}: {
  actor: Actor;
  out: Writable;
  client?: PrismaClient;
  options?: BackupOptions;
}): Promise<BackupSummary> {
  assertCan(actor, "administer");
  const paging = { pageBytes: options.pageBytes ?? DEFAULT_PAGE_BYTES, pageRows: options.pageRows ?? DEFAULT_PAGE_ROWS };
  return client.$transaction(async (tx) => {
    // One snapshot for every table; fixed zone and float digits so the same data renders the same text.
    await tx.$executeRawUnsafe("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    await tx.$executeRawUnsafe("SET LOCAL TimeZone = 'UTC'");
    await tx.$executeRawUnsafe("SET LOCAL extra_float_digits = 1");
    const plan = planBackup(await readCatalog(tx));
    const schemaMigration = (await appliedMigrations(tx)).at(-1);
    if (!schemaMigration) throw new Error("The database has no migrations applied; nothing to back up.");
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      schemaMigration,
      sequences: await readSequences(tx, plan),
    };
    const w = writer(out);
    await w.write(headerLine(header));
    const tables: BackupSummary["tables"] = [];
    for (const [index, table] of plan.entries()) {
      await w.write(
        tableOpenLine(
          table.name,
          table.columns.map((c) => c.name),
        ),
      );
      // The last row of a page waits for the next page: only then is it known whether a comma follows.
      let held: string | null = null;
      let count = 0;
      await readTable(tx, table, paging, async (rows) => {
        let text = "";
        for (const row of rows) {
          if (held !== null) text += rowLine(held, false);
          held = row;
        }
        count += rows.length;
        await w.write(text);
        options.onProgress?.({ table: table.name, rows: count });
      });
      await w.write(`${held !== null ? rowLine(held, true) : ""}${tableCloseLine(count, index === plan.length - 1)}`);
      options.onProgress?.({ table: table.name, rows: count });
      tables.push({ table: table.name, rows: count });
    }
    await w.write(END_LINE);
    return { header, tables, rows: tables.reduce((a, t) => a + t.rows, 0), bytes: w.bytes };
  }, TRANSACTION);
}
