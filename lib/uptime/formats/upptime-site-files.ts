/**
 * The files an Upptime repository keeps per site: `history/<slug>.yml` (the last check), the figures
 * Upptime computed (`history/summary.json`, the `api/<slug>/*.json` badges) and `.upptimerc.yml`.
 * Two layouts exist: 2020 versions wrote the yml as a list of one-key maps and "uptime": "100.00";
 * current ones write a plain map and "99.99%" strings with day/week/month/year windows.
 */
import { parse as parseYaml, YAMLParseError } from "yaml";
import { ImportError } from "@/lib/imports/errors";
import { lineAt } from "@/lib/loadtests/formats/summary-json";
import { JsonFields } from "@/lib/metrics/formats/json-input";
import { upptimeMilliseconds, upptimePercent, upptimeSlug } from "@/lib/uptime/formats/upptime-text";
import type { ReportedUptime, ReportedWindow } from "@/lib/uptime/types";

/** Why Upptime's own figures can differ from those computed here from the history (read from calculate-uptime.ts). */
export const UPPTIME_METHOD =
  "Upptime computes its percentages from the downtime recorded by its own GitHub issues (opened when a check fails, " +
  "closed when the site recovers; every minute in between counts as down), not from the commit history. The figures " +
  "differ when issues were closed or deleted by hand (Upptime itself deletes issues closed within 15 minutes), checks " +
  "failed without an issue being opened, or the history has gaps.";

export type UpptimeSiteState = {
  url: string | null;
  status: "up" | "down" | "degraded";
  code: number | null;
  responseTimeMs: number | null;
  lastUpdated: number | null;
  startTime: number | null;
};

/** `history/<slug>.yml`: a map (current) or a list of one-key maps (2020). */
export function readHistoryYml(text: string, file: string): UpptimeSiteState {
  const value = readYaml(text, file);
  let fields: Record<string, unknown> = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      if (!isObject(item)) throw new ImportError("each item of the list must be a `key: value` pair.", { file });
      fields = { ...fields, ...item };
    }
  } else if (isObject(value)) fields = value;
  else throw new ImportError("is not an Upptime history file: expected `status:`, `lastUpdated:` and the other keys.", { file });

  const fail = (field: string, message: string): never => {
    throw new ImportError(message, { file, line: yamlKeyLine(text, field), field });
  };
  const status = typeof fields.status === "string" ? fields.status.trim().toLowerCase() : null;
  if (status !== "up" && status !== "down" && status !== "degraded") {
    fail("status", `${JSON.stringify(fields.status ?? null)} is not an Upptime status: write up, down or degraded.`);
  }
  const time = (field: string): number | null => {
    const raw = fields[field];
    if (raw === undefined || raw === null || raw === "") return null;
    const at = raw instanceof Date ? raw.getTime() : typeof raw === "string" ? isoTime(raw) : NaN;
    return at === at
      ? at
      : fail(field, `${JSON.stringify(String(raw))} is not a time: write ISO 8601, as 2020-08-16T12:19:57.018Z.`);
  };
  const number = (field: string): number | null => {
    const raw = fields[field];
    if (raw === undefined || raw === null || raw === "") return null;
    const n = typeof raw === "number" ? raw : Number(raw);
    return Number.isFinite(n) && n >= 0 ? n : fail(field, `${JSON.stringify(raw)} is not a number.`);
  };
  const code = number("code");
  const responseTime = number("responseTime");
  return {
    url: typeof fields.url === "string" ? fields.url : null,
    status: status as UpptimeSiteState["status"],
    code: code === 0 ? null : code,
    responseTimeMs: responseTime === 0 ? null : responseTime,
    lastUpdated: time("lastUpdated"),
    startTime: time("startTime"),
  };
}

export type UpptimeConfigSite = { name: string; url: string; slug: string; check: string | null };

