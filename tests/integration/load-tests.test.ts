import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser } from "./support/factories";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { createIncident } from "@/lib/incidents/create-incident";
import { cancelImportJob, createImportJob, getImportJob, STALE_JOB_MS } from "@/lib/imports/import-jobs";
import { runImportJob } from "@/lib/imports/run-import-job";
import { receiveMultipartUpload } from "@/lib/imports/multipart-upload";
import { importTempRoot } from "@/lib/imports/temp-files";
import { startLoadTestImport } from "@/lib/loadtests/import-load-test";
import { getLoadTestRun } from "@/lib/loadtests/get-load-test-run";
import { listLoadTestRuns } from "@/lib/loadtests/list-load-test-runs";
import { linkLoadTestRun, unlinkLoadTestRun } from "@/lib/loadtests/link-load-test-run";
import { listIncidentLoadTests, setObservedLoad } from "@/lib/loadtests/incident-load-tests";
import { deleteLoadTestRun, updateLoadTestRun } from "@/lib/loadtests/update-load-test-run";
import { loadTestImportInputSchema } from "@/lib/loadtests/schema";

type User = Extract<Actor, { kind: "user" }>;

const TAILSPIN = path.resolve("tests/fixtures/loadtests/e2e/tailspin-spacegame-results.jtl");
const TAILSPIN_SOURCE = "/work/shared/fixtures/real/jmeter-jtl-csv/tailspin-spacegame-results.jtl";
const tailspinPath = () => (fs.existsSync(TAILSPIN) ? TAILSPIN : TAILSPIN_SOURCE);

function tempCopy(from: string, name = path.basename(from)) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-lt-"));
  const target = path.join(dir, name);
  fs.copyFileSync(from, target);
  return { name, path: target, size: fs.statSync(target).size };
}

function tempText(name: string, text: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-lt-"));
  const target = path.join(dir, name);
  fs.writeFileSync(target, text);
  return { name, path: target, size: fs.statSync(target).size };
}

const input = (fields: Record<string, unknown> = {}) => loadTestImportInputSchema.parse(fields);

