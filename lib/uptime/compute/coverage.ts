/**
 * Which monitors saw an incident: each monitor linked to it or watching one of its services is
 * caught (down during the incident), green (data for most of it, never down), partial-data or
 * no-data. Green and silent monitors are blind spots; the sentence says what they probe instead.
 */
import { formatInZone, zoneAbbreviation } from "@/lib/time/zones";
import { dataSpan, statusIntervals } from "@/lib/uptime/compute/intervals";
import { computeUptime } from "@/lib/uptime/compute/uptime";
import { formatDurationMs, joinWords, plural } from "@/lib/uptime/compute/format";
import type { CoverageReport, CoverageRow, CoverageVerdict, MonitorSeries, TimeWindow } from "@/lib/uptime/compute/types";
import { MONITOR_KIND_NAMES, type GapRule, type MonitorKind } from "@/lib/uptime/types";

/** A monitor with data for at least this share of the incident and no downtime stayed green. */
const GREEN_COVERAGE_PCT = 90;
/** Coverage from which "all of the incident" is said. */
const FULL_COVERAGE_PCT = 99.5;

export type CoverageMonitor = {
  id: string;
  name: string;
  kind: MonitorKind;
  target: string;
  serviceId: string | null;
  serviceName: string | null;
  linked: boolean;
  series: MonitorSeries;
  gapRule: GapRule;
};

export type CoverageInput = {
  /** The incident's window (start to resolution, or to now while open). */
  window: TimeWindow;
  incidentServices: { id: string; name: string }[];
  monitors: CoverageMonitor[];
  /** Zone the sentences give times in; UTC when omitted. */
  timeZone?: string;
};

type Seen = CoverageMonitor & {
  verdict: CoverageVerdict;
  downMs: number;
  firstDownAt: number | null;
  coveragePct: number | null;
};

export function monitorCoverage(input: CoverageInput): CoverageReport {
  const { window } = input;
  const zone = input.timeZone ?? "UTC";
  const serviceIds = new Set(input.incidentServices.map((s) => s.id));
  const seen: Seen[] = input.monitors
    .filter((m) => m.linked || (m.serviceId !== null && serviceIds.has(m.serviceId)))
    .map((m) => observe(m, window));

  const watched = new Set(input.monitors.map((m) => m.serviceId).filter((id): id is string => id !== null));
  const unmonitoredServices = input.incidentServices.filter((s) => !watched.has(s.id)).map((s) => s.name);

  const rows: CoverageRow[] = seen.map((m) => ({
    monitorId: m.id,
    name: m.name,
    kind: m.kind,
    target: m.target,
    serviceName: m.serviceName,
    linked: m.linked,
    verdict: m.verdict,
    downMs: m.downMs,
    firstDownAt: m.firstDownAt,
    blindSpot: m.verdict === "green" || m.verdict === "no-data",
    explanation: explain(m, seen, input, zone),
  }));
  return { window, rows, unmonitoredServices, summary: summarize(rows, unmonitoredServices) };
}

function observe(m: CoverageMonitor, window: TimeWindow): Seen {
  const intervals = statusIntervals(m.series, window);
  const figures = computeUptime(intervals, window, m.gapRule);
  const firstDown = intervals.find((iv) => iv.status === "down");
  const coverage = figures.coveragePct ?? 0;
  const verdict: CoverageVerdict =
    figures.downMs > 0 ? "caught" : coverage <= 0 ? "no-data" : coverage >= GREEN_COVERAGE_PCT ? "green" : "partial-data";
  return { ...m, verdict, downMs: figures.downMs, firstDownAt: firstDown?.start ?? null, coveragePct: figures.coveragePct };
}

function explain(m: Seen, all: Seen[], input: CoverageInput, zone: string): string {
  const { window } = input;
  const length = window.to - window.from;
  const range = formatRange(window, zone);
  switch (m.verdict) {
    case "caught": {
      const during = `was down for ${formatDurationMs(m.downMs)} of it`;
      if (m.firstDownAt === null || m.firstDownAt <= window.from)
        return `Was already down when the incident started and ${during}.`;
      const delay = formatDurationMs(m.firstDownAt - window.from);
      return `Went down at ${formatAt(m.firstDownAt, window, zone)}, ${delay} after the incident started, and ${during}.`;
    }
    case "green": {
      const stayed =
        (m.coveragePct ?? 0) >= FULL_COVERAGE_PCT
          ? `Stayed green for all ${formatDurationMs(length)} of the incident (${range})`
          : `Stayed green for the ${Math.floor(m.coveragePct ?? 0)}% of the incident it has data for (${range})`;
      return `${stayed}: it probes ${probes(m)}${contrast(m, all, input)}.`;
    }
    case "partial-data": {
      const known = ((m.coveragePct ?? 0) / 100) * length;
      return `Has data for only ${Math.floor(m.coveragePct ?? 0)}% of the incident (${formatDurationMs(known)} of ${formatDurationMs(length)}, ${range}) and saw no downtime in it.`;
    }
    case "no-data": {
      const span = dataSpan(m.series);
      const why =
        span === null
          ? "it has no samples at all"
          : span.to <= window.from
            ? `its data ends ${formatInZone(new Date(span.to), zone, "yyyy-MM-dd HH:mm")} ${zoneAbbreviation(new Date(span.to), zone)}, before the incident`
            : span.from >= window.to
              ? `its data starts ${formatInZone(new Date(span.from), zone, "yyyy-MM-dd HH:mm")} ${zoneAbbreviation(new Date(span.from), zone)}, after the incident`
              : "no check covers that time";
      return `Has no data for the incident (${range}): ${why}, so it could not have seen it.`;
    }
  }
}

