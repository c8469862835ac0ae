import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser, SYSTEM } from "./support/factories";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { createIncident } from "@/lib/incidents/create-incident";
import { getImportJob } from "@/lib/imports/import-jobs";
import { createUploadDirectory, importTempRoot } from "@/lib/imports/temp-files";
import { receiveMultipartUpload } from "@/lib/imports/multipart-upload";
import { loadExportData } from "@/lib/exports/load-export-data";
import { seedDemoUptime } from "@/lib/seed/demo-uptime";
import { uptimeImportInputSchema } from "@/lib/uptime/schema";
import { importedMonitorIds, jobFileList, relativeToUploadedFolder, startUptimeImport } from "@/lib/uptime/import-uptime";
import { saveUptimeImport } from "@/lib/uptime/save-uptime-import";
import { parseUptime } from "@/lib/uptime/parse-uptime";
import { NO_PROGRESS } from "@/lib/imports/progress";
import { listMonitors } from "@/lib/uptime/list-monitors";
import { loadMonitorPage } from "@/lib/uptime/load-monitor-page";
import { monitorLatencyChart } from "@/lib/uptime/latency-chart";
import { deleteMonitor, updateMonitor } from "@/lib/uptime/update-monitor";
import { createMaintenanceWindow, deleteMaintenanceWindow } from "@/lib/uptime/maintenance-windows";
import { linkIncidentMonitor, unlinkIncidentMonitor } from "@/lib/uptime/link-incident-monitor";
import { createIncidentFromDowntime } from "@/lib/uptime/create-incident-from-downtime";
import { loadIncidentMonitors } from "@/lib/uptime/load-incident-monitors";
import { loadUptimeReport } from "@/lib/uptime/load-uptime-report";
import { exportUptimeReport } from "@/lib/uptime/export-uptime";
import type { ParsedMonitor, ParsedUptime, UptimeSample } from "@/lib/uptime/types";

type User = Extract<Actor, { kind: "user" }>;

const FIXTURES = path.resolve(import.meta.dirname, "..", "fixtures", "uptime");
const UPPTIME = path.join(FIXTURES, "upptime", "qainsights-uptime");
const MINUTE = 60_000;

const input = (fields: Record<string, unknown> = {}) => uptimeImportInputSchema.parse(fields);

/** One check a minute from `start` for `minutes`; the minutes in `down` fail with 503. */
function minuteChecks(start: string, minutes: number, down: [number, number][] = []): UptimeSample[] {
  const t0 = Date.parse(start);
  return Array.from({ length: minutes }, (_, i) => {
    const failing = down.some(([a, b]) => i >= a && i < b);
    return {
      at: t0 + i * MINUTE,
      status: failing ? ("down" as const) : ("up" as const),
      latencyMs: failing ? null : 100 + (i % 10),
      code: failing ? 503 : 200,
      message: failing ? "Service Unavailable" : "",
    };
  });
}

function parsedMonitor(sourceKey: string, samples: UptimeSample[], patch: Partial<ParsedMonitor> = {}): ParsedMonitor {
  return {
    sourceKey,
    name: sourceKey,
    target: `https://${sourceKey}.example.test/`,
    kind: "http",
    samples,
    checkIntervalSec: 60,
    dataEnd: null,
    reported: [],
    outages: [],
    maintenance: [],
    timeZone: null,
    ...patch,
  };
}

const parsedOf = (...monitors: ParsedMonitor[]): ParsedUptime => ({
  format: "csv",
  source: "csv",
  monitors,
  notes: [],
  rowsRead: monitors.reduce((a, m) => a + m.samples.length, 0),
});

