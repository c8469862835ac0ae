import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser } from "./support/factories";
import type { PointColumns } from "@/lib/charts/point-columns";
import { bucketWidth, lineBucketsFor, m4, maxPerBucket } from "@/lib/charts/downsample";
import { createIncident } from "@/lib/incidents/create-incident";
import {
  buildSeriesChunks,
  decodeChunk,
  insertSeriesChunks,
  pointsSha256,
  readAllPoints,
  readSeriesWindow,
  seriesChartPoints,
  seriesRange,
  summarizePoints,
  type SeriesChunk,
} from "@/lib/metrics/point-store";

const N = 200_000;
const START = Date.UTC(2026, 4, 12, 0, 0, 0);
const SPIKE = 123_457;
const GAP_FROM = 60_000;
const GAP_TO = 60_500;

/** Latency-like: a daily wave, noise, one spike, a gap, an infinity; 1 s apart with a few repeated times. */
function makeSeries(): PointColumns {
  const times = new Float64Array(N);
  const values = new Float64Array(N);
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < N; i++) {
    times[i] = START + i * 1000 - (i % 5000 === 1 ? 1000 : 0);
    values[i] = 120 + 40 * Math.sin((2 * Math.PI * i) / 86_400) + 15 * random();
  }
  values[SPIKE] = 4_321.5;
  for (let i = GAP_FROM; i < GAP_TO; i++) values[i] = NaN;
  values[150_000] = Infinity;
  values[170_000] = -0;
  return { times, values, length: N };
}

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function levelPoints(chunks: SeriesChunk[], level: number): PointColumns {
  const mine = chunks.filter((c) => c.level === level);
  const length = mine.reduce((n, c) => n + c.count, 0);
  const times = new Float64Array(length);
  const values = new Float64Array(length);
  let at = 0;
  for (const c of mine) {
    const p = decodeChunk(c.data, c.count);
    times.set(p.times, at);
    values.set(p.values, at);
    at += c.count;
  }
  return { times, values, length };
}

function countInWindow(p: PointColumns, from: number, to: number): number {
  let n = 0;
  for (let i = 0; i < p.length; i++) if (p.times[i] >= from && p.times[i] <= to) n++;
  return n;
}

