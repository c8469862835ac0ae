import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, freshPgliteDir, freshPostgresDb, TIMEOUT, type Backend, type Env } from "./support/cli";

const PASSWORD = "correct horse battery staple";

type ListedUser = { email: string; name: string; role: string; active: boolean; lastLoginAt: string | null };

async function listUsers(env: Env): Promise<ListedUser[]> {
  const r = await cli(["users", "list", "--json"], env);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ListedUser[];
}

describe("cli without a database", () => {
  const env: Env = { DATABASE_URL: undefined, HINDSIGHT_DATA_DIR: path.join(os.tmpdir(), "hindsight-cli-never-created") };

  it("prints usage for help and no arguments", { timeout: TIMEOUT }, async () => {
    for (const args of [[], ["help"], ["--help"]]) {
      const r = await cli(args, env);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("users create");
      expect(r.stdout).toContain("users set-role");
    }
  });

  it("refuses unknown commands and options with exit 2 and the usage", { timeout: TIMEOUT }, async () => {
    const unknown = await cli(["frobnicate"], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(unknown.stderr).toContain("users list");

    const sub = await cli(["users", "explode"], env);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain('unknown command "users explode"');

    const option = await cli(["users", "list", "--colour"], env);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/unknown option '--colour'/i);
    expect(option.stderr).not.toMatch(/\n\s+at /);
  });

  it("says remote mode is not available yet", { timeout: TIMEOUT }, async () => {
    const r = await cli(["users", "list", "--url", "http://localhost:3000", "--token", "t"], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("not available yet");
  });

  it("refuses to create a user without a password when not in a terminal", { timeout: TIMEOUT }, async () => {
    const r = await cli(["users", "create", "--email", "x@example.com", "--role", "viewer"], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("HINDSIGHT_PASSWORD");
    expect(fs.existsSync(env.HINDSIGHT_DATA_DIR as string)).toBe(false);
  });

  it("prints configuration errors in one line", { timeout: TIMEOUT }, async () => {
    const r = await cli(["users", "list"], { ...env, DATABASE_URL: "mysql://localhost/x" });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("Configuration error: DATABASE_URL: DATABASE_URL must be a postgresql:// URL");
  });
});

describe.each([
  ["pglite", freshPgliteDir],
  ["postgresql", freshPostgresDb],
] as const)("cli users on %s", (kind, fresh) => {
  // On PostgreSQL every command runs `prisma migrate deploy`, which currently lingers ~10 s on the
  // pg pool's idle timeout before exiting; allow for several commands per test on a busy machine.
  const timeout = kind === "postgresql" ? 2 * TIMEOUT : TIMEOUT;
  let backend: Backend;
  beforeAll(async () => {
    backend = await fresh();
  }, TIMEOUT);
  afterAll(async () => {
    await backend?.dispose();
  }, TIMEOUT);

  it("creates a user and lists it with its role", { timeout }, async () => {
    const admin = await cli(
      ["users", "create", "--email", "Ada@Example.com", "--role", "admin", "--name", "Ada Admin", "--password", PASSWORD],
      backend.env,
    );
    expect(admin.stderr).toBe("");
    expect(admin.code).toBe(0);
    expect(admin.stdout).toContain("Created user ada@example.com");
    expect(admin.stdout).toContain("role:   admin");

    const users = await listUsers(backend.env);
    expect(users.map((u) => [u.email, u.name, u.role, u.active, u.lastLoginAt])).toEqual([
      ["ada@example.com", "Ada Admin", "admin", true, null],
    ]);
  });

  it("reads the password from HINDSIGHT_PASSWORD and prints a table", { timeout }, async () => {
    // Without --password and without a terminal the password comes from the environment.
    const editor = await cli(["users", "create", "--email", "ed@example.com", "--role", "editor"], {
      ...backend.env,
      HINDSIGHT_PASSWORD: PASSWORD,
    });
    expect(editor.stderr).toBe("");
    expect(editor.code).toBe(0);

    const table = await cli(["users", "list"], backend.env);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/EMAIL\s+NAME\s+ROLE\s+ACTIVE\s+LAST LOGIN/);
    expect(table.stdout).toMatch(/ada@example\.com\s+Ada Admin\s+admin\s+yes\s+never/);
    expect(table.stdout).toMatch(/ed@example\.com\s+-\s+editor\s+yes\s+never/);
  });

  it("changes a role", { timeout }, async () => {
    const r = await cli(["users", "set-role", "--email", "ed@example.com", "--role", "reviewer"], backend.env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ed@example.com is now reviewer");
    const ed = (await listUsers(backend.env)).find((u) => u.email === "ed@example.com");
    expect(ed).toMatchObject({ role: "reviewer", active: true });
  });

  it("deactivates a user", { timeout }, async () => {
    const r = await cli(["users", "deactivate", "--email", "ed@example.com"], backend.env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const ed = (await listUsers(backend.env)).find((u) => u.email === "ed@example.com");
    expect(ed).toMatchObject({ role: "reviewer", active: false });
  });

  it("activates a user", { timeout }, async () => {
    const r = await cli(["users", "activate", "--email", "ed@example.com"], backend.env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const ed = (await listUsers(backend.env)).find((u) => u.email === "ed@example.com");
    expect(ed).toMatchObject({ role: "reviewer", active: true });
  });

  it("refuses a duplicate e-mail, an unknown user and removing the last admin", { timeout }, async () => {
    const dup = await cli(
      ["users", "create", "--email", "ADA@example.com", "--role", "viewer", "--password", PASSWORD],
      backend.env,
    );
    expect(dup.code).toBe(1);
    expect(dup.stderr.trim()).toBe("error: A user with e-mail ada@example.com already exists.");

    const missing = await cli(["users", "set-role", "--email", "nobody@example.com", "--role", "viewer"], backend.env);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe("error: No user with e-mail nobody@example.com.");

    const lastAdmin = await cli(["users", "deactivate", "--email", "ada@example.com"], backend.env);
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.stderr).toContain("last active admin");
    expect(lastAdmin.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses an invalid e-mail, a bad role and a short password with field messages", { timeout }, async () => {
    const email = await cli(
      ["users", "create", "--email", "not-an-email", "--role", "viewer", "--password", PASSWORD],
      backend.env,
    );
    expect(email.code).toBe(1);
    expect(email.stderr.trim()).toBe("error: email: Enter a valid e-mail address");

    const role = await cli(
      ["users", "create", "--email", "r@example.com", "--role", "overlord", "--password", PASSWORD],
      backend.env,
    );
    expect(role.code).toBe(1);
    expect(role.stderr).toMatch(/^error: role: .*viewer, editor, reviewer, admin/m);

    const setRole = await cli(["users", "set-role", "--email", "ed@example.com", "--role", "overlord"], backend.env);
    expect(setRole.code).toBe(1);
    expect(setRole.stderr).toMatch(/^error: role: /m);

    const password = await cli(
      ["users", "create", "--email", "p@example.com", "--role", "viewer", "--password", "short"],
      backend.env,
    );
    expect(password.code).toBe(1);
    expect(password.stderr.trim()).toBe("error: password: Use at least 12 characters");

    // Nothing was written.
    expect((await listUsers(backend.env)).map((u) => u.email)).toEqual(["ada@example.com", "ed@example.com"]);
  });

  if (kind === "pglite") {
    it("releases the lock after each command", { timeout: TIMEOUT }, async () => {
      expect(fs.existsSync(path.join(backend.dataDir as string, "pglite.lock"))).toBe(false);
    });

    it("refuses while another live process holds the embedded database", { timeout: TIMEOUT }, async () => {
      const lock = path.join(backend.dataDir as string, "pglite.lock");
      fs.writeFileSync(lock, String(process.pid));
      try {
        const r = await cli(["users", "list"], backend.env);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain("in use");
        expect(r.stderr).toContain(String(process.pid));
        expect(r.stderr).not.toMatch(/\n\s+at /);
        // The holder's lock stays.
        expect(fs.readFileSync(lock, "utf8")).toBe(String(process.pid));
      } finally {
        fs.rmSync(lock, { force: true });
      }
    });

    it("takes over a stale lock left by a dead process", { timeout: TIMEOUT }, async () => {
      const lock = path.join(backend.dataDir as string, "pglite.lock");
      fs.writeFileSync(lock, "2147483646");
      const users = await listUsers(backend.env);
      expect(users).toHaveLength(2);
      expect(fs.existsSync(lock)).toBe(false);
    });
  }
});