/** `.upptimerc.yml`: the sites, with the slug Upptime derives from a name when none is set. */
export function readUpptimeConfig(text: string, file: string): UpptimeConfigSite[] {
  const value = readYaml(text, file);
  if (!isObject(value)) throw new ImportError("is not an Upptime configuration: expected `sites:` and its list.", { file });
  if (value.sites === undefined || value.sites === null) return [];
  if (!Array.isArray(value.sites)) {
    throw new ImportError("`sites` must be a list of `- name: … url: …` entries.", {
      file,
      line: yamlKeyLine(text, "sites"),
      field: "sites",
    });
  }
  return value.sites.map((site: unknown, i: number) => {
    if (!isObject(site) || typeof site.name !== "string" || !site.name.trim()) {
      throw new ImportError(`site ${i + 1} has no name: each site needs \`name:\` and \`url:\`.`, {
        file,
        line: yamlKeyLine(text, "sites"),
        field: `sites[${i}].name`,
      });
    }
    const name = site.name.trim();
    const slug = typeof site.slug === "string" && site.slug.trim() ? site.slug.trim() : upptimeSlug(name);
    return {
      name,
      url: typeof site.url === "string" ? site.url : "",
      slug,
      check: typeof site.check === "string" ? site.check : null,
    };
  });
}

export type UpptimeSummarySite = {
  slug: string;
  name: string | null;
  url: string | null;
  reported: ReportedUptime;
};

/** Windows of summary.json's current layout, as rolling hours before the summary was written. */
const SUMMARY_WINDOWS: { key: string; label: string; hours: number }[] = [
  { key: "uptimeDay", label: "Day", hours: 24 },
  { key: "uptimeWeek", label: "Week", hours: 168 },
  { key: "uptimeMonth", label: "Month", hours: 720 },
  { key: "uptimeYear", label: "Year", hours: 8760 },
];

/** `history/summary.json`: one entry per site with the figures Upptime computed. `asOf` is the yml's lastUpdated, added later. */
export function readSummaryJson(text: string, file: string): UpptimeSummarySite[] {
  const value = parseJsonText(text, file);
  const fields = new JsonFields(file, text);
  if (!Array.isArray(value)) fields.fail("is not a JSON array: Upptime's summary.json lists one entry per site.", "the file");
  const entries = (value as unknown[]).map((entry, i) => fields.object(entry, `[${i}]`));
  const current = entries.some(
    (e) =>
      SUMMARY_WINDOWS.some((w) => e[w.key] !== undefined) || e.dailyMinutesDown !== undefined || /%\s*$/.test(String(e.uptime)),
  );
  const source = `${file} (${current ? "current" : "2020"} layout)`;
  return entries.map((entry, i) => {
    const path = `[${i}]`;
    const name = typeof entry.name === "string" && entry.name.trim() ? entry.name.trim() : null;
    const slug = typeof entry.slug === "string" && entry.slug.trim() ? entry.slug.trim() : name ? upptimeSlug(name) : null;
    if (slug === null) fields.fail("the entry has neither a slug nor a name.", `${path}.slug`);
    const percent = (key: string): number | null => {
      const raw = entry[key];
      if (raw === undefined || raw === null) return null;
      const pct = upptimePercent(raw);
      return pct === null ? fields.fail(`${JSON.stringify(raw)} is not a percentage such as "99.87%".`, `${path}.${key}`) : pct;
    };
    const figures: ReportedUptime["figures"] = [];
    if (entry.uptime !== undefined) figures.push({ label: "All time", window: { kind: "all" }, uptimePct: percent("uptime") });
    for (const w of SUMMARY_WINDOWS) {
      if (entry[w.key] !== undefined) figures.push({ label: w.label, window: rolling(w.hours), uptimePct: percent(w.key) });
    }
    const time = entry.time === undefined || entry.time === null ? null : upptimeMilliseconds(entry.time);
    if (entry.time !== undefined && entry.time !== null && time === null) {
      fields.fail(`${JSON.stringify(entry.time)} is not a response time in milliseconds.`, `${path}.time`);
    }
    return {
      slug: slug as string,
      name,
      url: typeof entry.url === "string" ? entry.url : null,
      reported: {
        source,
        method: UPPTIME_METHOD,
        asOf: null,
        figures,
        responseTimeMs: time,
        dailyMinutesDown: readDailyMinutesDown(fields, entry.dailyMinutesDown, `${path}.dailyMinutesDown`),
        status: typeof entry.status === "string" ? entry.status : null,
      },
    };
  });
}

