import { describe, expect, it } from "vitest";
import {
  upptimeIssueSite,
  upptimeMilliseconds,
  upptimePercent,
  upptimeSlug,
  upptimeStatusFromSubject,
  withoutTags,
} from "@/lib/uptime/formats/upptime-text";

describe("upptimeStatusFromSubject", () => {
  it.each([
    // 2020 subjects (QAInsights): "ms" without a space, only [skip ci]
    ["🟥 QAInsights is down (403 in 68ms) [skip ci]", "down", "QAInsights", 403, 68],
    ["🟩 QAInsights is up (200 in 386ms) [skip ci]", "up", "QAInsights", 200, 386],
    // current default template
    ["🟩 Acme API is up (200 in 151 ms) [skip ci] [upptime]", "up", "Acme API", 200, 151],
    ["🟨 RPC Node is degraded (200 in 2412 ms) [skip ci] [upptime]", "degraded", "RPC Node", 200, 2412],
    // no response: code and latency 0 mean nothing was measured
    ["🟥 Broken Site is down (0 in 0 ms) [skip ci] [upptime]", "down", "Broken Site", null, null],
    // custom prefixes and a template without the parenthesis
    [":white_check_mark: This is API is up (204 in 12 ms)", "up", "This is API", 204, 12],
    ["Docs is down", "down", "Docs", null, null],
    ["⚠️ Site with spaces is UP (301 in 7.5 ms)", "up", "Site with spaces", 301, 7.5],
  ])("reads %s", (subject, status, siteName, code, latencyMs) => {
    expect(upptimeStatusFromSubject(subject)).toMatchObject({ status, siteName, code, latencyMs });
  });

  it("keeps the subject without Upptime's tags as the message", () => {
    expect(upptimeStatusFromSubject("🟥 QAInsights is down (403 in 68ms) [skip ci]")?.message).toBe(
      "🟥 QAInsights is down (403 in 68ms)",
    );
    expect(withoutTags("🟩 A is up (200 in 1 ms) [skip ci] [upptime]")).toBe("🟩 A is up (200 in 1 ms)");
  });

  it.each([
    ":card_file_box: Update status summary [skip ci] [upptime]",
    ":pencil: Update summary in README [skip ci] [upptime]",
    "Fix the start time of Acme API",
    "Status is upgraded",
    "🟩 API is up to date (200 in 5 ms)",
    "",
  ])("returns null for %j", (subject) => {
    expect(upptimeStatusFromSubject(subject)).toBeNull();
  });
});

describe("upptimeSlug", () => {
  it.each([
    ["QAInsights", "qa-insights"],
    ["Google", "google"],
    ["Broken Site", "broken-site"],
    ["Acme API", "acme-api"],
    ["Acme WebSocket", "acme-web-socket"],
    ["APIs v2", "apis-v2"],
    ["Café & Bar", "cafe-and-bar"],
    ["It's up", "its-up"],
    ["Wikipedia (EN)", "wikipedia-en"],
    ["東京", "東京"],
    ["???", "site"],
  ])("%s → %s", (name, slug) => {
    expect(upptimeSlug(name)).toBe(slug);
  });
});

describe("Upptime figures", () => {
  it("reads percentages with and without %", () => {
    expect(upptimePercent("100.00")).toBe(100);
    expect(upptimePercent("99.87%")).toBe(99.87);
    expect(upptimePercent("0%")).toBe(0);
    expect(upptimePercent(99.5)).toBe(99.5);
    expect(upptimePercent("101%")).toBeNull();
    expect(upptimePercent("n/a")).toBeNull();
    expect(upptimePercent(null)).toBeNull();
  });

  it("reads response-time badges", () => {
    expect(upptimeMilliseconds("87 ms")).toBe(87);
    expect(upptimeMilliseconds("0 ms")).toBe(0);
    expect(upptimeMilliseconds(152)).toBe(152);
    expect(upptimeMilliseconds("fast")).toBeNull();
  });

  it("reads issue titles", () => {
    expect(upptimeIssueSite("🛑 QAInsights is down")).toEqual({ siteName: "QAInsights", impact: "down" });
    expect(upptimeIssueSite("⚠️ RPC Node has degraded performance")).toEqual({ siteName: "RPC Node", impact: "degraded" });
    expect(upptimeIssueSite("Update the status page logo")).toBeNull();
  });
});
