import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { PointColumns } from "@/lib/charts/point-columns";
import {
  buildSeriesChunks,
  CHUNK_POINTS,
  decodeChunk,
  encodeChunk,
  pointsSha256,
  summarizePoints,
  TOP_LEVEL_MAX_POINTS,
  type SeriesChunk,
} from "@/lib/metrics/point-store";

const bytesOf = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** A NaN with a payload other than the canonical one: a copy that goes through a JS number may lose it. */
function payloadNaN(): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, 0x7ff8_0000_dead_beefn);
  return view.getFloat64(0);
}

function series(n: number, value: (i: number) => number, start = 1_700_000_000_000, step = 1000): PointColumns {
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    times[i] = start + i * step;
    values[i] = value(i);
  }
  return { times, values, length: n };
}

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

describe("encodeChunk / decodeChunk", () => {
  it("round-trips times and values bit for bit, NaN payloads, ±Infinity and -0 included", () => {
    const values = Float64Array.from([0, -0, NaN, Infinity, -Infinity, Number.MIN_VALUE, -Number.MAX_VALUE, 1 / 3, 0]);
    new DataView(values.buffer).setFloat64(8 * 8, payloadNaN(), true);
    const times = Float64Array.from(values, (_, i) => 1_700_000_000_000.5 + i);
    const data = encodeChunk({ times, values, length: values.length });
    expect(data.byteLength).toBe(values.length * 16);
    // Little-endian on disk whatever the machine: the first time reads back through a DataView.
    expect(new DataView(data.buffer, data.byteOffset).getFloat64(0, true)).toBe(times[0]);
    const back = decodeChunk(data, values.length);
    expect(back.length).toBe(values.length);
    expect(bytesOf(back.times).equals(bytesOf(times))).toBe(true);
    expect(bytesOf(back.values).equals(bytesOf(values))).toBe(true);
    expect(Object.is(back.values[1], -0)).toBe(true);
  });

  it("encodes a slice of the columns", () => {
    const p = series(10, (i) => i * 10);
    const back = decodeChunk(encodeChunk(p, 3, 7));
    expect([...back.times]).toEqual([...p.times.subarray(3, 7)]);
    expect([...back.values]).toEqual([30, 40, 50, 60]);
  });

  it("views an aligned buffer without copying and copies an unaligned one", () => {
    const p = series(5, (i) => i);
    const aligned = encodeChunk(p);
    expect(decodeChunk(aligned).times.buffer).toBe(aligned.buffer);
    const shifted = Buffer.alloc(aligned.byteLength + 3);
    aligned.copy(shifted, 3);
    const unaligned = shifted.subarray(3);
    const back = decodeChunk(unaligned);
    expect(back.times.buffer).not.toBe(unaligned.buffer);
    expect([...back.values]).toEqual([0, 1, 2, 3, 4]);
  });

  it("refuses a block whose size does not match its count", () => {
    expect(() => decodeChunk(Buffer.alloc(40))).toThrow(/40 bytes/);
    expect(() => decodeChunk(Buffer.alloc(32), 3)).toThrow(/cannot hold 3 points/);
  });
});

