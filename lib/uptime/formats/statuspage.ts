/**
 * Atlassian Statuspage's public API: `/api/v2/incidents.json` (the 50 most recent incidents),
 * `unresolved.json`, `summary.json` and `scheduled-maintenances.json`. A page's history is its
 * incidents, not checks: each component becomes a monitor whose samples change where incidents
 * start, change and end, and each incident becomes a reported outage with its updates.
 *
 * Status during an incident: major and critical impact count as down, minor and none as degraded
 * (Statuspage's "minor" is degraded performance or a partial problem: the service still answered).
 * An update that set the component's status refines that (major_outage → down, partial_outage and
 * degraded_performance → degraded, operational → up). Scheduled maintenance becomes maintenance windows.
 */
import { ImportError } from "@/lib/imports/errors";
import type { FileHead, ImportFile } from "@/lib/imports/files";
import { isJsonObjectMatching } from "@/lib/loadtests/formats/summary-json";
import { readMetricJson, shown, type JsonFields } from "@/lib/metrics/formats/json-input";
import { isValidTimeZone, localToUtc } from "@/lib/time/zones";
import type {
  ParsedMonitor,
  ParsedOutage,
  ParsedUptime,
  UptimeImportContext,
  UptimeImporter,
  UptimeSample,
  UptimeStatus,
} from "@/lib/uptime/types";

export const statuspageImporter: UptimeImporter = {
  id: "statuspage",
  title: "Atlassian Statuspage incidents.json",
  detect(heads: FileHead[]): boolean {
    return heads.length > 0 && heads.every(isStatuspageHead);
  },
  parse: parseStatuspage,
};

