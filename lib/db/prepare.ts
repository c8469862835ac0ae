import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAdapterFactory, databaseKind, openPglite } from "@/lib/db/adapter";
import { migratePglite, migratePostgres, readMigrations } from "@/lib/db/migrate";
import { setDb } from "@/lib/db";

export class DatabaseUnavailableError extends Error {}

/** Explains a connection failure in one line that says what to set. */
function describeConnectionError(url: string, error: unknown): string {
  const code = (error as { code?: string }).code ?? "";
  const msg = (error instanceof Error ? error.message : String(error)).trim();
  const host = (() => {
    try {
      const u = new URL(url);
      return `${u.hostname}:${u.port || 5432}${u.pathname}`;
    } catch {
      return "the configured server";
    }
  })();
  if (code === "ECONNREFUSED" || /ECONNREFUSED|Can't reach database server/.test(msg))
    return `Cannot reach PostgreSQL at ${host} (connection refused). Check DATABASE_URL or start the server; unset DATABASE_URL to use the embedded database.`;
  if (code === "ENOTFOUND" || /ENOTFOUND|EAI_AGAIN/.test(msg))
    return `Cannot resolve the PostgreSQL host in DATABASE_URL (${host}).`;
  if (code === "3D000" || /does not exist/.test(msg))
    return `The database in DATABASE_URL (${host}) does not exist; create it first.`;
  if (code === "28P01" || code === "28000" || /authentication/.test(msg))
    return `PostgreSQL refused the credentials in DATABASE_URL (${host}).`;
  return `Cannot use the database in DATABASE_URL (${host}): ${msg.split("\n").find((l) => l.trim()) ?? "unknown error"}`;
}

/**
 * Brings the configured database to the latest migration and installs a client for this process.
 * PGlite is migrated in-process; PostgreSQL with `prisma migrate deploy` (advisory lock).
 */
export async function prepareDatabase(): Promise<PrismaClient> {
  if (databaseKind() === "postgresql") {
    const url = process.env.DATABASE_URL as string;
    const probe = new PrismaClient({ adapter: createAdapterFactory() });
    try {
      await probe.$queryRaw`SELECT 1`;
    } catch (error) {
      await probe.$disconnect().catch(() => undefined);
      throw new DatabaseUnavailableError(describeConnectionError(url, error));
    }
    if (!(await allMigrationsApplied(probe))) await migratePostgres(url);
    setDb(probe);
    return probe;
  }
  const pglite = openPglite();
  await migratePglite(pglite);
  const client = new PrismaClient({ adapter: createAdapterFactory(pglite) });
  setDb(client);
  return client;
}

/**
 * True when every migration on disk is recorded as applied with the same checksum. Then the
 * `prisma migrate deploy` process (about 1.5 s) is skipped; anything else goes through it.
 */
async function allMigrationsApplied(client: PrismaClient): Promise<boolean> {
  try {
    const rows = await client.$queryRaw<{ migration_name: string; checksum: string }[]>`
      SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    return readMigrations().every((m) => applied.get(m.name) === m.checksum);
  } catch {
    return false; // no migrations table yet
  }
}
