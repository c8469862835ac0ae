import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, freshPgliteDir, freshPostgresDb, TIMEOUT, type Backend, type Env } from "./support/cli";

const QAINSIGHTS = "tests/fixtures/uptime/upptime/qainsights-uptime";

describe("cli uptime import --dry-run (no database)", () => {
  const neverCreated = path.join(os.tmpdir(), `hindsight-uptime-dry-run-${process.pid}`);
  const env: Env = { DATABASE_URL: undefined, HINDSIGHT_DATA_DIR: neverCreated };

  it("reads an Upptime folder and prints its monitors without touching any database", { timeout: TIMEOUT }, async () => {
    const r = await cli(["uptime", "import", "--dry-run", QAINSIGHTS], env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Upptime: 3 monitors/);
    expect(r.stdout).toMatch(
      /^QAInsights\s+HTTP\s+3,817\s+2020-08-16 19:52 UTC\s+2023-04-03 06:23 UTC\s+[\d.]+%\s+69 \(last open\)$/m,
    );
    expect(r.stdout).toContain("Dry run: nothing was saved.");
    expect(fs.existsSync(neverCreated)).toBe(false);

    const json = await cli(["uptime", "import", "--dry-run", "--json", QAINSIGHTS], env);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as {
      format: string;
      monitors: { name: string; samples: number; downtimeWindows: number }[];
    };
    expect(parsed.format).toBe("upptime");
    expect(parsed.monitors.find((m) => m.name === "QAInsights")).toMatchObject({ samples: 3817, downtimeWindows: 69 });
  });

  it("answers usage mistakes with exit 2 and a missing folder with exit 1", { timeout: TIMEOUT }, async () => {
    const none = await cli(["uptime"], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("missing the uptime command");
    const missing = await cli(["uptime", "import", "--dry-run", path.join(neverCreated, "nope")], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no such file or folder");
    const badZone = await cli(["uptime", "import", "--dry-run", "--tz", "Mars/Olympus", QAINSIGHTS], env);
    expect(badZone.code).toBe(1);
    expect(badZone.stderr).toContain("timeZone");
    expect(fs.existsSync(neverCreated)).toBe(false);
  });
});

describe.each([
  ["pglite", freshPgliteDir],
  ["postgresql", freshPostgresDb],
] as const)("cli uptime on %s", (_kind, fresh) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await fresh();
  });
  afterAll(async () => {
    await backend?.dispose();
  });

  it(
    "imports a folder, refuses an unknown service, and prints the report as Markdown and CSV",
    { timeout: TIMEOUT * 2 },
    async () => {
      const unknown = await cli(["uptime", "import", "--service", "nope", QAINSIGHTS], backend.env);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('Unknown service "nope"');

      const ok = await cli(["uptime", "import", QAINSIGHTS], backend.env);
      expect(ok.stderr).toBe("");
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/^Imported 3 monitors \([\d,]+ samples\) from Upptime\./);
      expect(ok.stdout).toMatch(/Monitor ids: \S+, \S+, \S+ {2}\(import job \S+\)/);

      const md = await cli(["uptime", "report", "--from", "2023-03-01", "--to", "2023-03-31", "--target", "99.9"], backend.env);
      expect(md.code).toBe(0);
      expect(md.stdout).toMatch(/^# Uptime report 2023-03-01 – 2023-03-31/);
      expect(md.stdout).toContain("## QAInsights");

      const csv = await cli(["uptime", "report", "--from", "2023-03-01", "--to", "2023-03-31", "--format", "csv"], backend.env);
      expect(csv.code).toBe(0);
      const lines = csv.stdout.trim().split("\n");
      expect(lines[0]).toMatch(/^monitor,kind,target/);
      expect(lines).toHaveLength(4);
    },
  );
});
