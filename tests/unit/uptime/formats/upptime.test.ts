import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { ImportError } from "@/lib/imports/errors";
import { readFileHead, type ImportFile } from "@/lib/imports/files";
import { countingProgress, NO_PROGRESS } from "@/lib/imports/progress";
import { NO_GIT_HISTORY_NOTE, upptimeImporter } from "@/lib/uptime/formats/upptime";
import type { ParsedMonitor, ParsedUptime, UptimeSample } from "@/lib/uptime/types";

const FIXTURES = path.resolve("tests/fixtures/uptime/upptime");
const QAINSIGHTS = path.join(FIXTURES, "qainsights-uptime");
const ACME = path.join(FIXTURES, "acme-status");
const EXPORTS = path.join(FIXTURES, "acme-status-exports");
const tempDir = mkdtempSync(path.join(os.tmpdir(), "upptime-test-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

/** A folder's files as a folder upload names them (relative paths); the fixture keeps .upptimerc.yml as upptimerc.yml. */
function folder(root: string, { skip = [] as string[] } = {}): ImportFile[] {
  const files: ImportFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const name = path.relative(root, full).split(path.sep).join("/");
        if (skip.includes(name)) continue;
        files.push({ name: name === "upptimerc.yml" ? ".upptimerc.yml" : name, path: full, size: statSync(full).size });
      }
    }
  };
  walk(root);
  return files;
}

function file(p: string, name = path.basename(p)): ImportFile {
  return { name, path: p, size: statSync(p).size };
}

