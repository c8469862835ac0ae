/**
 * A real ApacheBench run against the app's own health endpoint, imported with the ab importer: our
 * figures (computed from ab's -g TSV) must agree with what ab printed.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_PROGRESS } from "@/lib/imports/progress";
import { abImporter, parseAbSummaryText, type AbSummary } from "@/lib/loadtests/formats/ab";
import type { ImportFile, ParsedRun } from "@/lib/loadtests/types";
import { startHealthServer } from "@/tests/integration/support/health-server";

const run = promisify(execFile);
const REQUESTS = 2000;
const CONCURRENCY = 10;

function fileOf(p: string): ImportFile {
  return { name: path.basename(p), path: p, size: fs.statSync(p).size };
}

/** Within 1 % or 1 ms of ab's figure, whichever is larger (ab prints whole milliseconds of unrounded times). */
function expectNear(ours: number | null, abFigure: number): void {
  expect(ours).not.toBeNull();
  expect(Math.abs((ours as number) - abFigure)).toBeLessThanOrEqual(Math.max(0.01 * abFigure, 1));
}

describe("ApacheBench against /api/health, imported", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-ab-"));
  const tsvPath = path.join(dir, "ab.tsv");
  const summaryPath = path.join(dir, "ab.txt");
  let server: Awaited<ReturnType<typeof startHealthServer>>;
  let printed: AbSummary;
  let parsed: ParsedRun;

  beforeAll(async () => {
    server = await startHealthServer();
    // execFile (not spawnSync): the server answers from this same event loop.
    const { stdout } = await run("ab", ["-n", String(REQUESTS), "-c", String(CONCURRENCY), "-g", tsvPath, server.url], {
      timeout: 30_000,
      maxBuffer: 1024 * 1024,
    });
    fs.writeFileSync(summaryPath, stdout);
    printed = parseAbSummaryText(stdout, "ab.txt");
    parsed = await abImporter.parse([fileOf(tsvPath), fileOf(summaryPath)], { progress: NO_PROGRESS, options: {} });
  });

  afterAll(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("counts exactly what ab printed", () => {
    expect(printed.completeRequests).toBe(REQUESTS);
    expect(parsed.total.count).toBe(printed.completeRequests);
    expect(printed.non2xxResponses).toBe(0);
    expect(parsed.total.errors).toBe(printed.failedRequests);
    expect(parsed.labels.map((l) => [l.label, l.count])).toEqual([["/api/health", REQUESTS]]);
    expect(parsed.environment).toMatchObject({ Concurrency: String(CONCURRENCY), "Document path": "/api/health" });
    expect(parsed.warnings.filter((w) => /complete requests but the TSV/.test(w))).toEqual([]);
  });

  it("agrees with ab's mean and percentile table within 1 % or 1 ms", () => {
    const total = printed.connectionTimes.Total;
    expect(total).toHaveLength(5); // min mean sd median max
    expectNear(parsed.total.mean, total[1]);
    expectNear(parsed.total.max, total[4]);
    const table = new Map(printed.percentiles);
    for (const [key, p] of [
      ["p50", 50],
      ["p75", 75],
      ["p90", 90],
      ["p95", 95],
      ["p99", 99],
    ] as const) {
      expect(table.has(p), `ab printed ${p}%`).toBe(true);
      expectNear(parsed.total[key], table.get(p) as number);
    }
    expect(parsed.total.throughput).toBe(printed.requestsPerSecond);
  });
});
