/**
 * Reads the tables, columns, keys and references of the application's schema from PostgreSQL's
 * catalog (the same queries work on PGlite), and the migrations the database has applied.
 */
import type { Db } from "@/lib/db";
import type { CatalogTable } from "@/lib/backup/plan";

type ColumnRow = {
  table: string;
  column: string;
  type: string;
  typeName: string;
  notNull: boolean;
  generated: boolean;
  sequence: string | null;
};
type KeyRow = { table: string; kind: "p" | "f"; name: string; column: string; references: string | null };

export async function readCatalog(tx: Db): Promise<CatalogTable[]> {
  const columns = await tx.$queryRawUnsafe<ColumnRow[]>(`
    SELECT c.relname::text AS "table", a.attname::text AS "column",
           format_type(a.atttypid, a.atttypmod) AS "type", t.typname::text AS "typeName",
           a.attnotnull AS "notNull", (a.attgenerated <> '') AS "generated",
           pg_get_serial_sequence(quote_ident(c.relname), a.attname::text) AS "sequence"
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    JOIN pg_type t ON t.oid = a.atttypid
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
    ORDER BY c.relname, a.attnum`);
  const keys = await tx.$queryRawUnsafe<KeyRow[]>(`
    SELECT c.relname::text AS "table", con.contype::text AS "kind", con.conname::text AS "name",
           a.attname::text AS "column", r.relname::text AS "references"
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_class r ON r.oid = con.confrelid
    CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE n.nspname = current_schema() AND con.contype IN ('p', 'f')
    ORDER BY c.relname, con.contype, con.conname, k.ord`);

  const tables = new Map<string, CatalogTable>();
  for (const c of columns) {
    let table = tables.get(c.table);
    if (!table) tables.set(c.table, (table = { name: c.table, columns: [], primaryKey: [], foreignKeys: [] }));
    table.columns.push({
      name: c.column,
      type: c.type,
      typeName: c.typeName,
      notNull: c.notNull,
      generated: c.generated,
      sequence: c.sequence,
    });
  }
  const foreignKeys = new Map<string, { columns: string[]; references: string }>();
  for (const k of keys) {
    const table = tables.get(k.table);
    if (!table) continue;
    if (k.kind === "p") table.primaryKey.push(k.column);
    else {
      const id = `${k.table}\u0000${k.name}`;
      let fk = foreignKeys.get(id);
      if (!fk) {
        foreignKeys.set(id, (fk = { columns: [], references: k.references ?? "" }));
        table.foreignKeys.push(fk);
      }
      fk.columns.push(k.column);
    }
  }
  return [...tables.values()];
}

/** Names of the migrations this database has applied, oldest first. */
export async function appliedMigrations(tx: Db): Promise<string[]> {
  const rows = await tx.$queryRawUnsafe<{ name: string }[]>(`
    SELECT migration_name::text AS "name" FROM "_prisma_migrations"
    WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
    ORDER BY migration_name`);
  return rows.map((r) => r.name);
}
