import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** `npm start` as a newcomer runs it, stopped by bad configuration before anything starts. */
function start(env: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-start-"));
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      HINDSIGHT_DATA_DIR: dataDir,
      PORT: "3987",
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { status: r.status, lines: `${r.stdout}${r.stderr}`.trim().split("\n").filter(Boolean) };
}

describe("npm start refuses bad configuration with one clear line", () => {
  it("names the missing secret when PostgreSQL is configured", () => {
    const r = start({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postgres" });
    expect(r.status).toBe(1);
    expect(r.lines.at(-1)).toMatch(/^NEXTAUTH_SECRET is required with DATABASE_URL/);
  });

  it("says the database cannot be reached instead of printing a stack trace", () => {
    const r = start({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5999/nowhere",
      NEXTAUTH_SECRET: "a-long-enough-test-secret",
      NEXTAUTH_URL: "http://localhost:3987",
    });
    expect(r.status).toBe(1);
    expect(r.lines.at(-1)).toMatch(/^Cannot reach PostgreSQL at 127\.0\.0\.1:5999\/nowhere \(connection refused\)/);
    expect(r.lines.join("\n")).not.toMatch(/\n\s+at /);
  });

  it("rejects a malformed setting", () => {
    const r = start({ DATABASE_URL: "mysql://root@localhost/db" });
    expect(r.status).toBe(1);
    expect(r.lines.at(-1)).toBe("Configuration error: DATABASE_URL: DATABASE_URL must be a postgresql:// URL");
  });
});
