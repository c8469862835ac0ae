/**
 * What a backup holds and in which order, worked out from the database's own catalog rather than a
 * hand-kept list, so a table added by a later migration is backed up without anyone remembering to.
 * Pure functions over a catalog snapshot (lib/backup/catalog.ts reads it), tested without a database.
 */

export type CatalogColumn = {
  name: string;
  /** SQL type as format_type() spells it: `timestamp(3) with time zone`, `text[]`, `"Role"`. */
  type: string;
  /** pg_type.typname: `bytea`, `tsvector`, `jsonb`, `_text` for text[]. */
  typeName: string;
  notNull: boolean;
  /** A generated column: computed by the database, never stored in an archive. */
  generated: boolean;
  /** The sequence behind a serial or identity column (already quoted), else null. */
  sequence: string | null;
};

export type CatalogForeignKey = { columns: string[]; references: string };

export type CatalogTable = {
  name: string;
  columns: CatalogColumn[];
  primaryKey: string[];
  foreignKeys: CatalogForeignKey[];
};

/** Tables a backup leaves out, and why (shown by the CLI help and asserted by the tests). */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  AuditLog: "the audit log: a restore writes one audit row of its own",
  ImportJob: "import jobs: progress of uploads, transient",
  RateLimitBucket: "rate-limit counters, transient",
  _prisma_migrations: "migration bookkeeping: the archive names its migration instead",
};

/** Columns derived from others: not stored, rebuilt by the restore (lib/backup/restore-backup.ts). */
export const DERIVED_COLUMNS: Readonly<Record<string, string>> = {
  "Incident.searchVector": "full-text document, rebuilt with lib/search/refresh-incident-search.ts",
};

/**
 * Rows a fresh installation already has before anyone uses it: the severity levels the first
 * migration inserts and the built-in templates `npm start` installs. A restore replaces them, so
 * "empty" means a fresh installation. Values are SQL conditions on the table's rows.
 */
export const INSTALLATION_ROWS: Readonly<Record<string, string>> = {
  SeverityLevel: "TRUE",
  Template: `"builtIn"`,
  TemplateVersion: `"templateId" IN (SELECT "id" FROM "Template" WHERE "builtIn")`,
};

export type PlannedColumn = {
  name: string;
  type: string;
  notNull: boolean;
  /** bytea travels as base64 text; everything else as PostgreSQL's own JSON rendering. */
  encoding: "json" | "base64";
  /** json/jsonb: a JSON null in the archive means the JSON value null when the column is NOT NULL. */
  isJson: boolean;
};

export type TablePlan = {
  name: string;
  /** Stored columns in the table's column order (the archive's key order). */
  columns: PlannedColumn[];
  /** Primary-key columns in key order: rows are written sorted by them. */
  primaryKey: PlannedColumn[];
  /** Columns left out and rebuilt ("Table.column" keys of DERIVED_COLUMNS). */
  derived: string[];
  /** Serial/identity columns: the archive records their sequence so numbering continues. */
  sequences: { column: string; sequence: string }[];
};

export class BackupPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupPlanError";
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A double-quoted SQL identifier. */
export const ident = quote;

function planColumns(table: CatalogTable): Pick<TablePlan, "columns" | "derived" | "sequences"> {
  const columns: PlannedColumn[] = [];
  const derived: string[] = [];
  const sequences: TablePlan["sequences"] = [];
  for (const c of table.columns) {
    const key = `${table.name}.${c.name}`;
    if (c.generated) continue;
    if (c.typeName === "tsvector" || key in DERIVED_COLUMNS) {
      if (!(key in DERIVED_COLUMNS))
        throw new BackupPlanError(
          `${key} is a ${c.type} column the restore does not know how to rebuild; add it to DERIVED_COLUMNS`,
        );
      derived.push(key);
      continue;
    }
    if (c.typeName === "_bytea") throw new BackupPlanError(`${key}: bytea[] columns are not supported by the backup`);
    columns.push({
      name: c.name,
      type: c.type,
      notNull: c.notNull,
      encoding: c.typeName === "bytea" ? "base64" : "json",
      isJson: c.typeName === "json" || c.typeName === "jsonb",
    });
    if (c.sequence) sequences.push({ column: c.name, sequence: c.sequence });
  }
  return { columns, derived, sequences };
}

