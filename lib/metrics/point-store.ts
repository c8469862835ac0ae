/**
 * The point store: a metric series kept in MetricSeriesChunk blocks of little-endian float64
 * (count times, then count values). Level 0 holds the raw points bit for bit (NaN, ±Infinity and
 * -0 included); each higher level is a min/max reduction of the one below (`minMaxLevel`, about
 * 1/8 the size), built until a level fits a chart a few times over. A chart of any window reads
 * the lowest level with at most maxPoints × 8 points in it, so a 10-million-point series and a
 * zoom into its last minute both read a few blocks, then M4 picks what is drawn.
 *
 * Bytes travel as base64 text (`decode`/`encode` in SQL): pglite-prisma-adapter 0.6.1 cannot pass
 * Prisma's Bytes values, and the same SQL then works on PGlite and PostgreSQL alike.
 */
import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import type { PointColumns } from "@/lib/charts/point-columns";
import type { ChartPoint } from "@/lib/charts/spec";
import { bucketWidth, firstIndexWhere, lineBucketsFor, m4, maxPerBucket, minMaxLevel } from "@/lib/charts/downsample";

/** Points per block: 64 KB of data, small enough to read a window's edges cheaply. */
export const CHUNK_POINTS = 4096;
/** Each level reduces buckets of this many points to their min and max: about 1/8 of the level below. */
export const LEVEL_BUCKET = 16;
/** Levels are built until one has at most this many points (2 × a 2,048-point chart). */
export const TOP_LEVEL_MAX_POINTS = 2 * 2048;
/** A window reads the lowest level with at most maxPoints × this many points in it. */
export const LEVEL_READ_FACTOR = 8;
/** Base64 characters per INSERT: several blocks a statement, each statement a couple of MB. */
const MAX_STATEMENT_CHARS = 2 * 1024 * 1024;

export type SeriesChunk = { level: number; seq: number; fromMs: number; toMs: number; count: number; data: Buffer };

export type PointSummary = {
  pointCount: number;
  firstAt: Date | null;
  lastAt: Date | null;
  /** Over finite values only; null when there are none. */
  minValue: number | null;
  maxValue: number | null;
  /** NaN values (gaps). */
  gapCount: number;
  /** ±Infinity values (kept, drawn as gaps). */
  infiniteCount: number;
};

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** One block: `count` times then `count` values, little-endian float64, copied bit for bit. */
export function encodeChunk(points: PointColumns, start = 0, end = points.length): Buffer {
  const count = end - start;
  const bytes = new ArrayBuffer(count * 16);
  if (LITTLE_ENDIAN) {
    new Float64Array(bytes, 0, count).set(points.times.subarray(start, end));
    new Float64Array(bytes, count * 8, count).set(points.values.subarray(start, end));
  } else {
    const view = new DataView(bytes);
    for (let i = 0; i < count; i++) {
      view.setFloat64(i * 8, points.times[start + i], true);
      view.setFloat64((count + i) * 8, points.values[start + i], true);
    }
  }
  return Buffer.from(bytes);
}

/**
 * A block as columns. On little-endian machines these are views of `data` (no copy) when it is
 * 8-byte aligned; an unaligned buffer is copied once, since a Float64Array cannot start there.
 */
export function decodeChunk(data: Uint8Array, count = data.byteLength / 16): PointColumns {
  if (!Number.isInteger(count) || count < 0 || data.byteLength !== count * 16) {
    throw new Error(`A point block of ${data.byteLength} bytes cannot hold ${count} points of 16 bytes each.`);
  }
  if (LITTLE_ENDIAN) {
    let bytes = data;
    if (bytes.byteOffset % 8 !== 0) bytes = new Uint8Array(data);
    return {
      times: new Float64Array(bytes.buffer, bytes.byteOffset, count),
      values: new Float64Array(bytes.buffer, bytes.byteOffset + count * 8, count),
      length: count,
    };
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const times = new Float64Array(count);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    times[i] = view.getFloat64(i * 8, true);
    values[i] = view.getFloat64((count + i) * 8, true);
  }
  return { times, values, length: count };
}

function assertAscending(points: PointColumns): void {
  const { times, length } = points;
  if (times.length < length || points.values.length < length)
    throw new Error(`Point columns are shorter than their length ${length}.`);
  for (let i = 0; i < length; i++) {
    const t = times[i];
    if (!Number.isFinite(t)) throw new Error(`Point ${i + 1} has no valid time (${t}).`);
    if (i > 0 && t < times[i - 1])
      throw new Error(`Point ${i + 1} (${t}) comes before point ${i} (${times[i - 1]}): times must ascend.`);
  }
}

