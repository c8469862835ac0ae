import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jmeterStatisticsImporter } from "@/lib/loadtests/formats/jmeter-statistics";
import { REAL, FIXTURES, ctx, fileOf, temp, head, parseError } from "./support/importer-fixtures";

const TAILSPIN = path.join(FIXTURES, "jmeter/jmeter-statistics.json");
const SHOP = path.join(FIXTURES, "jmeter/jmeter-statistics-errors.json");

describe("JMeter statistics.json importer", () => {
  it("stores the dashboard's figures: median → p50, pct1/2/3 → p90/p95/p99", async () => {
    const run = await jmeterStatisticsImporter.parse([fileOf(SHOP)], ctx);
    expect(run.tool).toBe("jmeter");
    expect(run.format).toBe("jmeter-statistics");
    expect(run.statisticsSource).toBe("tool");
    // Label order as in the file; "Total" (first in this file) is the total, not a label.
    expect(run.labels.map((l) => l.label)).toEqual(["POST /login", "GET /search", "POST /checkout"]);
    const t = run.total;
    expect(t).toMatchObject({ label: "Total", isTotal: true, count: 12450, errors: 187, min: 11, max: 30012 });
    expect(t.mean).toBe(342.1877911646586);
    expect([t.p50, t.p75, t.p90, t.p95, t.p99, t.p999]).toEqual([201, null, 688, 1190.449999999999, 4877.960000000003, null]);
    expect(t.throughput).toBe(41.46171032238126);
    expect(t.stddev).toBeNull();
    expect(t.otherPercentiles).toEqual({});
    // KB/s are rates: no byte totals are made up; the rate is kept in sources and the environment.
    expect(t.receivedBytes).toBeNull();
    expect(t.sentBytes).toBeNull();
    expect(t.sources.receivedBytes).toBe("not reported as a total: JMeter reports a rate of 512.34 KB/s");
    expect(t.sources.p90).toContain("aggregate_rpt_pct1");
    expect(run.environment).toEqual({ "Received (JMeter, whole run)": "512.34 KB/s", "Sent (JMeter, whole run)": "28.91 KB/s" });
    const checkout = run.labels[2];
    expect(checkout).toMatchObject({ count: 2490, errors: 134, p50: 402, p90: 1500, p95: 4001, p99: 30001, parentLabel: null });
    expect(checkout.sources.sentBytes).toContain("6.19 KB/s");
    expect(run.startedAt).toBeNull();
    expect(run.series).toEqual([]);
  });

  it("names the parent of JMeter sub-results (label-0, label-1)", async () => {
    const run = await jmeterStatisticsImporter.parse([fileOf(TAILSPIN)], ctx);
    expect(run.labels.map((l) => [l.label, l.parentLabel, l.count])).toEqual([
      ["HTTP Request", null, 100],
      ["HTTP Request-0", "HTTP Request", 100],
      ["HTTP Request-1", "HTTP Request", 100],
    ]);
    expect(run.total).toMatchObject({ count: 300, errors: 0, p50: 51, p90: 154.89999999999998, max: 685 });
  });

  it("detects statistics.json and nothing else", () => {
    expect(jmeterStatisticsImporter.detect([head(SHOP)])).toBe(true);
    expect(jmeterStatisticsImporter.detect([head(TAILSPIN)])).toBe(true);
    for (const other of [
      `${REAL}/jmeter-jtl-csv/tailspin-spacegame-results.jtl`,
      `${REAL}/jmeter-jtl-xml/tailspin-spacegame-Results.xml`,
      `${REAL}/gatling/ppppp-stats.json`,
      `${REAL}/artillery/task-manager-api-artillery-report.json`,
      path.join(FIXTURES, "k6/summary-export.json"),
      path.join(FIXTURES, "autocannon/amount-2000.json"),
    ]) {
      expect(jmeterStatisticsImporter.detect([head(other)]), other).toBe(false);
    }
  });

  it("refuses bad input naming the file, line and field", async () => {
    const text = readFileSync(SHOP, "utf8");
    const wrong = await parseError(
      jmeterStatisticsImporter,
      temp("wrong.json", text.replace('"errorCount" : 41', '"errorCount" : "41 errors"')),
    );
    expect(wrong.field).toBe("GET /search.errorCount");
    expect(wrong.line).toBe(text.split("\n").findIndex((l) => l.includes('"errorCount" : 41')) + 1);

    const noTotal = JSON.parse(text);
    delete noTotal.Total;
    expect((await parseError(jmeterStatisticsImporter, temp("no-total.json", JSON.stringify(noTotal)))).message).toContain(
      'no "Total" entry',
    );

    const cut = await parseError(jmeterStatisticsImporter, temp("cut.json", text.slice(0, 900)));
    expect(cut.message).toContain("not valid JSON");
    expect(cut.line).toBe(text.slice(0, 900).split("\n").length);

    const tooManyErrors = await parseError(
      jmeterStatisticsImporter,
      temp("errors.json", text.replace('"errorCount" : 12,', '"errorCount" : 2491,')),
    );
    expect(tooManyErrors.field).toBe("POST /login.errorCount");
  });
});
