import path from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError } from "@/lib/imports/errors";
import type { ImportFile } from "@/lib/imports/files";
import { NO_PROGRESS } from "@/lib/imports/progress";
import { KUMA_UPTIME_METHOD, uptimeKumaHeartbeatImporter } from "@/lib/uptime/formats/uptime-kuma-heartbeat";
import type { UptimeImportContext } from "@/lib/uptime/types";
import { fileOf, temp } from "../../loadtests/support/importer-fixtures";

const KUMA = path.resolve("tests/fixtures/uptime/kuma");
const heartbeats = fileOf(path.join(KUMA, "status-page-heartbeat.json"));
const statusPage = fileOf(path.join(KUMA, "status-page.json"));
/** Kuma's times are UTC whatever zone the user picked: the tests pick one far from it. */
const berlin: UptimeImportContext = { progress: NO_PROGRESS, options: { timeZone: "Europe/Berlin" } };

async function parseError(files: ImportFile[]): Promise<ImportError> {
  const error = await uptimeKumaHeartbeatImporter.parse(files, berlin).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

const iso = (ms: number) => new Date(ms).toISOString();

describe("Uptime Kuma status page heartbeat importer", () => {
  it("reads the heartbeat JSON with the status page JSON: names, URL, kinds and every status", async () => {
    const parsed = await uptimeKumaHeartbeatImporter.parse([heartbeats, statusPage], berlin);
    expect(parsed.format).toBe("uptime-kuma-heartbeat");
    expect(parsed.source).toBe("uptime-kuma");
    expect(parsed.rowsRead).toBe(200);
    expect(parsed.monitors.map((m) => [m.sourceKey, m.name, m.target, m.kind, m.samples.length, m.checkIntervalSec])).toEqual([
      ["kuma:1", "Website", "https://example.org/", "http", 100, 60],
      // "Send URL" is off for this monitor: the page does not say which host it checks.
      ["kuma:2", "API port", "", "tcp", 100, 30],
    ]);
    const website = parsed.monitors[0];
    // The status page shows the last 100 of 180 beats: beat 80 onwards.
    expect(website.samples[0]).toEqual({
      at: Date.parse("2023-04-03T01:20:00.471Z"),
      status: "up",
      latencyMs: 48,
      code: null,
      message: "",
    });
    const statuses = website.samples.map((s) => s.status);
    // Beats 100 and 101 were pending (Kuma retrying), 102 to 106 down.
    expect(statuses.slice(19, 28)).toEqual(["up", "degraded", "degraded", "down", "down", "down", "down", "down", "up"]);
    expect(website.samples[21].latencyMs).toBeNull();
    const api = parsed.monitors[1].samples;
    expect(api.filter((s) => s.status === "maintenance")).toHaveLength(10);
    expect(iso(api.find((s) => s.status === "maintenance")!.at)).toBe("2023-04-03T02:30:00.322Z");
    expect(parsed.notes.some((n) => n.includes("names"))).toBe(false);
    expect(parsed.notes[0]).toContain("at most the last 100 beats");
    expect(parsed.notes[0]).toContain("kuma.db");
  });

  it("keeps Kuma's own uptime figure beside the beats, as a percentage", async () => {
    const parsed = await uptimeKumaHeartbeatImporter.parse([heartbeats, statusPage], berlin);
    const [reported] = parsed.monitors[0].reported;
    expect(reported.source).toBe("status-page-heartbeat.json (uptimeList)");
    expect(reported.method).toBe(KUMA_UPTIME_METHOD);
    expect(reported.figures).toHaveLength(1);
    expect(reported.figures[0].label).toBe("Last 24 h");
    expect(reported.figures[0].window).toEqual({ kind: "rolling", hours: 24 });
    // 0.9608886399701297 in the file: 7 of 179 minutes pending or down, weighted by duration (Kuma 1.x).
    expect(reported.figures[0].uptimePct).toBeCloseTo(96.08886399701297, 10);
    expect(iso(reported.asOf!)).toBe("2023-04-03T02:59:00.534Z");
    expect(reported.status).toBe("up");
    expect(parsed.monitors[1].reported[0].figures[0].uptimePct).toBe(100);
  });

  it("names monitors by id without the status page JSON, and says how to get names", async () => {
    const parsed = await uptimeKumaHeartbeatImporter.parse([heartbeats], berlin);
    expect(parsed.monitors.map((m) => [m.sourceKey, m.name, m.target, m.kind])).toEqual([
      ["kuma:1", "Uptime Kuma monitor 1", "", "other"],
      ["kuma:2", "Uptime Kuma monitor 2", "", "other"],
    ]);
    expect(parsed.notes[0]).toContain("add the status page JSON");
  });

  it("reads a time without offset as UTC, even when the import's zone is Europe/Berlin", async () => {
    const file = temp(
      "kuma-utc.json",
      JSON.stringify({
        heartbeatList: { "7": [{ status: 1, time: "2023-04-03 06:23:22.824", msg: "", ping: 45 }] },
        uptimeList: { "7_24": 0.9993, "7_720": 0.998 },
      }),
    );
    const parsed = await uptimeKumaHeartbeatImporter.parse([file], berlin);
    const [monitor] = parsed.monitors;
    expect(monitor.samples).toEqual([
      { at: Date.parse("2023-04-03T06:23:22.824Z"), status: "up", latencyMs: 45, code: null, message: "" },
    ]);
    expect(monitor.checkIntervalSec).toBeNull();
    expect(monitor.reported[0].figures).toEqual([
      { label: "Last 24 h", window: { kind: "rolling", hours: 24 }, uptimePct: 99.92999999999999 },
      { label: "Last 30 days", window: { kind: "rolling", hours: 720 }, uptimePct: 99.8 },
    ]);
  });

  it("names a monitor the status page JSON does not list by its id, and says which", async () => {
    const file = temp(
      "kuma-extra.json",
      JSON.stringify({
        heartbeatList: { "1": [{ status: 1, time: "2023-04-03 06:00:00", msg: "", ping: 1 }], "9": [] },
        uptimeList: {},
      }),
    );
    const parsed = await uptimeKumaHeartbeatImporter.parse([file, statusPage], berlin);
    expect(parsed.monitors.map((m) => m.name)).toEqual(["Website", "Uptime Kuma monitor 9"]);
    expect(parsed.monitors[0].reported).toEqual([]);
    expect(parsed.notes).toContain('The status page JSON does not list monitor 9: it is named "Uptime Kuma monitor <id>".');
  });

  it("reads a 2.x day-bar page: empty slots skipped, ISO times, the bare uptime key over the bar's days", async () => {
    const beats = temp(
      "kuma-bars.json",
      JSON.stringify({
        heartbeatList: {
          "3": [
            0,
            0,
            { status: 0, time: "2025-01-02T00:00:00.000Z", msg: "", ping: null },
            { status: 1, time: "2025-01-03T00:00:00.000Z", msg: "", ping: null },
          ],
        },
        uptimeList: { "3": 0.75 },
      }),
    );
    const page = temp(
      "kuma-bars-page.json",
      JSON.stringify({
        config: { slug: "bars", title: "Bars", heartbeatBarDays: 7 },
        incident: null,
        publicGroupList: [],
        maintenanceList: [],
      }),
    );
    const parsed = await uptimeKumaHeartbeatImporter.parse([beats, page], berlin);
    expect(parsed.monitors[0].samples.map((s) => [iso(s.at), s.status])).toEqual([
      ["2025-01-02T00:00:00.000Z", "down"],
      ["2025-01-03T00:00:00.000Z", "up"],
    ]);
    expect(parsed.monitors[0].reported[0].figures).toEqual([
      { label: "Last 7 days", window: { kind: "rolling", hours: 168 }, uptimePct: 75 },
    ]);
    expect(parsed.notes).toContain("2 empty bar slots were skipped.");
    expect(parsed.notes.some((n) => n.includes("day bars"))).toBe(true);
  });

  it("detects the heartbeat JSON, with or without the status page JSON, and nothing else", async () => {
    const { readFileHead } = await import("@/lib/imports/files");
    const heads = await Promise.all([heartbeats, statusPage].map(readFileHead));
    expect(uptimeKumaHeartbeatImporter.detect(heads)).toBe(true);
    expect(uptimeKumaHeartbeatImporter.detect([heads[0]])).toBe(true);
    const other = await readFileHead(fileOf(path.resolve("tests/fixtures/uptime/statuspage/incidents.json")));
    expect(uptimeKumaHeartbeatImporter.detect([heads[0], other])).toBe(false);
    expect(uptimeKumaHeartbeatImporter.detect([])).toBe(false);
  });

  it("refuses the status page JSON alone: it has names but no heartbeats", async () => {
    const error = await parseError([statusPage]);
    expect(error.message).toBe(
      "status-page.json: this is an Uptime Kuma status page JSON: it names the monitors but holds no heartbeats. Add the heartbeat " +
        "JSON (/api/status-page/heartbeat/<slug>) to the same upload.",
    );
  });

  it("refuses Kuma's backup JSON: settings, no heartbeats", async () => {
    const error = await parseError([fileOf(path.join(KUMA, "backup.json"))]);
    expect(error.file).toBe("backup.json");
    expect(error.message).toContain("Uptime Kuma backup");
    expect(error.message).toContain("no heartbeats");
    expect(error.message).toContain("kuma.db");
  });

  it("fails on cut JSON naming the file and the line", async () => {
    const whole = JSON.stringify(
      { heartbeatList: { "1": [{ status: 1, time: "2023-04-03 06:00:00", msg: "", ping: 1 }] } },
      null,
      1,
    );
    const error = await parseError([temp("kuma-cut.json", whole.slice(0, whole.length - 12))]);
    expect(error.file).toBe("kuma-cut.json");
    expect(error.line).toBeGreaterThan(1);
    expect(error.message).toContain("is not valid JSON");
  });

  it("fails on a status Kuma does not write, naming the field and its line", async () => {
    const text =
      '{\n "heartbeatList": {\n  "1": [\n   {"status": 1, "time": "2023-04-03 06:00:00"},\n   {"status": 7, "time": "2023-04-03 06:01:00"}\n  ]\n }\n}';
    const error = await parseError([temp("kuma-status.json", text)]);
    expect(error.field).toBe("heartbeatList.1[1].status");
    expect(error.line).toBe(5);
    expect(error.message).toContain("status 7 is not a Kuma heartbeat status");
  });

  it("fails on a time that is no time, naming the field", async () => {
    const text = JSON.stringify({ heartbeatList: { "1": [{ status: 1, time: "yesterday" }] } });
    const error = await parseError([temp("kuma-time.json", text)]);
    expect(error.field).toBe("heartbeatList.1[0].time");
    expect(error.message).toContain('time "yesterday" is not a Kuma time');
  });

  it("fails on an uptime figure that is not a fraction", async () => {
    const text = JSON.stringify({
      heartbeatList: { "1": [{ status: 1, time: "2023-04-03 06:00:00" }] },
      uptimeList: { "1_24": 99.9 },
    });
    const error = await parseError([temp("kuma-uptime.json", text)]);
    expect(error.field).toBe("uptimeList.1_24");
  });
});
