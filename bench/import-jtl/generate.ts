/**
 * A realistic JMeter CSV JTL for the import benchmark: JMeter's 17 default columns, three thread
 * groups (100 threads), ten request labels plus the redirect/embedded sub-samples of "Home page",
 * lognormal latencies, ~1 % errors (some with JMeter's multi-line assertion message, which JMeter
 * quotes), and rows in the order JMeter writes them: as samples finish. Deterministic (seeded).
 */
import fs from "node:fs";
import { prng } from "@/lib/loadtests/stats/prng";

const HEADER =
  "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect";

type Step = { label: string; medianMs: number; bytes: number; url: string; subSamples?: boolean };
type Group = { name: string; threads: number; steps: Step[] };

const SHOP = "https://shop.example.com";
const GROUPS: Group[] = [
  {
    name: "Browse",
    threads: 60,
    steps: [
      { label: "Home page", medianMs: 120, bytes: 48_213, url: `${SHOP}/`, subSamples: true },
      { label: "Search products", medianMs: 240, bytes: 21_877, url: `${SHOP}/search?q=garden+chair&page=1` },
      { label: "Product details", medianMs: 95, bytes: 35_102, url: `${SHOP}/products/garden-chair-4411` },
    ],
  },
  {
    name: "Checkout",
    threads: 25,
    steps: [
      { label: "Add to cart", medianMs: 60, bytes: 1_210, url: `${SHOP}/cart/items` },
      { label: "View cart", medianMs: 80, bytes: 9_876, url: `${SHOP}/cart` },
      { label: "Checkout", medianMs: 310, bytes: 12_503, url: `${SHOP}/checkout` },
      { label: "Payment", medianMs: 650, bytes: 2_344, url: `${SHOP}/checkout/payment` },
      { label: "Order confirmation", medianMs: 140, bytes: 7_420, url: `${SHOP}/orders/confirmation` },
    ],
  },
  {
    name: "API clients",
    threads: 15,
    steps: [
      { label: "API GET /items", medianMs: 35, bytes: 4_512, url: `${SHOP}/api/v2/items?limit=50` },
      { label: "API POST /orders", medianMs: 75, bytes: 388, url: `${SHOP}/api/v2/orders` },
    ],
  },
];
const ALL_THREADS = GROUPS.reduce((a, g) => a + g.threads, 0);

type Thread = {
  group: Group;
  groupIndex: number;
  number: number;
  step: number;
  nextStart: number;
  end: number;
  pending: string[];
};

/** Writes `rows` data rows (plus the header) to `path`. */
export function generateJtl(path: string, rows: number, seed = 42): void {
  const random = prng(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const latency = (median: number) => Math.max(1, Math.round(median * Math.exp(0.6 * gaussian())));
  const t0 = Date.UTC(2025, 2, 14, 9, 30, 0);

  const threads: Thread[] = [];
  GROUPS.forEach((group, gi) => {
    for (let n = 1; n <= group.threads; n++) {
      threads.push({
        group,
        groupIndex: gi + 1,
        number: n,
        step: 0,
        nextStart: t0 + Math.floor(random() * 30_000),
        end: 0,
        pending: [],
      });
    }
  });
  // Each thread's next sample; the one finishing first is written next (JMeter writes rows as samples finish).
  const plan = (th: Thread) => {
    const step = th.group.steps[th.step % th.group.steps.length];
    th.step++;
    const start = th.nextStart;
    const elapsed = latency(step.medianMs);
    const roll = random();
    const failed = roll < 0.01;
    const threadName = `${th.group.name} ${th.groupIndex}-${th.number}`;
    const grp = th.group.threads;
    const connect = random() < 0.1 ? Math.round(random() * 40) : 0;
    const latencyMs = Math.max(1, Math.round(elapsed * (0.6 + 0.3 * random())));
    const sent = 250 + Math.floor(random() * 120);
    let code = "200";
    let message = "OK";
    let failure = "";
    let bytes = step.bytes + Math.floor(random() * 400);
    if (failed) {
      if (roll < 0.004) {
        // A Response Assertion failure: JMeter's message spans lines, so JMeter quotes the field.
        code = "500";
        message = "Internal Server Error";
        failure = `"Test failed: code expected to equal /\n\n****** received  : [[[500]]]\n\n****** comparison: [[[200]]]\n\n/"`;
      } else if (roll < 0.007) {
        code = "Non HTTP response code: java.net.SocketTimeoutException";
        message = "Non HTTP response message: Read timed out";
        bytes = 2_105;
      } else {
        code = "503";
        message = "Service Unavailable";
        bytes = 512;
      }
    }
    const row = (label: string, s: number, e: number, b: number, url: string) =>
      `${s},${e},${label},${code},${message},${threadName},text,${!failed},${failure},${b},${sent},${grp},${ALL_THREADS},${url},${Math.min(e, latencyMs)},0,${connect}`;
    th.pending = [row(step.label, start, elapsed, bytes, step.url)];
    if (step.subSamples) {
      const redirect = Math.max(1, Math.round(elapsed * 0.3));
      th.pending.push(row(`${step.label}-0`, start, redirect, 383, step.url.replace("https:", "http:")));
      th.pending.push(row(`${step.label}-1`, start + redirect, elapsed - redirect, bytes - 383, step.url));
    }
    th.end = start + elapsed;
    th.nextStart = th.end + Math.floor(random() * 300); // think time
  };
  threads.forEach(plan);

  // Binary min-heap of threads by sample end.
  const heap = [...threads].sort((a, b) => a.end - b.end);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && heap[l].end < heap[m].end) m = l;
      if (r < heap.length && heap[r].end < heap[m].end) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };

  const fd = fs.openSync(`${path}.part`, "w");
  let out: string[] = [HEADER];
  let outBytes = 0;
  let written = 0;
  while (written < rows) {
    const th = heap[0];
    for (const line of th.pending) {
      if (written === rows) break;
      out.push(line);
      outBytes += line.length;
      written++;
    }
    if (outBytes > 1 << 20) {
      fs.writeSync(fd, out.join("\n") + "\n");
      out = [];
      outBytes = 0;
    }
    plan(th);
    down(0);
  }
  if (out.length) fs.writeSync(fd, out.join("\n") + "\n");
  fs.closeSync(fd);
  fs.renameSync(`${path}.part`, path);
}
