/**
 * Uptime Kuma's status page data: `/api/status-page/heartbeat/<slug>` ({heartbeatList, uptimeList})
 * and, for monitor names, types and URLs, the status page JSON `/api/status-page/<slug>`
 * ({config, publicGroupList, …}). The heartbeat endpoint returns at most the last 100 beats of each
 * monitor, so the history is short; kuma.db holds all of it.
 */
import { ImportError } from "@/lib/imports/errors";
import type { FileHead, ImportFile } from "@/lib/imports/files";
import { isJsonObjectMatching } from "@/lib/loadtests/formats/summary-json";
import { readMetricJson, shown, type JsonFields } from "@/lib/metrics/formats/json-input";
import { medianIntervalSec, orderSamples } from "@/lib/uptime/formats/samples";
import {
  isKumaBackup,
  KUMA_HEARTBEAT_PATTERN,
  KUMA_STATUS_PAGE_PATTERNS,
  kumaBackupRefusal,
  kumaMonitorKind,
  kumaMonitorName,
  kumaSourceKey,
  kumaStatus,
  kumaTarget,
  kumaTime,
} from "@/lib/uptime/formats/uptime-kuma-common";
import type {
  ParsedMonitor,
  ParsedUptime,
  ReportedUptime,
  UptimeImportContext,
  UptimeImporter,
  UptimeSample,
} from "@/lib/uptime/types";

export const uptimeKumaHeartbeatImporter: UptimeImporter = {
  id: "uptime-kuma-heartbeat",
  title: "Uptime Kuma status page heartbeat JSON",
  detect(heads: FileHead[]): boolean {
    // A status page JSON alone is claimed too, so parse can say the heartbeat JSON is missing.
    return heads.length > 0 && heads.every((h) => isHeartbeatHead(h) || isStatusPageHead(h));
  },
  parse: parseKumaHeartbeats,
};

function isHeartbeatHead(head: FileHead): boolean {
  return isJsonObjectMatching(head.text, [KUMA_HEARTBEAT_PATTERN]);
}

function isStatusPageHead(head: FileHead): boolean {
  return isJsonObjectMatching(head.text, KUMA_STATUS_PAGE_PATTERNS);
}

/**
 * How Kuma computes the figures in uptimeList (read from its source): every beat counts, up and
 * maintenance as up, down and pending as down.
 */
export const KUMA_UPTIME_METHOD =
  "Uptime Kuma computes uptime from all of its own heartbeats in the window, counting up and maintenance beats as up and down " +
  "and pending beats as down: 1.x weights each beat by the time since the beat before it, 2.x counts beats per minute (24 h) " +
  "or per hour and day (longer windows). Its window ends when the file was saved and covers beats older than the at most " +
  "100 the status page returns, and pending beats count as down there while they count as up (degraded) here, so the figures can differ.";

const SHORTER = "A status page heartbeat response is far smaller: check that this is one.";

type PageMonitor = { name: string; type: string | null; url: string | null };
type StatusPage = { file: string; barDays: number | null; monitors: Map<string, PageMonitor> };
type BeatsOfMonitor = { samples: UptimeSample[]; reported: ReportedUptime[] };

