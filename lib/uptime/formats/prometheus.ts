/**
 * Prometheus `query_range` responses as uptime: each `probe_success` (blackbox exporter) or `up`
 * series is a monitor, 1 up and 0 down; latency series (`probe_duration_seconds`, any `…_seconds` or
 * `…_milliseconds`) and `probe_http_status_code` join the monitor whose labels they share. Reading
 * the JSON is the metric importer's (NaN, errors and instant queries handled there).
 */
import { ImportError } from "@/lib/imports/errors";
import type { FileHead, ImportFile } from "@/lib/imports/files";
import { prometheusImporter } from "@/lib/metrics/formats/prometheus";
import type { ParsedMetricSeries } from "@/lib/metrics/types";
import { guessMonitorKind, medianIntervalSec, orderSamples } from "@/lib/uptime/formats/samples";
import type { ParsedMonitor, ParsedUptime, UptimeImportContext, UptimeImporter, UptimeSample } from "@/lib/uptime/types";

export const uptimePrometheusImporter: UptimeImporter = {
  id: "prometheus",
  title: "Prometheus query_range JSON (probe_success or up, with latency)",
  detect(heads: FileHead[]): boolean {
    return heads.length > 0 && heads.every((h) => prometheusImporter.detect(h));
  },
  parse: parsePrometheusUptime,
};

const STATUS_NAMES = ["probe_success", "up"];
/** Labels that tell apart readings of one target rather than targets (blackbox's per-phase durations). */
const NOT_IDENTITY = new Set(["__name__", "phase"]);

type Series = ParsedMetricSeries & { file: string };
type Role = { kind: "status" } | { kind: "latency"; factor: number } | { kind: "code" } | { kind: "unknown"; why: string };

/** What a series is, from its metric name (or its values when a function dropped the name). */
function roleOf(s: Series): Role {
  const name = s.labels.__name__ ?? "";
  if (STATUS_NAMES.includes(name)) return { kind: "status" };
  if (name === "probe_http_status_code") return { kind: "code" };
  if (/_seconds$/.test(name)) return { kind: "latency", factor: 1000 };
  if (/_(?:milliseconds|ms)$/.test(name)) return { kind: "latency", factor: 1 };
  if (name === "") {
    const { values, length } = s.points;
    let binary = true;
    for (let i = 0; i < length && binary; i++) binary = values[i] !== values[i] || values[i] === 0 || values[i] === 1;
    if (binary) return { kind: "status" };
    return {
      kind: "unknown",
      why: "has no metric name and values other than 0 and 1 (an average such as avg_over_time(probe_success[5m]) is not a check result)",
    };
  }
  return {
    kind: "unknown",
    why: `is ${name}, neither a probe result (probe_success, up) nor a latency in seconds or milliseconds`,
  };
}

/** The labels that name the target, in a stable order: `instance="https://x",job="blackbox"`. */
function identityOf(labels: Record<string, string>): string {
  return Object.keys(labels)
    .filter((k) => !NOT_IDENTITY.has(k))
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(",");
}

/** A blackbox module name ("http_2xx", "tcp_connect", "icmp") as a monitor type guessMonitorKind knows. */
function moduleType(module: string | undefined): string | null {
  const m = (module ?? "").toLowerCase();
  if (!m) return null;
  if (/websocket|\bws/.test(m)) return "websocket";
  if (/^dns/.test(m)) return "dns";
  if (/^tcp/.test(m)) return "tcp";
  if (/^https?/.test(m)) return "http";
  return m;
}

