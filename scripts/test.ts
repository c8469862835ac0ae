/**
 * `npm test`: type-check, lint, unit, integration (PGlite and PostgreSQL), one production build,
 * then every Playwright suite against that build. Stops at the first failing step.
 */
import { spawnSync } from "node:child_process";
import { writeBuildFingerprint } from "./build-fingerprint";

const steps: { name: string; cmd: string[]; env?: Record<string, string>; after?: () => void }[] = [
  { name: "type-check", cmd: ["npx", "tsc", "--noEmit"] },
  { name: "lint", cmd: ["npx", "eslint", ".", "--max-warnings=0"] },
  { name: "format", cmd: ["npx", "prettier", "--check", "."] },
  { name: "unit tests", cmd: ["npx", "vitest", "run", "--project", "unit"] },
  { name: "integration tests (PGlite and PostgreSQL)", cmd: ["npx", "vitest", "run", "--project", "integration"] },
  {
    name: "production build",
    cmd: ["npx", "next", "build"],
    env: { NEXT_TELEMETRY_DISABLED: "1" },
    after: writeBuildFingerprint,
  },
  { name: "browser tests (Playwright, Chromium)", cmd: ["npx", "playwright", "test"] },
];

const only = process.argv.slice(2);
const started = Date.now();
for (const step of steps) {
  if (only.length && !only.some((o) => step.name.startsWith(o))) continue;
  const t = Date.now();
  console.log(`\n=== ${step.name} ===`);
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: "inherit", env: { ...process.env, ...step.env } });
  if (r.status !== 0) {
    console.error(`\n✗ ${step.name} failed (${((Date.now() - t) / 1000).toFixed(0)} s)`);
    process.exit(r.status ?? 1);
  }
  step.after?.();
  console.log(`✓ ${step.name} (${((Date.now() - t) / 1000).toFixed(0)} s)`);
}
console.log(`\nAll green in ${((Date.now() - started) / 1000).toFixed(0)} s`);