async function parseKumaHeartbeats(files: ImportFile[], ctx: UptimeImportContext): Promise<ParsedUptime> {
  const pages: StatusPage[] = [];
  const heartbeatFiles: { file: ImportFile; fields: JsonFields; root: Record<string, unknown> }[] = [];
  for (const file of files) {
    const { value, ...input } = await readMetricJson(file, ctx.progress, SHORTER);
    const fields: JsonFields = input.fields;
    const root = fields.object(value, "the file");
    if (root.heartbeatList !== undefined) heartbeatFiles.push({ file, fields, root });
    else if (root.publicGroupList !== undefined) pages.push(readStatusPage(file.name, fields, root));
    else if (root.version !== undefined && (root.monitorList !== undefined || root.notificationList !== undefined)) {
      throw kumaBackupRefusal(file.name);
    } else {
      fields.fail(
        'has neither "heartbeatList" (the heartbeat JSON, /api/status-page/heartbeat/<slug>) nor "publicGroupList" (the status page JSON, /api/status-page/<slug>).',
        "heartbeatList",
      );
    }
  }
  if (heartbeatFiles.length === 0) {
    throw new ImportError(
      "this is an Uptime Kuma status page JSON: it names the monitors but holds no heartbeats. Add the heartbeat JSON " +
        "(/api/status-page/heartbeat/<slug>) to the same upload.",
      { file: pages.map((p) => p.file).join(", ") },
    );
  }

  const names = new Map<string, PageMonitor>();
  for (const page of pages) for (const [id, m] of page.monitors) names.set(id, m);
  const barDays = pages.find((p) => p.barDays !== null)?.barDays ?? null;

  const notes: string[] = [];
  const byMonitor = new Map<string, BeatsOfMonitor>();
  let rowsRead = 0;
  let emptySlots = 0;
  let bucketed = false;
  for (const heartbeatFile of heartbeatFiles) {
    const { file, root } = heartbeatFile;
    const fields: JsonFields = heartbeatFile.fields;
    const list = fields.object(root.heartbeatList, "heartbeatList");
    const uptimeList =
      root.uptimeList === undefined || root.uptimeList === null ? {} : fields.object(root.uptimeList, "uptimeList");
    for (const [id, beats] of Object.entries(list)) {
      const path = `heartbeatList.${id}`;
      if (!/^\d+$/.test(id)) fields.fail(`monitor id "${id}" is not a number: Kuma keys heartbeats by monitor id.`, path);
      if (!Array.isArray(beats)) fields.fail(`${path} is not a JSON array: Kuma lists each monitor's beats oldest first.`, path);
      const samples: UptimeSample[] = [];
      beats.forEach((beat: unknown, i: number) => {
        // 2.x status pages with day bars put 0 in bar slots without data.
        if (beat === 0 || beat === null) {
          emptySlots++;
          return;
        }
        samples.push(readBeat(fields, beat, `${path}[${i}]`));
        // Single beats carry Kuma's offset-less UTC; day-bar buckets an ISO time ending in Z.
        if (/Z$/i.test(String((beat as Record<string, unknown>).time))) bucketed = true;
      });
      rowsRead += beats.length;
      ctx.progress.rows(beats.length);
      const entry = byMonitor.get(id) ?? { samples: [], reported: [] };
      entry.samples.push(...samples);
      const reported = readUptimeList(file.name, fields, uptimeList, id, samples, barDays);
      if (reported) entry.reported.push(reported);
      byMonitor.set(id, entry);
    }
    await ctx.progress.tick();
  }

  const unnamed: string[] = [];
  const monitors: ParsedMonitor[] = [...byMonitor.keys()]
    .sort((a, b) => Number(a) - Number(b))
    .map((id) => {
      const { samples, reported } = byMonitor.get(id)!;
      const page = names.get(id);
      if (!page) unnamed.push(id);
      const fieldsOf = { type: page?.type ?? null, url: page?.url ?? null };
      const ordered = orderSamples(samples).samples;
      return {
        sourceKey: kumaSourceKey(id),
        name: page?.name || kumaMonitorName(id),
        target: kumaTarget(fieldsOf),
        kind: kumaMonitorKind(fieldsOf),
        samples: ordered,
        checkIntervalSec: medianIntervalSec(ordered),
        dataEnd: null,
        reported,
        outages: [],
        maintenance: [],
        timeZone: null,
      };
    });

  if (unnamed.length > 0) {
    notes.push(
      pages.length === 0
        ? 'The heartbeat JSON holds monitor ids only, so monitors are named "Uptime Kuma monitor <id>": add the status page JSON ' +
            "(/api/status-page/<slug>) to the upload for their names and URLs."
        : `The status page JSON does not list monitor${unnamed.length === 1 ? "" : "s"} ${unnamed.join(", ")}: ` +
            `${unnamed.length === 1 ? "it is" : "they are"} named "Uptime Kuma monitor <id>".`,
    );
  }
  const withBeats = monitors.filter((m) => m.samples.length > 0);
  if (withBeats.length > 0) {
    const from = Math.min(...withBeats.map((m) => m.samples[0].at));
    const to = Math.max(...withBeats.map((m) => m.samples[m.samples.length - 1].at));
    notes.push(
      `The status page heartbeat endpoint returns at most the last 100 beats of each monitor, so this history is short ` +
        `(${new Date(from).toISOString()} to ${new Date(to).toISOString()}). Import kuma.db from Kuma's data directory for the full history.`,
    );
  }
  if (bucketed) {
    notes.push(
      "This status page shows day bars: each beat is Kuma's summary of a time bucket (its worst status), not a single check.",
    );
  }
  if (emptySlots > 0) notes.push(`${emptySlots} empty bar slot${emptySlots === 1 ? " was" : "s were"} skipped.`);
  return { format: "uptime-kuma-heartbeat", source: "uptime-kuma", monitors, notes, rowsRead };
}

