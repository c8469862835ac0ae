/**
 * One measured import, run in its own process so its peak RSS is its own:
 * `node --import tsx bench/import-jtl/child.ts <file.jtl>` prints one JSON line.
 */
import fs from "node:fs";
import { NO_PROGRESS } from "@/lib/imports/progress";
import { jmeterCsvImporter } from "@/lib/loadtests/formats/jmeter-csv";

const path = process.argv[2];
const file = { name: path.split("/").pop() ?? path, path, size: fs.statSync(path).size };
const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
const run = await jmeterCsvImporter.parse([file], { progress: NO_PROGRESS, options: {} });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
console.log(
  JSON.stringify({
    rows: run.rowsRead,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    total: { count: run.total.count, errors: run.total.errors, mean: run.total.mean, p50: run.total.p50, p99: run.total.p99 },
    labels: run.labels.length,
    seriesPoints: run.series.length,
    bucketSeconds: run.bucketSeconds,
    statisticsSource: run.statisticsSource,
  }),
);
