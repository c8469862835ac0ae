/**
 * JTL import benchmark: `npx tsx bench/import-jtl/run.ts [--runs N]`.
 *
 * Generates (once, in os.tmpdir()) a realistic 1,000,000-row JMeter CSV JTL and a 100,000-row one,
 * then times, each in its own process so peak RSS is measured per run:
 *   (a) our import, jmeterCsvImporter.parse() with statistics and time series, at 100k and 1M rows;
 *   (b) pandas (/usr/bin/python3) reading the file and computing per-label count/mean/p50/p90/p95/p99;
 *   (c) bench/bare-split: reading 1 MiB chunks, splitting lines, parsing one numeric field.
 * Each is run N times (default 3); the fastest run counts (peak RSS is the largest seen).
 * Goals: ours ≤ 1.5× pandas, ≤ 4× bare, peak RSS < 250 MB, 1M-row RSS ≤ 100k-row RSS + 30 MB.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateJtl } from "./generate";

type Measured = { rows: number; seconds: number; maxRssMb: number };

const root = path.resolve(import.meta.dirname, "../..");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;

function ensureFile(rows: number): string {
  const file = path.join(os.tmpdir(), `hindsight-bench-jtl-${rows}.jtl`);
  if (!fs.existsSync(file)) {
    const started = Date.now();
    process.stdout.write(`generating ${file} ... `);
    generateJtl(file, rows);
    console.log(`${((Date.now() - started) / 1000).toFixed(1)} s, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB`);
  }
  return file;
}

function measure(command: string, args: string[]): Measured {
  let best: Measured | null = null;
  let maxRss = 0;
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(command, args, { cwd: root, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
    const m = JSON.parse(out.trim().split("\n").pop() as string) as Measured;
    maxRss = Math.max(maxRss, m.maxRssMb);
    if (!best || m.seconds < best.seconds) best = m;
  }
  return { ...(best as Measured), maxRssMb: maxRss };
}

const node = (script: string, file: string): [string, string[]] => [
  process.execPath,
  ["--import", "tsx", path.join(root, script), file],
];

const small = ensureFile(100_000);
const large = ensureFile(1_000_000);
console.log(`file: ${large} (${(fs.statSync(large).size / 1e6).toFixed(1)} MB), ${RUNS} run(s) each, fastest counts\n`);

const results: [string, Measured][] = [
  ["ours, 100k rows", measure(...node("bench/import-jtl/child.ts", small))],
  ["ours, 1M rows", measure(...node("bench/import-jtl/child.ts", large))],
  ["pandas, 1M rows", measure("/usr/bin/python3", [path.join(root, "bench/import-jtl/pandas_stats.py"), large])],
  ["bare split, 1M rows", measure(...node("bench/bare-split/run.ts", large))],
];

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`${pad("", 22)}${pad("rows", 12)}${pad("seconds", 10)}${pad("rows/s", 14)}peak RSS`);
for (const [name, m] of results) {
  const rate = Math.round(m.rows / m.seconds).toLocaleString("en-US");
  console.log(
    `${pad(name, 22)}${pad(m.rows.toLocaleString("en-US"), 12)}${pad(m.seconds.toFixed(3), 10)}${pad(rate, 14)}${m.maxRssMb.toFixed(0)} MB`,
  );
}
const [ours100k, ours, pandas, bare] = results.map(([, m]) => m);
const check = (ok: boolean) => (ok ? "ok" : "MISSED");
console.log("");
console.log(
  `ours / pandas: ${(ours.seconds / pandas.seconds).toFixed(2)}× (goal ≤ 1.5×: ${check(ours.seconds <= 1.5 * pandas.seconds)})`,
);
console.log(
  `ours / bare:   ${(ours.seconds / bare.seconds).toFixed(2)}× (goal ≤ 4×: ${check(ours.seconds <= 4 * bare.seconds)})`,
);
console.log(`peak RSS at 1M: ${ours.maxRssMb.toFixed(0)} MB (goal < 250 MB: ${check(ours.maxRssMb < 250)})`);
const growth = ours.maxRssMb - ours100k.maxRssMb;
console.log(`RSS growth 100k → 1M: ${growth.toFixed(0)} MB (goal ≤ 30 MB: ${check(growth <= 30)})`);