function readBeat(fields: JsonFields, beat: unknown, path: string): UptimeSample {
  const b = fields.object(beat, path);
  const status = kumaStatus(b.status);
  if (status === null) {
    fields.fail(
      `status ${shown(b.status)} is not a Kuma heartbeat status (0 down, 1 up, 2 pending, 3 maintenance).`,
      `${path}.status`,
    );
  }
  const at = kumaTime(b.time);
  if (at === null) fields.fail(`time ${shown(b.time)} is not a Kuma time ("2023-04-03 06:23:22.824", UTC).`, `${path}.time`);
  const ping = b.ping;
  if (ping !== undefined && ping !== null && (typeof ping !== "number" || !Number.isFinite(ping) || ping < 0)) {
    fields.fail(`ping ${shown(ping)} is not a response time in milliseconds.`, `${path}.ping`);
  }
  return {
    at,
    status,
    latencyMs: typeof ping === "number" ? ping : null,
    code: null,
    message: typeof b.msg === "string" ? b.msg : "",
  };
}

/**
 * The monitor's figures in uptimeList: "<id>_24" (24 h), "<id>_720" (30 days), any "<id>_<hours>",
 * and the bare "<id>" of 2.x pages with day bars (24 h, or the bar's days).
 */
function readUptimeList(
  file: string,
  fields: JsonFields,
  uptimeList: Record<string, unknown>,
  id: string,
  samples: UptimeSample[],
  barDays: number | null,
): ReportedUptime | null {
  const figures: ReportedUptime["figures"] = [];
  for (const [key, value] of Object.entries(uptimeList)) {
    const m = new RegExp(`^${id}(?:_(\\d+))?$`).exec(key);
    if (!m) continue;
    if (value !== null && (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1)) {
      fields.fail(`${shown(value)} is not an uptime fraction between 0 and 1.`, `uptimeList.${key}`);
    }
    const hours = m[1] !== undefined ? Number(m[1]) : barDays !== null && barDays > 1 ? barDays * 24 : 24;
    figures.push({
      label: hours === 24 ? "Last 24 h" : hours % 24 === 0 ? `Last ${hours / 24} days` : `Last ${hours} h`,
      window: { kind: "rolling", hours },
      uptimePct: value === null ? null : (value as number) * 100,
    });
  }
  if (figures.length === 0) return null;
  figures.sort((a, b) => (a.window.kind === "rolling" && b.window.kind === "rolling" ? a.window.hours - b.window.hours : 0));
  const last = samples.length ? samples.reduce((x, s) => (s.at >= x.at ? s : x)) : null;
  return {
    source: `${file} (uptimeList)`,
    method: KUMA_UPTIME_METHOD,
    asOf: last?.at ?? null,
    figures,
    responseTimeMs: null,
    dailyMinutesDown: null,
    status: last?.status ?? null,
  };
}

function readStatusPage(file: string, fields: JsonFields, root: Record<string, unknown>): StatusPage {
  const config = root.config === undefined || root.config === null ? {} : fields.object(root.config, "config");
  const groups = root.publicGroupList;
  if (!Array.isArray(groups))
    fields.fail("publicGroupList is not a JSON array: the status page lists its groups there.", "publicGroupList");
  const monitors = new Map<string, PageMonitor>();
  groups.forEach((g: unknown, i: number) => {
    const group = fields.object(g, `publicGroupList[${i}]`);
    const list = group.monitorList ?? [];
    if (!Array.isArray(list)) fields.fail("monitorList is not a JSON array.", `publicGroupList[${i}].monitorList`);
    list.forEach((item: unknown, j: number) => {
      const path = `publicGroupList[${i}].monitorList[${j}]`;
      const m = fields.object(item, path);
      if (typeof m.id !== "number" && typeof m.id !== "string")
        fields.fail(`monitor id ${shown(m.id)} is missing.`, `${path}.id`);
      monitors.set(String(m.id), {
        name: typeof m.name === "string" ? m.name.trim() : "",
        type: typeof m.type === "string" ? m.type : null,
        url: typeof m.url === "string" ? m.url : null,
      });
    });
  });
  const barDays = typeof config.heartbeatBarDays === "number" ? config.heartbeatBarDays : null;
  return { file, barDays, monitors };
}

/** For detection in index.ts: an upload holding Kuma's backup JSON is refused before any format is tried. */
export function kumaBackupIn(heads: FileHead[]): FileHead | null {
  return heads.find(isKumaBackup) ?? null;
}
