import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser } from "./support/factories";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { createIncident } from "@/lib/incidents/create-incident";
import { getImportJob } from "@/lib/imports/import-jobs";
import { createUploadDirectory } from "@/lib/imports/temp-files";
import { startMetricImport } from "@/lib/metrics/import-metrics";
import { metricImportInputSchema } from "@/lib/metrics/schema";
import { listIncidentMetricCharts, loadIncidentMetrics } from "@/lib/metrics/load-incident-metrics";
import { metricChartData } from "@/lib/metrics/metric-chart-data";
import { deleteMetricChart, deleteMetricSeries, updateMetricChart, updateMetricSeries } from "@/lib/metrics/edit-metrics";
import { pointsSha256, readAllPoints } from "@/lib/metrics/point-store";
import { renderIncidentChartImages } from "@/lib/metrics/metric-chart-images";

type User = Extract<Actor, { kind: "user" }>;

/** In an upload directory of the import framework, which the job removes when it ends. */
async function tempText(name: string, text: string) {
  const dir = await createUploadDirectory();
  const target = path.join(dir, name);
  fs.writeFileSync(target, text);
  return { files: [{ name, path: target, size: fs.statSync(target).size }], dir };
}

const input = (fields: Record<string, unknown> = {}) => metricImportInputSchema.parse(fields);

/** 17:00Z–18:20Z is the incident (19:00–20:20 CEST); one point a minute from 16:00Z to 19:59Z, a spike at 17:30Z. */
function latencyCsv(): string {
  const lines = ["time,value"];
  for (let m = 0; m < 240; m++) {
    const t = new Date(Date.UTC(2026, 4, 12, 16, m));
    const value = m === 90 ? 4200 : m >= 60 && m < 140 ? 900 + m : 120 + (m % 7);
    lines.push(`${t.toISOString()},${value}`);
  }
  return lines.join("\n") + "\n";
}

const PROMETHEUS = JSON.stringify({
  status: "success",
  data: {
    resultType: "matrix",
    result: [
      {
        metric: { __name__: "redis_memory_used_bytes", instance: "cache-0" },
        values: [
          [1778605200, "1073741824"],
          [1778605260, "NaN"],
          [1778605320, "+Inf"],
          [1778605380, "2147483648"],
        ],
      },
    ],
  },
});

