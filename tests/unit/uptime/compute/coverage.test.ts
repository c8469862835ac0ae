import { describe, expect, it } from "vitest";
import { monitorCoverage, type CoverageMonitor } from "@/lib/uptime/compute/coverage";
import type { MonitorSeries } from "@/lib/uptime/compute/types";
import type { UptimeStatus } from "@/lib/uptime/types";
import { MIN, sample, series } from "@/tests/unit/uptime/compute/support";

const t = (hhmm: string) => Date.parse(`2026-06-09T${hhmm}:00Z`);
/** The incident: 02:10–08:20 UTC, 6 h 10 min. */
const window = { from: t("02:10"), to: t("08:20") };

/** A check a minute from `from` to `to` (UTC times of 9 June), status by instant. */
function checks(from: string, to: string, status: (at: number) => UptimeStatus = () => "up"): MonitorSeries {
  const samples = [];
  for (let at = t(from); at < t(to); at += MIN) samples.push(sample(at, status(at)));
  return series(samples, { checkIntervalSec: 60 });
}

const services = [
  { id: "svc-rpc", name: "rpc-node" },
  { id: "svc-ws", name: "websocket-gateway" },
  { id: "svc-dns", name: "dns" },
];

function monitor(partial: Partial<CoverageMonitor> & Pick<CoverageMonitor, "id" | "name" | "kind" | "series">): CoverageMonitor {
  return { target: "", serviceId: null, serviceName: null, linked: false, gapRule: "unknown", ...partial };
}

const rpc = monitor({
  id: "m-rpc",
  name: "RPC probe",
  kind: "jsonrpc",
  target: "https://rpc.example.org",
  serviceId: "svc-rpc",
  serviceName: "rpc-node",
  series: checks("00:00", "12:00"),
});
const ws = monitor({
  id: "m-ws",
  name: "WS gateway",
  kind: "websocket",
  target: "wss://ws.example.org",
  serviceId: "svc-ws",
  serviceName: "websocket-gateway",
  series: checks("00:00", "12:00", (at) => (at >= t("02:14") && at < t("08:00") ? "down" : "up")),
});
const statusPage = monitor({
  id: "m-status",
  name: "Status page",
  kind: "http",
  target: "https://status.example.org",
  linked: true,
  series: checks("00:00", "01:00"),
});
const explorer = monitor({
  id: "m-explorer",
  name: "Explorer",
  kind: "http",
  target: "https://explorer.example.org",
  serviceId: "svc-rpc",
  serviceName: "rpc-node",
  series: checks("05:00", "08:00"),
});
const elsewhere = monitor({
  id: "m-other",
  name: "Docs",
  kind: "http",
  serviceId: "svc-docs",
  serviceName: "docs",
  series: checks("00:00", "12:00"),
});

describe("monitorCoverage", () => {
  const report = monitorCoverage({ window, incidentServices: services, monitors: [rpc, ws, statusPage, explorer, elsewhere] });

  it("takes monitors linked to the incident or on its services, with a verdict each", () => {
    expect(report.rows.map((r) => [r.name, r.verdict, r.blindSpot, r.linked])).toEqual([
      ["RPC probe", "green", true, false],
      ["WS gateway", "caught", false, false],
      ["Status page", "no-data", true, true],
      ["Explorer", "partial-data", false, false],
    ]);
    expect(report.rows[1]).toMatchObject({ downMs: (8 * 60 - 134) * MIN, firstDownAt: t("02:14") });
    expect(report.unmonitoredServices).toEqual(["dns"]);
  });

  it("names the websocket-vs-JSON-RPC blind spot", () => {
    expect(report.rows[0].explanation).toBe(
      "Stayed green for all 6 h 10 min of the incident (02:10–08:20 UTC): it probes JSON-RPC (https://rpc.example.org), which stayed up, while websocket-gateway (WebSocket) was down.",
    );
  });

  it("says when a monitor went down, and why others could not see anything", () => {
    expect(report.rows[1].explanation).toBe(
      "Went down at 02:14 UTC, 4 min after the incident started, and was down for 5 h 46 min of it.",
    );
    expect(report.rows[2].explanation).toBe(
      "Has no data for the incident (02:10–08:20 UTC): its data ends 2026-06-09 01:00 UTC, before the incident, so it could not have seen it.",
    );
    // Checks 05:00–07:59 hold until 08:00: 3 h of 6 h 10 min.
    expect(report.rows[3].explanation).toBe(
      "Has data for only 48% of the incident (3 h of 6 h 10 min, 02:10–08:20 UTC) and saw no downtime in it.",
    );
  });

  it("sums it up", () => {
    expect(report.summary).toBe(
      "1 of 4 monitors saw the outage: WS gateway. RPC probe (JSON-RPC) stayed green: a blind spot. Status page had no data for the incident. Explorer had data for only part of it. dns has no monitor.",
    );
  });

  it("without a websocket monitor, names the incident's other services the green one does not probe", () => {
    const only = monitorCoverage({ window, incidentServices: services.slice(0, 2), monitors: [rpc], timeZone: "Europe/Berlin" });
    expect(only.rows[0].explanation).toBe(
      "Stayed green for all 6 h 10 min of the incident (04:10–10:20 CEST): it probes JSON-RPC (https://rpc.example.org), while the incident also involved websocket-gateway, which it does not probe.",
    );
    expect(only.unmonitoredServices).toEqual(["websocket-gateway"]);
    expect(only.summary).toBe(
      "The only monitor watching this incident did not see it go down. RPC probe (JSON-RPC) stayed green: a blind spot. websocket-gateway has no monitor.",
    );
  });

  it("with no monitor at all says so", () => {
    const none = monitorCoverage({ window, incidentServices: services.slice(1, 2), monitors: [elsewhere] });
    expect(none.rows).toEqual([]);
    expect(none.summary).toBe("No monitor is linked to this incident or watches its services. websocket-gateway has no monitor.");
  });
});
