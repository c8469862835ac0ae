import { defineConfig } from "prisma/config";
import { createAdapterFactory } from "./lib/db/adapter";

// Prisma 6.19 with the wasm schema engine works offline (no engine downloads): see STACK.md.
// The CLI is used against PostgreSQL (migrate deploy takes Prisma's advisory lock there).
// The embedded database is migrated in-process by lib/db/migrate.ts: the CLI never disposes its
// adapter, so on PGlite it hangs after applying and leaves the data directory unusable.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    return createAdapterFactory();
  },
});