function temp(name: string, text: string | Buffer): ImportFile {
  const p = path.join(tempDir, name.replace(/\//g, "__"));
  writeFileSync(p, text);
  return { name, path: p, size: statSync(p).size };
}

function parse(files: ImportFile[], timeZone = "UTC"): Promise<ParsedUptime> {
  return upptimeImporter.parse(files, { progress: NO_PROGRESS, options: { timeZone } });
}

async function parseError(files: ImportFile[]): Promise<ImportError> {
  const error = await parse(files).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

function monitor(parsed: ParsedUptime, slug: string): ParsedMonitor {
  const m = parsed.monitors.find((x) => x.sourceKey === slug);
  expect(m, `monitor ${slug}`).toBeDefined();
  return m!;
}

/** Runs of consecutive down samples: each is one downtime window with minimum duration 0. */
function downRuns(samples: UptimeSample[]): number {
  return samples.filter((s, i) => s.status === "down" && (i === 0 || samples[i - 1].status !== "down")).length;
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

async function zipOf(root: string, prefix: string, extra: Record<string, string> = {}): Promise<Buffer> {
  const zip = new JSZip();
  for (const f of folder(root)) zip.file(`${prefix}${f.name}`, readFileSync(f.path));
  for (const [name, text] of Object.entries(extra)) zip.file(`${prefix}${name}`, text);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

describe("Upptime importer on the QAInsights repository (2020 layout)", () => {
  it("reads the git log export into 3,817 samples, oldest first, with 69 down runs and the last one open", async () => {
    const progress = countingProgress();
    const parsed = await upptimeImporter.parse(folder(QAINSIGHTS), { progress, options: { timeZone: "UTC" } });
    expect(parsed).toMatchObject({ format: "upptime", source: "upptime" });
    const qa = monitor(parsed, "qa-insights");
    expect(qa).toMatchObject({ name: "QAInsights", target: "https://qainsights.com", kind: "http", checkIntervalSec: null });
    expect(qa.samples).toHaveLength(3817);
    expect(qa.samples.every((s, i) => i === 0 || s.at > qa.samples[i - 1].at)).toBe(true);
    expect(qa.samples[0]).toEqual({
      at: Date.parse("2020-08-16T19:52:32Z"),
      status: "up",
      latencyMs: 386,
      code: 200,
      message: "🟩 QAInsights is up (200 in 386ms)",
    });
    const last = qa.samples[qa.samples.length - 1];
    expect(last).toMatchObject({ at: Date.parse("2023-04-03T06:23:23Z"), status: "down", code: 403, latencyMs: 68 });
    expect(downRuns(qa.samples)).toBe(69);
    expect(qa.samples.filter((s) => s.status === "down")).toHaveLength(1819);
    // lastUpdated (06:23:22.824) was written just before the last commit (06:23:23): the later one ends the data.
    expect(iso(qa.dataEnd)).toBe("2023-04-03T06:23:23.000Z");
    expect(progress.state.rowsRead).toBe(3817);
    expect(progress.state.bytesRead).toBeGreaterThan(400_000);
  });

  it("keeps Upptime's own figures: the 2020 summary and the uptime badge, both 100", async () => {
    const parsed = await parse(folder(QAINSIGHTS));
    const qa = monitor(parsed, "qa-insights");
    expect(qa.reported).toHaveLength(2);
    const [summary, badge] = qa.reported;
    expect(summary).toMatchObject({
      source: "history/summary.json (2020 layout)",
      asOf: Date.parse("2023-04-03T06:23:22.824Z"),
      figures: [{ label: "All time", window: { kind: "all" }, uptimePct: 100 }],
      responseTimeMs: 87,
      dailyMinutesDown: null,
      status: "down",
    });
    expect(summary.method).toContain("GitHub issues");
    expect(summary.method).toContain("not from the commit history");
    expect(badge).toMatchObject({
      source: "api/qa-insights/{uptime.json,response-time.json}",
      figures: [{ label: "All time", window: { kind: "all" }, uptimePct: 100 }],
      responseTimeMs: 87,
    });
  });

  it("gives the monitors without history one sample at lastUpdated, and says so", async () => {
    const parsed = await parse(folder(QAINSIGHTS));
    expect(parsed.monitors.map((m) => m.sourceKey)).toEqual(["qa-insights", "broken-site", "google"]);
    const google = monitor(parsed, "google");
    expect(google).toMatchObject({ name: "google", target: "https://www.google.com", kind: "http", reported: [] });
    expect(google.samples).toEqual([
      { at: Date.parse("2020-08-16T12:19:52.072Z"), status: "up", latencyMs: 54, code: 200, message: "" },
    ]);
    const broken = monitor(parsed, "broken-site");
    expect(broken.samples).toEqual([
      { at: Date.parse("2020-08-16T12:19:57.018Z"), status: "down", latencyMs: null, code: null, message: "" },
    ]);
    expect(broken.reported[0].figures).toEqual([{ label: "All time", window: { kind: "all" }, uptimePct: 0 }]);
    expect(iso(broken.dataEnd)).toBe("2020-08-16T12:19:57.018Z");
    expect(parsed.notes).toEqual([
      "This upload has no git history for broken-site, google: each has one sample (its status at lastUpdated). Upload the repository folder with .git, or a git log export, for the time series.",
    ]);
  });

  it("reads a plain zip with a top folder (GitHub's Download ZIP): one sample per monitor and the note", async () => {
    const zip = temp("UpTime-master.zip", await zipOf(QAINSIGHTS, "UpTime-master/"));
    const withoutLog = await JSZip.loadAsync(readFileSync(zip.path));
    withoutLog.remove("UpTime-master/history-qa-insights.commit-log.tsv");
    const plain = temp("UpTime-master (plain).zip", await withoutLog.generateAsync({ type: "nodebuffer" }));
    const parsed = await parse([plain]);
    expect(parsed.notes).toEqual([NO_GIT_HISTORY_NOTE]);
    expect(parsed.monitors.map((m) => [m.sourceKey, m.name, m.samples.length])).toEqual([
      ["qa-insights", "QAInsights", 1],
      ["broken-site", "broken-site", 1],
      ["google", "google", 1],
    ]);
    expect(monitor(parsed, "qa-insights").samples[0]).toMatchObject({
      at: Date.parse("2023-04-03T06:23:22.824Z"),
      status: "down",
      code: 403,
    });

    const withLog = await parse([zip]);
    expect(monitor(withLog, "qa-insights").samples).toHaveLength(3817);
  });

  it("reads a zip beside a git log export uploaded as a loose file", async () => {
    const withoutLog = new JSZip();
    for (const f of folder(QAINSIGHTS, { skip: ["history-qa-insights.commit-log.tsv"] }))
      withoutLog.file(`UpTime-main/${f.name}`, readFileSync(f.path));
    const zip = temp("repo.zip", await withoutLog.generateAsync({ type: "nodebuffer" }));
    const parsed = await parse([zip, file(path.join(QAINSIGHTS, "history-qa-insights.commit-log.tsv"))]);
    expect(monitor(parsed, "qa-insights").samples).toHaveLength(3817);
  });

  it("matches an export whose file name names no site of the repository by the site name in its subjects", async () => {
    const files = folder(QAINSIGHTS, { skip: ["history-qa-insights.commit-log.tsv"] });
    const renamed = file(path.join(QAINSIGHTS, "history-qa-insights.commit-log.tsv"), "history-qa.commit-log.tsv");
    const parsed = await parse([...files, renamed]);
    expect(parsed.monitors.map((m) => m.sourceKey)).toEqual(["qa-insights", "broken-site", "google"]);
    expect(monitor(parsed, "qa-insights").samples).toHaveLength(3817);
  });

  it("reads the git log export alone: the monitor comes from the subjects and the file name", async () => {
    const parsed = await parse([file(path.join(QAINSIGHTS, "history-qa-insights.commit-log.tsv"))]);
    expect(parsed.monitors).toHaveLength(1);
    expect(parsed.monitors[0]).toMatchObject({
      sourceKey: "qa-insights",
      name: "QAInsights",
      target: "",
      kind: "other",
      dataEnd: Date.parse("2023-04-03T06:23:23Z"),
    });
    expect(parsed.monitors[0].samples).toHaveLength(3817);
    expect(parsed.notes).toEqual([]);
  });
});

describe("Upptime importer on a current-layout repository", () => {
  it("reads plain-map ymls, the current summary with its windows and daily minutes, and every badge", async () => {
    const parsed = await parse(folder(ACME));
    expect(parsed.monitors.map((m) => [m.sourceKey, m.name, m.target, m.kind])).toEqual([
      ["acme-api", "Acme API", "https://api.acme.example/health", "http"],
      ["rpc-node", "RPC Node", "https://node.acme.example/rpc", "jsonrpc"],
      ["acme-ws", "Acme WebSocket", "wss://ws.acme.example/stream", "websocket"],
    ]);
    expect(parsed.notes).toEqual([NO_GIT_HISTORY_NOTE]);
    const api = monitor(parsed, "acme-api");
    expect(api.samples).toEqual([
      { at: Date.parse("2026-05-01T00:04:41.207Z"), status: "up", latencyMs: 143, code: 200, message: "" },
    ]);
    const [summary, badges] = api.reported;
    expect(summary).toMatchObject({
      source: "history/summary.json (current layout)",
      asOf: Date.parse("2026-05-01T00:04:41.207Z"),
      figures: [
        { label: "All time", window: { kind: "all" }, uptimePct: 99.98 },
        { label: "Day", window: { kind: "rolling", hours: 24 }, uptimePct: 100 },
        { label: "Week", window: { kind: "rolling", hours: 168 }, uptimePct: 99.69 },
        { label: "Month", window: { kind: "rolling", hours: 720 }, uptimePct: 99.93 },
        { label: "Year", window: { kind: "rolling", hours: 8760 }, uptimePct: 99.98 },
      ],
      responseTimeMs: 152,
      dailyMinutesDown: { "2026-04-28": 31 },
      status: "up",
    });
    expect(badges.source).toBe(
      "api/acme-api/{uptime.json,uptime-day.json,uptime-week.json,uptime-month.json,uptime-year.json,response-time.json}",
    );
    expect(badges.figures.map((f) => [f.label, f.uptimePct])).toEqual([
      ["All time", 99.98],
      ["Day", 100],
      ["Week", 99.69],
      ["Month", 99.93],
      ["Year", 99.98],
    ]);
    expect(monitor(parsed, "acme-ws").reported[0].dailyMinutesDown).toEqual({ "2026-04-30": 50, "2026-05-01": 4 });
  });

  it("takes the series from git log exports, by file name or by the site name in the subjects", async () => {
    const parsed = await parse([
      ...folder(ACME),
      file(path.join(EXPORTS, "history-acme-api.commit-log.tsv")),
      file(path.join(EXPORTS, "status-commits.tsv")),
    ]);
    const api = monitor(parsed, "acme-api");
    expect(api.samples).toHaveLength(18);
    expect(api.samples.filter((s) => s.status === "down").map((s) => [iso(s.at), s.code, s.latencyMs])).toEqual([
      ["2026-04-28T10:05:12.000Z", 500, 321],
    ]);
    // lastUpdated is after the last commit of the export: it ends the data.
    expect(iso(api.dataEnd)).toBe("2026-05-01T00:04:41.207Z");
    const rpc = monitor(parsed, "rpc-node");
    expect(rpc.samples.map((s) => s.status)).toEqual(["up", "degraded", "up"]);
    const ws = monitor(parsed, "acme-ws");
    expect(ws.samples.map((s) => [s.status, s.code, s.latencyMs])).toEqual([
      ["up", 200, null],
      ["down", null, null],
    ]);
    expect(parsed.notes).toEqual([
      '1 commit in history-acme-api.commit-log.tsv is not a status change (the subject is not "<site> is up/down/degraded") and was skipped.',
      '1 commit in status-commits.tsv is not a status change (the subject is not "<site> is up/down/degraded") and was skipped.',
    ]);
  });

  it("attaches issues from REST and gh exports as outages, maintenance windows from maintenance issues", async () => {
    const parsed = await parse([
      ...folder(ACME),
      file(path.join(EXPORTS, "issues-rest.json")),
      file(path.join(EXPORTS, "issues-gh.json")),
    ]);
    const api = monitor(parsed, "acme-api");
    expect(api.outages).toEqual([
      {
        source: "upptime-issue",
        reference: "#12",
        title: "🛑 Acme API is down",
        url: "https://github.com/acme/status/issues/12",
        startedAt: Date.parse("2026-04-28T10:05:19Z"),
        endedAt: Date.parse("2026-04-28T10:35:47Z"),
        impact: "down",
        updates: [
          { at: Date.parse("2026-04-28T10:05:19Z"), status: "opened", body: expect.stringContaining("HTTP code: 500") },
          { at: Date.parse("2026-04-28T10:35:47Z"), status: "closed", body: "" },
        ],
      },
    ]);
    const maintenance = {
      startsAt: Date.parse("2026-04-27T22:00:00Z"),
      endsAt: Date.parse("2026-04-27T23:00:00Z"),
      reason: "Database upgrade",
    };
    expect(api.maintenance).toEqual([maintenance]);
    const rpc = monitor(parsed, "rpc-node");
    expect(rpc.outages.map((o) => [o.reference, o.impact, iso(o.endedAt)])).toEqual([
      ["#13", "degraded", "2026-04-29T02:20:05.000Z"],
    ]);
    expect(rpc.maintenance).toEqual([maintenance]);
    // #14 carries no slug label: matched by the site name in its title; still open.
    const ws = monitor(parsed, "acme-ws");
    expect(ws.outages.map((o) => [o.reference, o.url, iso(o.startedAt), o.endedAt])).toEqual([
      ["#14", "https://github.com/acme/status/issues/14", "2026-04-30T23:09:47.000Z", null],
    ]);
    expect(ws.maintenance).toEqual([]);
    expect(parsed.notes).toContain(
      '1 status issue matched no monitor by slug label or site name and was left out: #15 "🛑 Old Site is down".',
    );
    expect(parsed.notes).toContain("1 issue is not Upptime status or maintenance issues and was left out.");
  });
});

describe("Upptime importer errors", () => {
  it("names file, line and field of a malformed git log line", async () => {
    const lines = readFileSync(path.join(QAINSIGHTS, "history-qa-insights.commit-log.tsv"), "utf8").split("\n").slice(0, 5);
    lines[2] = lines[2].replace(/^[0-9a-f]{40}/, "not-a-hash");
    const badHash = await parseError([temp("history-qa-insights.commit-log.tsv", lines.join("\n"))]);
    expect(badHash).toMatchObject({ file: "history-qa-insights.commit-log.tsv", line: 3, field: "commit hash" });
    expect(badHash.message).toContain('"not-a-hash" is not a commit hash');

    const badTime = await parseError([temp("log.tsv", `${"a".repeat(40)}\tlast tuesday\t🟩 A is up (200 in 5 ms)\n`)]);
    expect(badTime).toMatchObject({ file: "log.tsv", line: 1, field: "author time" });
    expect(badTime.message).toContain("%aI");

    const noSubject = await parseError([temp("log2.tsv", `\n${"b".repeat(40)}\t2023-04-03T02:23:23-04:00\n`)]);
    expect(noSubject).toMatchObject({ line: 2, field: "subject" });
    expect(noSubject.message).toContain("3 (commit hash, author time, subject)");
  });

  it("names the field of a bad history yml and the line of broken YAML or JSON", async () => {
    const badStatus = await parseError([temp("history/a.yml", "url: https://a.example\nstatus: sideways\ncode: 200\n")]);
    expect(badStatus).toMatchObject({ file: "history/a.yml", line: 2, field: "status" });
    const badYaml = await parseError([temp("history/b.yml", "url: https://b.example\nstatus: [up\ncode: 200\n")]);
    expect(badYaml).toMatchObject({ file: "history/b.yml" });
    expect(badYaml.message).toContain("is not valid YAML");
    const badJson = await parseError([temp("history/summary.json", '[\n  {"slug": "a",\n  "uptime": }\n]')]);
    expect(badJson).toMatchObject({ file: "history/summary.json" });
    expect(badJson.message).toContain("is not valid JSON");
    const cutJson = await parseError([temp("history/summary.json", '[\n  {"slug": "a",\n  "uptime": "99')]);
    expect(cutJson).toMatchObject({ file: "history/summary.json", line: 3 });
    const badPct = await parseError([temp("history/summary.json", '[\n  {"slug": "a",\n   "uptime": "lots"}\n]')]);
    expect(badPct).toMatchObject({ field: "[0].uptime", line: 3 });
  });

  it("refuses an upload without Upptime data", async () => {
    const error = await parseError([temp("README.md", "# Status\n")]);
    expect(error.message).toContain("holds no Upptime data");
  });
});

describe("Upptime detection", () => {
  const heads = (files: ImportFile[]) => Promise.all(files.map(readFileHead));

  it("claims repository folders, git log exports and zips that look like Upptime", async () => {
    expect(upptimeImporter.detect(await heads(folder(QAINSIGHTS)))).toBe(true);
    expect(
      upptimeImporter.detect(await heads([file(path.join(QAINSIGHTS, "history-qa-insights.commit-log.tsv"), "export.tsv")])),
    ).toBe(true);
    const named = temp("UpTime-master.zip", await zipOf(QAINSIGHTS, "UpTime-master/"));
    expect(upptimeImporter.detect(await heads([named]))).toBe(true);
    // No telling name: the local headers at the zip's start name .upptimerc.yml and history/.
    const anonymous = temp("export-123.zip", await zipOf(ACME, "status-main/"));
    expect(upptimeImporter.detect(await heads([anonymous]))).toBe(true);
  });

  it("leaves other files alone", async () => {
    const other = new JSZip();
    other.file("report/index.html", "<html></html>");
    expect(upptimeImporter.detect(await heads([temp("report.zip", await other.generateAsync({ type: "nodebuffer" }))]))).toBe(
      false,
    );
    expect(upptimeImporter.detect(await heads([temp("checks.csv", "timestamp,status\n2026-05-03T14:00:00Z,up\n")]))).toBe(false);
    expect(upptimeImporter.detect(await heads([temp("heartbeat.json", '{"heartbeatList":{},"uptimeList":{}}')]))).toBe(false);
    expect(
      upptimeImporter.detect(await heads([temp("other.tsv", `${"c".repeat(40)}\t2023-04-03T02:23:23-04:00\tRefactor\n`)])),
    ).toBe(false);
  });
});
