import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, freshPgliteDir, freshPostgresDb, TIMEOUT, type Backend, type Env } from "./support/cli";

const REAL = "/work/shared/fixtures/real";
const LOCAL_JTL = "tests/fixtures/loadtests/e2e/tailspin-spacegame-results.jtl";
const JTL = fs.existsSync(LOCAL_JTL) ? LOCAL_JTL : `${REAL}/jmeter-jtl-csv/tailspin-spacegame-results.jtl`;

describe("cli import --dry-run (no database)", () => {
  const neverCreated = path.join(os.tmpdir(), `hindsight-dry-run-${process.pid}`);
  const env: Env = { DATABASE_URL: undefined, HINDSIGHT_DATA_DIR: neverCreated };

  it("prints the figures of a JMeter CSV and touches no database", { timeout: TIMEOUT }, async () => {
    const r = await cli(["import", "--dry-run", JTL], env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("JMeter JTL (CSV)");
    expect(r.stdout).toMatch(/^TOTAL\s+100\s/m);
    expect(r.stdout).toMatch(/^ {2}HTTP Request-0\s+100\s/m);
    expect(r.stdout).toContain("Dry run: nothing was saved.");
    expect(fs.existsSync(neverCreated)).toBe(false);

    const json = await cli(["import", "--dry-run", "--json", JTL], env);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { format: string; run: { total: { count: number }; statisticsSource: string } };
    expect(parsed.format).toBe("jmeter-csv");
    expect(parsed.run.total.count).toBe(100);
    expect(parsed.run.statisticsSource).toBe("samples");
  });

  it("refuses an unknown file with the supported formats, and a missing file, with exit 1", { timeout: TIMEOUT }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-cli-import-"));
    const notes = path.join(dir, "notes.txt");
    fs.writeFileSync(notes, "not a load test\n");
    const unknown = await cli(["import", "--dry-run", notes], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Supported formats");
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    const missing = await cli(["import", "--dry-run", path.join(dir, "nope.jtl")], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no such file");
    const usage = await cli(["import"], env);
    expect(usage.code).toBe(2);
    const badFormat = await cli(["import", "--dry-run", "--format", "wrk", notes], env);
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toContain('Unknown format "wrk"');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe.each([
  ["pglite", freshPgliteDir],
  ["postgresql", freshPostgresDb],
] as const)("cli import on %s", (_kind, fresh) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await fresh();
  });
  afterAll(async () => {
    await backend?.dispose();
  });

  it("imports a run, and a bad incident number fails the job without writing", { timeout: TIMEOUT }, async () => {
    const ok = await cli(["import", "--name", "Space game", JTL], backend.env);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Imported "Space game": 100 requests');
    expect(ok.stdout).toMatch(/Run id: \S+/);

    const bad = await cli(["import", "--incident", "999", JTL], backend.env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Incident not found");
  });
});