function pushLevel(chunks: SeriesChunk[], level: number, points: PointColumns): void {
  for (let seq = 0, start = 0; start < points.length; seq++, start += CHUNK_POINTS) {
    const end = Math.min(points.length, start + CHUNK_POINTS);
    chunks.push({
      level,
      seq,
      fromMs: points.times[start],
      toMs: points.times[end - 1],
      count: end - start,
      data: encodeChunk(points, start, end),
    });
  }
}

/** Every block of a series: level 0 (the raw points exactly), then min/max levels until one is small. */
export function buildSeriesChunks(points: PointColumns): SeriesChunk[] {
  assertAscending(points);
  const chunks: SeriesChunk[] = [];
  let level = 0;
  let current = points;
  for (;;) {
    pushLevel(chunks, level, current);
    if (current.length <= TOP_LEVEL_MAX_POINTS) return chunks;
    current = minMaxLevel(current, LEVEL_BUCKET);
    level++;
  }
}

export function summarizePoints(points: PointColumns): PointSummary {
  const { times, values, length } = points;
  let minValue = Infinity;
  let maxValue = -Infinity;
  let gapCount = 0;
  let infiniteCount = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) gapCount++;
    else if (v === Infinity || v === -Infinity) infiniteCount++;
    else {
      if (v < minValue) minValue = v;
      if (v > maxValue) maxValue = v;
    }
  }
  const finite = length - gapCount - infiniteCount > 0;
  return {
    pointCount: length,
    firstAt: length > 0 ? new Date(times[0]) : null,
    lastAt: length > 0 ? new Date(times[length - 1]) : null,
    minValue: finite ? minValue : null,
    maxValue: finite ? maxValue : null,
    gapCount,
    infiniteCount,
  };
}

/** Hex SHA-256 of the level-0 encoding of all points (all times, then all values): independent of block size. */
export function pointsSha256(points: PointColumns): string {
  const hash = createHash("sha256");
  if (LITTLE_ENDIAN) {
    const { times, values, length } = points;
    hash.update(new Uint8Array(times.buffer, times.byteOffset, length * 8));
    hash.update(new Uint8Array(values.buffer, values.byteOffset, length * 8));
  } else hash.update(encodeChunk(points));
  return hash.digest("hex");
}

/** Writes the blocks, a few MB per INSERT; runs inside the caller's transaction when given one. */
export async function insertSeriesChunks(tx: Db, seriesId: string, chunks: SeriesChunk[]): Promise<void> {
  let rows: Prisma.Sql[] = [];
  let chars = 0;
  const flush = async () => {
    if (rows.length === 0) return;
    await tx.$executeRaw`
      INSERT INTO "MetricSeriesChunk" ("seriesId", level, seq, "fromMs", "toMs", count, data)
      VALUES ${Prisma.join(rows)}`;
    rows = [];
    chars = 0;
  };
  for (const c of chunks) {
    const b64 = c.data.toString("base64");
    if (chars + b64.length > MAX_STATEMENT_CHARS) await flush();
    rows.push(
      Prisma.sql`(${seriesId}, ${c.level}::int, ${c.seq}::int, ${c.fromMs}::float8, ${c.toMs}::float8, ${c.count}::int, decode(${b64}, 'base64'))`,
    );
    chars += b64.length;
  }
  await flush();
}

type ChunkRow = { level: number; seq: number; count: number; fromMs: number; toMs: number; b64: string };

// Node's base64 decoder skips the line breaks PostgreSQL's encode() puts every 76 characters.
const decodeRow = (row: ChunkRow) => decodeChunk(Buffer.from(row.b64, "base64"), row.count);

function concatColumns(parts: { points: PointColumns; start: number; end: number }[]): PointColumns {
  const nonEmpty = parts.filter((p) => p.end > p.start);
  if (nonEmpty.length === 1) {
    const { points, start, end } = nonEmpty[0];
    return { times: points.times.subarray(start, end), values: points.values.subarray(start, end), length: end - start };
  }
  const length = nonEmpty.reduce((n, p) => n + p.end - p.start, 0);
  const times = new Float64Array(length);
  const values = new Float64Array(length);
  let at = 0;
  for (const { points, start, end } of nonEmpty) {
    times.set(points.times.subarray(start, end), at);
    values.set(points.values.subarray(start, end), at);
    at += end - start;
  }
  return { times, values, length };
}

