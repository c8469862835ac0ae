import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { k6JsonImporter, parseRfc3339 } from "@/lib/loadtests/formats/k6-json";
import type { FileHead, ImportFile, ParsedRun } from "@/lib/loadtests/types";
import { FIXTURES, ctx, fileOf, temp, parseError, commonsMathPercentile } from "./support/importer-fixtures";

const FIXTURE = path.join(FIXTURES, "k6/shop-checkout-out.ndjson");

/** k6 output of these lines, one a line, ending with a line break. */
function ndjsonFile(name: string, lines: string[]): ImportFile {
  return temp(name, lines.join("\n") + "\n");
}
function headOf(name: string, text: string): FileHead {
  const buf = Buffer.from(text);
  return { name, size: buf.length, head: buf, text };
}

type Point = { metric: string; type: string; data: { time: string; value: number; tags: Record<string, string> | null } };
/** A k6 point line as k6 ≥ 0.4x writes it ("metric" first). */
function point(metric: string, time: string, value: number, tags: Record<string, string> | null): string {
  return JSON.stringify({ metric, type: "Point", data: { time, value, tags } });
}
/** A k6 < 0.31 point line: "type" first, no http_req_failed, no expected_response tag. */
function oldPoint(metric: string, time: string, value: number, tags: Record<string, string>): string {
  return JSON.stringify({ type: "Point", data: { time, value, tags }, metric });
}
const tagsOf = (name: string, status: string, extra: Record<string, string> = {}) => ({
  ...extra,
  group: "",
  method: "GET",
  name,
  proto: "HTTP/1.1",
  scenario: "default",
  status,
  url: `https://api.example.test${name}`,
});