function isStatuspageHead(head: FileHead): boolean {
  return isJsonObjectMatching(head.text, [
    /"page"\s*:\s*\{[^{}]*"id"\s*:/,
    /"(?:incidents|components|scheduled_maintenances)"\s*:\s*\[/,
  ]);
}

type Update = { at: number; status: string; body: string; affected: Map<string, { name: string; status: string }> };
type Incident = {
  id: string;
  name: string;
  status: string;
  impact: string;
  url: string;
  startedAt: number;
  endedAt: number | null;
  updatedAt: number;
  maintenance: { endsAt: number | null } | null;
  components: Map<string, string>;
  updates: Update[];
};
type Page = {
  id: string;
  name: string;
  url: string;
  timeZone: string | null;
  updatedAt: number | null;
  incidents: Map<string, Incident>;
};

const WHOLE_PAGE = "page";
const RESOLVED = new Set(["resolved", "postmortem", "completed"]);
const SEVERITY: Record<UptimeStatus, number> = { up: 0, maintenance: 1, degraded: 2, down: 3 };

async function parseStatuspage(files: ImportFile[], ctx: UptimeImportContext): Promise<ParsedUptime> {
  const pages = new Map<string, Page>();
  const notes: string[] = [];
  let rowsRead = 0;
  for (const file of files) {
    const { value, ...input } = await readMetricJson(
      file,
      ctx.progress,
      "Statuspage's API answers are far smaller: check the file.",
    );
    const fields: JsonFields = input.fields; // declared, so fields.fail() narrows types
    const root = fields.object(value, "the file");
    const pageRaw = fields.object(root.page, "page");
    const page = readPage(fields, pageRaw, pages, ctx.options.timeZone);
    const lists = (["incidents", "scheduled_maintenances"] as const).filter((k) => root[k] !== undefined && root[k] !== null);
    if (lists.length === 0) {
      throw new ImportError(
        root.components !== undefined
          ? "this is Statuspage's components.json: it holds each component's status now, not its history. Download " +
              `${page.url || "the page"}/api/v2/incidents.json instead.`
          : 'holds no "incidents": download the page\'s /api/v2/incidents.json.',
        { file: file.name, field: "incidents" },
      );
    }
    if (root.status !== undefined && root.components !== undefined && lists.includes("incidents")) {
      notes.push(
        `${file.name} is Statuspage's summary.json, which lists unresolved incidents only: download /api/v2/incidents.json for the history.`,
      );
    }
    let fileRows = 0;
    for (const key of lists) {
      const items = root[key];
      if (!Array.isArray(items)) fields.fail(`${key} is not a JSON array: Statuspage lists them there.`, key);
      items.forEach((item: unknown, i: number) => {
        const incident = readIncident(fields, item, `${key}[${i}]`, page);
        fileRows += 1 + incident.updates.length;
        const known = page.incidents.get(incident.id);
        if (!known || known.updatedAt <= incident.updatedAt) page.incidents.set(incident.id, incident);
      });
    }
    ctx.progress.rows(fileRows);
    rowsRead += fileRows;
    await ctx.progress.tick();
  }

  const monitors: ParsedMonitor[] = [];
  for (const page of pages.values()) monitors.push(...monitorsOf(page));
  const incidents = [...pages.values()].flatMap((p) => [...p.incidents.values()]);
  if (incidents.length === 0) {
    throw new ImportError("lists no incidents, so there is no history to import.", { file: files.map((f) => f.name).join(", ") });
  }
  const starts = incidents.map((i) => i.startedAt);
  notes.push(
    "Statuspage lists incidents, not checks: time without an incident counts as up, from the first incident in the file " +
      `(${new Date(Math.min(...starts)).toISOString()}) to the page's last update. Major and critical incidents count as down, ` +
      "minor ones and those without impact as degraded, unless an update set the component's status.",
  );
  if (incidents.filter((i) => !i.maintenance).length >= 50) {
    notes.push("incidents.json holds the 50 most recent incidents only: older ones are not in this history.");
  }
  return { format: "statuspage", source: "statuspage", monitors, notes, rowsRead };
}

function readPage(fields: JsonFields, raw: Record<string, unknown>, pages: Map<string, Page>, fallbackZone: string): Page {
  if (typeof raw.id !== "string" || raw.id === "") fields.fail(`page id ${shown(raw.id)} is missing.`, "page.id");
  const zone = typeof raw.time_zone === "string" && isValidTimeZone(raw.time_zone) ? raw.time_zone : null;
  const updatedAt = readTime(fields, raw.updated_at, "page.updated_at", zone ?? fallbackZone);
  const known = pages.get(raw.id);
  if (known) {
    if (updatedAt !== null && (known.updatedAt === null || updatedAt > known.updatedAt)) known.updatedAt = updatedAt;
    return known;
  }
  const page: Page = {
    id: raw.id,
    name: typeof raw.name === "string" && raw.name.trim() ? raw.name.trim() : raw.id,
    url: typeof raw.url === "string" ? raw.url.replace(/\/+$/, "") : "",
    timeZone: zone,
    updatedAt,
    incidents: new Map(),
  };
  pages.set(page.id, page);
  return page;
}

/** An ISO time with the page's offset ("2023-05-03T10:15:22.123-07:00"); one without is read in the page's zone. */
function readTime(fields: JsonFields, value: unknown, path: string, zone: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") {
    const text = value.trim();
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
      const ms = Date.parse(text);
      if (Number.isFinite(ms)) return ms;
    }
    const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?$/.exec(text);
    if (local) {
      try {
        return localToUtc(`${local[1]}T${local[2]}`, zone).getTime();
      } catch {
        // Falls through to the error below.
      }
    }
  }
  fields.fail(`${shown(value)} is not a time ("2023-05-03T10:15:22.123-07:00").`, path);
}

