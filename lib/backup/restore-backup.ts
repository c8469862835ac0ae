/**
 * Loads a backup archive into an empty database (a fresh installation) in one transaction: a cut or
 * malformed archive, an unexpected table or a value the database refuses rolls everything back.
 *
 * A restore brings the installation back as it was: every row keeps its id, users keep their role,
 * active flag and password hash (the archive is our own, and an empty database has nobody to match
 * by e-mail), incident numbering continues after the archive's, search documents are rebuilt, and
 * one audit row records the restore (audit rows themselves are not archived).
 */
import fs from "node:fs/promises";
import path from "node:path";
import readline from "node:readline";
import { db, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ImportError } from "@/lib/imports/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";
import { appliedMigrations, readCatalog } from "@/lib/backup/catalog";
import { readArchive, type ArchiveEvent, type BackupHeader } from "@/lib/backup/format";
import {
  BackupPlanError,
  DERIVED_COLUMNS,
  EXCLUDED_TABLES,
  INSTALLATION_ROWS,
  deferredColumns,
  dependencyOrder,
  ident,
  type CatalogColumn,
  type CatalogTable,
} from "@/lib/backup/plan";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const TRANSACTION = { timeout: 24 * 60 * 60_000, maxWait: 60_000 };
const BATCH_ROWS = 1000;
const BATCH_BYTES = 4 * 1024 * 1024;

export type RestoreSummary = {
  header: BackupHeader;
  tables: { table: string; rows: number }[];
  rows: number;
};

export type RestoreOptions = { onProgress?: (progress: { table: string; rows: number }) => void };

/** Rebuilders of DERIVED_COLUMNS, run once every row is in. */
const REBUILD: Record<keyof typeof DERIVED_COLUMNS, (tx: Db) => Promise<void>> = {
  "Incident.searchVector": async (tx) => {
    let after = "";
    for (;;) {
      const ids = await tx.$queryRawUnsafe<{ id: string }[]>(
        `SELECT "id" FROM "Incident" WHERE "id" > $1 ORDER BY "id" LIMIT 500`,
        after,
      );
      for (const { id } of ids) await refreshIncidentSearch(tx, id);
      if (ids.length < 500) return;
      after = ids[ids.length - 1].id;
    }
  },
};

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

/** The database's own words from a failed query (Prisma wraps them; PGlite's wrapper loses them from the message). */
function databaseMessage(error: unknown): string {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { message?: unknown } } } } | null)?.meta?.driverAdapterError
    ?.cause;
  if (typeof cause?.message === "string") return cause.message;
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.at(-1) ?? "unknown error";
}

/** Refuses an archive whose schema is newer than this database's or unknown to it. */
function checkMigration(header: BackupHeader, applied: string[], file: string): void {
  if (applied.includes(header.schemaMigration)) return;
  const latest = applied.at(-1) ?? "(none)";
  if (header.schemaMigration > latest)
    throw new ImportError(
      `the archive was made by a newer Hindsight (schema at migration ${header.schemaMigration}; this database is at ${latest}). Upgrade Hindsight, then restore.`,
      { file, field: "schemaMigration" },
    );
  throw new ImportError(
    `the archive's schema migration ${header.schemaMigration} is unknown to this database (latest ${latest}); it was not made by this line of Hindsight`,
    { file, field: "schemaMigration" },
  );
}

