import path from "node:path";
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import { NameTypeShimPool } from "./pg-pool";

/** Where the embedded database and the generated next-auth secret live. */
export function dataDirectory(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.HINDSIGHT_DATA_DIR || "./data");
}

export function pgliteDirectory(): string {
  return path.join(dataDirectory(), "pglite");
}

export type DatabaseKind = "postgresql" | "pglite";

export function databaseKind(): DatabaseKind {
  return process.env.DATABASE_URL ? "postgresql" : "pglite";
}

export function openPglite(dir = pgliteDirectory()): PGlite {
  fs.mkdirSync(dir, { recursive: true });
  return new PGlite({ dataDir: dir });
}

/**
 * pglite-prisma-adapter's dispose() leaves PGlite open, which keeps the process alive and holds
 * the data directory. Close the database when Prisma disconnects.
 */
export class ClosingPGliteFactory extends PrismaPGlite {
  constructor(readonly pglite: PGlite) {
    super(pglite);
  }
  override async connect() {
    const adapter = await super.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      if (!this.pglite.closed) await this.pglite.close();
    };
    return adapter;
  }
}

/** The driver adapter factory for the configured database, shared by the CLI, the app and tests. */
export function createAdapterFactory(pglite?: PGlite): PrismaPg | ClosingPGliteFactory {
  const url = process.env.DATABASE_URL;
  if (url && !pglite) {
    // allowExitOnIdle: short-lived processes (CLI, migrate deploy) exit without waiting for idle timeouts.
    return new PrismaPg(new NameTypeShimPool({ connectionString: url, max: 10, allowExitOnIdle: true }));
  }
  return new ClosingPGliteFactory(pglite ?? openPglite());
}
