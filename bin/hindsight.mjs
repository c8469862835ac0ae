#!/usr/bin/env node
// The `hindsight` command: runs scripts/cli.ts under tsx from the app's own directory (where the
// migrations, tsconfig paths and the default ./data live), wherever it is invoked from.
import { spawn } from "node:child_process";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, HINDSIGHT_CLI_CWD: process.cwd() };
// A relative data directory means the caller's directory, not the app's.
if (env.HINDSIGHT_DATA_DIR) env.HINDSIGHT_DATA_DIR = path.resolve(env.HINDSIGHT_DATA_DIR);

let tsx;
try {
  tsx = import.meta.resolve("tsx");
} catch {
  tsx = "tsx";
}

const child = spawn(process.execPath, ["--import", tsx, path.join(root, "scripts", "cli.ts"), ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: "inherit",
});

// The terminal sends Ctrl-C to the whole process group: let the CLI handle it and report its exit.
const forward = (signal) => () => child.kill(signal);
process.on("SIGINT", () => {});
process.on("SIGTERM", forward("SIGTERM"));
process.on("SIGHUP", forward("SIGHUP"));

child.on("error", (error) => {
  console.error(`hindsight: could not start the CLI: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => {
  process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
});
