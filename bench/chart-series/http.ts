/**
 * The chart-data endpoint over HTTP: `npx tsx bench/chart-series/http.ts [--runs N]`.
 *
 * Stores the same 1,000,000-point series as run.ts in a fresh embedded database through the
 * import verbs, starts the production server on it (`npm run build` first if there is no build),
 * signs in, and times GET /api/v1/metric-charts/{id}/data for the full range, 10 %, 1 %, 0.1 %
 * windows and 200 random zooms: latency p50/p95/max and payload (JSON bytes, and gzipped as
 * `next start` sends it). Goal (issue 5): payload < 300 KB, p95 < 100 ms.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { readEnv } from "@/lib/env";
import { acquirePgliteLock } from "@/lib/db/lock";
import { prepareDatabase } from "@/lib/db/prepare";
import { disconnectDb } from "@/lib/db";
import { createUser } from "@/lib/users/create-user";
import { createIncident } from "@/lib/incidents/create-incident";
import { saveMetricSnapshot } from "@/lib/metrics/save-metric-snapshot";
import { prng } from "@/lib/loadtests/stats/prng";
import { formatMeasured, measure, type Measured } from "./measure";
import { generateSeries, windowsFor } from "./series";

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 50;
const PORT = Number(process.env.BENCH_PORT ?? 3470);
const BASE = `http://127.0.0.1:${PORT}`;
const SYSTEM = { kind: "system" as const, label: "bench" };
const EMAIL = "bench@example.com";
const PASSWORD = "bench-password-123";

async function seed(dataDir: string): Promise<string> {
  process.env.HINDSIGHT_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  readEnv();
  const release = acquirePgliteLock();
  try {
    await prepareDatabase();
    await createUser({ actor: SYSTEM, input: { email: EMAIL, name: "Bench", role: "admin", password: PASSWORD } });
    const incident = await createIncident({
      actor: SYSTEM,
      input: {
        title: "Chart series bench",
        severity: 3,
        timeZone: "Europe/Berlin",
        startedAt: "2026-05-06T10:00",
        services: [],
        tags: [],
      },
    });
    const started = performance.now();
    const saved = await saveMetricSnapshot({
      actor: SYSTEM,
      input: {
        incidentNumber: incident.number,
        parsed: {
          format: "csv",
          series: [{ name: "p95", unit: "ms", labels: {}, points: generateSeries() }],
          notes: [],
          rowsRead: 0,
        },
        source: "bench",
        chartTitle: "p95 latency",
      },
    });
    console.log(`Stored 1,000,000 points through saveMetricSnapshot in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    return saved.chartId;
  } finally {
    await disconnectDb();
    release();
  }
}

function ensureBuild(): void {
  if (fs.existsSync(path.join(".next", "BUILD_ID"))) return;
  console.log("No production build: running next build…");
  const r = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (r.status !== 0) throw new Error("next build failed");
}

async function waitForHealth(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("the server did not answer /api/health in time");
}

/** next-auth credentials sign-in: CSRF token and cookie first, then the callback sets the session cookie. */
async function signIn(): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie.join("; ") },
    body: new URLSearchParams({ csrfToken, email: EMAIL, password: PASSWORD, json: "true" }),
  });
  const cookies = [...csrfCookie, ...res.headers.getSetCookie().map((c) => c.split(";")[0])];
  if (!cookies.some((c) => c.includes("session-token"))) throw new Error(`sign-in failed (HTTP ${res.status})`);
  return cookies.join("; ");
}

async function main() {
  ensureBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-bench-http-"));
  const chartId = await seed(dataDir);
  const server = spawn("npx", ["tsx", "scripts/start.ts"], {
    env: { ...process.env, HINDSIGHT_DATA_DIR: dataDir, PORT: String(PORT), DATABASE_URL: "" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  try {
    await waitForHealth(Date.now() + 120_000);
    const cookie = await signIn();
    const series = generateSeries();
    const first = series.times[0];
    const last = series.times[series.length - 1];
    const rows: Measured[] = [];
    let payload = { max: 0, maxGzip: 0 };
    const get = async (query: string) => {
      const res = await fetch(`${BASE}/api/v1/metric-charts/${chartId}/data?${query}`, { headers: { Cookie: cookie } });
      const body = Buffer.from(await res.arrayBuffer());
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${body.toString().slice(0, 200)}`);
      payload = { max: Math.max(payload.max, body.length), maxGzip: Math.max(payload.maxGzip, gzipSync(body).length) };
      return body;
    };
    const window = ([from, to]: [number, number]) => `from=${Math.round(from)}&to=${Math.round(to)}`;
    await get(""); // warm the route
    rows.push(await measure("full range", () => get(""), RUNS));
    const random = prng(7);
    for (const [label, fraction] of [
      ["10 % window", 0.1],
      ["1 % window", 0.01],
      ["0.1 % window", 0.001],
    ] as const) {
      const windows = windowsFor(first, last, fraction, RUNS, random);
      rows.push(await measure(label, (i) => get(window(windows[i % windows.length])), RUNS));
    }
    const zooms = windowsFor(first, last, null, 200, random);
    rows.push(await measure("200 random zooms", (i) => get(window(zooms[i % zooms.length])), 200));
    console.log(`\nGET /api/v1/metric-charts/{id}/data on next start (PGlite), 1,000,000 points, 2,000 per series:\n`);
    console.log(formatMeasured(rows));
    console.log(
      `\nLargest payload: ${(payload.max / 1024).toFixed(1)} KB of JSON, ${(payload.maxGzip / 1024).toFixed(1)} KB gzipped.`,
    );
    console.log("Goal: payload < 300 KB, p95 < 100 ms.");
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