describe("k6JsonImporter on a k6 --out json file", () => {
  const points = readFileSync(FIXTURE, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Point)
    .filter((o) => o.type === "Point");
  const durations = points.filter((p) => p.metric === "http_req_duration");
  let run: ParsedRun;

  it("makes one sample per http_req_duration point, labelled by the name tag", async () => {
    run = await k6JsonImporter.parse([fileOf(FIXTURE)], ctx);
    expect(durations).toHaveLength(45);
    expect(run.labels.map((l) => [l.label, l.count, l.errors])).toEqual([
      ["https://shop.example.test/", 15, 0],
      ["GET /api/products/:id", 15, 0],
      ["POST /api/cart", 15, 2],
    ]);
    expect([run.total.count, run.total.errors]).toEqual([45, 2]);
    expect(run.rowsRead).toBe(45);
    expect(run.warnings).toEqual([]);
  });

  it("takes success from http_req_failed: a 404 the script expected is a success, a status-0 timeout a failure", () => {
    const notFound = durations.find((p) => p.data.tags?.status === "404");
    expect(notFound?.data.tags?.name).toBe("GET /api/products/:id");
    const failed = points.filter((p) => p.metric === "http_req_failed" && p.data.value === 1).map((p) => p.data.tags?.status);
    expect(failed).toEqual(["500", "0"]);
  });

  it("matches an independent computation of the figures", () => {
    const values = durations.map((p) => p.data.value);
    expect(run.total.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
    expect(run.total.max).toBe(2000);
    for (const [key, p] of [
      ["p50", 50],
      ["p90", 90],
      ["p95", 95],
      ["p99", 99],
    ] as const) {
      expect(run.total[key]).toBeCloseTo(commonsMathPercentile(values, p), 2);
    }
    const cart = durations.filter((p) => p.data.tags?.name === "POST /api/cart").map((p) => p.data.value);
    expect(run.labels[2].p75).toBeCloseTo(commonsMathPercentile(cart, 75), 2);
    // k6 stamps the end of a request: the run starts at the first end minus its duration.
    const firstStart = Math.min(...durations.map((p) => Date.parse(p.data.time) - p.data.value));
    expect(Math.abs((run.startedAt?.getTime() ?? 0) - firstStart)).toBeLessThan(1);
  });

  it("sums data_received/data_sent for the run only (k6 emits them per iteration) and reads VUs", () => {
    const sum = (metric: string) => points.filter((p) => p.metric === metric).reduce((a, p) => a + p.data.value, 0);
    expect(run.total.receivedBytes).toBe(sum("data_received"));
    expect(run.total.sentBytes).toBe(sum("data_sent"));
    expect(run.total.sources.receivedBytes).toMatch(/data_received/);
    expect(run.labels.every((l) => l.receivedBytes === null)).toBe(true);
    expect(Math.max(...run.loadProfile.map((p) => p.users))).toBe(3);
    expect(run.loadProfile[0].users).toBe(1);
    expect(run.environment).toMatchObject({
      "VUs (max active)": "3",
      Iterations: "15",
      "Thresholds defined": "http_req_duration: p(95)<500, avg<250; http_req_failed: rate<0.05",
      Checks: "product page is 200: 15/15 passed; cart accepted: 13/15 passed",
    });
  });
});

describe("k6JsonImporter success rules without http_req_failed", () => {
  it("uses the status (1–399 succeeds) for k6 < 0.31 output", async () => {
    const run = await k6JsonImporter.parse(
      [
        ndjsonFile("old.json", [
          '{"type":"Metric","data":{"type":"trend","contains":"time","tainted":null,"thresholds":[],"submetrics":null},"metric":"http_req_duration"}',
          oldPoint("http_req_duration", "2020-05-09T14:34:45.239531499+02:00", 120.5, tagsOf("/a", "200")),
          oldPoint("http_req_duration", "2020-05-09T14:34:45.639531499+02:00", 80, tagsOf("/a", "404")),
          oldPoint("http_req_duration", "2020-05-09T14:34:46.1+02:00", 60000, tagsOf("/a", "0")),
          oldPoint("http_req_duration", "2020-05-09T14:34:46.2+02:00", 12, tagsOf("/b", "302")),
        ]),
      ],
      ctx,
    );
    expect(run.labels.map((l) => [l.label, l.count, l.errors])).toEqual([
      ["/a", 3, 2],
      ["/b", 1, 0],
    ]);
    // The 60 s timeout ended at 12:34:46.1Z, so it started a minute before.
    expect(run.startedAt?.toISOString()).toBe("2020-05-09T12:33:46.100Z");
  });

  it("prefers the expected_response tag over the status", async () => {
    const run = await k6JsonImporter.parse(
      [
        ndjsonFile("expected.json", [
          point("http_req_duration", "2026-01-01T00:00:01Z", 10, tagsOf("/gone", "404", { expected_response: "true" })),
          point("http_req_duration", "2026-01-01T00:00:02Z", 10, tagsOf("/gone", "200", { expected_response: "false" })),
        ]),
      ],
      ctx,
    );
    expect([run.total.count, run.total.errors]).toEqual([2, 1]);
  });

  it("pairs http_req_failed by time and tags, not by order, and attributes per-request bytes", async () => {
    const a = tagsOf("/a", "200");
    const b = tagsOf("/b", "200");
    const run = await k6JsonImporter.parse(
      [
        ndjsonFile("pairs.json", [
          point("http_req_duration", "2026-01-01T00:00:01.5Z", 10, a),
          point("http_req_duration", "2026-01-01T00:00:01.5Z", 20, b),
          point("data_received", "2026-01-01T00:00:01.5Z", 900, b),
          point("http_req_failed", "2026-01-01T00:00:01.5Z", 1, b),
          point("http_req_failed", "2026-01-01T00:00:01.5Z", 0, a),
          point("data_received", "2026-01-01T00:00:02Z", 100, { group: "", scenario: "default" }),
        ]),
      ],
      ctx,
    );
    expect(run.labels.map((l) => [l.label, l.errors, l.receivedBytes])).toEqual([
      ["/a", 0, null],
      ["/b", 1, 900],
    ]);
    expect(run.total.receivedBytes).toBe(1000);
  });
});

describe("k6JsonImporter on cut and bad files", () => {
  const lines = readFileSync(FIXTURE, "utf8").trim().split("\n");

  it("drops a last line cut mid-object, with a warning", async () => {
    const cutAt = lines.findIndex((l, i) => i > 200 && l.includes('"http_req_duration","type":"Point"'));
    const text = lines.slice(0, cutAt).join("\n") + "\n" + lines[cutAt].slice(0, 80);
    const run = await k6JsonImporter.parse([temp("cut.json", text)], ctx);
    const complete = lines.slice(0, cutAt).filter((l) => l.includes('"http_req_duration","type":"Point"')).length;
    expect(run.total.count).toBe(complete);
    expect(run.warnings).toEqual([expect.stringMatching(new RegExp(`last line \\(${cutAt + 1}\\) is incomplete`))]);
  });

  it("names line and field of a bad line in the middle", async () => {
    const broken = [...lines];
    broken[10] = broken[10].slice(0, -3);
    const e1 = await parseError(k6JsonImporter, ndjsonFile("broken.json", broken));
    expect([e1.line, e1.field]).toEqual([11, "json"]);
    const badTime = [...lines];
    const i = badTime.findIndex((l) => l.includes('"http_req_duration","type":"Point"'));
    badTime[i] = badTime[i].replace(/"time":"[^"]+"/, '"time":"yesterday"');
    const e2 = await parseError(k6JsonImporter, ndjsonFile("bad-time.json", badTime));
    expect([e2.line, e2.field]).toEqual([i + 1, "data.time"]);
    const badValue = [...lines];
    badValue[i] = badValue[i].replace(/"value":[0-9.]+/, '"value":"slow"');
    expect((await parseError(k6JsonImporter, ndjsonFile("bad-value.json", badValue))).field).toBe("data.value");
  });

  it("refuses output without HTTP requests", async () => {
    const e = await parseError(k6JsonImporter, ndjsonFile("no-http.json", [point("vus", "2026-01-01T00:00:00Z", 1, {})]));
    expect(e.message).toMatch(/no http_req_duration/);
  });
});

describe("k6JsonImporter.detect and time parsing", () => {
  it("claims NDJSON output only, not k6's summary exports", () => {
    expect(k6JsonImporter.detect([headOf("out.json", readFileSync(FIXTURE, "utf8").slice(0, 65536))])).toBe(true);
    expect(k6JsonImporter.detect([headOf("old.json", oldPoint("vus", "2020-01-01T00:00:00Z", 1, {}) + "\n")])).toBe(true);
    expect(k6JsonImporter.detect([headOf("summary.json", '{\n  "metrics": {\n    "http_reqs": {"count": 10}\n  }\n}\n')])).toBe(
      false,
    );
    expect(k6JsonImporter.detect([headOf("summary.json", '{"root_group":{"name":""},"metrics":{"vus":{"type":"gauge"}}}')])).toBe(
      false,
    );
    expect(k6JsonImporter.detect([headOf("results.jtl", "timeStamp,elapsed,label\n")])).toBe(false);
  });

  it("parses RFC 3339 with nanoseconds and offsets", () => {
    expect(parseRfc3339("2017-05-09T14:34:45.625742514+02:00")).toBeCloseTo(Date.UTC(2017, 4, 9, 12, 34, 45, 625) + 0.742514, 3);
    expect(parseRfc3339("2026-11-20T14:03:07Z")).toBe(Date.UTC(2026, 10, 20, 14, 3, 7));
    expect(parseRfc3339("2026-11-20T14:03:07.5-05:30")).toBe(Date.UTC(2026, 10, 20, 19, 33, 7, 500));
    expect(parseRfc3339("2026-11-20 14:03")).toBeNaN();
  });
});
