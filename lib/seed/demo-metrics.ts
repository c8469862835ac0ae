/**
 * Demo metric snapshots, shaped like what a team would export from Prometheus or Grafana for the
 * two demo outages: cache memory filling up to maxmemory, and checkout latency under launch
 * traffic. Deterministic (seeded), and written through the same verbs as an import.
 */
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { prng } from "@/lib/loadtests/stats/prng";
import { insertMetricSnapshot, prepareMetricSnapshot } from "@/lib/metrics/save-metric-snapshot";
import type { MetricFormatId, ParsedMetricSeries } from "@/lib/metrics/types";
import type { MetricUnit } from "@/lib/metrics/units";

type Shape = (t: number, random: () => number) => number;

function series(name: string, unit: MetricUnit, fromIso: string, toIso: string, stepSeconds: number, seed: number, shape: Shape) {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  const length = Math.floor((to - from) / (stepSeconds * 1000)) + 1;
  const times = new Float64Array(length);
  const values = new Float64Array(length);
  const random = prng(seed);
  for (let i = 0; i < length; i++) {
    times[i] = from + i * stepSeconds * 1000;
    values[i] = shape(times[i], random);
  }
  return { name, unit, labels: {}, points: { times, values, length } } satisfies ParsedMetricSeries;
}

/** 0 before `a`, 1 after `b`, linear between: ramps of a metric between two instants. */
const ramp = (t: number, a: string, b: string) => Math.min(1, Math.max(0, (t - Date.parse(a)) / (Date.parse(b) - Date.parse(a))));
const between = (t: number, a: string, b: string) => t >= Date.parse(a) && t < Date.parse(b);

const GIB = 1024 ** 3;

async function addChart(
  tx: Db,
  actor: Actor,
  incidentNumber: number,
  chart: { title: string; caption: string; kind?: "line" | "bar"; source: string; format: MetricFormatId },
  list: ParsedMetricSeries[],
) {
  const parsed = { format: chart.format, series: list, notes: [], rowsRead: 0 };
  await insertMetricSnapshot(
    tx,
    actor,
    { incidentNumber, parsed, source: chart.source, chartTitle: chart.title, caption: chart.caption, kind: chart.kind },
    prepareMetricSnapshot(parsed),
  );
}

/** Cache incident (Europe/Berlin, 2026-05-12 19:00–20:20 local, i.e. 17:00–18:20 UTC; resolved 03:00 UTC). */
export async function seedDemoCacheMetrics(tx: Db, actor: Actor, incidentNumber: number) {
  const from = "2026-05-12T14:00:00Z";
  const to = "2026-05-13T05:00:00Z";
  await addChart(
    tx,
    actor,
    incidentNumber,
    {
      title: "redis-cache memory",
      caption: "used_memory climbed to maxmemory (4 GiB) at about 19:00 CEST; eviction of session keys began there.",
      source: 'Prometheus: redis_memory_used_bytes, redis_memory_max_bytes{instance="redis-cache-0"}',
      format: "prometheus",
    },
    [
      series(
        "used_memory",
        "bytes",
        from,
        to,
        15,
        11,
        (t, r) =>
          Math.min(4 * GIB, 2.6 * GIB + 1.45 * GIB * ramp(t, "2026-05-12T14:00:00Z", "2026-05-12T17:00:00Z") + 0.02 * GIB * r()) -
          1.8 * GIB * ramp(t, "2026-05-12T18:15:00Z", "2026-05-12T18:25:00Z"),
      ),
      series("maxmemory", "bytes", from, to, 60, 12, (t) => (t < Date.parse("2026-05-12T18:20:00Z") ? 4 * GIB : 8 * GIB)),
    ],
  );
  await addChart(
    tx,
    actor,
    incidentNumber,
    {
      title: "messaging-api send errors",
      caption:
        "Share of message sends that failed, and requests per second: errors began when the cache started evicting sessions.",
      source: "Grafana: messaging-api / Sends panel (CSV export)",
      format: "grafana-csv",
    },
    [
      series("error rate", "%", from, to, 30, 21, (t, r) =>
        between(t, "2026-05-12T17:00:00Z", "2026-05-12T18:20:00Z") ? 30 + 8 * r() : 0.2 + 0.3 * r(),
      ),
      series("requests/s", "req/s", from, to, 30, 22, (t, r) => {
        const hour = new Date(t).getUTCHours();
        return 1800 + 900 * Math.sin(((hour - 12) / 24) * 2 * Math.PI) + 120 * r();
      }),
    ],
  );
}

/** Checkout incident (UTC, 2026-09-02 14:05–16:30): per-region traffic hit 5k req/s, p95 latency followed. */
export async function seedDemoCheckoutMetrics(tx: Db, actor: Actor, incidentNumber: number) {
  const from = "2026-09-02T12:00:00Z";
  const to = "2026-09-02T18:00:00Z";
  const launch = (t: number) =>
    ramp(t, "2026-09-02T13:50:00Z", "2026-09-02T14:10:00Z") *
    (1 - 0.45 * ramp(t, "2026-09-02T15:30:00Z", "2026-09-02T16:30:00Z"));
  await addChart(
    tx,
    actor,
    incidentNumber,
    {
      title: "Checkout requests per second by region",
      caption: "Launch traffic reached about 5,000 req/s per region, two and a half times what the load tests ran.",
      source: 'Prometheus: sum by (region) (rate(http_requests_total{service="checkout"}[1m]))',
      format: "prometheus",
    },
    ["eu-west", "us-east"].map((region, i) =>
      series(`checkout ${region}`, "req/s", from, to, 10, 31 + i, (t, r) => 1400 + 3600 * launch(t) * (i ? 0.9 : 1) + 150 * r()),
    ),
  );
  await addChart(
    tx,
    actor,
    incidentNumber,
    {
      title: "Checkout p95 latency and CPU",
      caption:
        "p95 latency passed 2 s once the pods hit their CPU limit; it fell when autoscaling ceilings were raised at 14:50.",
      source: 'Prometheus: histogram_quantile(0.95, …), sum(rate(container_cpu_usage_seconds_total{pod=~"checkout-.*"}[1m]))',
      format: "prometheus",
    },
    [
      series("p95 latency", "ms", from, to, 10, 41, (t, r) => {
        const saturated = between(t, "2026-09-02T14:05:00Z", "2026-09-02T14:50:00Z");
        return 180 + 60 * r() + (saturated ? 1900 + 1200 * r() : 300 * launch(t) * r());
      }),
      series("CPU", "cores", from, to, 10, 42, (t, r) => Math.min(48, 14 + 40 * launch(t) + 2 * r())),
    ],
  );
}