/**
 * The points of a window, read from the lowest level with at most maxPoints × 8 points in it (the
 * highest level when none has), plus the last point before the window and the first after it.
 * With `alignTo` (a bucket width) the window is widened to whole buckets aligned to epoch 0, as
 * M4 uses them. The level is chosen from block metadata alone: blocks overlapping the window
 * count whole when inside it and pro rata by time at its edges. `rawPointsInWindow` is exact: the
 * level-0 blocks inside [from, to] by their counts, the blocks across its edges (two at most, unless
 * many points share one time) by reading them.
 */
export async function readSeriesWindow(
  client: Db,
  series: { id: string },
  window: { from: number; to: number; maxPoints: number; alignTo?: number },
): Promise<{ level: number; points: PointColumns; rawPointsInWindow: number }> {
  const { from, to, maxPoints, alignTo } = window;
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from)
    throw new RangeError(`Cannot read the window ${from} … ${to}.`);
  if (!(maxPoints >= 1)) throw new RangeError(`maxPoints must be at least 1, not ${maxPoints}.`);
  if (alignTo !== undefined && !(alignTo > 0)) throw new RangeError(`alignTo must be a positive bucket width, not ${alignTo}.`);

  const plan = await client.$queryRaw<{ level: number; estimate: number; inside: number }[]>`
    SELECT level,
      sum(CASE WHEN "fromMs" >= ${from}::float8 AND "toMs" <= ${to}::float8 THEN count::float8
               WHEN "toMs" > "fromMs" THEN count * (LEAST("toMs", ${to}::float8) - GREATEST("fromMs", ${from}::float8)) / ("toMs" - "fromMs")
               ELSE count::float8 END)::float8 AS estimate,
      COALESCE(sum(count) FILTER (WHERE "fromMs" >= ${from}::float8 AND "toMs" <= ${to}::float8), 0)::float8 AS inside
    FROM "MetricSeriesChunk"
    WHERE "seriesId" = ${series.id} AND "toMs" >= ${from}::float8 AND "fromMs" <= ${to}::float8
    GROUP BY level
    ORDER BY level`;
  const budget = maxPoints * LEVEL_READ_FACTOR;
  const estimates = new Map(plan.map((r) => [Number(r.level), Number(r.estimate)]));
  const topLevel = plan.reduce((m, r) => Math.max(m, Number(r.level)), 0);
  let level = topLevel;
  for (let l = 0; l <= topLevel; l++) {
    if ((estimates.get(l) ?? 0) <= budget) {
      level = l;
      break;
    }
  }
  const inside = Number(plan.find((r) => Number(r.level) === 0)?.inside ?? 0);

  // The read range, and which points lie before or after it (the same floor test as M4's buckets).
  const lo = alignTo ? Math.floor(from / alignTo) * alignTo : from;
  const hi = alignTo ? (Math.floor(to / alignTo) + 1) * alignTo : to;
  const margin = alignTo ? alignTo * 1e-6 : 0;
  const isBefore = alignTo ? (t: number) => Math.floor(t / alignTo) < Math.floor(from / alignTo) : (t: number) => t < from;
  const isAfter = alignTo ? (t: number) => Math.floor(t / alignTo) > Math.floor(to / alignTo) : (t: number) => t > to;

  // From the last block starting before the range (it holds the point before) to the first block
  // ending after it (it holds the point after); plus, above level 0, the level-0 blocks at the edges.
  const rows = await client.$queryRaw<ChunkRow[]>`
    SELECT level, seq, count, "fromMs", "toMs", encode(data, 'base64') AS b64
    FROM "MetricSeriesChunk"
    WHERE "seriesId" = ${series.id} AND level = ${level}::int
      AND seq >= COALESCE((SELECT max(seq) FROM "MetricSeriesChunk"
                           WHERE "seriesId" = ${series.id} AND level = ${level}::int AND "fromMs" < ${lo - margin}::float8), 0)
      AND seq <= COALESCE((SELECT min(seq) FROM "MetricSeriesChunk"
                           WHERE "seriesId" = ${series.id} AND level = ${level}::int AND "toMs" > ${hi + margin}::float8), 2147483647)
    UNION ALL
    SELECT level, seq, count, "fromMs", "toMs", encode(data, 'base64') AS b64
    FROM "MetricSeriesChunk"
    WHERE ${level}::int > 0 AND "seriesId" = ${series.id} AND level = 0
      AND "toMs" >= ${from}::float8 AND "fromMs" <= ${to}::float8
      AND NOT ("fromMs" >= ${from}::float8 AND "toMs" <= ${to}::float8)
    ORDER BY level, seq`;

  let rawPointsInWindow = inside;
  const blocks: PointColumns[] = [];
  for (const row of rows) {
    const r = { ...row, level: Number(row.level), count: Number(row.count), fromMs: Number(row.fromMs), toMs: Number(row.toMs) };
    const isEdge = r.level === 0 && r.toMs >= from && r.fromMs <= to && !(r.fromMs >= from && r.toMs <= to);
    const points = r.level === level || isEdge ? decodeRow(r) : null;
    if (points && isEdge) {
      const first = firstIndexWhere(points.times, 0, points.length, (t) => t >= from);
      rawPointsInWindow += firstIndexWhere(points.times, first, points.length, (t) => t > to) - first;
    }
    if (points && r.level === level) blocks.push(points);
  }

  // Keep the points from the last one before the range to the first one after it.
  const parts: { points: PointColumns; start: number; end: number }[] = [];
  let beforeAt: { block: number; index: number } | null = null;
  let afterFound = false;
  for (let b = 0; b < blocks.length && !afterFound; b++) {
    const points = blocks[b];
    const start = firstIndexWhere(points.times, 0, points.length, (t) => !isBefore(t));
    if (start > 0) beforeAt = { block: b, index: start - 1 };
    const end = firstIndexWhere(points.times, start, points.length, isAfter);
    afterFound = end < points.length;
    parts.push({ points, start, end: afterFound ? end + 1 : end });
  }
  if (beforeAt) {
    // Only the one point before the range is kept; earlier blocks held nothing else needed.
    parts.splice(0, beforeAt.block);
    parts[0] = { ...parts[0], start: beforeAt.index };
  }
  return { level, points: concatColumns(parts), rawPointsInWindow };
}