/** "JSON-RPC (https://rpc.example.org)". */
function probes(m: CoverageMonitor): string {
  const kind = MONITOR_KIND_NAMES[m.kind];
  return m.target ? `${kind} (${m.target})` : kind;
}

/** What the green monitor did not look at: monitors of other kinds that went down, or incident services it does not watch. */
function contrast(m: Seen, all: Seen[], input: CoverageInput): string {
  const caught = all.filter((o) => o !== m && o.verdict === "caught");
  const otherKinds = caught.filter((o) => o.kind !== m.kind);
  if (otherKinds.length > 0) {
    const names = otherKinds.map((o) => `${o.serviceName ?? o.name} (${MONITOR_KIND_NAMES[o.kind]})`);
    return `, which stayed up, while ${joinWords(unique(names))} ${unique(names).length === 1 ? "was" : "were"} down`;
  }
  if (caught.length > 0) {
    const names = caught.map((o) => `${o.name}${o.target ? ` (${o.target})` : ""}`);
    return `, while ${joinWords(names)} of the same kind went down`;
  }
  const elsewhere = input.incidentServices.map((s) => s.name).filter((name) => name !== m.serviceName);
  if (elsewhere.length > 0) {
    return `, while the incident also involved ${joinWords(elsewhere)}, which it does not probe`;
  }
  return "";
}

function summarize(rows: CoverageRow[], unmonitored: string[]): string {
  const parts: string[] = [];
  const missing =
    unmonitored.length > 0 ? `${joinWords(unmonitored)} ${unmonitored.length === 1 ? "has" : "have"} no monitor.` : null;
  if (rows.length === 0) {
    parts.push("No monitor is linked to this incident or watches its services.");
    if (missing) parts.push(missing);
    return parts.join(" ");
  }
  const caught = rows.filter((r) => r.verdict === "caught");
  const green = rows.filter((r) => r.verdict === "green");
  const silent = rows.filter((r) => r.verdict === "no-data");
  const partial = rows.filter((r) => r.verdict === "partial-data");
  parts.push(
    caught.length === 0
      ? rows.length === 1
        ? "The only monitor watching this incident did not see it go down."
        : `None of the ${plural(rows.length, "monitor")} watching this incident saw it go down.`
      : `${caught.length} of ${plural(rows.length, "monitor")} saw the outage: ${joinWords(caught.map((r) => r.name))}.`,
  );
  if (green.length > 0) {
    parts.push(
      `${joinWords(green.map((r) => `${r.name} (${MONITOR_KIND_NAMES[r.kind]})`))} stayed green: ${green.length === 1 ? "a blind spot" : "blind spots"}.`,
    );
  }
  if (silent.length > 0) parts.push(`${joinWords(silent.map((r) => r.name))} had no data for the incident.`);
  if (partial.length > 0) parts.push(`${joinWords(partial.map((r) => r.name))} had data for only part of it.`);
  if (missing) parts.push(missing);
  return parts.join(" ");
}

/** "02:10–08:20 UTC" within a day, dates added when it spans days. */
function formatRange(window: TimeWindow, zone: string): string {
  const from = new Date(window.from);
  const to = new Date(window.to);
  const sameDay = formatInZone(from, zone, "yyyy-MM-dd") === formatInZone(to, zone, "yyyy-MM-dd");
  const pattern = sameDay ? "HH:mm" : "yyyy-MM-dd HH:mm";
  return `${formatInZone(from, zone, pattern)}–${formatInZone(to, zone, pattern)} ${zoneAbbreviation(from, zone)}`;
}

function formatAt(at: number, window: TimeWindow, zone: string): string {
  const sameDay = formatInZone(new Date(window.from), zone, "yyyy-MM-dd") === formatInZone(new Date(at), zone, "yyyy-MM-dd");
  return `${formatInZone(new Date(at), zone, sameDay ? "HH:mm" : "yyyy-MM-dd HH:mm")} ${zoneAbbreviation(new Date(at), zone)}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
