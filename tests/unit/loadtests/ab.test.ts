import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { abErrorCount, abImporter, parseAbSummaryText } from "@/lib/loadtests/formats/ab";
import type { ParsedRun } from "@/lib/loadtests/types";
import { REAL, FIXTURES, ctx, fileOf, temp, head, parseError, commonsMathPercentile } from "./support/importer-fixtures";

// A real ab 2.3 run (-n 600 -c 4 -g) against a local server answering 503 to every 40th request.
const TSV = path.join(FIXTURES, "ab/ab-orders.tsv");
const SUMMARY = path.join(FIXTURES, "ab/ab-orders.txt");

const printed = (text: string, label: string) => Number(new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(text)?.[1]);

describe("abImporter on ab's TSV with its printed summary", () => {
  const summaryText = readFileSync(SUMMARY, "utf8");
  const rows = readFileSync(TSV, "utf8").trim().split("\n").slice(1);
  const ttime = rows.map((r) => Number(r.split("\t")[4]));
  let run: ParsedRun;

  it("counts ab's complete requests and takes errors from the summary", async () => {
    run = await abImporter.parse([fileOf(SUMMARY), fileOf(TSV)], ctx);
    expect(printed(summaryText, "Complete requests")).toBe(600);
    expect(run.total.count).toBe(600);
    expect(run.rowsRead).toBe(600);
    // Each 503 was counted both as a Non-2xx response and as a Length failure: 15 requests, not 30.
    expect([printed(summaryText, "Failed requests"), printed(summaryText, "Non-2xx responses")]).toEqual([15, 15]);
    expect(run.total.errors).toBe(15);
    expect(run.labels.map((l) => [l.label, l.count, l.errors])).toEqual([["/api/orders?page=1", 600, 15]]);
    expect(run.total.sources.errors).toMatch(/reported by ab/);
    expect(run.warnings).toEqual([expect.stringMatching(/ab reports 15 failed request\(s\) without saying which/)]);
  });

  it("computes statistics from the samples (JMeter definition) and keeps ab's own table beside them", () => {
    expect(run.total.min).toBe(Math.min(...ttime));
    expect(run.total.max).toBe(151);
    expect(run.total.mean).toBeCloseTo(ttime.reduce((a, b) => a + b, 0) / ttime.length, 9);
    for (const [key, p] of [
      ["p50", 50],
      ["p75", 75],
      ["p90", 90],
      ["p95", 95],
      ["p99", 99],
    ] as const) {
      expect(run.total[key]).toBeCloseTo(commonsMathPercentile(ttime, p), 6);
    }
    expect(run.total.sources["*"]).toMatch(/computed by Hindsight from 600 ab samples/);
    expect(run.total.otherPercentiles).toEqual({});
    expect(run.environment["ab percentiles (ms, ab's nearest-rank definition)"]).toBe(
      "50% 13 · 66% 16 · 75% 20 · 80% 21 · 90% 31 · 95% 32 · 98% 35 · 99% 129 · 100% 151",
    );
    expect(run.environment["ab connection times (ms)"]).toContain("Total min 4 · mean 16 · sd 14.6 · median 13 · max 151");
  });

  it("takes throughput, bytes and setup from ab's summary", () => {
    expect(run.total.throughput).toBe(242.94);
    expect(run.total.sources.throughput).toBe("reported by ab (Requests per second)");
    expect(run.total.receivedBytes).toBe(111240);
    expect(run.environment).toMatchObject({
      "Server software": "BaseHTTP/0.6",
      Server: "127.0.0.1:18766",
      "Document path": "/api/orders?page=1",
      Concurrency: "4",
      "Time taken (s)": "2.47",
      "Failed requests (ab)": "15 (Connect 0, Receive 0, Length 15, Exceptions 0)",
      "Non-2xx responses (ab)": "15",
    });
    expect(run.suggestedName).toBe("ab 127.0.0.1:18766/api/orders?page=1");
    expect(run.loadProfile.every((p) => p.users === 4)).toBe(true);
    const seconds = rows.map((r) => Number(r.split("\t")[1]));
    expect(run.startedAt?.getTime()).toBe(Math.min(...seconds) * 1000);
    expect(run.series.map((p) => p.requests)).toEqual([96, 240, 253, 11]);
  });
});

