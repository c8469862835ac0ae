/**
 * Demo uptime evidence for the websocket outage (incident 3, 2026-10-24 02:10–08:20 Europe/Berlin):
 * an Uptime Kuma-like export of two monitors over the 90 days before 2026-11-20. The JSON-RPC
 * monitor on rpc-gateway stays green through the outage (the blind spot the incident is about) and
 * no monitor probes websocket-gateway. Deterministic (seeded), written through the import's own
 * save so the demo shows exactly what an import would.
 *
 * The JSON-RPC endpoint is checked every 60 s (129,600 samples); the website every 5 minutes
 * (25,920), which keeps seeding on the embedded database around two seconds.
 */
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { prng } from "@/lib/loadtests/stats/prng";
import { insertUptimeImport } from "@/lib/uptime/save-uptime-import";
import type { ParsedMonitor, ParsedUptime, UptimeSample } from "@/lib/uptime/types";

const FROM = Date.parse("2026-08-22T00:00:00Z");
const TO = Date.parse("2026-11-20T00:00:00Z");
const HOUR_MS = 3_600_000;

type Outage = { from: string; to: string; code: number | null; message: string };

/** Busier afternoons (peak about 14:00 UTC), quieter nights: the daily shape of a public endpoint. */
function dailyLoad(t: number): number {
  const hour = (t % (24 * HOUR_MS)) / HOUR_MS;
  return 0.5 + 0.5 * Math.cos(((hour - 14) / 24) * 2 * Math.PI);
}

function checks(
  intervalSec: number,
  seed: number,
  latency: (t: number, random: () => number) => number,
  outages: Outage[],
  maintenance: { startsAt: number; endsAt: number }[],
): UptimeSample[] {
  const random = prng(seed);
  const down = outages.map((o) => ({ from: Date.parse(o.from), to: Date.parse(o.to), code: o.code, message: o.message }));
  const samples: UptimeSample[] = [];
  for (let t = FROM; t < TO; t += intervalSec * 1000) {
    const ms = Math.round(latency(t, random) * 10) / 10;
    const outage = down.find((o) => t >= o.from && t < o.to);
    if (maintenance.some((w) => t >= w.startsAt && t < w.endsAt))
      samples.push({ at: t, status: "maintenance", latencyMs: null, code: null, message: "Under maintenance" });
    else if (outage)
      samples.push({
        at: t,
        status: "down",
        latencyMs: outage.code === null ? null : ms,
        code: outage.code,
        message: outage.message,
      });
    else samples.push({ at: t, status: "up", latencyMs: ms, code: 200, message: "200 - OK" });
  }
  return samples;
}

function monitor(m: Omit<ParsedMonitor, "reported" | "outages" | "dataEnd" | "timeZone">): ParsedMonitor {
  return { ...m, reported: [], outages: [], dataEnd: null, timeZone: "Europe/Berlin" };
}

const parsedOf = (m: ParsedMonitor): ParsedUptime => ({
  format: "uptime-kuma-db",
  source: "uptime-kuma",
  monitors: [m],
  notes: [],
  rowsRead: m.samples.length,
});

export function demoJsonRpcMonitor(): ParsedMonitor {
  return monitor({
    sourceKey: "demo:json-rpc",
    name: "JSON-RPC endpoint",
    target: "https://rpc.demo.hindsight.local/",
    kind: "jsonrpc",
    checkIntervalSec: 60,
    samples: checks(
      60,
      31,
      (t, r) => 32 + 18 * dailyLoad(t) + 8 * r() + (r() < 0.002 ? 150 * r() : 0),
      // One short blip weeks before the outage; through the outage itself the RPC port kept answering.
      [{ from: "2026-09-30T11:02:00Z", to: "2026-09-30T11:05:00Z", code: 503, message: "503 - Service Unavailable" }],
      [],
    ),
    maintenance: [],
  });
}

export function demoWebsiteMonitor(): ParsedMonitor {
  const maintenance = [
    {
      startsAt: Date.parse("2026-10-10T01:00:00Z"),
      endsAt: Date.parse("2026-10-10T02:00:00Z"),
      reason: "Hosting provider maintenance",
    },
  ];
  return monitor({
    sourceKey: "demo:website",
    name: "Website",
    target: "https://www.demo.hindsight.local/",
    kind: "http",
    checkIntervalSec: 300,
    samples: checks(
      300,
      32,
      (t, r) => 180 + 140 * dailyLoad(t) + 40 * r() + (r() < 0.01 ? 900 * r() : 0),
      [
        { from: "2026-09-14T13:40:00Z", to: "2026-09-14T13:55:00Z", code: 502, message: "502 - Bad Gateway" },
        { from: "2026-10-30T07:15:00Z", to: "2026-10-30T07:25:00Z", code: null, message: "timeout of 48000ms exceeded" },
        { from: "2026-11-12T22:05:00Z", to: "2026-11-12T22:10:00Z", code: 500, message: "500 - Internal Server Error" },
      ],
      maintenance,
    ),
    maintenance,
  });
}

/** Writes both monitors in the caller's transaction; a second run replaces the same samples. */
export async function seedDemoUptime(tx: Db, actor: Actor): Promise<void> {
  const rpcGateway = await tx.service.findUnique({ where: { name: "rpc-gateway" }, select: { id: true } });
  await insertUptimeImport(tx, actor, { parsed: parsedOf(demoJsonRpcMonitor()), serviceId: rpcGateway?.id });
  await insertUptimeImport(tx, actor, { parsed: parsedOf(demoWebsiteMonitor()) });
}
