/**
 * The floor for any JTL import in Node: read 1 MiB chunks, split lines, parse one numeric field
 * (elapsed, the second column) and sum it. `node --import tsx bench/bare-split/run.ts <file>` prints
 * one JSON line.
 */
import { createReadStream } from "node:fs";

const LF = 10;
const COMMA = 44;

async function bareSplit(path: string): Promise<{ rows: number; sum: number }> {
  let rest: Buffer | null = null;
  let rows = 0;
  let sum = 0;
  let header = true;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    const buf: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf(LF, pos);
      if (nl === -1) break;
      if (header) header = false;
      else {
        let i = pos;
        while (i < nl && buf[i] !== COMMA) i++;
        let v = 0;
        for (i++; i < nl; i++) {
          const d = buf[i] - 48;
          if (d < 0 || d > 9) break;
          v = v * 10 + d;
        }
        sum += v;
        rows++;
      }
      pos = nl + 1;
    }
    rest = pos < buf.length ? buf.subarray(pos) : null;
  }
  return { rows, sum };
}

const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
const { rows, sum } = await bareSplit(process.argv[2]);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
console.log(
  JSON.stringify({
    rows,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    sum,
  }),
);
