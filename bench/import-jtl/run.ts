/**
 * JTL import benchmark: `npx tsx bench/import-jtl/run.ts [--runs N]`.
 *
 * Generates (once, in os.tmpdir()) a realistic 1,000,000-row JMeter CSV JTL and a 100,000-row one,
 * then times, each in its own process so peak RSS is measured per run:
 *   (a) our import, jmeterCsvImporter.parse() with statistics and time series, at 100k and 1M rows;
 *   (b) pandas (/usr/bin/python3) reading the file and computing per-label count/mean/p50/p90/p95/p99;
 *   (c) bench/bare-split: reading 1 MiB chunks, splitting lines, parsing one numeric field.
 * Each is run N times (default 3), interleaved; the fastest run counts (peak RSS is the largest seen).
 * Wall time and CPU time (user + system) are both shown: on a shared, busy machine CPU time is the
 * steadier measure of the work done.
 * Goals: ours ≤ 1.5× pandas, ≤ 4× bare, peak RSS < 250 MB, 1M-row RSS ≤ 100k-row RSS + 30 MB.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateJtl } from "./generate";

type Measured = { rows: number; seconds: number; cpuSeconds: number; maxRssMb: number };

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

function runOnce(command: string, args: string[]): Measured {
  const out = execFileSync(command, args, { cwd: root, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(out.trim().split("\n").pop() as string) as Measured;
}

/** Runs every command RUNS times, round-robin (so load changes hit all alike); keeps each one's fastest run and largest RSS. */
function measureAll(commands: [string, string[]][]): Measured[] {
  const best: (Measured | null)[] = commands.map(() => null);
  const maxRss = commands.map(() => 0);
  for (let i = 0; i < RUNS; i++) {
    commands.forEach(([command, args], k) => {
      const m = runOnce(command, args);
      maxRss[k] = Math.max(maxRss[k], m.maxRssMb);
      const b = best[k];
      if (!b || m.seconds < b.seconds) best[k] = { ...m, cpuSeconds: Math.min(m.cpuSeconds, b?.cpuSeconds ?? Infinity) };
      else b.cpuSeconds = Math.min(b.cpuSeconds, m.cpuSeconds);
    });
  }
  return best.map((m, k) => ({ ...(m as Measured), maxRssMb: maxRss[k] }));
}

const node = (script: string, file: string): [string, string[]] => [
  process.execPath,
  ["--import", "tsx", path.join(root, script), file],
];

const small = ensureFile(100_000);
const large = ensureFile(1_000_000);
console.log(`file: ${large} (${(fs.statSync(large).size / 1e6).toFixed(1)} MB), ${RUNS} run(s) each, fastest counts\n`);

const names = ["ours, 100k rows", "ours, 1M rows", "pandas, 1M rows", "bare split, 1M rows"];
const measured = measureAll([
  node("bench/import-jtl/child.ts", small),
  node("bench/import-jtl/child.ts", large),
  ["/usr/bin/python3", [path.join(root, "bench/import-jtl/pandas_stats.py"), large]],
  node("bench/bare-split/run.ts", large),
]);

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`${pad("", 22)}${pad("rows", 12)}${pad("wall s", 9)}${pad("cpu s", 9)}${pad("rows/s (wall)", 15)}peak RSS`);
measured.forEach((m, k) => {
  const rate = Math.round(m.rows / m.seconds).toLocaleString("en-US");
  console.log(
    `${pad(names[k], 22)}${pad(m.rows.toLocaleString("en-US"), 12)}${pad(m.seconds.toFixed(3), 9)}${pad(m.cpuSeconds.toFixed(3), 9)}${pad(rate, 15)}${m.maxRssMb.toFixed(0)} MB`,
  );
});
const [ours100k, ours, pandas, bare] = measured;
const check = (ok: boolean) => (ok ? "ok" : "MISSED");
const ratio = (a: number, b: number) => (a / b).toFixed(2);
console.log("");
console.log(
  `ours / pandas: ${ratio(ours.seconds, pandas.seconds)}× wall, ${ratio(ours.cpuSeconds, pandas.cpuSeconds)}× cpu (goal ≤ 1.5×: ${check(ours.seconds <= 1.5 * pandas.seconds)})`,
);
console.log(
  `ours / bare:   ${ratio(ours.seconds, bare.seconds)}× wall, ${ratio(ours.cpuSeconds, bare.cpuSeconds)}× cpu (goal ≤ 4×: ${check(ours.seconds <= 4 * bare.seconds)})`,
);
console.log(`peak RSS at 1M: ${ours.maxRssMb.toFixed(0)} MB (goal < 250 MB: ${check(ours.maxRssMb < 250)})`);
const growth = ours.maxRssMb - ours100k.maxRssMb;
console.log(`RSS growth 100k → 1M: ${growth.toFixed(0)} MB (goal ≤ 30 MB: ${check(growth <= 30)})`);