/**
 * Orders tables so every table comes after the tables it references (ties by name, so the order is
 * stable). A reference to itself (comment replies) is not an ordering constraint: the restore fills
 * such columns after the rows exist. A cycle between tables is broken at a nullable reference.
 */
export function dependencyOrder(tables: CatalogTable[]): string[] {
  const names = new Set(tables.map((t) => t.name));
  const edges = new Map<string, { references: string; nullable: boolean }[]>();
  for (const t of tables) {
    const notNull = new Set(t.columns.filter((c) => c.notNull).map((c) => c.name));
    edges.set(
      t.name,
      t.foreignKeys
        .filter((fk) => fk.references !== t.name && names.has(fk.references))
        .map((fk) => ({ references: fk.references, nullable: fk.columns.some((c) => !notNull.has(c)) })),
    );
  }
  const order: string[] = [];
  const placed = new Set<string>();
  const remaining = [...names].sort();
  while (remaining.length > 0) {
    const ready = remaining.find((name) => edges.get(name)!.every((e) => placed.has(e.references)));
    // In a cycle: take the first table whose unplaced references are all nullable.
    const next = ready ?? remaining.find((name) => edges.get(name)!.every((e) => placed.has(e.references) || e.nullable));
    if (next === undefined)
      throw new BackupPlanError(`These tables reference each other through required columns: ${remaining.join(", ")}`);
    order.push(next);
    placed.add(next);
    remaining.splice(remaining.indexOf(next), 1);
  }
  return order;
}

/** The tables of a backup in dependency order, with what to store of each. */
export function planBackup(catalog: CatalogTable[]): TablePlan[] {
  const stored = catalog.filter((t) => !(t.name in EXCLUDED_TABLES));
  const storedNames = new Set(stored.map((t) => t.name));
  const byName = new Map(stored.map((t) => [t.name, t]));
  for (const t of stored) {
    if (t.primaryKey.length === 0) throw new BackupPlanError(`${t.name} has no primary key, so its rows have no stable order`);
    for (const fk of t.foreignKeys) {
      if (!storedNames.has(fk.references))
        throw new BackupPlanError(
          `${t.name}.${fk.columns.join(",")} references ${fk.references}, which a backup leaves out; decide how to back it up`,
        );
    }
  }
  return dependencyOrder(stored).map((name) => {
    const table = byName.get(name)!;
    const planned = planColumns(table);
    const primaryKey = table.primaryKey.map((k) => {
      const column = planned.columns.find((c) => c.name === k);
      if (!column) throw new BackupPlanError(`${name}.${k} is part of the primary key but is not stored`);
      return column;
    });
    return { name, ...planned, primaryKey };
  });
}

/**
 * Columns a restore fills only after all rows are in: references to rows of the same table or of a
 * table the archive has not brought yet (`loaded` holds the tables already in). They must be
 * nullable, since the row goes in without them first. Only columns the archive holds count.
 */
export function deferredColumns(
  table: CatalogTable,
  archivedColumns: string[],
  loaded: ReadonlySet<string>,
): { column: string; references: string }[] {
  const held = new Set(archivedColumns);
  const deferred: { column: string; references: string }[] = [];
  for (const fk of table.foreignKeys) {
    if (fk.references !== table.name && loaded.has(fk.references)) continue;
    for (const name of fk.columns) {
      if (!held.has(name) || deferred.some((d) => d.column === name)) continue;
      if (table.columns.find((c) => c.name === name)?.notNull)
        throw new BackupPlanError(
          `${table.name}.${name} references ${fk.references}, which the archive has not brought before it`,
        );
      deferred.push({ column: name, references: fk.references });
    }
  }
  return deferred;
}