/** Refuses a database holding anything but what a fresh installation has; then clears that. */
async function clearFreshInstallation(tx: Db, catalog: CatalogTable[]): Promise<void> {
  const restorable = catalog.filter((t) => !(t.name in EXCLUDED_TABLES));
  const occupied: string[] = [];
  for (const t of restorable.map((t) => t.name).sort()) {
    const installed = INSTALLATION_ROWS[t];
    const [{ n }] = await tx.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${ident(t)}${installed ? ` WHERE NOT (${installed})` : ""}`,
    );
    if (n > 0) occupied.push(`${t} (${plural(n, "row")})`);
  }
  if (occupied.length > 0)
    throw new AppError(
      "CONFLICT",
      `This database is not empty: ${occupied.join(", ")}. A backup is restored into an empty database only (a fresh installation); nothing was changed.`,
    );
  const order = dependencyOrder(restorable).reverse();
  for (const t of order) {
    const installed = INSTALLATION_ROWS[t];
    if (installed) await tx.$executeRawUnsafe(`DELETE FROM ${ident(t)} WHERE ${installed}`);
  }
}

/** The SQL that inserts one batch of archive rows (a JSON array, $1) into a table. */
function insertSql(table: CatalogTable, columns: CatalogColumn[], deferred: Set<string>): string {
  const defs = columns.map((c) => `${ident(c.name)} ${c.typeName === "bytea" ? "text" : c.type}`);
  const values = columns.map((c) => {
    const x = `x.${ident(c.name)}`;
    if (deferred.has(c.name)) return "NULL";
    if (c.typeName === "bytea") return `decode(${x}, 'base64')`;
    // row_to_json renders a stored JSON null as null; in a NOT NULL column that is what it was.
    if ((c.typeName === "json" || c.typeName === "jsonb") && c.notNull) return `coalesce(${x}, 'null'::${c.typeName})`;
    return x;
  });
  return `INSERT INTO ${ident(table.name)} (${columns.map((c) => ident(c.name)).join(", ")})
    SELECT ${values.join(", ")} FROM json_to_recordset($1::json) AS x(${defs.join(", ")})`;
}

/** The SQL that sets the deferred columns of a batch of rows ({ key…, column… } objects, $1). */
function deferredUpdateSql(table: CatalogTable, columns: string[]): string {
  const typeOf = (name: string) => table.columns.find((c) => c.name === name)!.type;
  const defs = [...table.primaryKey, ...columns].map((name) => `${ident(name)} ${typeOf(name)}`);
  const match = table.primaryKey.map((k) => `t.${ident(k)} = x.${ident(k)}`).join(" AND ");
  return `UPDATE ${ident(table.name)} AS t SET ${columns.map((c) => `${ident(c)} = x.${ident(c)}`).join(", ")}
    FROM json_to_recordset($1::json) AS x(${defs.join(", ")}) WHERE ${match}`;
}

type Loading = {
  table: CatalogTable;
  sql: string;
  deferred: { column: string; references: string }[];
  batch: string[];
  batchBytes: number;
  firstLine: number;
  lastLine: number;
  rows: number;
};

type Pending = { table: CatalogTable; columns: string[]; rows: string[] };

/** Rows go in by the thousand; a value the database refuses names the table and lines. */
async function flush(tx: Db, loading: Loading, file: string): Promise<void> {
  if (loading.batch.length === 0) return;
  try {
    await tx.$executeRawUnsafe(loading.sql, `[${loading.batch.join(",")}]`);
  } catch (error) {
    throw new ImportError(
      `the database refused rows of ${loading.table.name} (lines ${loading.firstLine}–${loading.lastLine}): ${databaseMessage(error)}`,
      { file },
    );
  }
  loading.batch = [];
  loading.batchBytes = 0;
}

async function loadArchive(
  tx: Db,
  events: AsyncGenerator<ArchiveEvent>,
  catalog: CatalogTable[],
  file: string,
  options: RestoreOptions,
): Promise<{ tables: RestoreSummary["tables"]; pending: Pending[]; loaded: Set<string> }> {
  const byName = new Map(catalog.map((t) => [t.name, t]));
  const loaded = new Set<string>();
  const tables: RestoreSummary["tables"] = [];
  const pending: Pending[] = [];
  let loading: Loading | null = null;

  for await (const event of events) {
    if (event.kind === "table") {
      const fail = (message: string, field?: string): never => {
        throw new ImportError(message, { file, line: event.line, field });
      };
      if (event.table in EXCLUDED_TABLES) fail(`table ${event.table} is never part of a backup`);
      const table = byName.get(event.table) ?? fail(`table ${event.table} does not exist in this database`);
      const columns = event.columns.map((name) => {
        const column =
          table.columns.find((c) => c.name === name) ??
          fail(`column ${table.name}.${name} does not exist in this database`, name);
        if (column.generated || `${table.name}.${name}` in DERIVED_COLUMNS || column.typeName === "tsvector")
          fail(`column ${table.name}.${name} is derived and never part of a backup`, name);
        return column;
      });
      const missingKey = table.primaryKey.filter((k) => !event.columns.includes(k));
      if (missingKey.length > 0) fail(`table ${table.name} lacks its key column ${missingKey.join(", ")}`, missingKey[0]);
      let deferred: Loading["deferred"];
      try {
        deferred = deferredColumns(table, event.columns, loaded);
      } catch (e) {
        if (e instanceof BackupPlanError) fail(e.message);
        throw e;
      }
      const deferredNames = new Set(deferred.map((d) => d.column));
      loading = {
        table,
        sql: insertSql(table, columns, deferredNames),
        deferred,
        batch: [],
        batchBytes: 0,
        firstLine: event.line + 1,
        lastLine: event.line,
        rows: 0,
      };
      if (deferred.length > 0) pending.push({ table, columns: [...deferredNames], rows: [] });
    } else if (event.kind === "row") {
      const l = loading!;
      if (l.batch.length === 0) l.firstLine = event.line;
      l.lastLine = event.line;
      l.batch.push(event.json);
      l.batchBytes += event.json.length;
      l.rows++;
      if (l.deferred.length > 0 && l.deferred.some((d) => event.row[d.column] != null)) {
        const keep = [...l.table.primaryKey, ...l.deferred.map((d) => d.column)];
        pending.at(-1)!.rows.push(JSON.stringify(Object.fromEntries(keep.map((k) => [k, event.row[k]]))));
      }
      if (l.batch.length >= BATCH_ROWS || l.batchBytes >= BATCH_BYTES) {
        await flush(tx, l, file);
        options.onProgress?.({ table: l.table.name, rows: l.rows });
      }
    } else if (event.kind === "tableEnd") {
      const l = loading!;
      await flush(tx, l, file);
      options.onProgress?.({ table: l.table.name, rows: l.rows });
      loaded.add(l.table.name);
      tables.push({ table: l.table.name, rows: l.rows });
      loading = null;
    }
  }
  return { tables, pending, loaded };
}

/** Fills references that had to wait for their rows (comment replies, later tables). */
async function applyDeferred(tx: Db, pending: Pending[], loaded: Set<string>, file: string): Promise<void> {
  for (const p of pending) {
    for (const fk of p.table.foreignKeys) {
      if (p.columns.some((c) => fk.columns.includes(c)) && !loaded.has(fk.references) && p.rows.length > 0)
        throw new ImportError(`${p.table.name} references ${fk.references}, which the archive does not hold`, { file });
    }
    const sql = deferredUpdateSql(p.table, p.columns);
    for (let i = 0; i < p.rows.length; i += BATCH_ROWS) {
      try {
        await tx.$executeRawUnsafe(sql, `[${p.rows.slice(i, i + BATCH_ROWS).join(",")}]`);
      } catch (error) {
        throw new ImportError(`the database refused references of ${p.table.name}: ${databaseMessage(error)}`, { file });
      }
    }
  }
}

/** Numbering continues after the archive's (or after the largest number restored, if higher). */
async function resetSequences(tx: Db, catalog: CatalogTable[], loaded: Set<string>, header: BackupHeader): Promise<void> {
  for (const table of catalog) {
    if (!loaded.has(table.name)) continue;
    for (const c of table.columns) {
      if (!c.sequence) continue;
      const archived = header.sequences[`${table.name}.${c.name}`] ?? 0;
      await tx.$queryRawUnsafe(
        `SELECT (CASE WHEN v > 0 THEN setval($1::regclass, v, true) ELSE setval($1::regclass, 1, false) END)::text AS "value"
         FROM (SELECT GREATEST($2::bigint, coalesce((SELECT max(${ident(c.name)}) FROM ${ident(table.name)}), 0)::bigint) AS v) s`,
        c.sequence,
        String(archived),
      );
    }
  }
}

/** Reads the archive at `file` into this (empty) database; see the module comment. */
export async function restoreBackup({
  actor,
  file,
  client = db(),
  options = {},
}: {
  actor: Actor;
  file: string;
  client?: PrismaClient;
  options?: RestoreOptions;
}): Promise<RestoreSummary> {
  assertCan(actor, "administer");
  const name = path.basename(file);
  const handle = await fs.open(file, "r");
  const stream = handle.createReadStream({ encoding: "utf8", autoClose: false });
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  try {
    const events = readArchive(lines, name);
    // The header is checked before the database is touched.
    const first = await events.next();
    if (first.done || first.value.kind !== "header") throw new ImportError("the archive has no header", { file: name });
    const header = first.value.header;
    checkMigration(header, await appliedMigrations(client), name);

    return await client.$transaction(async (tx) => {
      const catalog = await readCatalog(tx);
      await clearFreshInstallation(tx, catalog);
      const { tables, pending, loaded } = await loadArchive(tx, events, catalog, name, options);
      await applyDeferred(tx, pending, loaded, name);
      await resetSequences(tx, catalog, loaded, header);
      for (const [key, rebuild] of Object.entries(REBUILD)) if (loaded.has(key.split(".")[0])) await rebuild(tx);
      const rows = tables.reduce((a, t) => a + t.rows, 0);
      await recordAudit(tx, actor, {
        action: "backup.restore",
        entityType: "Backup",
        entityId: header.createdAt,
        data: {
          file: name,
          schemaMigration: header.schemaMigration,
          rows,
          tables: Object.fromEntries(tables.map((t) => [t.table, t.rows])),
        },
      });
      return { header, tables, rows };
    }, TRANSACTION);
  } finally {
    lines.close();
    stream.destroy();
    await handle.close();
  }
}