function readDailyMinutesDown(fields: JsonFields, value: unknown, path: string): Record<string, number> | null {
  if (value === undefined || value === null) return null;
  const days = fields.object(value, path);
  const out: Record<string, number> = {};
  for (const [day, minutes] of Object.entries(days)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) fields.fail(`"${day}" is not a day written YYYY-MM-DD.`, `${path}.${day}`);
    if (typeof minutes !== "number" || !Number.isFinite(minutes) || minutes < 0) {
      fields.fail(`${JSON.stringify(minutes)} is not a number of minutes.`, `${path}.${day}`);
    }
    out[day] = minutes as number;
  }
  return out;
}

/** The badge files Upptime writes per site (shields.io endpoint JSON), by file name. */
const BADGE_WINDOWS: Record<string, { label: string; window: ReportedWindow }> = {
  "uptime.json": { label: "All time", window: { kind: "all" } },
  "uptime-day.json": { label: "Day", window: rolling(24) },
  "uptime-week.json": { label: "Week", window: rolling(168) },
  "uptime-month.json": { label: "Month", window: rolling(720) },
  "uptime-year.json": { label: "Year", window: rolling(8760) },
};

export function isUpptimeBadgeFile(fileName: string): boolean {
  return fileName in BADGE_WINDOWS || fileName === "response-time.json";
}

/**
 * A site's `api/<slug>/*.json` badges ({"schemaVersion":1,"label":"uptime","message":"100%"}) as one
 * reported figure set; null when none of them holds an uptime.
 */
export function readApiBadges(slug: string, badges: { fileName: string; text: string; label: string }[]): ReportedUptime | null {
  const figures: ReportedUptime["figures"] = [];
  let responseTimeMs: number | null = null;
  const sources: string[] = [];
  for (const fileName of [...Object.keys(BADGE_WINDOWS), "response-time.json"]) {
    const badge = badges.find((b) => b.fileName === fileName);
    if (!badge) continue;
    const value = parseJsonText(badge.text, badge.label);
    const fields = new JsonFields(badge.label, badge.text);
    const message = fields.object(value, "the file").message;
    if (typeof message !== "string")
      fields.fail('has no "message": an Upptime badge holds {"label": …, "message": "99.9%"}.', "message");
    sources.push(fileName);
    if (fileName === "response-time.json") {
      responseTimeMs = upptimeMilliseconds(message);
      if (responseTimeMs === null) fields.fail(`${JSON.stringify(message)} is not a response time such as "87 ms".`, "message");
      continue;
    }
    const pct = upptimePercent(message);
    if (pct === null) fields.fail(`${JSON.stringify(message)} is not a percentage such as "99.9%".`, "message");
    figures.push({ ...BADGE_WINDOWS[fileName], uptimePct: pct });
  }
  if (figures.length === 0) return null;
  return {
    source: `api/${slug}/${sources.length === 1 ? sources[0] : `{${sources.join(",")}}`}`,
    method: `${UPPTIME_METHOD} The badges hold the same figures as summary.json, rounded.`,
    asOf: null,
    figures,
    responseTimeMs,
    dailyMinutesDown: null,
    status: null,
  };
}

function rolling(hours: number): ReportedWindow {
  return { kind: "rolling", hours };
}

function readYaml(text: string, file: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      throw new ImportError(`is not valid YAML (${error.message.split("\n")[0]}).`, {
        file,
        line: error.linePos?.[0].line ?? null,
      });
    }
    throw error;
  }
}

export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node names the position in some messages only; a cut file breaks at its end.
    const position = /position (\d+)/.exec(message);
    const at = position ? Number(position[1]) : /end of JSON input/i.test(message) ? text.length : null;
    throw new ImportError(`is not valid JSON (${message}).`, { file, line: at === null ? null : lineAt(text, at) });
  }
}

/** Line of `key:` in a yml (a map or the 2020 list), null when absent. */
function yamlKeyLine(text: string, key: string): number | null {
  const m = new RegExp(`^(?:-\\s+)?${key}\\s*:`, "m").exec(text);
  return m ? lineAt(text, m.index) : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** An ISO 8601 time with an offset (Upptime writes toISOString()), NaN otherwise. */
function isoTime(text: string): number {
  return ISO.test(text.trim()) ? Date.parse(text.trim()) : NaN;
}
