/**
 * Turns a pasted, free-form timeline (chat log, Markdown list, Markdown table, spreadsheet paste) into
 * timeline events. Pure: no database, no Next.js, no clock — the same input and options always give the
 * same result.
 *
 * Each non-blank line is one candidate event. A line starts with a timestamp, then an optional separator
 * (`:`, `-`, `–`, `—`, `|`, `,`, `;`, `->`, `=>`), then the event text:
 *
 * - dates: `2022-05-12`, `2022/05/12`, `12.05.2022` (day first), `May 12`, `May 12th, 2022`, `12 May 2022`,
 *   `Thu, May 12` (the weekday is skipped, not checked). Numeric `05/12` (before a time) and `05/12/2022` are
 *   refused as ambiguous.
 * - times: `19:00`, `19:00:30`, `19:00:30.250`, `7pm`, `7 p.m.`, `7:00 PM`, `12am` (= 00:00), `12pm` (= 12:00).
 * - date then time: `2022-05-12 19:00`, `2022-05-12T19:00`, `May 12, 7:00 pm`, `May 12 at 7 PM`, `12 May 2022 19:00`;
 *   time then date: `7pm on May 12`.
 * - zones after the time: `Z`, `+02:00`, `+0200`, `UTC+2`, `GMT-05:00`, abbreviations (upper case) mapped to fixed
 *   offsets (`CEST` = +02:00, `EDT` = -04:00, …; `IST` is India unless the default zone is Dublin or Jerusalem,
 *   `CST` is US Central unless the default zone is in China or Taiwan), the generic `ET`/`CT`/`MT`/`PT`
 *   (the US zones, daylight saving applied) and IANA names (`Europe/London`). An explicit offset makes the
 *   instant exact; without one the time is read in `opts.timeZone` with the rules of `localToUtc`
 *   (a skipped wall time moves forward, a repeated one takes the earlier instant). An offset glued to the time
 *   (`05:00-01:00`) counts only in ISO-like stamps (`T` or seconds); elsewhere `10:00-11:00` is a range and the
 *   event is at its start.
 * - lead-ins `At`, `Around`, `About`, `On`, `By`, `~`; Markdown bullets (`-`, `*`, `+`, `•`, `1.`, `1)`), task boxes,
 *   headings, block quotes, and a timestamp wrapped in `**…**`, `_…_`, `` `…` ``, `[…]` or `(…)`.
 * - Markdown tables: the header row (followed by a `|---|` row, or a first row without digits) is skipped, but a
 *   zone named in its first two cells ("Time (UTC)") applies to the rows' times; the first cell is the timestamp,
 *   or the first two cells when they are a date then a time; the other non-empty cells, joined with " — ", are
 *   the text.
 *
 * Precision is `second` when seconds are written, `minute` for any other time and `day` for a date alone (the
 * event is then placed at the start of that day in `opts.timeZone`). A line without a year takes `opts.year`
 * (`assumedYear`). A line with a time but no date takes the date of the nearest earlier dated line (as written
 * on that line; no roll-over past midnight is guessed), or else `opts.referenceDate` (`assumedDate`). A date
 * with no text after it is a heading: it gives following lines their date and is not an event itself.
 * Blank and pure separator lines are ignored; every other line that is not an event is returned in `unparsed`
 * with the reason.
 */
import type { TimelineKind } from "@/lib/incidents/constants";
import { isValidTimeZone, localToUtc } from "@/lib/time/zones";

export type TimelinePrecision = "day" | "minute" | "second";

export type ParsedTimelineEvent = {
  /** 1-based line number in the input. */
  line: number;
  /** The input line exactly as given. */
  raw: string;
  occurredAt: Date;
  precision: TimelinePrecision;
  text: string;
  kind: TimelineKind;
  /** The zone the wall time was read in: an IANA name (`opts.timeZone` by default), `UTC`, or a fixed offset such as `+02:00`. */
  zone: string;
  /** The line had no year; `opts.year` (or the year of the line the date was carried from) was used. */
  assumedYear: boolean;
  /** The line had a time but no date and no earlier line had one; `opts.referenceDate` was used. */
  assumedDate: boolean;
};

export type UnparsedLine = { line: number; raw: string; reason: string };