async function parsePrometheusUptime(files: ImportFile[], ctx: UptimeImportContext): Promise<ParsedUptime> {
  const notes: string[] = [];
  const series: Series[] = [];
  let rowsRead = 0;
  for (const file of files) {
    const parsed = await prometheusImporter.parse(file, { progress: ctx.progress, options: { timeZone: ctx.options.timeZone } });
    rowsRead += parsed.rowsRead;
    // Prometheus' own warnings stay; the metric importer's notes about drawing gaps do not apply here.
    for (const note of parsed.notes) if (/^Prometheus (?:warned|noted)/.test(note) && !notes.includes(note)) notes.push(note);
    for (const s of parsed.series) series.push({ ...s, file: file.name });
  }

  const statusById = new Map<string, Series[]>();
  const latencyById = new Map<string, { series: Series; factor: number }[]>();
  const codeById = new Map<string, Series[]>();
  const leftOut: string[] = [];
  for (const s of series) {
    const role = roleOf(s);
    const id = identityOf(s.labels);
    if (role.kind === "status") push(statusById, id, s);
    else if (role.kind === "latency") push(latencyById, id, { series: s, factor: role.factor });
    else if (role.kind === "code") push(codeById, id, s);
    else leftOut.push(`${s.name} (${s.file}) ${role.why}`);
  }
  if (statusById.size === 0) {
    throw new ImportError(
      (latencyById.size > 0
        ? "these files hold latency series but no probe result: "
        : "these files hold no series that is a probe result: ") +
        "uptime needs a probe_success (blackbox exporter) or up series, 1 for up and 0 for down. Query it over the same range " +
        "(/api/v1/query_range?query=probe_success&…) and upload it with the latency file.",
      { file: files.map((f) => f.name).join(", ") },
    );
  }

  const monitors: ParsedMonitor[] = [];
  const labelsOf = new Map<ParsedMonitor, Record<string, string>>();
  let nan = 0;
  let unmatchedLatency = 0;
  let duplicates = 0;
  for (const [id, candidates] of statusById) {
    // probe_success and up of the same labels: the probe is what checked the target.
    const preferred = candidates.some((s) => s.labels.__name__ === "probe_success")
      ? "probe_success"
      : candidates[0].labels.__name__;
    const chosen = candidates.filter((s) => s.labels.__name__ === preferred);
    for (const s of candidates)
      if (!chosen.includes(s)) leftOut.push(`${s.name} (${s.file}) repeats the target of a probe_success series`);
    const latency = latencyLookup(latencyById.get(id) ?? []);
    const codes = valueLookup(codeById.get(id) ?? [], 1);
    const samples: UptimeSample[] = [];
    for (const s of chosen) {
      const { times, values, length } = s.points;
      for (let i = 0; i < length; i++) {
        const v = values[i];
        if (v !== v) {
          nan++;
          continue;
        }
        if (v !== 0 && v !== 1) {
          throw new ImportError(
            `series ${s.name} has the value ${v} at ${new Date(times[i]).toISOString()}: a probe result is 1 (up) or 0 (down). ` +
              "Query the series itself, not an average of it.",
            { file: s.file },
          );
        }
        const status = v === 1 ? "up" : "down";
        const code = codes.get(times[i]);
        // A failed probe's duration is the time it took to fail, not a response time.
        const latencyMs = status === "up" ? (latency.get(times[i]) ?? null) : null;
        samples.push({ at: times[i], status, latencyMs, code: code ? code : null, message: "" });
      }
    }
    const ordered = orderSamples(samples);
    duplicates += ordered.duplicates;
    if (latency.size > 0 && !ordered.samples.some((x) => x.latencyMs !== null)) unmatchedLatency++;
    const labels = chosen[0].labels;
    const target = labels.instance ?? labels.target ?? "";
    const monitor: ParsedMonitor = {
      sourceKey: id || "{}",
      name: target || labels.job || id || chosen[0].name,
      target,
      kind: guessMonitorKind(target, moduleType(labels.module)),
      samples: ordered.samples,
      checkIntervalSec: medianIntervalSec(ordered.samples),
      dataEnd: null,
      reported: [],
      outages: [],
      maintenance: [],
      timeZone: null,
    };
    monitors.push(monitor);
    labelsOf.set(monitor, labels);
  }
  for (const [id, list] of latencyById) {
    if (!statusById.has(id))
      for (const { series: s } of list) leftOut.push(`${s.name} (${s.file}) has no probe result with the same labels`);
  }
  distinctNames(monitors, labelsOf);

  notes.push(
    "Prometheus returns one value per query step (the latest sample before each step), so a failure shorter than the step " +
      "can be missed: query with a step no longer than the scrape interval.",
  );
  if (unmatchedLatency > 0) {
    notes.push(
      `The latency of ${unmatchedLatency} monitor${unmatchedLatency === 1 ? "" : "s"} was left out: its steps fall at other times ` +
        "than the probe result's. Query both over the same start, end and step.",
    );
  }
  if (nan > 0)
    notes.push(`${nan.toLocaleString("en-US")} NaN value${nan === 1 ? " was" : "s were"} skipped: no check result at that step.`);
  if (duplicates > 0)
    notes.push(
      `${duplicates.toLocaleString("en-US")} step${duplicates === 1 ? "" : "s"} appeared in two files and ${duplicates === 1 ? "was" : "were"} read once.`,
    );
  if (leftOut.length > 0) {
    const shown = leftOut.slice(0, 5).join("; ");
    notes.push(`Left out: ${shown}${leftOut.length > 5 ? `; and ${leftOut.length - 5} more` : ""}.`);
  }
  return { format: "prometheus", source: "prometheus", monitors, notes, rowsRead };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Latency in ms by time. probe_duration_seconds (the whole probe) first; else a series without a
 * phase; else the blackbox per-phase durations added up (their sum is the whole request).
 */
function latencyLookup(candidates: { series: Series; factor: number }[]): Map<number, number> {
  if (candidates.length === 0) return new Map();
  const whole = candidates.filter((c) => c.series.labels.__name__ === "probe_duration_seconds");
  if (whole.length > 0)
    return valueLookup(
      whole.map((c) => c.series),
      whole[0].factor,
    );
  const plain = candidates.filter((c) => c.series.labels.phase === undefined);
  if (plain.length > 0) {
    const name = plain[0].series.labels.__name__;
    const same = plain.filter((c) => c.series.labels.__name__ === name);
    return valueLookup(
      same.map((c) => c.series),
      same[0].factor,
    );
  }
  const sums = new Map<number, number>();
  for (const { series, factor } of candidates) {
    const { times, values, length } = series.points;
    for (let i = 0; i < length; i++)
      if (Number.isFinite(values[i])) sums.set(times[i], (sums.get(times[i]) ?? 0) + values[i] * factor);
  }
  return sums;
}

/** Finite values by time, times `factor`; a later file's value for the same step wins. */
function valueLookup(list: Series[], factor: number): Map<number, number> {
  const byTime = new Map<number, number>();
  for (const s of list) {
    const { times, values, length } = s.points;
    for (let i = 0; i < length; i++) if (Number.isFinite(values[i])) byTime.set(times[i], values[i] * factor);
  }
  return byTime;
}

/** Two monitors on one instance (two jobs or modules) get the job or module in their names, else their labels. */
function distinctNames(monitors: ParsedMonitor[], labelsOf: Map<ParsedMonitor, Record<string, string>>): void {
  const byName = new Map<string, ParsedMonitor[]>();
  for (const m of monitors) push(byName, m.name, m);
  for (const [name, same] of byName) {
    if (same.length < 2) continue;
    const key = ["job", "module"].find((k) => new Set(same.map((m) => labelsOf.get(m)?.[k])).size === same.length);
    for (const m of same) m.name = `${name} (${key ? labelsOf.get(m)![key] : m.sourceKey})`;
  }
}
