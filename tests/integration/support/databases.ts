import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { createAdapterFactory, openPglite } from "@/lib/db/adapter";
import { migratePglite, migratePostgres } from "@/lib/db/migrate";
import { NameTypeShimPool } from "@/lib/db/pg-pool";
import { setDb } from "@/lib/db";

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type TestDatabase = { kind: "pglite" | "postgresql"; client: PrismaClient; url?: string; dispose: () => Promise<void> };

/** A fresh embedded database in its own temporary directory, migrated, installed as the process client. */
export async function freshPglite(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-test-"));
  const pglite = openPglite(path.join(dir, "pglite"));
  await migratePglite(pglite);
  const client = new PrismaClient({ adapter: createAdapterFactory(pglite) });
  setDb(client);
  return {
    kind: "pglite",
    client,
    dispose: async () => {
      setDb(undefined);
      await client.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A PostgreSQL database of our own with a unique name, migrated by `prisma migrate deploy`, dropped after. */
export async function freshPostgres(): Promise<TestDatabase> {
  const name = `hindsight_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  await migratePostgres(url.toString());
  const pool = new NameTypeShimPool({ connectionString: url.toString(), max: 5 });
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  setDb(client);
  return {
    kind: "postgresql",
    client,
    url: url.toString(),
    dispose: async () => {
      setDb(undefined);
      await client.$disconnect();
      // The adapter does not own a pool it was given: end it before the database goes away.
      await pool.end();
      const a = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await a.connect();
      // pool.end() resolves before every backend has seen its Terminate message; a FORCE drop then
      // kills the stragglers and their clients raise 57P01 after the test. Wait for them to leave.
      for (let i = 0; i < 50; i++) {
        const { rows } = await a.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

export const DATABASES = [
  ["pglite", freshPglite],
  ["postgresql", freshPostgres],
] as const;