export type ParseTimelineOptions = {
  /** Year for dates written without one, e.g. the incident's start year in its time zone. */
  year: number;
  /** IANA zone for times written without an offset, e.g. the incident's time zone. */
  timeZone: string;
  /** `YYYY-MM-DD` for time-only lines when no earlier line has a date. */
  referenceDate?: string;
};

export type ParseTimelineResult = { events: ParsedTimelineEvent[]; unparsed: UnparsedLine[] };

// ---------------------------------------------------------------------------------------------------------------------
// Timestamp grammar

type Ymd = { y: number; m: number; d: number; hasYear: boolean };
type Hms = { h: number; mi: number; s: number; ms: number; hasSeconds: boolean };
type Zone = { kind: "iana"; name: string } | { kind: "offset"; minutes: number };
type Stamp = { date: Ymd | null; time: Hms | null; zone: Zone | null };

/** A piece of grammar read at a position: the value and where it ends, a reason it is wrong, or nothing. */
type Read<T> = { value: T; end: number } | { error: string } | null;

const isError = (r: object | null): r is { error: string } => r !== null && "error" in r;

function matchAt(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\\.?";
const ORDINAL = "(?:st|nd|rd|th)?";
const WEEKDAY_RE =
  /(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)(?![a-z])\.?,?\s+/iy;
const ISO_DATE_RE = /(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/y;
const SLASH_YMD_RE = /(\d{4})\/(\d{1,2})\/(\d{1,2})(?!\d)/y;
const DOT_DMY_RE = /(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/y;
const MONTH_DAY_RE = new RegExp(`${MONTH}\\s*(\\d{1,2})${ORDINAL}(?![\\da-z])`, "iy");
const DAY_MONTH_RE = new RegExp(`(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?${MONTH}`, "iy");
const YEAR_RE = /(?:,\s*|\s+)(\d{4})(?!\d)/y;
/** "05/12/2022", or "05/12" before a time or separator (so "3/4 of traffic" stays plain text). */
const AMBIGUOUS_DATE_RE =
  /\d{1,2}\/\d{1,2}\/\d{2,4}(?!\d)|\d{1,2}\/\d{1,2}(?=\s*(?:$|[-–—:|,;]|\d{1,2}(?::\d{2}|\s*[ap]\.?m)))/iy;

const TIME_24_RE = /(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?!\d)/y;
const HOUR_ONLY_RE = /(\d{1,2})(?=\s*[ap]\.?m(?![a-z]))/iy;
const AM_PM_RE = /\s*([ap])\.?m(?![a-z])\.?/iy;

const DATE_TIME_JOIN_RE = /(?:T|\s*,\s*(?:(?:at|@)\s+)?|\s+(?:(?:at|@)\s+)?|\s*@\s*)/iy;
const TIME_DATE_JOIN_RE = /(?:\s*,\s*|\s+)(?:on\s+)?/iy;

const Z_RE = /\s*Z(?![A-Za-z0-9])/y;
const PREFIXED_OFFSET_RE = /\s*\(?(?:UTC|GMT)\s*([+\-−])(\d{1,2})(?::?(\d{2}))?\)?(?!\d)/iy;
const BARE_OFFSET_RE = /\s*\(?([+\-−])(\d{2}):?(\d{2})\)?(?!\d)/y;
const UTC_WORD_RE = /\s*\(?(?:UTC|GMT)\)?(?![A-Za-z])/iy;
const ABBREVIATION_RE = /\s*\(?([A-Z]{2,5})\)?(?![A-Za-z])/y;
const IANA_RE = /\s*\(?([A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+)\)?(?![A-Za-z/])/y;

/** Fixed offsets in minutes east of UTC for common upper-case zone abbreviations. */
const ZONE_ABBREVIATIONS: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  PKT: 300,
  IST: 330,
  ICT: 420,
  SGT: 480,
  HKT: 480,
  AWST: 480,
  JST: 540,
  KST: 540,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  BRT: -180,
  ART: -180,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
};

/** Generic US zone names that follow daylight saving. */
const GENERIC_ZONES: Record<string, string> = {
  ET: "America/New_York",
  CT: "America/Chicago",
  MT: "America/Denver",
  PT: "America/Los_Angeles",
};

/** Abbreviations whose meaning depends on where the writer is, judged by the default zone. */
function abbreviationOffset(abbreviation: string, defaultZone: string): number | undefined {
  if (abbreviation === "IST") {
    if (defaultZone === "Europe/Dublin") return 60; // Irish Standard Time (summer)
    if (defaultZone === "Asia/Jerusalem" || defaultZone === "Asia/Tel_Aviv") return 120; // Israel Standard Time
  }
  if (abbreviation === "CST" && ["Asia/Shanghai", "Asia/Taipei", "Asia/Macau", "Asia/Chongqing"].includes(defaultZone)) {
    return 480; // China / Taiwan Standard Time
  }
  return ZONE_ABBREVIATIONS[abbreviation];
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function checkDate(y: number, m: number, d: number, hasYear: boolean, written: string, end: number): Read<Ymd> {
  if (m < 1 || m > 12) return { error: `invalid date: "${written}" has no month ${m}` };
  if (d < 1 || d > daysInMonth(y, m)) {
    return { error: `invalid date: ${MONTH_NAMES[m - 1]} ${d}, ${y} does not exist` };
  }
  return { value: { y, m, d, hasYear }, end };
}

/** A year after a month and day: 1970–2099, and not a count such as "May 12 2000 requests failed". */
function readYear(s: string, pos: number): { year: number; end: number } | null {
  const m = matchAt(YEAR_RE, s, pos);
  if (!m) return null;
  const year = Number(m[1]);
  const end = pos + m[0].length;
  if (year < 1970 || year > 2099) return null;
  if (/^\s+(?!at\b)[a-z]/.test(s.slice(end))) return null;
  return { year, end };
}

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function readDateNoWeekday(s: string, pos: number, defaultYear: number): Read<Ymd> {
  let m = matchAt(ISO_DATE_RE, s, pos) ?? matchAt(SLASH_YMD_RE, s, pos);
  if (m) return checkDate(Number(m[1]), Number(m[2]), Number(m[3]), true, m[0], pos + m[0].length);
  m = matchAt(DOT_DMY_RE, s, pos);
  if (m) return checkDate(Number(m[3]), Number(m[2]), Number(m[1]), true, m[0], pos + m[0].length);
  m = matchAt(MONTH_DAY_RE, s, pos);
  if (m) {
    const year = readYear(s, pos + m[0].length);
    const end = year?.end ?? pos + m[0].length;
    return checkDate(year?.year ?? defaultYear, monthIndex(m[1]), Number(m[2]), year !== null, m[0], end);
  }
  m = matchAt(DAY_MONTH_RE, s, pos);
  if (m) {
    const year = readYear(s, pos + m[0].length);
    const end = year?.end ?? pos + m[0].length;
    return checkDate(year?.year ?? defaultYear, monthIndex(m[2]), Number(m[1]), year !== null, m[0], end);
  }
  m = matchAt(AMBIGUOUS_DATE_RE, s, pos);
  if (m) return { error: `ambiguous date "${m[0]}": write it as ${defaultYear}-MM-DD or with the month name, e.g. May 12` };
  return null;
}

function readDate(s: string, pos: number, defaultYear: number): Read<Ymd> {
  const weekday = matchAt(WEEKDAY_RE, s, pos);
  if (weekday) {
    const date = readDateNoWeekday(s, pos + weekday[0].length, defaultYear);
    if (date) return date;
  }
  return readDateNoWeekday(s, pos, defaultYear);
}

function readTime(s: string, pos: number): Read<Hms> {
  let hasMinutes = true;
  let m = matchAt(TIME_24_RE, s, pos);
  if (!m) {
    m = matchAt(HOUR_ONLY_RE, s, pos);
    hasMinutes = false;
  }
  if (!m) return null;
  const written = m[0];
  let h = Number(m[1]);
  const mi = hasMinutes ? Number(m[2]) : 0;
  const hasSeconds = hasMinutes && m[3] !== undefined;
  const sec = hasSeconds ? Number(m[3]) : 0;
  const ms = hasMinutes && m[4] ? Number(m[4].padEnd(3, "0").slice(0, 3)) : 0;
  let end = pos + written.length;
  const ampm = matchAt(AM_PM_RE, s, end);
  if (ampm) {
    const pm = ampm[1].toLowerCase() === "p";
    const label = `${written}${ampm[0]}`.trim();
    end += ampm[0].length;
    if (h >= 1 && h <= 12) h = (h % 12) + (pm ? 12 : 0);
    else if (h === 0 && !pm) h = 0;
    else if (!(hasMinutes && h >= 13 && h <= 23 && pm)) return { error: `invalid time: "${label}" is not a 12-hour clock time` };
  } else if (!hasMinutes) {
    return null;
  }
  if (h > 23 || mi > 59 || sec > 59) return { error: `invalid time: "${written}" is not a time of day (00:00–23:59)` };
  return { value: { h, mi, s: sec, ms, hasSeconds }, end };
}

function sign(c: string): number {
  return c === "+" ? 1 : -1;
}

function offsetZone(signChar: string, hours: string, minutes: string | undefined, end: number): Read<Zone> {
  const h = Number(hours);
  const mi = minutes ? Number(minutes) : 0;
  if (h > 14 || mi > 59) return { error: `invalid UTC offset: ${signChar}${hours}${minutes ? `:${minutes}` : ""}` };
  return { value: { kind: "offset", minutes: sign(signChar) * (h * 60 + mi) }, end };
}

/**
 * The zone written at `pos`. A bare offset right after the time ("10:00-11:00") is read as an offset only in
 * ISO-like stamps (`attachedOffset`: a `T` between date and time, or seconds); otherwise it is a time range.
 */
function readZone(s: string, pos: number, defaultZone: string, attachedOffset = true): Read<Zone> {
  let m = matchAt(Z_RE, s, pos);
  if (m) return { value: { kind: "offset", minutes: 0 }, end: pos + m[0].length };
  m = matchAt(PREFIXED_OFFSET_RE, s, pos);
  if (m) return offsetZone(m[1], m[2], m[3], pos + m[0].length);
  m = matchAt(BARE_OFFSET_RE, s, pos);
  if (m && (attachedOffset || /^\s/.test(m[0]))) return offsetZone(m[1], m[2], m[3], pos + m[0].length);
  m = matchAt(UTC_WORD_RE, s, pos);
  if (m) return { value: { kind: "offset", minutes: 0 }, end: pos + m[0].length };
  m = matchAt(ABBREVIATION_RE, s, pos);
  if (m) {
    const generic = GENERIC_ZONES[m[1]];
    if (generic) return { value: { kind: "iana", name: generic }, end: pos + m[0].length };
    const minutes = abbreviationOffset(m[1], defaultZone);
    if (minutes !== undefined) return { value: { kind: "offset", minutes }, end: pos + m[0].length };
  }
  m = matchAt(IANA_RE, s, pos);
  if (m && isValidTimeZone(m[1])) return { value: { kind: "iana", name: m[1] }, end: pos + m[0].length };
  return null;
}

/** A time and the zone written after it. */
function readTimeAndZone(s: string, pos: number, defaultZone: string, iso = false): Read<{ time: Hms; zone: Zone | null }> {
  const time = readTime(s, pos);
  if (!time || isError(time)) return time;
  const zone = readZone(s, time.end, defaultZone, iso || time.value.hasSeconds);
  if (isError(zone)) return zone;
  return { value: { time: time.value, zone: zone?.value ?? null }, end: zone?.end ?? time.end };
}

function readStampAt(s: string, pos: number, opts: ParseTimelineOptions): Read<Stamp> {
  const date = readDate(s, pos, opts.year);
  if (isError(date)) return date;
  if (date) {
    const join = matchAt(DATE_TIME_JOIN_RE, s, date.end);
    const iso = join?.[0].toUpperCase() === "T";
    if (join && (!iso || /^\d{4}[-/]/.test(s.slice(pos)))) {
      const tz = readTimeAndZone(s, date.end + join[0].length, opts.timeZone, iso);
      if (isError(tz)) return tz;
      if (tz) return { value: { date: date.value, ...tz.value }, end: tz.end };
    }
    return { value: { date: date.value, time: null, zone: null }, end: date.end };
  }
  const tz = readTimeAndZone(s, pos, opts.timeZone);
  if (!tz || isError(tz)) return tz;
  const join = matchAt(TIME_DATE_JOIN_RE, s, tz.end);
  if (join) {
    const after = readDate(s, tz.end + join[0].length, opts.year);
    if (isError(after)) return after;
    if (after) return { value: { ...tz.value, date: after.value }, end: after.end };
  }
  return { value: { ...tz.value, date: null }, end: tz.end };
}

const LEAD_IN_RE = /(?:(?:at|around|about|approx\.?|approximately|circa|ca\.|on|by)\s+|~\s*)/iy;

/** A timestamp at the start of `s` (after an optional lead-in word), ending at a word boundary. */
function readLeadingStamp(s: string, opts: ParseTimelineOptions): Read<Stamp> {
  let stamp = readStampAt(s, 0, opts);
  if (!stamp) {
    const lead = matchAt(LEAD_IN_RE, s, 0);
    if (lead) stamp = readStampAt(s, lead[0].length, opts);
  }
  if (stamp && !isError(stamp) && /^[\p{L}\p{N}]/u.test(s.slice(stamp.end))) return null;
  return stamp;
}

const WRAPPERS: [string, string][] = [
  ["**", "**"],
  ["__", "__"],
  ["*", "*"],
  ["_", "_"],
  ["`", "`"],
  ["[", "]"],
  ["(", ")"],
];

/** The timestamp and the text after it, looking inside `**…**`-style wrappers around the timestamp. */
function splitStamp(s: string, opts: ParseTimelineOptions): { stamp: Stamp; rest: string } | { error: string } | null {
  for (const [open, close] of WRAPPERS) {
    if (!s.startsWith(open)) continue;
    const closeAt = s.indexOf(close, open.length);
    if (closeAt <= open.length) continue;
    const inner = s.slice(open.length, closeAt).trim();
    const stamp = readLeadingStamp(inner, opts);
    if (isError(stamp)) return stamp;
    if (!stamp) continue;
    const after = s.slice(closeAt + close.length);
    if (inner.slice(stamp.end).trim() === "") return { stamp: stamp.value, rest: after };
    // "**19:05 Alert fired**": emphasis around the whole line; brackets around more than a timestamp are text.
    if (open !== "[" && open !== "(") return { stamp: stamp.value, rest: `${inner.slice(stamp.end)} ${after}`.trimEnd() };
  }
  const stamp = readLeadingStamp(s, opts);
  if (!stamp || isError(stamp)) return stamp;
  return { stamp: stamp.value, rest: s.slice(stamp.end) };
}

const SEPARATOR_RE = /^\s*(?:->|=>|[-–—]+|[:|,;])?\s*/;

function textAfterStamp(rest: string): string {
  return rest.replace(SEPARATOR_RE, "").trim();
}

// ---------------------------------------------------------------------------------------------------------------------
// Kinds

const KIND_RULES: [TimelineKind, RegExp][] = [
  [
    "communication",
    /\b(?:tweet(?:ed|s)?|status ?page|announc\w*|communicat\w*|(?:customers?|users?|clients?) (?:were |was )?(?:informed|notified|updated)|(?:informed|notified|emailed|told) (?:the |our |all )?(?:customers?|users?|clients?)|posted an? update)\b/i,
  ],
  ["resolution", /\b(?:resolved|fixed|recovered|fully restored|back to normal|all clear)\b/i],
  [
    "mitigation",
    /\b(?:mitigat\w*|roll(?:ed|ing)? ?back|rollback|revert(?:ed|ing)?|fail(?:ed)? over|failover|shifted traffic|traffic (?:was )?shifted|drained)\b/i,
  ],
  ["escalation", /\b(?:escalat\w*|declared|paged)\b/i],
  ["detection", /\b(?:detect\w*|alert\w*|pages?|pager\w*|noticed)\b/i],
];

const IRREGULAR_PAST = new Set(
  "began brought built rebuilt caught chose did drew found froze gave got held kept led left made put ran reran sent set shut spun split took told threw wrote rewrote".split(
    " ",
  ),
);
const SUBJECT_RE = /^(?:(?:we|i|they|the team|team|on-?call|sre|ops)\s+)/i;

/**
 * Guesses the kind from words in the text, first match wins: communication (tweet, status page, announced,
 * customers informed, communicat…), resolution (resolved, fixed, recovered, back to normal), mitigation (mitigat…,
 * rollback / rolled back, revert, failover, shifted traffic, drained), escalation (escalat…, declared, paged),
 * detection (detect…, alert…, page, pager, noticed). Otherwise "action" when the text starts with a past-tense verb
 * ("Doubled the cache", "We restarted…"), else "note".
 */
export function guessTimelineKind(text: string): TimelineKind {
  for (const [kind, re] of KIND_RULES) if (re.test(text)) return kind;
  const first = /^[a-z]+/i.exec(text.replace(SUBJECT_RE, ""))?.[0].toLowerCase() ?? "";
  if ((first.length >= 4 && first.endsWith("ed") && !first.endsWith("eed")) || IRREGULAR_PAST.has(first)) return "action";
  return "note";
}

// ---------------------------------------------------------------------------------------------------------------------
// Lines

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const ymdString = (d: Ymd) => `${pad(d.y, 4)}-${pad(d.m)}-${pad(d.d)}`;

function zoneLabel(zone: Zone): string {
  if (zone.kind === "iana") return zone.name;
  if (zone.minutes === 0) return "UTC";
  const abs = Math.abs(zone.minutes);
  return `${zone.minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function toInstant(date: Ymd, time: Hms | null, zone: Zone): Date {
  if (!time) return localToUtc(ymdString(date), zoneLabel(zone));
  if (zone.kind === "offset") {
    return new Date(Date.UTC(date.y, date.m - 1, date.d, time.h, time.mi, time.s, time.ms) - zone.minutes * 60_000);
  }
  const local = `${ymdString(date)}T${pad(time.h)}:${pad(time.mi)}:${pad(time.s)}`;
  return new Date(localToUtc(local, zone.name).getTime() + time.ms);
}

/** `---`, `***`, `===`, `|---|:--:|` and the like. */
const SEPARATOR_LINE_RE = /^[\s\-–—_=*#~|:+.•]+$/;
const TABLE_SEPARATOR_RE = /^\|?(?:\s*:?-+:?\s*\|)*\s*:?-+:?\s*\|?$/;
const LINE_PREFIX_RES = [/^>\s*/, /^#{1,6}\s+/, /^(?:[-*+•]|\d{1,3}[.)])\s+/, /^\[[ xX]\]\s+/];

function stripLinePrefix(s: string): string {
  let out = s;
  for (;;) {
    const before = out;
    for (const re of LINE_PREFIX_RES) out = out.replace(re, "");
    if (out === before) return out.trim();
  }
}

function tableCells(row: string): string[] {
  const inner = row
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "");
  return inner.split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, "|").trim());
}

const isTableRow = (s: string | undefined) => s !== undefined && s.trim().startsWith("|");

type Candidate = { stamp: Stamp; text: string } | { error: string };

/** The timestamp and text of a table row: first cell, or a date cell followed by a time cell. */
function readTableRow(cells: string[], opts: ParseTimelineOptions): Candidate {
  const first = splitStamp(cells[0] ?? "", opts);
  if (isError(first)) return first;
  if (!first || first.rest.trim() !== "") return { error: "no date or time found in the first column" };
  let stamp = first.stamp;
  let textCells = cells.slice(1);
  if (stamp.date && !stamp.time && cells.length > 1) {
    const second = splitStamp(cells[1], opts);
    if (isError(second)) return second;
    if (second && second.rest.trim() === "" && second.stamp.time && !second.stamp.date) {
      stamp = { ...stamp, time: second.stamp.time, zone: second.stamp.zone };
      textCells = cells.slice(2);
    }
  }
  return {
    stamp,
    text: textCells
      .map((c) => c.trim())
      .filter(Boolean)
      .join(" — "),
  };
}

/** A zone named in a time column's header, e.g. "Time (UTC)" or "Date/time CEST": rows without a zone use it. */
function headerZone(cells: string[], defaultZone: string): Zone | null {
  for (const cell of cells.slice(0, 2)) {
    for (const token of cell.split(/[^A-Za-z0-9_/+\-−:]+/)) {
      const zone = token ? readZone(token, 0, defaultZone) : null;
      if (zone && !isError(zone) && zone.end === token.length) return zone.value;
    }
  }
  return null;
}

function validateOptions(opts: ParseTimelineOptions): void {
  if (!Number.isInteger(opts.year) || opts.year < 1 || opts.year > 9999) throw new RangeError(`Not a year: ${opts.year}`);
  if (!isValidTimeZone(opts.timeZone)) throw new RangeError(`Unknown time zone: ${opts.timeZone}`);
  if (opts.referenceDate !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(opts.referenceDate);
    if (!m || isError(checkDate(Number(m[1]), Number(m[2]), Number(m[3]), true, opts.referenceDate, 0))) {
      throw new RangeError(`Not a YYYY-MM-DD date: ${opts.referenceDate}`);
    }
  }
}

/** Parses pasted timeline text; see the module comment for the accepted forms. Throws RangeError on invalid options. */
export function parseTimelineText(input: string, opts: ParseTimelineOptions): ParseTimelineResult {
  validateOptions(opts);
  const reference: Ymd | null = opts.referenceDate
    ? {
        y: Number(opts.referenceDate.slice(0, 4)),
        m: Number(opts.referenceDate.slice(5, 7)),
        d: Number(opts.referenceDate.slice(8, 10)),
        hasYear: true,
      }
    : null;
  const events: ParsedTimelineEvent[] = [];
  const unparsed: UnparsedLine[] = [];
  let lastDate: Ymd | null = null;
  let tableZone: Zone | null = null;
  const lines = input.split(/\r\n|\r|\n/);

  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === "" || SEPARATOR_LINE_RE.test(trimmed)) return;
    const reject = (reason: string) => void unparsed.push({ line, raw, reason });

    let candidate: Candidate;
    if (isTableRow(trimmed)) {
      if (TABLE_SEPARATOR_RE.test(trimmed)) return;
      let nextIndex = index + 1;
      while (nextIndex < lines.length && lines[nextIndex].trim() === "") nextIndex++;
      const next = lines[nextIndex];
      const cells = tableCells(trimmed);
      const firstRow = !isTableRow(lines[index - 1]);
      if ((next !== undefined && TABLE_SEPARATOR_RE.test(next.trim())) || (firstRow && !/\d/.test(trimmed))) {
        tableZone = headerZone(cells, opts.timeZone);
        return;
      }
      if (firstRow) tableZone = null;
      if (cells.every((c) => c === "")) return;
      candidate = readTableRow(cells, opts);
      if (!("error" in candidate) && candidate.stamp.time && !candidate.stamp.zone && tableZone) {
        candidate = { ...candidate, stamp: { ...candidate.stamp, zone: tableZone } };
      }
    } else {
      tableZone = null;
      const body = stripLinePrefix(trimmed);
      if (body === "") return;
      const split = splitStamp(body, opts);
      if (!split) return reject("no date or time found at the start of the line");
      candidate = isError(split) ? split : { stamp: split.stamp, text: textAfterStamp(split.rest) };
    }
    if ("error" in candidate) return reject(candidate.error);

    const { stamp, text } = candidate;
    let date: Ymd;
    let assumedDate = false;
    if (stamp.date) {
      date = stamp.date;
      lastDate = stamp.date;
    } else if (lastDate) {
      date = lastDate;
    } else if (reference) {
      date = reference;
      assumedDate = true;
    } else {
      return reject("time without a date: no earlier line has a date and no reference date was given");
    }
    if (text === "") {
      if (!stamp.time) return; // a date heading: dates the lines below it
      return reject("no event text after the time");
    }
    const zone: Zone = stamp.zone ?? { kind: "iana", name: opts.timeZone };
    events.push({
      line,
      raw,
      occurredAt: toInstant(date, stamp.time, stamp.time ? zone : { kind: "iana", name: opts.timeZone }),
      precision: !stamp.time ? "day" : stamp.time.hasSeconds ? "second" : "minute",
      text,
      kind: guessTimelineKind(text),
      zone: stamp.time ? zoneLabel(zone) : opts.timeZone,
      assumedYear: !date.hasYear,
      assumedDate,
    });
  });

  return { events, unparsed };
}
