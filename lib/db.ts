import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAdapterFactory } from "@/lib/db/adapter";

export type { Prisma } from "@/lib/generated/prisma/client";

/** A client or an open transaction: verbs accept either so they compose. */
export type Db = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const globalForPrisma = globalThis as unknown as { __hindsightPrisma?: PrismaClient };

/** The one Prisma client of this process, created on first use (never at import or build time). */
export function db(): PrismaClient {
  if (!globalForPrisma.__hindsightPrisma) {
    globalForPrisma.__hindsightPrisma = new PrismaClient({ adapter: createAdapterFactory() });
  }
  return globalForPrisma.__hindsightPrisma;
}

/** Replace the process client (tests and the CLI open a specific database). */
export function setDb(client: PrismaClient | undefined): void {
  globalForPrisma.__hindsightPrisma = client;
}

export async function disconnectDb(): Promise<void> {
  const client = globalForPrisma.__hindsightPrisma;
  globalForPrisma.__hindsightPrisma = undefined;
  await client?.$disconnect();
}
