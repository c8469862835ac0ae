import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { expect } from "vitest";

/** The CLI runs as a real process, the way an operator runs it, against each kind of database. */
export const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const TIMEOUT = 60_000;

export type Result = { code: number | null; stdout: string; stderr: string };
export type Env = Record<string, string | undefined>;

function baseEnv(extra: Env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  // Never let the developer's own database or admin settings leak into the child.
  for (const key of ["DATABASE_URL", "HINDSIGHT_PASSWORD", "ADMIN_EMAIL", "ADMIN_PASSWORD"]) {
    if (!(key in extra)) delete env[key];
  }
  for (const [key, value] of Object.entries(extra)) if (value === undefined) delete env[key];
  return env;
}

export function cli(args: string[], env: Env): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], {
      cwd: ROOT,
      env: baseEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    // One command never takes this long; kill it so a hang fails the test with its output.
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT - 5_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export type Backend = { env: Env; dispose: () => Promise<void>; dataDir?: string };

export async function freshPgliteDir(): Promise<Backend> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-cli-"));
  return {
    env: { HINDSIGHT_DATA_DIR: dir, DATABASE_URL: undefined },
    dataDir: dir,
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export async function freshPostgresDb(): Promise<Backend> {
  const name = `hindsight_cli_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  // The data directory must stay untouched on PostgreSQL: point it somewhere that does not exist.
  const unused = path.join(os.tmpdir(), `hindsight-cli-unused-${name}`);
  return {
    env: { DATABASE_URL: url.toString(), HINDSIGHT_DATA_DIR: unused },
    dispose: async () => {
      const a = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
      expect(fs.existsSync(unused)).toBe(false);
    },
  };
}
