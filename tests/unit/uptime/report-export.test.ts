/**
 * The uptime report as Markdown and CSV. Golden file: tests/golden/exports/uptime-report.md (rewrite with
 * `UPDATE_GOLDEN=1 npx vitest run --project unit tests/unit/uptime/report-export.test.ts` and read the diff).
 */
import fs from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { uptimeReportCsv, uptimeReportMarkdown } from "@/lib/uptime/report-export";
import { fixedUptimeReport } from "@/tests/fixtures/uptime/uptime-report";
import { headingOutline, lists, nodesOfType, parseMarkdown } from "@/tests/unit/exports/support/markdown";

const GOLDEN = path.resolve(import.meta.dirname, "../../golden/exports/uptime-report.md");

describe("uptimeReportMarkdown", () => {
  const markdown = uptimeReportMarkdown(fixedUptimeReport, { title: "Uptime, 9 June 2026" });

  it("equals tests/golden/exports/uptime-report.md", () => {
    if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(GOLDEN, markdown);
    expect(markdown).toBe(fs.readFileSync(GOLDEN, "utf8"));
  });

  it("is titled and shows times in the report's zone", () => {
    const tree = parseMarkdown(markdown);
    expect(headingOutline(tree)[0]).toBe("1 Uptime, 9 June 2026");
    expect(markdown).toContain("2026-06-09 00:00 CEST to 2026-06-10 00:00 CEST (1 day), against a target of 99.9% uptime.");
    expect(lists(tree)[0].items).toEqual([
      "2026-06-09 14:06 CEST to 14:50 CEST (44 min)",
      "2026-06-09 15:30 CEST to 15:35 CEST (5 min)",
    ]);
    expect(uptimeReportMarkdown({ ...fixedUptimeReport, timeZone: "UTC" })).toContain(
      "\n- 2026-06-09 12:06 UTC to 12:50 UTC (44 min)\n",
    );
  });

  it("has a default title and escapes what monitors are called", () => {
    const odd = { ...fixedUptimeReport, monitors: [{ ...fixedUptimeReport.monitors[0], name: "*api* <b>" }] };
    const out = uptimeReportMarkdown(odd);
    expect(out.startsWith("# Uptime report\n")).toBe(true);
    const tree = parseMarkdown(out);
    expect(nodesOfType(tree, "html")).toEqual([]);
    expect(headingOutline(tree)).toContain("2 *api* <b>");
  });
});

describe("uptimeReportCsv", () => {
  const csv = uptimeReportCsv(fixedUptimeReport);
  const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });

  it("has one row per monitor with plain numbers", () => {
    expect(parsed.errors).toEqual([]);
    expect(
      parsed.data.map((r) => [r.monitor, r.uptime_pct, r.meets_target, r.down_minutes, r.downtime_windows, r.burn_rate]),
    ).toEqual([
      ["Checkout API health", "96.597222", "false", "49", "2", "34.028"],
      ["Payments gateway stream", "100", "true", "0", "0", "0"],
      ["postgres-main | primary", "98.611111", "false", "20", "1", "1.389"],
    ]);
    expect(parsed.data[1]).toMatchObject({ mttr_minutes: "", latency_p50_ms: "", coverage_pct: "62.0689", gap_rule: "unknown" });
    expect(parsed.data[0]).toMatchObject({ from: "2026-06-08T22:00:00.000Z", time_zone: "Europe/Berlin", target_pct: "99.9" });
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("keeps a name from becoming a spreadsheet formula", () => {
    const odd = uptimeReportCsv({
      ...fixedUptimeReport,
      monitors: [{ ...fixedUptimeReport.monitors[0], name: '=HYPERLINK("x")' }],
    });
    const [row] = Papa.parse<Record<string, string>>(odd, { header: true, skipEmptyLines: true }).data;
    expect(row.monitor).toBe('\'=HYPERLINK("x")');
    expect(row.budget_remaining_minutes).toBe("-47.6");
  });
});
