import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locustCsvImporter } from "@/lib/loadtests/formats/locust-csv";
import { FIXTURES, REAL, ctx, fileOf, temp, head, parseError } from "./support/importer-fixtures";

const BITCOIN = `${REAL}/locust/bitcoin-api-results`;
const SHOP = path.join(FIXTURES, "locust/shop");

const bitcoin = (kind: string) => `${BITCOIN}_${kind}.csv`;
const shop = (kind: string) => `${SHOP}_${kind}.csv`;

describe("Locust CSV importer", () => {
  it("reads the real bitcoin-api run (\\r\\r\\n line ends) with its history and failures", async () => {
    const files = ["stats", "stats_history", "failures", "exceptions"].map((k) => fileOf(bitcoin(k)));
    const run = await locustCsvImporter.parse(files, ctx);
    expect(run.tool).toBe("locust");
    expect(run.format).toBe("locust-csv");
    expect(run.suggestedName).toBe("bitcoin-api-results");
    expect(run.warnings).toEqual([]);
    expect(run.labels.map((l) => l.label)).toEqual([
      "GET /api/v1/blocks/latest",
      "GET /api/v1/fees/6",
      "GET /api/v1/fees/recommended",
      "GET /api/v1/health",
      "GET /api/v1/mempool",
      "GET /api/v1/mempool/info",
      "GET /api/v1/mining",
      "GET /api/v1/network",
    ]);
    const t = run.total;
    // ,Aggregated,2210,1607,3,50.18...,2.59...,2160.29...,162.2176...,37.30...,27.12...,3,4,4,5,6,8,2000,2000,2100,2200,2200
    expect(t).toMatchObject({ isTotal: true, count: 2210, errors: 1607, mean: 50.184648958923994, min: 2.5905000511556864 });
    expect(t.max).toBe(2160.2996999863535);
    expect([t.p50, t.p75, t.p90, t.p95, t.p99, t.p999]).toEqual([3, 4, 6, 8, 2000, 2100]);
    expect(t.otherPercentiles).toEqual({ "66": 4, "80": 5, "98": 2000, "99.99": 2200, "100": 2200 });
    expect(t.throughput).toBe(37.30488469320527);
    expect(t.receivedBytes).toBe(Math.round(162.21764705882353 * 2210)); // 358,501 bytes
    expect(t.sources.receivedBytes).toContain("Average Content Size");
    const health = run.labels.find((l) => l.label === "GET /api/v1/health")!;
    expect(health).toMatchObject({ count: 573, errors: 0, p50: 4, p90: 7, p95: 9, p99: 2000, receivedBytes: 573 * 165 });

    // 56 history rows a second apart (one second is missing: 1772849629); totals add up to the last row.
    expect(run.bucketSeconds).toBe(1);
    expect(run.series).toHaveLength(56);
    expect(run.series.reduce((n, p) => n + p.requests, 0)).toBe(2050);
    expect(run.series.reduce((n, p) => n + p.errors, 0)).toBe(1496);
    expect(run.series[0]).toEqual({
      t: 1772849611000,
      requests: 0,
      errors: 0,
      mean: null,
      p50: null,
      p90: null,
      p95: null,
      p99: null,
      users: 0,
    });
    // 1772849615: 14 requests, running average 1528.13 ms, percentiles 2100/2100/2200/2200.
    expect(run.series[3]).toMatchObject({
      t: 1772849614000,
      requests: 14,
      errors: 0,
      p50: 2100,
      p90: 2100,
      p95: 2200,
      p99: 2200,
      users: 40,
    });
    expect(run.series[3].mean).toBeCloseTo(1528.133928592849, 9);
    // 1772849630 comes 2 s after 1772849628: its bucket starts at the previous row.
    expect(run.series.find((p) => p.t === 1772849628000)!.requests).toBe(549 - 508);
    expect(run.startedAt?.getTime()).toBe(1772849612000);
    expect(run.endedAt?.getTime()).toBe(1772849668000);
    expect(run.loadProfile).toEqual([
      { t: 1772849612000, users: 0 },
      { t: 1772849613000, users: 10 },
      { t: 1772849614000, users: 20 },
      { t: 1772849615000, users: 40 },
      { t: 1772849616000, users: 50 },
      { t: 1772849668000, users: 50 },
    ]);
    expect(run.environment["Peak users"]).toBe("50");
    expect(run.environment["Failures"]).toMatch(/^7 kinds, 1607 occurrences: 337× GET \/api\/v1\/mempool: HTTPError\('429 /);
    expect(run.environment["Exceptions"]).toBeUndefined(); // header only
    expect(run.rowsRead).toBe(9 + 56 + 7);
  });

  it("reads the stats file alone", async () => {
    const run = await locustCsvImporter.parse([fileOf(bitcoin("stats"))], ctx);
    expect(run.total.count).toBe(2210);
    expect(run.series).toEqual([]);
    expect(run.startedAt).toBeNull();
    expect(run.bucketSeconds).toBeNull();
  });

  it("follows a statistics reset, skips per-label history rows, and reads a multi-line traceback", async () => {
    const files = ["stats_history", "exceptions", "failures", "stats"].map((k) => fileOf(shop(k)));
    expect(locustCsvImporter.detect(files.map((f) => head(f.path)))).toBe(true);
    const run = await locustCsvImporter.parse(files, ctx);
    expect(run.total).toMatchObject({ count: 1200, errors: 6, mean: 25.5625, receivedBytes: 3779550 });
    expect(run.labels.map((l) => [l.label, l.count, l.errors])).toEqual([
      ["GET /", 600, 0],
      ["POST /cart", 300, 6],
      ["GET /products/[id]", 300, 0],
    ]);
    // 4 ramp-up rows (0, 8, 20, 20 requests), then 60 rows after the reset at 20 requests each.
    expect(run.series).toHaveLength(64);
    expect(run.series.slice(0, 5).map((p) => p.requests)).toEqual([0, 8, 20, 20, 20]);
    expect(run.series.reduce((n, p) => n + p.requests, 0)).toBe(48 + 1200);
    expect(run.series.reduce((n, p) => n + p.errors, 0)).toBe(1 + 6);
    // The first bucket after the reset holds its running totals; its mean is the running average.
    expect(run.series[4]).toMatchObject({ t: 1767268803000, requests: 20, errors: 0, mean: 21 });
    expect(run.series[5].mean).toBeCloseTo(22, 6);
    expect(run.environment["Failures"]).toBe(
      "2 kinds, 6 occurrences: 4× POST /cart: HTTPError('503 Server Error: Service Unavailable for url: /cart'); 2× POST /cart: ConnectionResetError(104, 'Connection reset by peer')",
    );
    expect(run.environment["Exceptions"]).toBe("1 kind, 3 occurrences: 3× KeyError('cart_id')");
  });

  it("imports what a cut file holds, with a warning", async () => {
    const stats = readFileSync(bitcoin("stats"), "utf8");
    // Cut at a line boundary before the Aggregated row: the total is added up from the labels.
    const lines = stats.split("\r\r\n");
    const cutStats = temp("cut_stats.csv", lines.slice(0, 5).join("\r\r\n") + "\r\r\n");
    const run = await locustCsvImporter.parse([cutStats], ctx);
    expect(run.labels).toHaveLength(4);
    expect(run.total.count).toBe(240 + 104 + 342 + 573);
    expect(run.total.errors).toBe(236 + 104 + 335 + 0);
    expect(run.total.p50).toBeNull();
    expect(run.warnings).toEqual([expect.stringContaining('no "Aggregated" row')]);

    // Cut mid-line: the partial last row is left out.
    const history = readFileSync(bitcoin("stats_history"), "utf8");
    const cutHistory = temp("cut_stats_history.csv", history.slice(0, history.length - 60));
    const withHistory = await locustCsvImporter.parse([fileOf(bitcoin("stats")), cutHistory], ctx);
    expect(withHistory.series).toHaveLength(55);
    expect(withHistory.warnings).toEqual([expect.stringContaining("cut_stats_history.csv: the last line (57) is incomplete")]);
  });

  it("refuses bad rows naming the file, line and column", async () => {
    const stats = readFileSync(shop("stats"), "utf8").replace("POST,/cart,300,6", "POST,/cart,three hundred,6");
    const bad = await parseError(locustCsvImporter, [temp("bad_stats.csv", stats)]);
    expect(bad.file).toBe("bad_stats.csv");
    expect(bad.line).toBe(3);
    expect(bad.field).toBe("Request Count");

    const history = readFileSync(shop("stats_history"), "utf8").split("\r\n");
    history[10] = history[10].split(",").slice(0, 8).join(",");
    const short = await parseError(locustCsvImporter, [
      fileOf(shop("stats")),
      temp("short_stats_history.csv", history.join("\r\n")),
    ]);
    expect(short.line).toBe(11);
    expect(short.message).toContain("8 fields");

    const missing = await parseError(locustCsvImporter, [fileOf(shop("stats_history"))]);
    expect(missing.message).toContain("_stats.csv file is required");
  });

  it("detects Locust uploads and nothing else", () => {
    const all = ["stats", "stats_history", "failures", "exceptions"].map((k) => head(bitcoin(k)));
    expect(locustCsvImporter.detect(all)).toBe(true);
    expect(locustCsvImporter.detect([all[0]])).toBe(true);
    expect(locustCsvImporter.detect([all[1]])).toBe(false); // history without stats
    expect(locustCsvImporter.detect([all[0], head(shop("stats"))])).toBe(false); // two runs
    expect(locustCsvImporter.detect([all[0], head(`${REAL}/jmeter-jtl-csv/tailspin-spacegame-results.jtl`)])).toBe(false);
    for (const other of [
      `${REAL}/jmeter-jtl-csv/tailspin-spacegame-results.jtl`,
      `${REAL}/gatling/ppppp-simulation.log`,
      `${REAL}/gatling/ppppp-stats.json`,
      `${REAL}/artillery/task-manager-api-artillery-report.json`,
      temp("ab.tsv", "starttime\tseconds\tctime\tdtime\tttime\twait\nWed Jan 01 12:00:00 2026\t1767268800\t0\t2\t2\t2\n").path,
    ]) {
      expect(locustCsvImporter.detect([head(other)]), other).toBe(false);
    }
  });
});
