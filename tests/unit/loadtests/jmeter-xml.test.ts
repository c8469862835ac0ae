import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jmeterXmlImporter } from "@/lib/loadtests/formats/jmeter-xml";
import type { ParsedRun } from "@/lib/loadtests/types";
import { REAL, FIXTURES, ctx, fileOf, temp, head, parseError, commonsMathPercentile } from "./support/importer-fixtures";

const REAL_XML = `${REAL}/jmeter-jtl-xml/tailspin-spacegame-Results.xml`;
const REAL_CSV = `${REAL}/jmeter-jtl-csv/tailspin-spacegame-results.jtl`;
const TRANSACTIONS = path.join(FIXTURES, "jmeter/checkout-transactions.xml");

/** The real file indents nested samples; top-level ones start at column 0. */
function attributesOf(lines: string[], attribute: string): number[] {
  return lines.map((l) => Number(new RegExp(`\\s${attribute}="(\\d+)"`).exec(l)?.[1]));
}

describe("jmeterXmlImporter on the real tailspin Results.xml", () => {
  const text = readFileSync(REAL_XML, "utf8");
  const topLevel = text.split("\n").filter((l) => l.startsWith("<httpSample "));
  const nested = text.split("\n").filter((l) => l.startsWith("  <httpSample "));
  let run: ParsedRun;

  it("counts the 300 top-level requests, with redirects as sub-samples apart from them", async () => {
    run = await jmeterXmlImporter.parse([fileOf(REAL_XML)], ctx);
    expect(topLevel).toHaveLength(300);
    expect(nested).toHaveLength(400);
    expect(run.total.count).toBe(300);
    expect(run.total.errors).toBe(0);
    expect(run.rowsRead).toBe(700);
    expect(run.labels.map((l) => [l.label, l.count, l.parentLabel])).toEqual([
      ["HTTP Request", 300, null],
      ["HTTP Request-0", 200, "HTTP Request"],
      ["HTTP Request-1", 200, "HTTP Request"],
    ]);
    expect(run.statisticsSource).toBe("samples");
    expect(run.warnings).toEqual([]);
    expect(run.environment["Threads (max active)"]).toBe("10");
  });

  it("matches an independent computation of min, mean, max and the JMeter percentiles", () => {
    const elapsed = attributesOf(topLevel, "t");
    expect(run.total.min).toBe(Math.min(...elapsed));
    expect(run.total.max).toBe(Math.max(...elapsed));
    expect(run.total.mean).toBeCloseTo(elapsed.reduce((a, b) => a + b, 0) / elapsed.length, 9);
    expect([run.total.min, run.total.max]).toEqual([52, 21261]);
    for (const [key, p] of [
      ["p50", 50],
      ["p75", 75],
      ["p90", 90],
      ["p95", 95],
      ["p99", 99],
      ["p999", 99.9],
    ] as const) {
      expect(run.total[key]).toBeCloseTo(commonsMathPercentile(elapsed, p), 3);
    }
    expect(run.total.p50).toBe(103);
    expect(run.total.p99).toBeCloseTo(19347.01, 3);
    const redirects = attributesOf(
      nested.filter((l) => l.includes('lb="HTTP Request-0"')),
      "t",
    );
    expect(run.labels[1].p90).toBeCloseTo(commonsMathPercentile(redirects, 90), 3);
  });

  it("sums bytes of top-level samples and places the run in time", () => {
    expect(run.total.receivedBytes).toBe(attributesOf(topLevel, "by").reduce((a, b) => a + b, 0));
    expect(run.total.sentBytes).toBe(attributesOf(topLevel, "sby").reduce((a, b) => a + b, 0));
    const starts = attributesOf(topLevel, "ts");
    expect(run.startedAt?.getTime()).toBe(Math.min(...starts));
    expect(run.series.reduce((a, p) => a + p.requests, 0)).toBe(300);
    expect(run.loadProfile.length).toBeGreaterThan(0);
    expect(Math.max(...run.loadProfile.map((p) => p.users))).toBe(10);
  });

  it("imports the complete samples of a file cut mid-element, with a warning", async () => {
    // Cut inside the 201st top-level sample, between its two redirects.
    const lines = text.split("\n");
    let seen = 0;
    const cutAt = lines.findIndex((l) => l.startsWith("<httpSample ") && ++seen === 201);
    const nestedLine = lines.findIndex((l, i) => i > cutAt && l.startsWith("  <httpSample "));
    const cut = lines.slice(0, nestedLine + 1).join("\n") + '\n  <httpSample t="37" it="0" lt="3';
    const expected = lines.slice(0, cutAt).filter((l) => l.startsWith("<httpSample "));
    const run = await jmeterXmlImporter.parse([temp("cut.xml", cut)], ctx);
    expect(run.total.count).toBe(200);
    expect(expected).toHaveLength(200);
    expect(run.total.max).toBe(Math.max(...attributesOf(expected, "t")));
    expect(run.warnings).toHaveLength(1);
    expect(run.warnings[0]).toContain(
      `ends before </testResults> inside the sample that starts on line ${cutAt + 1}, which was left out`,
    );
  });
});