describe.each(DATABASES)("metric snapshots on %s", (_kind, fresh) => {
  let database: TestDatabase;
  let editor: User, viewer: User, otherEditor: User;
  let incidentNumber: number;
  let restrictedNumber: number;

  beforeAll(async () => {
    database = await fresh();
    [editor, viewer, otherEditor] = await Promise.all([makeUser("editor"), makeUser("viewer"), makeUser("editor")]);
    const incident = await createIncident({
      actor: editor,
      input: incidentInput({ mitigatedAt: "2026-05-12T20:20", resolvedAt: "2026-05-12T20:20" }),
    });
    incidentNumber = incident.number;
    const restricted = await createIncident({ actor: otherEditor, input: incidentInput({ title: "Secret", restricted: true }) });
    restrictedNumber = restricted.number;
    await db().timelineEvent.create({
      data: {
        incidentId: incident.id,
        occurredAt: new Date("2026-05-12T17:12:00Z"),
        precision: "minute",
        text: "Alert fired: p95 latency > 800 ms",
      },
    });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("imports a CSV as a job into a new chart; the chart shows the window, the marker and the spike", async () => {
    const upload = await tempText("latency.csv", latencyCsv());
    const { job, run } = await startMetricImport({
      actor: editor,
      incidentNumber,
      upload,
      input: input({ unit: "ms", name: "p95 latency", source: "Grafana: API p95", chartTitle: "API latency" }),
    });
    expect(job.status).toBe("queued");
    expect(job.kind).toBe("metrics");
    const done = await run();
    expect(done.status, done.message ?? "").toBe("succeeded");
    expect(done.message).toContain("240 points");
    expect(fs.existsSync(upload.dir)).toBe(false);

    const { charts } = await listIncidentMetricCharts({ actor: viewer, incidentNumber });
    expect(charts).toHaveLength(1);
    const [chart] = charts;
    expect(chart.id).toBe(done.resultId);
    expect(chart.title).toBe("API latency");
    expect(chart.series).toMatchObject([
      {
        name: "p95 latency",
        unit: "ms",
        source: "Grafana: API p95",
        format: "csv",
        pointCount: 240,
        minValue: 120,
        maxValue: 4200,
      },
    ]);
    expect(chart.series[0].firstAt).toBe("2026-05-12T16:00:00.000Z");
    expect(chart.series[0].sha256).toMatch(/^[0-9a-f]{64}$/);

    const data = await metricChartData({ actor: viewer, chartId: chart.id, query: {} });
    expect(data.incidentTimeZone).toBe("Europe/Berlin");
    expect(data.spec.timeZone).toBe("Europe/Berlin");
    expect(data.incidentWindow).toEqual({ from: Date.parse("2026-05-12T17:00:00Z"), to: Date.parse("2026-05-12T18:20:00Z") });
    expect(data.spec.annotations).toContainEqual(
      expect.objectContaining({
        kind: "window",
        from: Date.parse("2026-05-12T17:00:00Z"),
        to: Date.parse("2026-05-12T18:20:00Z"),
      }),
    );
    expect(data.spec.annotations).toContainEqual(
      expect.objectContaining({
        kind: "marker",
        x: Date.parse("2026-05-12T17:12:00Z"),
        label: "Alert fired: p95 latency > 800 ms",
      }),
    );
    const ys = data.spec.series[0].points.map(([, y]) => y);
    expect(Math.max(...ys.filter((y): y is number => y !== null))).toBe(4200);
    expect(data.series[0]).toMatchObject({ level: 0, rawPointsInWindow: 240 });

    const utc = await metricChartData({ actor: viewer, chartId: chart.id, query: { tz: "utc" } });
    expect(utc.spec.timeZone).toBe("UTC");

    // Zoom: a window of 10 minutes holds the spike and little else.
    const zoom = await metricChartData({
      actor: viewer,
      chartId: chart.id,
      query: { from: String(Date.parse("2026-05-12T17:25:00Z")), to: String(Date.parse("2026-05-12T17:35:00Z")) },
    });
    expect(zoom.spec.xRange).toEqual({ min: Date.parse("2026-05-12T17:25:00Z"), max: Date.parse("2026-05-12T17:35:00Z") });
    expect(zoom.spec.series[0].points.length).toBeLessThanOrEqual(13);
    expect(zoom.spec.annotations.filter((a) => a.kind === "marker")).toHaveLength(0);

    // What exports put beside the Markdown: the page's charts as PNG files, in page order.
    const images = await renderIncidentChartImages({ actor: viewer, incidentNumber, image: { width: 800, height: 400 } });
    expect(images.map((i) => [i.fileName, i.title])).toEqual([["01-api-latency.png", "API latency"]]);
    expect(images[0].png.subarray(1, 4).toString()).toBe("PNG");
    expect(images[0].description).toContain("p95 latency");
  });

  it("keeps Prometheus NaN and +Inf in the snapshot bit for bit and reports them", async () => {
    const upload = await tempText("memory.json", PROMETHEUS);
    const { run } = await startMetricImport({
      actor: editor,
      incidentNumber,
      upload,
      input: input({ source: "redis_memory_used_bytes" }),
    });
    const done = await run();
    expect(done.status, done.message ?? "").toBe("succeeded");
    expect(done.format).toBe("prometheus");
    const { charts } = await listIncidentMetricCharts({ actor: editor, incidentNumber });
    const series = charts.find((c) => c.id === done.resultId)!.series[0];
    expect(series).toMatchObject({ pointCount: 4, gapCount: 1, infiniteCount: 1, minValue: 1073741824, maxValue: 2147483648 });
    expect(series.labels).toMatchObject({ __name__: "redis_memory_used_bytes", instance: "cache-0" });
    const points = await readAllPoints(db(), series.id);
    expect(Array.from(points.values.subarray(0, points.length))).toEqual([1073741824, NaN, Infinity, 2147483648]);
    // The fingerprint on the series is that of the stored points: anyone can check the snapshot is untouched.
    expect(pointsSha256(points)).toBe(series.sha256);
  });

  it("fails a bad file with line and field, and writes nothing", async () => {
    const before = await db().metricSeries.count();
    const upload = await tempText("broken.csv", "time,value\n2026-05-12T16:00:00Z,1\nyesterday,2\n");
    const { run } = await startMetricImport({ actor: editor, incidentNumber, upload, input: input({ unit: "ms" }) });
    const done = await run();
    expect(done.status).toBe("failed");
    expect(done.message).toMatch(/line 3/);
    expect(done.message).toMatch(/time/);
    expect(await db().metricSeries.count()).toBe(before);
    expect(await db().metricChart.count({ where: { title: "broken" } })).toBe(0);
  });

  it("refuses a third unit on a chart, viewers, strangers to a restricted incident and unknown charts", async () => {
    const { charts } = await listIncidentMetricCharts({ actor: editor, incidentNumber });
    const latency = charts.find((c) => c.title === "API latency")!;
    // ms is there; add % then bytes.
    const pct = await tempText("errors.csv", "time,value\n2026-05-12T17:00:00Z,5\n2026-05-12T17:01:00Z,7\n");
    const ok = await (
      await startMetricImport({ actor: editor, incidentNumber, upload: pct, input: input({ unit: "%", chartId: latency.id }) })
    ).run();
    expect(ok.status, ok.message ?? "").toBe("succeeded");
    const bytes = await tempText("mem.csv", "time,value\n2026-05-12T17:00:00Z,5\n");
    const third = await (
      await startMetricImport({
        actor: editor,
        incidentNumber,
        upload: bytes,
        input: input({ unit: "bytes", chartId: latency.id }),
      })
    ).run();
    expect(third.status).toBe("failed");
    expect(third.message).toMatch(/at most 2 units/);

    await expect(
      startMetricImport({
        actor: viewer,
        incidentNumber,
        upload: await tempText("a.csv", "time,value\n2026-05-12T17:00:00Z,1\n"),
        input: input(),
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      startMetricImport({
        actor: editor,
        incidentNumber: restrictedNumber,
        upload: await tempText("a.csv", "1,2\n"),
        input: input(),
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      startMetricImport({
        actor: editor,
        incidentNumber,
        upload: await tempText("a.csv", "1,2\n"),
        input: input({ chartId: "nope" }),
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(metricChartData({ actor: viewer, chartId: latency.id, query: { from: "10", to: "5" } })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    const job = await getImportJob({ actor: editor, id: third.id });
    expect(job.status).toBe("failed");
  });

  it("edits chart and series with versions, moves a series, deletes", async () => {
    const { charts } = await listIncidentMetricCharts({ actor: editor, incidentNumber });
    const latency = charts.find((c) => c.title === "API latency")!;
    const memory = charts.find((c) => c.series.some((s) => s.unit === "count" || s.format === "prometheus"))!;
    await updateMetricChart({
      actor: editor,
      input: { chartId: latency.id, version: latency.version, title: "API p95", kind: "bar", caption: "Look at 17:30" },
    });
    await expect(
      updateMetricChart({
        actor: editor,
        input: { chartId: latency.id, version: latency.version, title: "Stale", kind: "line", caption: "" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const s = latency.series[0];
    await expect(
      updateMetricSeries({
        actor: editor,
        input: { seriesId: s.id, version: s.version, name: "", unit: "ms", source: "", chartId: latency.id },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", fields: { name: expect.any(Array) } });
    await updateMetricSeries({
      actor: editor,
      input: { seriesId: s.id, version: s.version, name: "p95", unit: "ms", source: "Grafana", chartId: memory.id },
    });
    const after = await loadIncidentMetrics({ actor: viewer, incidentNumber });
    const moved = after.charts.find((c) => c.id === memory.id)!;
    expect(moved.series.map((x) => x.name)).toContain("p95");
    expect(after.charts.find((c) => c.id === latency.id)).toMatchObject({
      title: "API p95",
      kind: "bar",
      caption: "Look at 17:30",
    });
    expect(after.charts.find((c) => c.id === latency.id)!.data.spec.kind).toBe("bar");

    await expect(deleteMetricSeries({ actor: viewer, input: { seriesId: s.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await deleteMetricSeries({ actor: editor, input: { seriesId: s.id } });
    expect(await db().metricSeriesChunk.count({ where: { seriesId: s.id } })).toBe(0);
    await deleteMetricChart({ actor: editor, input: { chartId: latency.id } });
    const final = await listIncidentMetricCharts({ actor: editor, incidentNumber });
    expect(final.charts.map((c) => c.id)).not.toContain(latency.id);
    const audit = await db().auditLog.findMany({ where: { action: { startsWith: "metrics." } }, select: { action: true } });
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set([
        "metrics.import",
        "metrics.chart.update",
        "metrics.series.update",
        "metrics.series.delete",
        "metrics.chart.delete",
      ]),
    );
  });
});
