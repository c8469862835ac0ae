import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.js",
  "proxy.ts",
  "instrumentation-client.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "prisma/schema.prisma",
];
const SKIP = new Set(["generated", "node_modules", ".next"]);
const FILE = path.join(".next", "hindsight-fingerprint");

function walk(p: string, hash: ReturnType<typeof createHash>) {
  if (!fs.existsSync(p)) return;
  const stat = fs.statSync(p);
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) if (!SKIP.has(name)) walk(path.join(p, name), hash);
  } else {
    hash.update(`${p}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
}

/** A cheap fingerprint of what the build depends on (paths, sizes, modification times). */
export function sourceFingerprint(): string {
  const hash = createHash("sha256");
  for (const input of INPUTS) walk(input, hash);
  return hash.digest("hex");
}

export function buildIsCurrent(): boolean {
  if (!fs.existsSync(path.join(".next", "BUILD_ID"))) return false;
  return fs.existsSync(FILE) && fs.readFileSync(FILE, "utf8") === sourceFingerprint();
}

export function writeBuildFingerprint(): void {
  fs.writeFileSync(FILE, sourceFingerprint());
}