function readIncident(fields: JsonFields, item: unknown, path: string, page: Page): Incident {
  const raw = fields.object(item, path);
  const zone = page.timeZone ?? "UTC";
  const time = (key: string) => readTime(fields, raw[key], `${path}.${key}`, zone);
  if (typeof raw.id !== "string" || raw.id === "") fields.fail(`incident id ${shown(raw.id)} is missing.`, `${path}.id`);
  const id = raw.id;
  const status = typeof raw.status === "string" ? raw.status : "";
  const impact = typeof raw.impact === "string" ? raw.impact : "none";
  const scheduledFor = time("scheduled_for");
  const createdAt = time("created_at");
  const startedAt = (scheduledFor !== null && impact === "maintenance" ? scheduledFor : null) ?? time("started_at") ?? createdAt;
  if (startedAt === null) fields.fail("the incident has neither started_at nor created_at.", `${path}.started_at`);
  const updatedAt = time("updated_at") ?? createdAt ?? startedAt;

  const updatesRaw = raw.incident_updates ?? [];
  if (!Array.isArray(updatesRaw)) fields.fail("incident_updates is not a JSON array.", `${path}.incident_updates`);
  const updates: Update[] = updatesRaw.map((u: unknown, j: number) => {
    const upath = `${path}.incident_updates[${j}]`;
    const update = fields.object(u, upath);
    const at =
      readTime(fields, update.display_at, `${upath}.display_at`, zone) ??
      readTime(fields, update.created_at, `${upath}.created_at`, zone);
    if (at === null) fields.fail("the update has neither display_at nor created_at.", `${upath}.created_at`);
    const affected = new Map<string, { name: string; status: string }>();
    const list = update.affected_components ?? [];
    if (Array.isArray(list)) {
      for (const a of list) {
        if (a && typeof a === "object" && typeof (a as { code?: unknown }).code === "string") {
          const c = a as { code: string; name?: unknown; new_status?: unknown };
          affected.set(c.code, {
            name: typeof c.name === "string" ? c.name : "",
            status: typeof c.new_status === "string" ? c.new_status : "",
          });
        }
      }
    }
    return {
      at,
      status: typeof update.status === "string" ? update.status : "",
      body: typeof update.body === "string" ? update.body : "",
      affected,
    };
  });
  // Statuspage lists updates newest first; equal times keep that order reversed.
  const ordered = updates
    .map((u, j) => ({ u, j }))
    .sort((a, b) => a.u.at - b.u.at || b.j - a.j)
    .map((x) => x.u);

  const components = new Map<string, string>();
  const componentsRaw = raw.components ?? [];
  if (Array.isArray(componentsRaw)) {
    componentsRaw.forEach((c: unknown, k: number) => {
      const component = fields.object(c, `${path}.components[${k}]`);
      if (typeof component.id === "string")
        components.set(component.id, typeof component.name === "string" ? component.name : "");
    });
  }
  for (const u of ordered)
    for (const [code, a] of u.affected) if (!components.has(code) || !components.get(code)) components.set(code, a.name);

  let endedAt = time("resolved_at");
  if (endedAt === null && RESOLVED.has(status)) {
    // The last "resolved" update ends it; a postmortem is written later.
    const resolving = [...ordered].reverse();
    endedAt =
      (
        resolving.find((u) => u.status === "resolved" || u.status === "completed") ??
        resolving.find((u) => RESOLVED.has(u.status))
      )?.at ?? updatedAt;
  }
  const isMaintenance = impact === "maintenance" || scheduledFor !== null;
  return {
    id,
    name: typeof raw.name === "string" && raw.name.trim() ? raw.name.trim() : `Incident ${id}`,
    status,
    impact,
    url: typeof raw.shortlink === "string" && raw.shortlink ? raw.shortlink : page.url ? `${page.url}/incidents/${id}` : "",
    startedAt,
    endedAt: endedAt !== null && endedAt < startedAt ? startedAt : endedAt,
    updatedAt,
    maintenance: isMaintenance ? { endsAt: endedAt ?? time("scheduled_until") } : null,
    components,
    updates: ordered,
  };
}

function impactStatus(impact: string): UptimeStatus {
  return impact === "major" || impact === "critical" ? "down" : "degraded";
}

function componentStatus(status: string): UptimeStatus | null {
  if (status === "major_outage") return "down";
  if (status === "partial_outage" || status === "degraded_performance") return "degraded";
  if (status === "under_maintenance") return "maintenance";
  if (status === "operational") return "up";
  return null;
}

type Segment = { from: number; to: number; status: UptimeStatus; title: string };

/** The incident's effect on one component over time: its impact, changed by updates that set the component's status. */
function segmentsOf(incident: Incident, component: string | null): Segment[] {
  const end = incident.endedAt ?? Infinity;
  const changes: { at: number; status: UptimeStatus }[] = [];
  if (component !== null) {
    for (const u of incident.updates) {
      const set = u.affected.get(component);
      const status = set ? componentStatus(set.status) : null;
      if (status) changes.push({ at: Math.min(Math.max(u.at, incident.startedAt), end), status });
    }
  }
  // The first update that names the component says how it was hit from the start.
  const first = changes.length ? changes[0].status : impactStatus(incident.impact);
  const points = [{ at: incident.startedAt, status: first }, ...changes.slice(1)];
  const segments: Segment[] = [];
  points.forEach((p, i) => {
    const to = i + 1 < points.length ? points[i + 1].at : end;
    if (p.status !== "up" && to > p.at) segments.push({ from: p.at, to, status: p.status, title: incident.name });
  });
  return segments;
}