describe("jmeterXmlImporter on transaction controllers", () => {
  it("counts a transaction's children apart from it, under their parent", async () => {
    const run = await jmeterXmlImporter.parse([fileOf(TRANSACTIONS)], ctx);
    expect(run.labels.map((l) => [l.label, l.count, l.errors, l.parentLabel])).toEqual([
      ["Home", 3, 0, null],
      ["Checkout", 3, 1, null],
      ["Add to cart", 3, 0, "Checkout"],
      ["Pay & confirm", 3, 1, "Checkout"],
    ]);
    expect(run.total.count).toBe(6);
    expect(run.total.errors).toBe(1);
    expect(run.total.max).toBe(1190);
    expect(run.total.receivedBytes).toBe(3 * 15321 + 2890 + 1360 + 2890);
    expect(run.labels[3].mean).toBeCloseTo((410 + 940 + 320) / 3, 9);
    expect(run.environment["Load generator hosts"]).toBe("loadgen-01");
    expect(run.environment["Threads (max active)"]).toBe("2");
  });
});

describe("jmeterXmlImporter on bad input", () => {
  it("names the line of malformed XML", async () => {
    const xml =
      '<?xml version="1.0"?>\n<testResults version="1.2">\n<httpSample t="1" ts="2" s="true" lb="a"></sample>\n</testResults>\n';
    const error = await parseError(jmeterXmlImporter, temp("bad.xml", xml));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/malformed XML/);
  });

  it("names the missing attribute", async () => {
    const xml = '<testResults version="1.2">\n<httpSample ts="1795183200000" s="true" lb="a"/>\n</testResults>\n';
    const error = await parseError(jmeterXmlImporter, temp("no-t.xml", xml));
    expect(error.field).toBe("t");
    expect(error.line).toBe(2);
  });

  it("refuses a non-numeric elapsed time and an unknown success flag", async () => {
    const bad = await parseError(
      jmeterXmlImporter,
      temp("nan.xml", '<testResults>\n<httpSample t="fast" ts="1" s="true" lb="a"/>\n</testResults>'),
    );
    expect(bad.field).toBe("t");
    const flag = await parseError(
      jmeterXmlImporter,
      temp("flag.xml", '<testResults>\n<httpSample t="1" ts="1" s="yes" lb="a"/>\n</testResults>'),
    );
    expect(flag.field).toBe("s");
  });

  it("refuses XML that is not a JTL, and binary garbage, without hanging", async () => {
    expect((await parseError(jmeterXmlImporter, temp("other.xml", "<project><target/></project>"))).message).toMatch(
      /not a JMeter JTL/,
    );
    const garbage = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 256));
    expect((await parseError(jmeterXmlImporter, temp("garbage.xml", garbage))).message).toMatch(/malformed XML|not a JMeter JTL/);
    expect(
      (await parseError(jmeterXmlImporter, temp("empty.xml", '<testResults version="1.2">\n</testResults>\n'))).message,
    ).toMatch(/no <httpSample>/);
  });
});

describe("jmeterXmlImporter.detect", () => {
  it("claims XML JTLs only", () => {
    expect(jmeterXmlImporter.detect([head(REAL_XML)])).toBe(true);
    expect(jmeterXmlImporter.detect([head(TRANSACTIONS)])).toBe(true);
    expect(jmeterXmlImporter.detect([head(REAL_CSV)])).toBe(false);
    const other = Buffer.from('<?xml version="1.0"?>\n<project name="x"/>');
    expect(jmeterXmlImporter.detect([{ name: "build.xml", size: other.length, head: other, text: other.toString() }])).toBe(
      false,
    );
    expect(jmeterXmlImporter.detect([head(REAL_XML), head(REAL_CSV)])).toBe(false);
  });
});