describe.each(DATABASES)("metric point store on %s", (_kind, fresh) => {
  let database: TestDatabase;
  let seriesId: string;
  const raw = makeSeries();
  const chunks = buildSeriesChunks(raw);
  const first = raw.times[0];
  const last = raw.times[N - 1];

  beforeAll(async () => {
    database = await fresh();
    const editor = await makeUser("editor");
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    const client = database.client;
    seriesId = await client.$transaction(
      async (tx) => {
        const chart = await tx.metricChart.create({ data: { incidentId: incident.id, title: "p95 latency", position: 0 } });
        const summary = summarizePoints(raw);
        const series = await tx.metricSeries.create({
          data: {
            chartId: chart.id,
            incidentId: incident.id,
            position: 0,
            name: "p95 latency",
            unit: "ms",
            format: "csv",
            ...summary,
            sha256: pointsSha256(raw),
          },
        });
        await insertSeriesChunks(tx, series.id, chunks);
        return series.id;
      },
      { timeout: 60_000 },
    );
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("stores every block and reads the raw points back bit for bit", async () => {
    const stored = await database.client.metricSeriesChunk.count({ where: { seriesId } });
    expect(stored).toBe(chunks.length);
    const back = await readAllPoints(database.client, seriesId);
    expect(back.length).toBe(N);
    expect(bytes(back.times).equals(bytes(raw.times))).toBe(true);
    expect(bytes(back.values).equals(bytes(raw.values))).toBe(true);
    expect(pointsSha256(back)).toBe(pointsSha256(raw));
    expect(await seriesRange(database.client, seriesId)).toEqual({ from: first, to: last });
  });

  it("writes nothing when the caller's transaction fails", async () => {
    const series = await database.client.metricSeries.findUniqueOrThrow({ where: { id: seriesId } });
    const other = await database.client.metricSeries.create({
      data: {
        ...series,
        id: undefined,
        position: 1,
        name: "rolled back",
        labels: {},
        createdAt: undefined,
        updatedAt: undefined,
      },
    });
    await expect(
      database.client.$transaction(async (tx) => {
        await insertSeriesChunks(tx, other.id, chunks.slice(0, 30));
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    expect(await database.client.metricSeriesChunk.count({ where: { seriesId: other.id } })).toBe(0);
    expect(await seriesRange(database.client, other.id)).toBeNull();
    expect((await readAllPoints(database.client, other.id)).length).toBe(0);
    await database.client.metricSeries.delete({ where: { id: other.id } });
  });

  it("reads a higher level for the full range and level 0 for a narrow window, with exact raw counts", async () => {
    const full = await readSeriesWindow(database.client, { id: seriesId }, { from: first, to: last, maxPoints: 2000 });
    expect(full.level).toBeGreaterThan(0);
    expect(full.rawPointsInWindow).toBe(N);
    expect(full.points.length).toBeLessThanOrEqual(2000 * 8);
    expect(bytes(full.points.values).equals(bytes(levelPoints(chunks, full.level).values))).toBe(true);

    // A window with edges inside blocks: 1,200 points from the middle.
    const from = raw.times[100_003] + 500;
    const to = raw.times[101_203] - 250;
    const narrow = await readSeriesWindow(database.client, { id: seriesId }, { from, to, maxPoints: 2000 });
    expect(narrow.level).toBe(0);
    expect(narrow.rawPointsInWindow).toBe(countInWindow(raw, from, to));
    // The window's points plus the point before and the point after, exactly as stored.
    expect(narrow.points.times[0]).toBe(raw.times[100_003]);
    expect(narrow.points.times[narrow.points.length - 1]).toBe(raw.times[101_203]);
    expect(narrow.points.length).toBe(narrow.rawPointsInWindow + 2);

    // Half the series: a middle level, counted exactly from the level-0 edge blocks.
    const half = await readSeriesWindow(
      database.client,
      { id: seriesId },
      { from: raw.times[33_333] + 1, to: raw.times[133_333] + 1, maxPoints: 2000 },
    );
    expect(half.level).toBeGreaterThan(0);
    expect(half.rawPointsInWindow).toBe(countInWindow(raw, raw.times[33_333] + 1, raw.times[133_333] + 1));

    // Outside the data: nothing in the window, only the last point before it.
    const after = await readSeriesWindow(
      database.client,
      { id: seriesId },
      { from: last + 10_000, to: last + 20_000, maxPoints: 2000 },
    );
    expect(after.rawPointsInWindow).toBe(0);
    expect([...after.points.times]).toEqual([last]);
  });

  it("draws at most maxPoints, keeps the spike and the gap, and matches M4 over the level it read", async () => {
    for (const [from, to] of [
      [first, last],
      [first - 3600_000, last + 3600_000],
      [raw.times[SPIKE - 40_000] + 123, raw.times[SPIKE + 40_000]],
      [raw.times[SPIKE - 1500], raw.times[SPIKE + 1500] + 999],
      [raw.times[GAP_FROM - 300], raw.times[GAP_TO + 300]],
    ]) {
      const drawn = await seriesChartPoints(database.client, { id: seriesId }, { from, to, maxPoints: 2000, kind: "line" });
      expect(drawn.points.length).toBeLessThanOrEqual(2000);
      expect(drawn.points.length).toBeGreaterThan(100);
      expect(drawn.rawPointsInWindow).toBe(countInWindow(raw, from, to));
      const expected = m4(levelPoints(chunks, drawn.level), { from, to, buckets: lineBucketsFor(2000) });
      expect(drawn.points).toEqual(expected);
      if (from <= raw.times[SPIKE] && raw.times[SPIKE] <= to) expect(drawn.points).toContainEqual([raw.times[SPIKE], 4_321.5]);
      if (from <= raw.times[GAP_FROM] && raw.times[GAP_FROM] <= to)
        expect(drawn.points).toContainEqual([raw.times[GAP_FROM], null]);
    }
    const full = await seriesChartPoints(
      database.client,
      { id: seriesId },
      { from: first, to: last, maxPoints: 2000, kind: "line" },
    );
    expect(full.level).toBeGreaterThan(0);
    expect(Math.max(...full.points.map(([, y]) => y ?? -Infinity))).toBe(4_321.5);
  });

  it("draws bars as the maximum per bucket, one per bucket", async () => {
    const from = raw.times[SPIKE - 20_000];
    const to = raw.times[SPIKE + 20_000];
    const drawn = await seriesChartPoints(database.client, { id: seriesId }, { from, to, maxPoints: 500, kind: "bar" });
    expect(drawn.points.length).toBeLessThanOrEqual(500);
    expect(drawn.points).toEqual(maxPerBucket(levelPoints(chunks, drawn.level), { from, to, buckets: 500 }));
    const width = bucketWidth(from, to, 500);
    const spikeBar = drawn.points.find(([x]) => Math.floor(x / width) === Math.floor(raw.times[SPIKE] / width));
    expect(spikeBar?.[1]).toBe(4_321.5);
  });
});