/**
 * A series as drawn in a window: lines by M4 (⌊(maxPoints − 2) / 4⌋ buckets, so at most maxPoints
 * points), bars by the maximum per bucket (maxPoints buckets).
 */
export async function seriesChartPoints(
  client: Db,
  series: { id: string },
  window: { from: number; to: number; maxPoints: number; kind: "line" | "bar" },
): Promise<{ points: ChartPoint[]; level: number; rawPointsInWindow: number }> {
  const { from, to, maxPoints, kind } = window;
  const buckets = kind === "line" ? lineBucketsFor(maxPoints) : Math.max(2, Math.floor(maxPoints));
  const alignTo = bucketWidth(from, to, buckets);
  const read = await readSeriesWindow(client, series, { from, to, maxPoints, alignTo });
  const points = kind === "line" ? m4(read.points, { from, to, buckets }) : maxPerBucket(read.points, { from, to, buckets });
  return { points, level: read.level, rawPointsInWindow: read.rawPointsInWindow };
}

/** Every raw point of a series (level 0), for exports and checks. */
export async function readAllPoints(client: Db, seriesId: string): Promise<PointColumns> {
  const rows = await client.$queryRaw<ChunkRow[]>`
    SELECT level, seq, count, "fromMs", "toMs", encode(data, 'base64') AS b64
    FROM "MetricSeriesChunk" WHERE "seriesId" = ${seriesId} AND level = 0 ORDER BY seq`;
  const blocks = rows.map((row) => decodeRow({ ...row, count: Number(row.count) }));
  if (blocks.length === 0) return { times: new Float64Array(0), values: new Float64Array(0), length: 0 };
  return concatColumns(blocks.map((points) => ({ points, start: 0, end: points.length })));
}

/** First and last point time of a series, or null when it has no points. */
export async function seriesRange(client: Db, seriesId: string): Promise<{ from: number; to: number } | null> {
  const rows = await client.$queryRaw<{ from: number | null; to: number | null }[]>`
    SELECT min("fromMs") AS "from", max("toMs") AS "to" FROM "MetricSeriesChunk" WHERE "seriesId" = ${seriesId} AND level = 0`;
  const row = rows[0];
  return row && row.from !== null && row.to !== null ? { from: Number(row.from), to: Number(row.to) } : null;
}