describe("abImporter on the TSV alone and on bad files", () => {
  it("imports the TSV without a summary: no errors, estimated throughput, a warning", async () => {
    const run = await abImporter.parse([fileOf(TSV)], ctx);
    expect([run.total.count, run.total.errors]).toEqual([600, 0]);
    expect(run.labels[0].label).toBe("ab requests");
    expect(run.total.sources.throughput).toMatch(/estimated/);
    expect(run.warnings).toEqual([expect.stringMatching(/no ab summary in the upload/)]);
    expect(run.loadProfile).toEqual([]);
  });

  it("drops a last row cut mid-line and notes the count differs from ab's", async () => {
    const text = readFileSync(TSV, "utf8");
    const cut = text.slice(0, text.lastIndexOf("\n", text.length - 2) + 12);
    const run = await abImporter.parse([temp("cut.tsv", cut), fileOf(SUMMARY)], ctx);
    expect(run.total.count).toBe(599);
    expect(run.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/last line \(601\) is incomplete/),
        expect.stringMatching(/ab reports 600 complete requests but the TSV holds 599/),
      ]),
    );
  });

  it("names line and field of a bad row", async () => {
    const lines = readFileSync(TSV, "utf8").split("\n");
    lines[5] = lines[5].replace(/\t\d+\t(\d+)$/, "\tslow\t$1");
    const e = await parseError(abImporter, [temp("bad.tsv", lines.join("\n"))]);
    expect([e.line, e.field]).toEqual([6, "ttime"]);
    const short = await parseError(abImporter, [
      temp("short.tsv", "starttime\tseconds\tctime\tdtime\tttime\twait\nThu Nov 26 10:00:00 2026\t1795690545\t0\n"),
    ]);
    expect(short.line).toBe(2);
    expect(
      (await parseError(abImporter, [temp("empty.tsv", "starttime\tseconds\tctime\tdtime\tttime\twait\n")])).message,
    ).toMatch(/no requests/);
  });

  it("refuses a summary without ab's counts", async () => {
    const e = await parseError(abImporter, [
      fileOf(TSV),
      temp("ab.txt", "This is ApacheBench, Version 2.3\nBenchmarking 127.0.0.1 (be patient)\n"),
    ]);
    expect(e.field).toBe("Complete requests");
  });
});

describe("ab summary details", () => {
  it("counts a non-2xx response that also failed the length check once", () => {
    const base = parseAbSummaryText("Complete requests: 100\nFailed requests: 0\n", "ab.txt");
    expect(abErrorCount(base)).toBe(0);
    expect(abErrorCount({ ...base, failedRequests: 5, failedBreakdown: { Length: 5 } })).toBe(5);
    expect(abErrorCount({ ...base, failedRequests: 3, failedBreakdown: { Connect: 1, Exceptions: 2 }, non2xxResponses: 4 })).toBe(
      7,
    );
    expect(abErrorCount({ ...base, failedRequests: 10, failedBreakdown: { Length: 10 }, non2xxResponses: 4 })).toBe(10);
  });

  it("reads ab -S output (min avg max) and the revision line", () => {
    const s = parseAbSummaryText(
      [
        "This is ApacheBench, Version 2.3 <$Revision: 1903618 $>",
        "Document Length:        Variable",
        "Concurrency Level:      50",
        "Complete requests:      1000",
        "Failed requests:        0",
        "Connection Times (ms)",
        "              min   avg   max",
        "Connect:        0     1    12",
        "Total:          3    28   140",
      ].join("\n"),
      "ab.txt",
    );
    expect(s.version).toBe("2.3 (revision 1903618)");
    expect(s.documentLength).toBe("Variable");
    expect(s.connectionTimes.Total).toEqual([3, 28, 140]);
    expect(s.percentiles).toEqual([]);
  });
});

describe("abImporter.detect", () => {
  it("claims one TSV with at most one ab summary", () => {
    expect(abImporter.detect([head(TSV)])).toBe(true);
    expect(abImporter.detect([head(SUMMARY), head(TSV)])).toBe(true);
    expect(abImporter.detect([head(SUMMARY)])).toBe(false);
    expect(abImporter.detect([head(TSV), head(TSV)])).toBe(false);
    expect(abImporter.detect([head(TSV), head(`${REAL}/gatling/ppppp-simulation.log`)])).toBe(false);
    expect(abImporter.detect([head(`${REAL}/jmeter-jtl-csv/tailspin-spacegame-results.jtl`)])).toBe(false);
  });
});