/** The fixture folder as an upload of the import framework, each file named by its path in the folder. */
async function folderUpload(folder: string, extra: { name: string; text: string }[] = []) {
  const dir = await createUploadDirectory();
  const files = [];
  const walk = (from: string) => {
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      const full = path.join(from, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name !== "SOURCES.md") {
        const name = path.relative(folder, full).split(path.sep).join("/");
        const target = path.join(dir, name);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(full, target);
        files.push({ name, path: target, size: fs.statSync(target).size });
      }
    }
  };
  walk(folder);
  for (const e of extra) {
    const target = path.join(dir, e.name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, e.text);
    files.push({ name: e.name, path: target, size: fs.statSync(target).size });
  }
  return { files, dir };
}

async function counts() {
  return {
    monitors: await db().monitor.count(),
    samples: await db().uptimeSample.count(),
    outages: await db().reportedOutage.count(),
    maintenance: await db().maintenanceWindow.count(),
  };
}

function folderRequest(parts: { name: string; text: string }[], fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const p of parts) form.append("file", new Blob([p.text]), p.name);
  return new Request("http://localhost/api/v1/monitors/import", { method: "POST", body: form });
}

describe("folder uploads", () => {
  it("stores each file at its relative path, so the folder (and its .git) is there as it was", async () => {
    const upload = await receiveMultipartUpload(
      folderRequest(
        [
          { name: "status/history/summary.json", text: "[]" },
          { name: "status/.git/HEAD", text: "ref: refs/heads/master\n" },
          { name: "status/.git/refs/tags/v1+x", text: "" },
        ],
        { format: "upptime" },
      ),
      { keepPaths: true, maxFiles: 100 },
    );
    expect(upload.fields).toEqual({ format: "upptime" });
    expect(upload.files.map((f) => [f.name, f.size])).toEqual([
      ["status/history/summary.json", 2],
      ["status/.git/HEAD", 23],
      ["status/.git/refs/tags/v1+x", 0],
    ]);
    for (const f of upload.files) expect(f.path).toBe(path.join(upload.dir, ...f.name.split("/")));
    expect(fs.readFileSync(path.join(upload.dir, "status", ".git", "HEAD"), "utf8")).toBe("ref: refs/heads/master\n");
    // Nothing else is left in the folder: the staging area is gone.
    expect(fs.readdirSync(upload.dir)).toEqual(["status"]);
    // Names relative to the chosen folder, as the CLI gives them; the job lists .git as one line.
    const relative = relativeToUploadedFolder(upload.files);
    expect(relative.map((f) => f.name)).toEqual(["history/summary.json", ".git/HEAD", ".git/refs/tags/v1+x"]);
    expect(jobFileList(relative)).toEqual([
      { name: "history/summary.json", size: 2 },
      { name: ".git/ (2 files)", size: 23 },
    ]);
    expect(relativeToUploadedFolder([{ name: "a.csv", path: "/x", size: 1 }])[0].name).toBe("a.csv");
    fs.rmSync(upload.dir, { recursive: true, force: true });
  });

  it("keeps a repository's .git readable: the history of a folder upload comes out of git", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "uptime-folder-"));
    const repo = path.join(root, "status");
    fs.mkdirSync(path.join(repo, "history"), { recursive: true });
    const env = { PATH: process.env.PATH ?? "", HOME: root, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: os.devNull };
    const git = (args: string[], date?: string) =>
      execFileSync("git", ["-c", "user.name=Upptime Bot", "-c", "user.email=bot@upptime.example", ...args], {
        cwd: repo,
        env: { ...env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) } as unknown as NodeJS.ProcessEnv,
      });
    git(["init", "-q"]);
    const states: [string, number, string][] = [
      ["up", 200, "2026-05-01T10:00:00Z"],
      ["down", 503, "2026-05-01T10:05:00Z"],
      ["up", 200, "2026-05-01T10:20:00Z"],
    ];
    for (const [status, code, at] of states) {
      fs.writeFileSync(
        path.join(repo, "history", "api.yml"),
        `url: https://api.acme.example/health\nstatus: ${status}\ncode: ${code}\nresponseTime: 80\nlastUpdated: ${at}\nstartTime: 2026-05-01T10:00:00Z\n`,
      );
      git(["add", "history/api.yml"]);
      const emoji = status === "up" ? "🟩" : "🟥";
      git(["commit", "-q", "-m", `${emoji} Api is ${status} (${code} in 80 ms) [skip ci] [upptime]`], at);
    }
    const parts: { name: string; data: Buffer }[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else parts.push({ name: path.relative(root, full).split(path.sep).join("/"), data: fs.readFileSync(full) });
      }
    };
    walk(repo);
    const form = new FormData();
    // Bytes as they are: git objects are binary.
    for (const p of parts) form.append("file", new Blob([new Uint8Array(p.data)]), p.name);
    const upload = await receiveMultipartUpload(
      new Request("http://localhost/api/v1/monitors/import", { method: "POST", body: form }),
      {
        keepPaths: true,
        maxFiles: 1000,
      },
    );
    try {
      const { importer, parsed } = await parseUptime(relativeToUploadedFolder(upload.files), {
        progress: NO_PROGRESS,
        options: { timeZone: "UTC" },
      });
      expect(importer.id).toBe("upptime");
      expect(parsed.monitors[0].samples.map((x) => [new Date(x.at).toISOString(), x.status])).toEqual([
        ["2026-05-01T10:00:00.000Z", "up"],
        ["2026-05-01T10:05:00.000Z", "down"],
        ["2026-05-01T10:20:00.000Z", "up"],
      ]);
    } finally {
      fs.rmSync(upload.dir, { recursive: true, force: true });
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("refuses paths that leave the folder, absolute paths and a file sent twice, and keeps nothing", async () => {
    const before = fs.existsSync(importTempRoot()) ? fs.readdirSync(importTempRoot()).length : 0;
    for (const name of ["../../etc/passwd", "repo/../../x", "/etc/passwd", "C:\\Windows\\x.yml", "a\\..\\..\\b"]) {
      await expect(
        receiveMultipartUpload(
          folderRequest([
            { name: "ok/a.yml", text: "x" },
            { name, text: "y" },
          ]),
          { keepPaths: true },
        ),
      ).rejects.toMatchObject({ code: "VALIDATION" });
    }
    await expect(
      receiveMultipartUpload(
        folderRequest([
          { name: "a/b.yml", text: "x" },
          { name: "a//b.yml", text: "y" },
        ]),
        { keepPaths: true },
      ),
    ).rejects.toMatchObject({ code: "VALIDATION", message: "a/b.yml was sent twice." });
    const after = fs.existsSync(importTempRoot()) ? fs.readdirSync(importTempRoot()).length : 0;
    expect(after).toBeLessThanOrEqual(before);
  });
});