function monitorsOf(page: Page): ParsedMonitor[] {
  const byKey = new Map<string, { name: string; incidents: Incident[] }>();
  const coverageStart = Math.min(...[...page.incidents.values()].map((i) => i.startedAt));
  for (const incident of page.incidents.values()) {
    const keys = incident.components.size > 0 ? [...incident.components.keys()] : [WHOLE_PAGE];
    for (const key of keys) {
      const entry = byKey.get(key) ?? { name: "", incidents: [] };
      entry.name ||= key === WHOLE_PAGE ? `${page.name} (whole page)` : incident.components.get(key) || `Component ${key}`;
      entry.incidents.push(incident);
      byKey.set(key, entry);
    }
  }
  const monitors: ParsedMonitor[] = [];
  for (const [key, { name, incidents }] of byKey) {
    const component = key === WHOLE_PAGE ? null : key;
    const outages = incidents.filter((i) => !i.maintenance).sort((a, b) => a.startedAt - b.startedAt);
    const samples = samplesOf(
      outages.flatMap((i) => segmentsOf(i, component)),
      coverageStart,
    );
    const maintenance = incidents
      .filter((i) => i.maintenance?.endsAt != null && i.maintenance.endsAt > i.startedAt)
      .map((i) => ({ startsAt: i.startedAt, endsAt: i.maintenance!.endsAt!, reason: i.name }))
      .sort((a, b) => a.startsAt - b.startsAt);
    const last = samples.length ? samples[samples.length - 1].at : null;
    monitors.push({
      sourceKey: `${page.id}:${key}`,
      name,
      target: page.url,
      kind: "other",
      samples,
      checkIntervalSec: null,
      dataEnd: page.updatedAt !== null && last !== null ? Math.max(page.updatedAt, last) : page.updatedAt,
      reported: [],
      outages: outages.map(outageOf),
      maintenance,
      timeZone: page.timeZone,
    });
  }
  return monitors.sort(
    (a, b) =>
      Number(a.sourceKey.endsWith(`:${WHOLE_PAGE}`)) - Number(b.sourceKey.endsWith(`:${WHOLE_PAGE}`)) ||
      a.name.localeCompare(b.name),
  );
}

/**
 * Overlapping incidents merged: at each instant the worst status of the incidents open then, up
 * when none is. Starts with up at `coverageStart` (the page's first incident in the file).
 */
function samplesOf(segments: Segment[], coverageStart: number): UptimeSample[] {
  const instants = [...new Set(segments.flatMap((s) => (Number.isFinite(s.to) ? [s.from, s.to] : [s.from])))].sort(
    (a, b) => a - b,
  );
  const samples: UptimeSample[] = [];
  if (instants.length === 0 || coverageStart < instants[0]) {
    samples.push({ at: coverageStart, status: "up", latencyMs: null, code: null, message: "" });
  }
  for (const at of instants) {
    let worst: Segment | null = null;
    for (const s of segments) {
      if (s.from <= at && at < s.to && (!worst || SEVERITY[s.status] > SEVERITY[worst.status])) worst = s;
    }
    const status = worst?.status ?? "up";
    if (samples.length > 0 && samples[samples.length - 1].status === status) continue;
    samples.push({ at, status, latencyMs: null, code: null, message: worst?.title ?? "" });
  }
  return samples;
}

function outageOf(incident: Incident): ParsedOutage {
  return {
    source: "statuspage",
    reference: incident.id,
    title: incident.name,
    url: incident.url,
    startedAt: incident.startedAt,
    endedAt: incident.endedAt,
    impact: incident.impact,
    updates: incident.updates.map((u) => ({ at: u.at, status: u.status, body: u.body })),
  };
}
