/**
 * `npm start`: check configuration, migrate, seed (demo data on the embedded database, first admin
 * from the environment on PostgreSQL), build when the sources changed, then serve on PORT.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, readEnv } from "@/lib/env";
import { dataDirectory, databaseKind } from "@/lib/db/adapter";
import { acquirePgliteLock, DatabaseBusyError, pgliteLockPath } from "@/lib/db/lock";
import { DatabaseUnavailableError, prepareDatabase } from "@/lib/db/prepare";
import { disconnectDb } from "@/lib/db";
import { ensureFirstAdmin, seedDemo } from "@/lib/seed/demo";
import { ensureBuiltInTemplates } from "@/lib/templates/ensure-built-in-templates";
import { buildIsCurrent, writeBuildFingerprint } from "./build-fingerprint";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function nextBin(): string {
  return path.resolve("node_modules", "next", "dist", "bin", "next");
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [nextBin(), ...args], { stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

/** With the embedded database a secret is generated once and kept beside the data. */
function embeddedSecret(): string {
  const file = path.join(dataDirectory(), "nextauth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  fs.mkdirSync(dataDirectory(), { recursive: true });
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function demoCredentialsFile(): string {
  return path.join(dataDirectory(), "demo-credentials.txt");
}

async function main() {
  let env;
  try {
    env = readEnv();
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  const kind = databaseKind();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(env.PORT), NODE_ENV: "production" };
  let release = () => {};

  if (kind === "postgresql") {
    if (!env.NEXTAUTH_SECRET)
      fail("NEXTAUTH_SECRET is required with DATABASE_URL: set it to a long random string shared by every instance.");
    if (!env.NEXTAUTH_URL)
      fail("NEXTAUTH_URL is required with DATABASE_URL: set it to the public URL, e.g. https://hindsight.example.com.");
  } else {
    try {
      release = acquirePgliteLock();
    } catch (e) {
      if (e instanceof DatabaseBusyError) fail(e.message);
      throw e;
    }
    childEnv.NEXTAUTH_SECRET = env.NEXTAUTH_SECRET ?? embeddedSecret();
    childEnv.NEXTAUTH_URL = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  }

  try {
    await prepareDatabase();
    // Built-in templates are data; a new version of one in the code arrives as a new template version.
    await ensureBuiltInTemplates();
  } catch (e) {
    release();
    if (e instanceof DatabaseUnavailableError) fail(e.message);
    fail(`Could not prepare the database: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
  }

  if (kind === "pglite") {
    const demo = await seedDemo();
    if (demo) fs.writeFileSync(demoCredentialsFile(), `${demo.email}\n${demo.password}\n`, { mode: 0o600 });
    if (fs.existsSync(demoCredentialsFile())) {
      const [email, password] = fs.readFileSync(demoCredentialsFile(), "utf8").split("\n");
      console.log(`\nDemo mode (embedded database in ${dataDirectory()}).\n  Sign in as ${email} with password ${password}\n`);
    }
  } else if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    try {
      if (await ensureFirstAdmin(env.ADMIN_EMAIL, env.ADMIN_PASSWORD)) console.log(`Created the first admin ${env.ADMIN_EMAIL}.`);
    } catch (e) {
      // Another instance starting at the same moment created it: fine.
      if ((e as { code?: string }).code !== "P2002") throw e;
    }
  }
  await disconnectDb();

  if (!buildIsCurrent()) {
    console.log("Building the app (first start or changed sources)...");
    const code = await run(["build"], { ...childEnv, NEXT_TELEMETRY_DISABLED: "1" });
    if (code !== 0) {
      release();
      fail("The build failed; see the output above.");
    }
    writeBuildFingerprint();
  }

  const server = spawn(process.execPath, [nextBin(), "start", "-p", String(env.PORT)], { stdio: "inherit", env: childEnv });
  if (kind === "pglite" && server.pid) fs.writeFileSync(pgliteLockPath(), String(server.pid));
  const stop = (signal: NodeJS.Signals) => server.kill(signal);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => {
    if (kind === "pglite") {
      try {
        fs.unlinkSync(pgliteLockPath());
      } catch {
        /* gone */
      }
    }
    process.exit(code ?? 0);
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