describe.each(DATABASES)("uptime evidence on %s", (_kind, fresh) => {
  let database: TestDatabase;
  let editor: User, viewer: User, otherEditor: User;

  beforeAll(async () => {
    database = await fresh();
    [editor, viewer, otherEditor] = await Promise.all([makeUser("editor"), makeUser("viewer"), makeUser("editor")]);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("imports the QAInsights Upptime history as a job: 3 monitors, 69 downtime windows, reported figures beside ours", async () => {
    const upload = await folderUpload(UPPTIME);
    const { job, run } = await startUptimeImport({ actor: editor, upload, input: input() });
    expect(job.kind).toBe("uptime");
    expect(job.status).toBe("queued");
    const done = await run();
    expect(done.status, done.message ?? "").toBe("succeeded");
    expect(done.format).toBe("upptime");
    expect(done.message).toMatch(/^Imported 3 monitors \([\d,]+ samples\) from Upptime\./);
    expect(fs.existsSync(upload.dir)).toBe(false);
    const ids = importedMonitorIds(done.resultId);
    expect(ids).toHaveLength(3);

    const monitors = await listMonitors({ actor: viewer });
    const qa = monitors.find((m) => m.name === "QAInsights")!;
    expect(qa).toMatchObject({ source: "upptime", target: "https://qainsights.com", kind: "http", sampleCount: 3817 });
    expect(qa.lastStatus).toBe("down");
    expect(ids).toContain(qa.id);

    const page = await loadMonitorPage({ actor: viewer, monitorId: qa.id, query: { period: "all" } });
    expect(page.monitor.minDowntimeSec).toBe(0);
    expect(page.downtime).toHaveLength(69);
    // Newest first: the last window is still open at the end of the data.
    expect(page.downtime[0].open).toBe(true);
    expect(page.downtime.slice(1).every((w) => !w.open)).toBe(true);
    expect(page.period.kind).toBe("all");
    expect(page.figures.uptimePct).not.toBeNull();
    // What Upptime said itself stands beside what the history gives, with the reason they differ.
    expect(page.reported.length).toBeGreaterThan(0);
    for (const r of page.reported) expect(r.explanation).not.toBe("");
    expect(page.reported.some((r) => r.reportedPct !== null && r.computedPct !== null)).toBe(true);
    expect(page.strip).toHaveLength(90);
    expect(page.months.length).toBeGreaterThan(12);
    expect(page.responseChart).not.toBeNull();
    expect(page.responseChart!.spec.series[0].points.length).toBeLessThanOrEqual(2002);

    const job2 = await getImportJob({ actor: editor, id: job.id });
    expect(job2.status).toBe("succeeded");
  });

  it("imports the same history again without duplicating anything", async () => {
    const before = await counts();
    const { run } = await startUptimeImport({ actor: editor, upload: await folderUpload(UPPTIME), input: input() });
    const done = await run();
    expect(done.status, done.message ?? "").toBe("succeeded");
    expect(done.message).toContain("All 3 existed and were updated.");
    expect(await counts()).toEqual(before);
    const qa = (await listMonitors({ actor: viewer })).find((m) => m.name === "QAInsights")!;
    expect(qa.sampleCount).toBe(3817);
  });

  it("a failed import writes nothing: a malformed file after a good one", async () => {
    const before = await counts();
    const upload = await folderUpload(UPPTIME, [{ name: "history/zz-broken.yml", text: "- url: [unclosed\n  status: :\n" }]);
    const { run } = await startUptimeImport({ actor: editor, upload, input: input({ format: "upptime" }) });
    const done = await run();
    expect(done.status).toBe("failed");
    expect(done.message).toContain("zz-broken.yml");
    expect(await counts()).toEqual(before);
  });

  it("refuses viewers, empty uploads and unknown services before any job exists", async () => {
    const upload = await folderUpload(UPPTIME);
    await expect(startUptimeImport({ actor: viewer, upload, input: input() })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(startUptimeImport({ actor: editor, upload: { files: [] }, input: input() })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(
      startUptimeImport({ actor: editor, upload, input: input({ serviceId: "no-such-service" }) }),
    ).rejects.toMatchObject({ code: "VALIDATION", fields: { serviceId: expect.any(Array) } });
    fs.rmSync(upload.dir, { recursive: true, force: true });
  });

  it("keeps samples outside a re-import's span and rolls back a save that fails halfway", async () => {
    const first = await saveUptimeImport({
      actor: editor,
      input: { parsed: parsedOf(parsedMonitor("span", minuteChecks("2026-03-01T00:00:00Z", 120))) },
    });
    const id = first.monitors[0].id;
    expect(first.monitors[0]).toMatchObject({ created: true, samples: 120 });
    // A later export overlapping the last hour: the first hour stays, the overlap is replaced.
    const later = await saveUptimeImport({
      actor: editor,
      input: { parsed: parsedOf(parsedMonitor("span", minuteChecks("2026-03-01T01:00:00Z", 120, [[0, 5]]))) },
    });
    expect(later.monitors[0]).toMatchObject({ id, created: false, samples: 120 });
    const monitor = await db().monitor.findUniqueOrThrow({ where: { id } });
    expect(monitor.sampleCount).toBe(180);
    expect(monitor.dataStart?.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(await db().uptimeSample.count({ where: { monitorId: id, status: "down" } })).toBe(5);

    const before = await counts();
    const bad = parsedMonitor("halfway", [
      { at: Date.parse("2026-03-02T00:00:00Z"), status: "bogus", latencyMs: null, code: null, message: "" },
    ] as unknown as UptimeSample[]);
    await expect(
      saveUptimeImport({
        actor: editor,
        input: { parsed: parsedOf(parsedMonitor("fine", minuteChecks("2026-03-02T00:00:00Z", 10)), bad) },
      }),
    ).rejects.toThrow();
    expect(await counts()).toEqual(before);
    expect(await db().monitor.count({ where: { sourceKey: "fine" } })).toBe(0);
  });

  it("edits a monitor with a version, refuses a stale save, a viewer and an unknown service", async () => {
    const saved = await saveUptimeImport({
      actor: editor,
      input: { parsed: parsedOf(parsedMonitor("edit-me", minuteChecks("2026-03-03T00:00:00Z", 30))) },
    });
    const monitorId = saved.monitors[0].id;
    const form = {
      monitorId,
      version: 1,
      name: "Edited",
      target: "wss://edit.example.test/socket",
      kind: "websocket",
      serviceId: "",
      sloTargetPct: "99.5",
      gapRule: "down",
      minDowntimeSec: "120",
      checkIntervalSec: "60",
    };
    await expect(updateMonitor({ actor: viewer, input: form })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await updateMonitor({ actor: editor, input: form })).toEqual({ monitorId, version: 2 });
    await expect(updateMonitor({ actor: otherEditor, input: { ...form, name: "Theirs" } })).rejects.toMatchObject({
      code: "CONFLICT",
      details: { current: { name: "Edited", version: 2 }, yours: { name: "Theirs" } },
    });
    await expect(
      updateMonitor({ actor: editor, input: { ...form, version: 2, serviceId: "no-such-service" } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(updateMonitor({ actor: editor, input: { ...form, version: 2, sloTargetPct: "100" } })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { sloTargetPct: expect.any(Array) },
    });
    const stored = await db().monitor.findUniqueOrThrow({ where: { id: monitorId } });
    expect(stored).toMatchObject({ name: "Edited", kind: "websocket", sloTargetPct: 99.5, gapRule: "down", minDowntimeSec: 120 });
    // A re-import updates the data, never what people edited.
    await saveUptimeImport({
      actor: editor,
      input: { parsed: parsedOf(parsedMonitor("edit-me", minuteChecks("2026-03-03T00:30:00Z", 30))) },
    });
    expect(await db().monitor.findUniqueOrThrow({ where: { id: monitorId } })).toMatchObject({
      name: "Edited",
      kind: "websocket",
      sampleCount: 60,
    });
    const audit = await db().auditLog.findMany({ where: { entityId: monitorId }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["uptime.import", "uptime.monitor.update", "uptime.import"]);

    await expect(deleteMonitor({ actor: viewer, input: { monitorId } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await deleteMonitor({ actor: editor, input: { monitorId } });
    expect(await db().uptimeSample.count({ where: { monitorId } })).toBe(0);
  });

  it("leaves a maintenance window out of uptime, and puts it back when the window goes", async () => {
    // A day of checks, down 30 minutes from 10:00 UTC (12:00 in Berlin).
    const saved = await saveUptimeImport({
      actor: editor,
      input: { parsed: parsedOf(parsedMonitor("maint", minuteChecks("2026-03-04T00:00:00Z", 1440, [[600, 630]]))) },
    });
    const monitorId = saved.monitors[0].id;
    const day = { period: "custom", from: "2026-03-04", to: "2026-03-04", tz: "UTC" };
    const before = await loadMonitorPage({ actor: viewer, monitorId, query: day });
    expect(before.figures.downMs).toBe(30 * MINUTE);
    expect(before.figures.uptimePct).toBeCloseTo(((1440 - 30) / 1440) * 100, 6);
    expect(before.downtime).toHaveLength(1);
    expect(before.downtime[0]).toMatchObject({
      start: Date.parse("2026-03-04T10:00:00Z"),
      durationMs: 30 * MINUTE,
      codes: [503],
    });

    await expect(
      createMaintenanceWindow({
        actor: viewer,
        input: { monitorId, startsAt: "2026-03-04T11:00", endsAt: "2026-03-04T11:30", timeZone: "Europe/Berlin", reason: "x" },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const window = await createMaintenanceWindow({
      actor: editor,
      input: { monitorId, startsAt: "2026-03-04T11:00", endsAt: "2026-03-04T11:30", timeZone: "Europe/Berlin", reason: "Deploy" },
    });
    const during = await loadMonitorPage({ actor: viewer, monitorId, query: day });
    expect(during.maintenance).toEqual([
      { id: window.id, startsAt: "2026-03-04T10:00:00.000Z", endsAt: "2026-03-04T10:30:00.000Z", reason: "Deploy" },
    ]);
    expect(during.figures.maintenanceMs).toBe(30 * MINUTE);
    expect(during.figures.downMs).toBe(0);
    expect(during.figures.uptimePct).toBe(100);
    expect(during.downtime).toHaveLength(0);

    await deleteMaintenanceWindow({ actor: editor, input: { id: window.id } });
    const after = await loadMonitorPage({ actor: viewer, monitorId, query: day });
    expect(after.figures.uptimePct).toBeCloseTo(before.figures.uptimePct!, 9);
  });

  it("creates an incident from a downtime window with down and up events and the link; links refuse hidden incidents", async () => {
    const service = await db().service.upsert({ where: { name: "api-gateway" }, create: { name: "api-gateway" }, update: {} });
    const saved = await saveUptimeImport({
      actor: editor,
      input: {
        parsed: parsedOf(parsedMonitor("from-downtime", minuteChecks("2026-03-05T00:00:00Z", 240, [[60, 95]]), { name: "API" })),
        serviceId: service.id,
      },
    });
    const monitorId = saved.monitors[0].id;
    const form = {
      monitorId,
      title: "API down for 35 minutes",
      severity: "2",
      startedAt: "2026-03-05T02:00",
      resolvedAt: "2026-03-05T02:35",
      timeZone: "Europe/Berlin",
      summary: "",
    };
    await expect(createIncidentFromDowntime({ actor: viewer, input: form })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { number } = await createIncidentFromDowntime({ actor: editor, input: form });
    const incident = await db().incident.findFirstOrThrow({
      where: { number },
      include: {
        timelineEvents: { orderBy: { occurredAt: "asc" } },
        services: { include: { service: true } },
        monitors: true,
      },
    });
    expect(incident).toMatchObject({
      title: "API down for 35 minutes",
      status: "resolved",
      timeZone: "Europe/Berlin",
      startedAt: new Date("2026-03-05T01:00:00Z"),
      resolvedAt: new Date("2026-03-05T01:35:00Z"),
    });
    expect(incident.services.map((s) => s.service.name)).toEqual(["api-gateway"]);
    expect(incident.timelineEvents.map((e) => [e.occurredAt.toISOString(), e.kind, e.text])).toEqual([
      ["2026-03-05T01:00:00.000Z", "detection", "API went down (503: Service Unavailable)"],
      ["2026-03-05T01:35:00.000Z", "resolution", "API recovered"],
    ]);
    expect(incident.monitors).toMatchObject([
      { monitorId, windowStart: new Date("2026-03-05T01:00:00Z"), windowEnd: new Date("2026-03-05T01:35:00Z") },
    ]);
    const page = await loadMonitorPage({ actor: viewer, monitorId, query: {} });
    expect(page.downtime[0].incidents).toEqual([{ number, title: "API down for 35 minutes" }]);
    expect(page.incidents).toMatchObject([{ number, windowStart: "2026-03-05T01:00:00.000Z" }]);

    // Linking again updates the note; a restricted incident is not found for those outside it.
    await linkIncidentMonitor({ actor: editor, input: { incidentNumber: number, monitorId, note: "Probe saw it first" } });
    expect((await db().incidentMonitor.findFirstOrThrow({ where: { monitorId } })).note).toBe("Probe saw it first");
    const secret = await createIncident({
      actor: otherEditor,
      input: incidentInput({ title: "Secret outage", restricted: true }),
    });
    await expect(
      linkIncidentMonitor({ actor: editor, input: { incidentNumber: secret.number, monitorId } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(linkIncidentMonitor({ actor: viewer, input: { incidentNumber: number, monitorId } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await linkIncidentMonitor({ actor: otherEditor, input: { incidentNumber: secret.number, monitorId } });
    // Someone outside the restricted incident sees neither the link nor its count.
    const seen = (await listMonitors({ actor: viewer })).find((m) => m.id === monitorId)!;
    expect(seen.incidentCount).toBe(1);
    await unlinkIncidentMonitor({ actor: otherEditor, input: { incidentNumber: secret.number, monitorId } });
    await expect(
      unlinkIncidentMonitor({ actor: otherEditor, input: { incidentNumber: secret.number, monitorId } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("flags the monitor that stayed green through the demo websocket outage, and the unmonitored service", async () => {
    const incident = await createIncident({
      actor: editor,
      input: incidentInput({
        title: "Websocket endpoint down while the monitor watched JSON-RPC",
        services: ["websocket-gateway", "rpc-gateway"],
        status: "resolved",
        startedAt: "2026-10-24T02:10",
        detectedAt: "2026-10-24T08:05",
        resolvedAt: "2026-10-24T08:20",
      }),
    });
    await db().$transaction((tx) => seedDemoUptime(tx, SYSTEM), { timeout: 60_000 });

    const view = await loadIncidentMonitors({ actor: viewer, incidentNumber: incident.number });
    expect(view.coverage.window).toEqual({ from: Date.parse("2026-10-24T00:10:00Z"), to: Date.parse("2026-10-24T06:20:00Z") });
    expect(view.coverage.rows).toHaveLength(1);
    expect(view.coverage.rows[0]).toMatchObject({
      name: "JSON-RPC endpoint",
      kind: "jsonrpc",
      verdict: "green",
      blindSpot: true,
      linked: false,
    });
    expect(view.coverage.unmonitoredServices).toEqual(["websocket-gateway"]);
    expect(view.coverage.summary).not.toBe("");
    expect(view.linked).toEqual([]);
    expect(view.choices.map((c) => c.name)).toContain("Website");

    // The export's uptime block: the incident's monitors over its whole days in Berlin.
    const { data } = await loadExportData({ actor: viewer, incidentNumber: incident.number });
    expect(data.uptime).not.toBeNull();
    expect(data.uptime).toMatchObject({
      from: "2026-10-23T22:00:00.000Z",
      to: "2026-10-24T22:00:00.000Z",
      timeZone: "Europe/Berlin",
      targetPct: 99.9,
    });
    expect(data.uptime!.monitors.map((m) => [m.name, m.uptimePct, m.downMinutes, m.meetsTarget])).toEqual([
      ["JSON-RPC endpoint", 100, 0, true],
    ]);
    // An incident no monitor watches has no uptime block.
    const other = await createIncident({ actor: editor, input: incidentInput({ services: ["billing"] }) });
    expect((await loadExportData({ actor: viewer, incidentNumber: other.number })).data.uptime).toBeNull();
  });

  it("reports October for the demo monitors against a target, as JSON, Markdown and CSV", async () => {
    const demo = await db().monitor.findMany({ where: { sourceKey: { startsWith: "demo:" } }, orderBy: { name: "asc" } });
    const query = {
      from: "2026-10-01",
      to: "2026-10-31",
      tz: "Europe/Berlin",
      targetPct: "99.99",
      monitors: demo.map((m) => m.id).join(","),
    };
    const report = await loadUptimeReport({ actor: viewer, query });
    expect(report.from).toBe("2026-09-30T22:00:00.000Z");
    expect(report.to).toBe("2026-10-31T23:00:00.000Z");
    expect(report.targetPct).toBe(99.99);
    const website = report.monitors.find((m) => m.name === "Website")!;
    // October in Berlin is 745 hours (the clocks go back); one planned hour is left out, 10 minutes were down.
    const counted = 745 * 60 - 60;
    expect(website).toMatchObject({
      maintenanceMinutes: 60,
      downMinutes: 10,
      unknownMinutes: 0,
      failures: 1,
      meetsTarget: false,
    });
    expect(website.uptimePct).toBeCloseTo(((counted - 10) / counted) * 100, 6);
    expect(website.downtimeWindows).toEqual([
      { start: "2026-10-30T07:15:00.000Z", end: "2026-10-30T07:25:00.000Z", minutes: 10, open: false },
    ]);
    const rpc = report.monitors.find((m) => m.name === "JSON-RPC endpoint")!;
    expect(rpc).toMatchObject({ uptimePct: 100, meetsTarget: true, failures: 0 });

    const md = await exportUptimeReport({ actor: viewer, query: { ...query, format: "md" } });
    expect(md.fileName).toBe("uptime-report-2026-10-01-to-2026-10-31.md");
    expect(md.body).toContain("Website");
    const csv = await exportUptimeReport({ actor: viewer, query: { ...query, format: "csv" } });
    expect(csv.contentType).toContain("text/csv");
    expect(csv.body.trim().split("\n")).toHaveLength(3);

    await expect(loadUptimeReport({ actor: viewer, query: { from: "2026-10-31", to: "2026-10-01" } })).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("draws the latency chart downsampled with extremes kept, and zooms", async () => {
    const rpc = await db().monitor.findFirstOrThrow({ where: { sourceKey: "demo:json-rpc" } });
    const page = await loadMonitorPage({ actor: viewer, monitorId: rpc.id, query: { period: "all" } });
    expect(page.monitor.sampleCount).toBe(129_600);
    expect(page.strip).toHaveLength(90);
    expect(page.strip.at(-1)!.date).toBe("2026-11-20");
    const chart = page.responseChart!;
    const ys = chart.spec.series[0].points.map(([, y]) => y).filter((y): y is number => y !== null);
    expect(ys.length).toBeLessThanOrEqual(2002);
    const latencies = (await db().uptimeSample.aggregate({ where: { monitorId: rpc.id }, _max: { latencyMs: true } }))._max
      .latencyMs;
    expect(Math.max(...ys)).toBe(latencies);
    expect(chart.status).toMatch(/^Showing [\d,]+ of 129,600 response times/);
    expect(chart.spec.annotations).toContainEqual(
      expect.objectContaining({ kind: "window", tone: "bad", from: Date.parse("2026-09-30T11:02:00Z") }),
    );

    const from = Date.parse("2026-10-24T00:00:00Z");
    const zoom = await monitorLatencyChart({
      actor: viewer,
      monitorId: rpc.id,
      query: { from: String(from), to: String(from + 3_600_000) },
    });
    expect(zoom.spec.xRange).toEqual({ min: from, max: from + 3_600_000 });
    expect(zoom.status).toBe("All 61 response times in this window.");
    await expect(monitorLatencyChart({ actor: viewer, monitorId: "nope", query: {} })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    const month = await loadMonitorPage({ actor: viewer, monitorId: rpc.id, query: { period: "month", tz: "UTC" } });
    expect(month.period).toMatchObject({ kind: "month", label: "November 2026", from: Date.parse("2026-11-01T00:00:00Z") });
    await expect(loadMonitorPage({ actor: viewer, monitorId: rpc.id, query: { period: "custom" } })).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });
});
