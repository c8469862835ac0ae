/**
 * Chart-series benchmark: `npx tsx bench/chart-series/run.ts [--runs N] [--pglite-only]`.
 *
 * Generates a realistic 1,000,000-point series (1 s apart ≈ 11.6 days: a daily wave, noise, a few
 * one-second spikes, a 10-minute NaN gap), stores it through buildSeriesChunks/insertSeriesChunks
 * in a fresh PGlite data directory and, when reachable, a fresh PostgreSQL database, then times
 * `seriesChartPoints` + `JSON.stringify` of its result for the full range, 10 %, 1 % and 0.1 %
 * windows at seeded random positions, and 200 random zoom windows.
 * Goals (issue 5): payload < 300 KB, p95 < 100 ms.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAdapterFactory, openPglite } from "@/lib/db/adapter";
import { migratePglite, migratePostgres } from "@/lib/db/migrate";
import { NameTypeShimPool } from "@/lib/db/pg-pool";
import { setDb } from "@/lib/db";
import type { PointColumns } from "@/lib/charts/point-columns";
import { prng } from "@/lib/loadtests/stats/prng";
import { createIncident } from "@/lib/incidents/create-incident";
import {
  buildSeriesChunks,
  insertSeriesChunks,
  pointsSha256,
  seriesChartPoints,
  summarizePoints,
} from "@/lib/metrics/point-store";
import { formatMeasured, measure, type Measured } from "./measure";
import { generateSeries, POINTS, windowsFor } from "./series";

const MAX_POINTS = 2000;
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 50;
const PGLITE_ONLY = process.argv.includes("--pglite-only");
const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

type Opened = { kind: string; client: PrismaClient; dispose: () => Promise<void> };

async function openFreshPglite(): Promise<Opened> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-bench-chart-"));
  const pglite = openPglite(path.join(dir, "pglite"));
  await migratePglite(pglite);
  const client = new PrismaClient({ adapter: createAdapterFactory(pglite) });
  return {
    kind: "PGlite",
    client,
    dispose: async () => {
      await client.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openFreshPostgres(): Promise<Opened | null> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL at ${POSTGRES_ADMIN_URL} not reachable (${(error as Error).message}); PGlite only.\n`);
    return null;
  }
  const name = `hindsight_bench_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  await migratePostgres(url.toString());
  const pool = new NameTypeShimPool({ connectionString: url.toString(), max: 5 });
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "PostgreSQL",
    client,
    dispose: async () => {
      await client.$disconnect();
      await pool.end();
      const a = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

async function storeSeries(client: PrismaClient, points: PointColumns): Promise<{ seriesId: string; seconds: number }> {
  setDb(client);
  const incident = await createIncident({
    actor: { kind: "system", label: "bench" },
    input: { title: "Chart series bench", severity: 3, timeZone: "UTC", startedAt: "2026-05-01T00:00", services: [], tags: [] },
  });
  const started = performance.now();
  const chunks = buildSeriesChunks(points);
  const summary = summarizePoints(points);
  const sha256 = pointsSha256(points);
  const seriesId = await client.$transaction(
    async (tx) => {
      const chart = await tx.metricChart.create({ data: { incidentId: incident.id, title: "p95 latency", position: 0 } });
      const series = await tx.metricSeries.create({
        data: {
          chartId: chart.id,
          incidentId: incident.id,
          position: 0,
          name: "p95",
          unit: "ms",
          format: "csv",
          ...summary,
          sha256,
        },
      });
      await insertSeriesChunks(tx, series.id, chunks);
      return series.id;
    },
    { timeout: 120_000 },
  );
  return { seriesId, seconds: (performance.now() - started) / 1000 };
}

function printLevels(points: PointColumns): void {
  const started = performance.now();
  const chunks = buildSeriesChunks(points);
  const buildMs = performance.now() - started;
  const levels = new Map<number, { chunks: number; points: number; bytes: number }>();
  for (const c of chunks) {
    const l = levels.get(c.level) ?? { chunks: 0, points: 0, bytes: 0 };
    l.chunks++;
    l.points += c.count;
    l.bytes += c.data.byteLength;
    levels.set(c.level, l);
  }
  console.log(`buildSeriesChunks: ${buildMs.toFixed(0)} ms (levels, encoding)`);
  let total = 0;
  for (const [level, l] of levels) {
    total += l.bytes;
    console.log(
      `  level ${level}: ${l.points.toLocaleString("en-US").padStart(9)} points, ${String(l.chunks).padStart(3)} blocks, ${(l.bytes / 1e6).toFixed(2)} MB`,
    );
  }
  console.log(`  total: ${(total / 1e6).toFixed(2)} MB (${(total / (points.length * 16)).toFixed(3)} × raw)\n`);
}

async function benchDatabase(opened: Opened, points: PointColumns): Promise<Measured[]> {
  const { client } = opened;
  const { seriesId, seconds } = await storeSeries(client, points);
  const size = await client.$queryRaw<{ bytes: number }[]>`SELECT pg_total_relation_size('"MetricSeriesChunk"')::float8 AS bytes`;
  console.log(
    `${opened.kind}: stored in ${seconds.toFixed(2)} s (build + insert in one transaction); table on disk ${(Number(size[0].bytes) / 1e6).toFixed(1)} MB`,
  );

  const first = points.times[0];
  const last = points.times[points.length - 1];
  const draw = async (from: number, to: number) =>
    JSON.stringify(await seriesChartPoints(client, { id: seriesId }, { from, to, maxPoints: MAX_POINTS, kind: "line" }));
  const windowAt = (fraction: number, seed: number) => windowsFor(first, last, fraction, RUNS, prng(seed));
  const zooms = windowsFor(first, last, null, 200, prng(99));

  const rows: Measured[] = [];
  rows.push(await measure(`${opened.kind} full range`, () => draw(first, last), RUNS));
  for (const [label, fraction, seed] of [
    ["10 %", 0.1, 1],
    ["1 %", 0.01, 2],
    ["0.1 %", 0.001, 3],
  ] as const) {
    const windows = windowAt(fraction, seed);
    rows.push(await measure(`${opened.kind} ${label} window`, (i) => draw(...windows[i % windows.length]), RUNS));
  }
  rows.push(await measure(`${opened.kind} 200 random zooms`, (i) => draw(...zooms[i]), zooms.length));
  const bars = JSON.stringify(
    await seriesChartPoints(client, { id: seriesId }, { from: first, to: last, maxPoints: MAX_POINTS, kind: "bar" }),
  );
  console.log(`  full-range bars: ${(Buffer.byteLength(bars) / 1024).toFixed(1)} KB`);
  return rows;
}

const points = generateSeries();
console.log(
  `series: ${POINTS.toLocaleString("en-US")} points, 1 s apart (${(POINTS / 86_400).toFixed(1)} days); ${RUNS} runs a scenario\n`,
);
printLevels(points);

const all: Measured[] = [];
for (const open of PGLITE_ONLY ? [openFreshPglite] : [openFreshPglite, openFreshPostgres]) {
  const opened = await open();
  if (!opened) continue;
  try {
    all.push(...(await benchDatabase(opened, points)));
  } finally {
    setDb(undefined);
    await opened.dispose();
  }
}
console.log(`\n${formatMeasured(all)}\n`);
const worstP95 = Math.max(...all.map((m) => m.p95Ms));
const worstBytes = Math.max(...all.map((m) => m.maxBytes));
const check = (ok: boolean) => (ok ? "ok" : "MISSED");
console.log(`worst p95 ${worstP95.toFixed(1)} ms (goal < 100 ms: ${check(worstP95 < 100)})`);
console.log(`largest payload ${(worstBytes / 1024).toFixed(1)} KB (goal < 300 KB: ${check(worstBytes < 300 * 1024)})`);