describe("buildSeriesChunks", () => {
  const n = 100_000;
  const spikeAt = 54_321;
  const dipAt = 7_777;
  const raw = series(n, (i) => {
    if (i === spikeAt) return 1e6;
    if (i === dipAt) return -1e6;
    if (i >= 30_000 && i < 30_100) return NaN; // a gap of 100 points
    if (i === 80_000) return Infinity;
    return Math.sin(i / 300) * 100 + (i % 7);
  });
  const chunks = buildSeriesChunks(raw);
  const levels = [...new Set(chunks.map((c) => c.level))];

  it("stores level 0 as the raw points, bit for bit, in blocks of CHUNK_POINTS", () => {
    const level0 = chunks.filter((c) => c.level === 0);
    expect(level0.length).toBe(Math.ceil(n / CHUNK_POINTS));
    level0.forEach((c, seq) => {
      expect(c.seq).toBe(seq);
      expect(c.count).toBe(Math.min(CHUNK_POINTS, n - seq * CHUNK_POINTS));
      expect(c.fromMs).toBe(raw.times[seq * CHUNK_POINTS]);
      expect(c.toMs).toBe(raw.times[seq * CHUNK_POINTS + c.count - 1]);
      expect(c.data.byteLength).toBe(c.count * 16);
    });
    const back = levelPoints(chunks, 0);
    expect(bytesOf(back.times).equals(bytesOf(raw.times))).toBe(true);
    expect(bytesOf(back.values).equals(bytesOf(raw.values))).toBe(true);
  });

  it("builds levels that shrink about 8× each until one fits TOP_LEVEL_MAX_POINTS", () => {
    expect(levels).toEqual([0, 1, 2]);
    const sizes = levels.map((l) => levelPoints(chunks, l).length);
    for (let l = 1; l < sizes.length; l++) {
      expect(sizes[l]).toBeLessThan(sizes[l - 1] / 6);
      expect(sizes[l]).toBeGreaterThan(sizes[l - 1] / 9);
    }
    expect(sizes[sizes.length - 1]).toBeLessThanOrEqual(TOP_LEVEL_MAX_POINTS);
    expect(sizes[sizes.length - 2]).toBeGreaterThan(TOP_LEVEL_MAX_POINTS);
  });

  it("keeps the extremes, the gap and the infinity (as a gap) on every level", () => {
    for (const l of levels) {
      const p = levelPoints(chunks, l);
      const at = (t: number) => p.values[p.times.indexOf(t)];
      expect(at(raw.times[spikeAt])).toBe(1e6);
      expect(at(raw.times[dipAt])).toBe(-1e6);
      expect(at(raw.times[30_000])).toBeNaN();
      if (l === 0) expect(at(raw.times[80_000])).toBe(Infinity);
      else expect(at(raw.times[80_000])).toBeNaN();
      let ascending = true;
      for (let k = 1; k < p.length; k++) ascending &&= p.times[k] > p.times[k - 1];
      expect(ascending).toBe(true);
      const chunkBounds = chunks.filter((c) => c.level === l);
      expect(chunkBounds[0].fromMs).toBe(p.times[0]);
      expect(chunkBounds[chunkBounds.length - 1].toMs).toBe(p.times[p.length - 1]);
    }
  });

  it("keeps a short series as one level-0 block, and an empty one as none", () => {
    const short = buildSeriesChunks(series(TOP_LEVEL_MAX_POINTS, (i) => i));
    expect(short.map((c) => [c.level, c.seq, c.count])).toEqual([[0, 0, TOP_LEVEL_MAX_POINTS]]);
    expect(buildSeriesChunks(series(0, () => 0))).toEqual([]);
  });

  it("refuses times that go backwards or are not numbers, naming the point", () => {
    const p = series(5, (i) => i);
    p.times[3] = p.times[1];
    expect(() => buildSeriesChunks(p)).toThrow(/Point 4 .* comes before point 3/);
    const q = series(5, (i) => i);
    q.times[2] = NaN;
    expect(() => buildSeriesChunks(q)).toThrow(/Point 3 has no valid time/);
  });
});

describe("summarizePoints and pointsSha256", () => {
  it("counts points, gaps and infinities and takes min/max over finite values only", () => {
    const p = {
      times: Float64Array.from([1000, 2000, 3000, 4000, 5000]),
      values: Float64Array.from([3, NaN, -Infinity, 7, Infinity]),
      length: 5,
    };
    expect(summarizePoints(p)).toEqual({
      pointCount: 5,
      firstAt: new Date(1000),
      lastAt: new Date(5000),
      minValue: 3,
      maxValue: 7,
      gapCount: 1,
      infiniteCount: 2,
    });
    const empty = { times: new Float64Array(0), values: new Float64Array(0), length: 0 };
    expect(summarizePoints(empty)).toEqual({
      pointCount: 0,
      firstAt: null,
      lastAt: null,
      minValue: null,
      maxValue: null,
      gapCount: 0,
      infiniteCount: 0,
    });
    const onlyGaps = { times: Float64Array.from([1]), values: Float64Array.from([NaN]), length: 1 };
    expect(summarizePoints(onlyGaps)).toMatchObject({ minValue: null, maxValue: null, gapCount: 1 });
  });

  it("hashes the level-0 encoding of all points, whatever the columns' backing buffers", () => {
    const p = series(10_000, (i) => (i % 100 === 0 ? NaN : i));
    const expected = createHash("sha256").update(encodeChunk(p)).digest("hex");
    expect(pointsSha256(p)).toBe(expected);
    // The same points as views into larger arrays, with only `length` meaningful.
    const times = new Float64Array(12_000);
    const values = new Float64Array(12_000);
    times.set(p.times, 1000);
    values.set(p.values, 1000);
    const view = { times: times.subarray(1000), values: values.subarray(1000), length: 10_000 };
    expect(pointsSha256(view)).toBe(expected);
    expect(pointsSha256({ ...p, values: p.values.map((v) => v + 1) })).not.toBe(expected);
  });
});