describe.each(DATABASES)("load-test imports on %s", (_kind, fresh) => {
  let database: TestDatabase;
  let editor: User, viewer: User, otherEditor: User, admin: User;

  beforeAll(async () => {
    database = await fresh();
    [editor, viewer, otherEditor, admin] = await Promise.all([
      makeUser("editor"),
      makeUser("viewer"),
      makeUser("editor"),
      makeUser("admin"),
    ]);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("imports a JMeter CSV as a job: progress, figures, source files, audit", async () => {
    const file = tempCopy(tailspinPath());
    const { job, run } = await startLoadTestImport({
      actor: editor,
      upload: { files: [file] },
      input: input({ name: "Space game staging", notes: "10 threads" }),
    });
    expect(job.status).toBe("queued");
    const done = await run();
    expect(done.status).toBe("succeeded");
    expect(done.format).toBe("jmeter-csv");
    expect(done.bytesRead).toBe(file.size);
    expect(done.rowsRead).toBe(300);
    expect(done.percent).toBe(100);
    expect(done.message).toContain("100 requests");

    const saved = await getLoadTestRun({ actor: viewer, id: done.resultId! });
    expect(saved.name).toBe("Space game staging");
    expect(saved.tool).toBe("jmeter");
    expect(saved.statisticsSource).toBe("samples");
    expect(saved.total.count).toBe(100);
    expect(saved.labels.map((l) => [l.label, l.parentLabel, l.count])).toEqual([
      ["HTTP Request", null, 100],
      ["HTTP Request-0", "HTTP Request", 100],
      ["HTTP Request-1", "HTTP Request", 100],
    ]);
    expect(saved.series.length).toBeGreaterThan(0);
    expect(saved.series.reduce((a, p) => a + p.requests, 0)).toBe(100);
    expect(saved.sourceFiles).toEqual([{ name: file.name, size: file.size }]);
    const audit = await database.client.auditLog.findFirst({ where: { action: "loadtest.import", entityId: saved.id } });
    expect(audit?.actorId).toBe(editor.id);
  });

  it("a malformed file fails the job with line and field, and writes nothing", async () => {
    const before = await database.client.loadTestRun.count();
    const bad = tempText(
      "broken.jtl",
      "timeStamp,elapsed,label,responseCode,success\n1601209013719,685,Home,200,true\n1601209014000,abc,Home,200,true\n",
    );
    const { run } = await startLoadTestImport({ actor: editor, upload: { files: [bad] }, input: input() });
    const done = await run();
    expect(done.status).toBe("failed");
    expect(done.errorLine).toBe(3);
    expect(done.errorField).toBe("elapsed");
    expect(done.message).toMatch(/line 3/);
    expect(await database.client.loadTestRun.count()).toBe(before);
    expect(await database.client.loadTestLabelStat.count({ where: { run: { name: { contains: "broken" } } } })).toBe(0);
  });

  it("an unknown format is refused with the list of supported formats", async () => {
    const notes = tempText("notes.txt", "We ran a load test last Tuesday and it went fine.\n");
    const { run } = await startLoadTestImport({ actor: editor, upload: { files: [notes] }, input: input() });
    const done = await run();
    expect(done.status).toBe("failed");
    expect(done.message).toContain("Supported formats");
    expect(done.message).toContain("JMeter JTL (CSV)");
    await expect(
      startLoadTestImport({ actor: editor, upload: { files: [notes] }, input: input({ format: "wrk" }) }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("cancellation stops a running job at its next progress tick and writes nothing", async () => {
    const job = await createImportJob({ actor: editor, kind: "load_test", files: [{ name: "x.jtl", size: 100 }], options: {} });
    let ticks = 0;
    let saved = false;
    const running = runImportJob({
      jobId: job.id,
      work: async (progress) => {
        for (;;) {
          progress.bytes(1);
          progress.rows(1);
          ticks++;
          await progress.tick();
          await new Promise((r) => setTimeout(r, 50));
          if (ticks > 400) break; // 20 s: the test fails on the status below, never hangs
        }
        saved = true;
        return { resultId: "never", message: "never" };
      },
    });
    // Wait until the job reports running with progress, then cancel from "another request".
    for (let i = 0; i < 100; i++) {
      const seen = await getImportJob({ actor: editor, id: job.id });
      if (seen.status === "running" && seen.rowsRead > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await cancelImportJob({ actor: editor, id: job.id });
    const done = await running;
    expect(done.status).toBe("cancelled");
    expect(done.message).toBe("Cancelled; nothing was saved.");
    expect(saved).toBe(false);

    // Cancelled before it starts: never runs.
    const queued = await createImportJob({ actor: editor, kind: "load_test", files: [{ name: "y.jtl", size: 1 }], options: {} });
    await cancelImportJob({ actor: editor, id: queued.id });
    const notRun = await runImportJob({
      jobId: queued.id,
      work: async () => {
        throw new Error("must not run");
      },
    });
    expect(notRun.status).toBe("cancelled");
  });

  it("jobs are private to their owner (and admins), and viewers cannot import", async () => {
    const job = await createImportJob({ actor: editor, kind: "load_test", files: [{ name: "a.jtl", size: 1 }], options: {} });
    await expect(getImportJob({ actor: otherEditor, id: job.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(cancelImportJob({ actor: otherEditor, id: job.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getImportJob({ actor: admin, id: job.id })).id).toBe(job.id);
    await expect(
      createImportJob({ actor: viewer, kind: "load_test", files: [{ name: "a.jtl", size: 1 }], options: {} }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a job orphaned by a stopped server is closed as failed when read", async () => {
    const job = await createImportJob({ actor: editor, kind: "load_test", files: [{ name: "a.jtl", size: 1 }], options: {} });
    await database.client.importJob.update({
      where: { id: job.id },
      data: { status: "running", heartbeatAt: new Date(Date.now() - STALE_JOB_MS - 1000) },
    });
    const seen = await getImportJob({ actor: editor, id: job.id });
    expect(seen.status).toBe("failed");
    expect(seen.message).toMatch(/server stopped/);
  });

  it("links runs to incidents, hides restricted links, and reports the production gap", async () => {
    const open = await createIncident({ actor: editor, input: incidentInput({ title: "Region overload" }) });
    const restricted = await createIncident({ actor: editor, input: incidentInput({ title: "Secret", restricted: true }) });
    const { run } = await startLoadTestImport({
      actor: editor,
      upload: { files: [tempCopy(tailspinPath())] },
      input: input({ incident: String(open.number) }),
    });
    const done = await run();
    expect(done.status).toBe("succeeded");
    const runId = done.resultId!;

    await linkLoadTestRun({ actor: editor, input: { runId, incidentNumber: restricted.number, note: "same test" } });
    // The viewer is not a member of the restricted incident: its link is invisible, and linking to it is a 404.
    const seenByViewer = await getLoadTestRun({ actor: viewer, id: runId });
    expect(seenByViewer.incidents.map((i) => i.number)).toEqual([open.number]);
    const seenByEditor = await getLoadTestRun({ actor: editor, id: runId });
    expect(seenByEditor.incidents.map((i) => i.number).sort()).toEqual([open.number, restricted.number].sort());
    await expect(
      linkLoadTestRun({ actor: otherEditor, input: { runId, incidentNumber: restricted.number } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(linkLoadTestRun({ actor: viewer, input: { runId, incidentNumber: open.number } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    const panel = await listIncidentLoadTests({ actor: viewer, incidentNumber: open.number });
    expect(panel.runs).toHaveLength(1);
    expect(panel.runs[0].count).toBe(100);
    expect(panel.runs[0].peakRps).toBeGreaterThan(0);
    await setObservedLoad({
      actor: editor,
      input: {
        incidentNumber: open.number,
        version: panel.version,
        observedPeakRps: "5000",
        observedPeakUsers: "",
        observedLoadNote: "per region",
      },
    });
    const after = await listIncidentLoadTests({ actor: viewer, incidentNumber: open.number });
    expect(after.observed).toEqual({ peakRps: 5000, peakUsers: null, note: "per region" });
    // The observed load has its own version: an overview edit in between does not make it stale.
    const incidentRow = await database.client.incident.findUniqueOrThrow({ where: { id: open.id } });
    expect(incidentRow.version).toBe(open.version);
    // A second save with the old version is refused with both texts.
    await expect(
      setObservedLoad({
        actor: editor,
        input: { incidentNumber: open.number, version: panel.version, observedPeakRps: "10", observedLoadNote: "" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    await unlinkLoadTestRun({ actor: editor, input: { runId, incidentNumber: restricted.number } });
    await expect(
      unlinkLoadTestRun({ actor: editor, input: { runId, incidentNumber: restricted.number } }),
    ).rejects.toBeInstanceOf(AppError);
    const list = await listLoadTestRuns({ actor: viewer, query: { q: "JMeter" } });
    expect(list.runs.find((r) => r.id === runId)?.incidentNumbers).toEqual([open.number]);
  });

  it("edits name, notes and setup under optimistic locking; delete removes the run and its rows", async () => {
    const { run } = await startLoadTestImport({ actor: editor, upload: { files: [tempCopy(tailspinPath())] }, input: input() });
    const id = (await run()).resultId!;
    const current = await getLoadTestRun({ actor: editor, id });
    await updateLoadTestRun({
      actor: editor,
      input: {
        id,
        version: current.version,
        name: "Week 2: 500 users",
        notes: "cache on",
        environment: "machine: c5.xlarge\nworkers: 4",
      },
    });
    const edited = await getLoadTestRun({ actor: editor, id });
    expect(edited.name).toBe("Week 2: 500 users");
    // Setup keeps the order it was written in (a JSONB object would sort the keys).
    expect(Object.entries(edited.environment)).toEqual([
      ["machine", "c5.xlarge"],
      ["workers", "4"],
    ]);
    await updateLoadTestRun({
      actor: editor,
      input: { id, version: edited.version, name: edited.name, notes: "", environment: "zone: eu-west-1\nagents: 3" },
    });
    expect(Object.keys((await getLoadTestRun({ actor: editor, id })).environment)).toEqual(["zone", "agents"]);
    await expect(
      updateLoadTestRun({
        actor: otherEditor,
        input: { id, version: current.version, name: "stale", notes: "", environment: "" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await deleteLoadTestRun({ actor: editor, id });
    await expect(getLoadTestRun({ actor: editor, id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await database.client.loadTestLabelStat.count({ where: { runId: id } })).toBe(0);
  });
});

describe("multipart uploads", () => {
  function multipartRequest(parts: { name: string; value: string | Blob; fileName?: string }[]) {
    const form = new FormData();
    for (const p of parts) {
      if (typeof p.value === "string") form.append(p.name, p.value);
      else form.append(p.name, p.value, p.fileName);
    }
    return new Request("http://localhost/api/v1/load-tests", { method: "POST", body: form });
  }

  it("streams files to a temporary directory with sizes and hashes, and keeps the fields", async () => {
    const request = multipartRequest([
      { name: "format", value: "locust-csv" },
      { name: "file", value: new Blob(["a,b\n1,2\n"]), fileName: "run_stats.csv" },
      { name: "file", value: new Blob(["x\n"]), fileName: "../../etc/run_failures.csv" },
    ]);
    const upload = await receiveMultipartUpload(request);
    expect(upload.fields).toEqual({ format: "locust-csv" });
    expect(upload.files.map((f) => [f.name, f.size])).toEqual([
      ["run_stats.csv", 8],
      ["run_failures.csv", 2],
    ]);
    expect(upload.files.every((f) => f.path.startsWith(upload.dir))).toBe(true);
    expect(upload.dir.startsWith(importTempRoot())).toBe(true);
    expect(fs.readFileSync(upload.files[0].path, "utf8")).toBe("a,b\n1,2\n");
    fs.rmSync(upload.dir, { recursive: true, force: true });
  });

  it("refuses an upload over the limit and leaves no file behind", async () => {
    const before = fs.existsSync(importTempRoot()) ? fs.readdirSync(importTempRoot()).length : 0;
    const request = multipartRequest([{ name: "file", value: new Blob([Buffer.alloc(200_000)]), fileName: "big.jtl" }]);
    await expect(receiveMultipartUpload(request, { maxBytes: 100_000 })).rejects.toMatchObject({ code: "VALIDATION" });
    const after = fs.existsSync(importTempRoot()) ? fs.readdirSync(importTempRoot()).length : 0;
    expect(after).toBe(before);
  });

  it("refuses a body that is not multipart, and an empty file", async () => {
    await expect(
      receiveMultipartUpload(
        new Request("http://localhost/x", { method: "POST", body: "hello", headers: { "content-type": "text/plain" } }),
      ),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      receiveMultipartUpload(multipartRequest([{ name: "file", value: new Blob([]), fileName: "empty.jtl" }])),
    ).rejects.toThrow(/empty/);
  });
});
