/**
 * Reading one value or one time as metric files write them, shared by every importer so a cell
 * means the same in a CSV, a Grafana export and Hindsight's JSON.
 */
import { AppError } from "@/lib/errors";
import { isValidTimeZone, localToUtc } from "@/lib/time/zones";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** "12,5" where the delimiter is not a comma (spreadsheets in German, French... locales). */
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/** How to write a value, for error messages. */
export const VALUE_HELP = 'use a number; leave the cell empty or write NaN or null for a gap, "+Inf" or "-Inf" for infinities.';

/** A plain number (no sign of a unit), or null. */
export function plainNumber(text: string): number | null {
  return NUMBER.test(text) ? Number(text) : null;
}

/**
 * A value cell (trimmed): a number, a gap (empty, "NaN", "null" → NaN) or an infinity
 * ("+Inf", "Inf", "-Inf", "Infinity" → ±Infinity, any case). Null when it is none of these.
 */
export function metricValue(text: string, decimalComma = false): number | null {
  if (NUMBER.test(text)) return Number(text);
  const special = specialValue(text);
  if (special !== null) return special;
  if (decimalComma && DECIMAL_COMMA.test(text)) return Number(text.replace(",", "."));
  return null;
}

/** The words for gaps and infinities, or null for anything else. */
export function specialValue(text: string): number | null {
  switch (text.toLowerCase()) {
    case "":
    case "nan":
    case "null":
      return NaN;
    case "inf":
    case "+inf":
    case "infinity":
    case "+infinity":
      return Infinity;
    case "-inf":
    case "-infinity":
      return -Infinity;
    default:
      return null;
  }
}

export const TIME_HELP = "use ISO 8601 (2026-05-03T14:05:00Z) or epoch seconds/milliseconds.";

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const EPOCH_SECONDS = /^\d{9,10}(?:\.\d+)?$/;
const EPOCH_MILLISECONDS = /^\d{12,13}(?:\.\d+)?$/;
/** Distinct local hours remembered; offset-less files are usually in order, so few are live at once. */
const LOCAL_CACHE_SIZE = 4096;

/** Whether the text is written like a time (ISO 8601 or epoch seconds/ms), for telling a header from data. */
export function looksLikeTime(text: string): boolean {
  return ISO_TIME.test(text) || EPOCH_SECONDS.test(text) || EPOCH_MILLISECONDS.test(text);
}

type EpochUnit = "seconds" | "milliseconds";

/**
 * Turns time cells into epoch milliseconds. ISO 8601 with an offset is exact; without one it is a
 * wall-clock time in `timeZone`, resolved like lib/time's localToUtc (a time skipped by a DST jump
 * moves forward, a repeated one takes the earlier instant). Bare numbers are epoch seconds (10
 * digits) or milliseconds (13 digits), decided once per file by the first such cell: a later cell
 * of the other kind is refused rather than read 1000 times off.
 */
export class TimeReader {
  private epochUnit: EpochUnit | null = null;
  private readonly zoneIsUtc: boolean;
  private readonly localStarts = new Map<string, number>();
  private lastLocal = "";
  private lastLocalStart = 0;
  private readLocalTimes = false;

  constructor(private readonly timeZone: string) {
    if (!isValidTimeZone(timeZone)) {
      throw new AppError("VALIDATION", `Unknown time zone "${timeZone}": choose a known one, such as Europe/Berlin or UTC.`);
    }
    this.zoneIsUtc = timeZone === "UTC" || timeZone === "Etc/UTC";
  }

  /** Epoch ms, or NaN when the text is not a time this reader takes (`problem` says why). */
  read(text: string): number {
    const c = text.charCodeAt(0);
    if (c >= 48 && c <= 57 && text.length >= 9 && text.charCodeAt(4) !== 45 /* "-" */) return this.epoch(text);
    return this.iso(text);
  }

  /** Epoch ms of an ISO 8601 date-time (with or without offset), or NaN. */
  iso(text: string): number {
    const m = ISO_TIME.exec(text);
    if (!m) return NaN;
    const [, y, mo, d, h = "00", mi = "00", s = "00", fraction, offset] = m;
    const year = Number(y);
    const month = Number(mo);
    const day = Number(d);
    const hour = Number(h);
    const minute = Number(mi);
    const second = Number(s);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
      return NaN;
    }
    const extra = second * 1000 + (fraction ? Number(`0.${fraction}`) * 1000 : 0);
    if (offset) {
      return Date.UTC(year, month - 1, day, hour, minute) + extra - offsetMinutes(offset) * 60_000;
    }
    this.readLocalTimes = true;
    if (this.zoneIsUtc) return Date.UTC(year, month - 1, day, hour, minute) + extra;
    const date = text.slice(0, 10);
    if (m[4] === undefined) return this.localStart(date, false) + extra;
    const hourStart = this.localStart(`${date}T${h}:00`, true);
    if (hourStart === hourStart) return hourStart + minute * 60_000 + extra;
    // The hour of a DST change: minute by minute, cached apart from whole hours by the space.
    return this.localStart(`${date} ${h}:${mi}`, false) + extra;
  }

  /**
   * The UTC instant of a local date or date-time, cached. For a whole hour ("…T14:00") it is NaN
   * when the hour holds a DST change: outside those the wall clock runs with UTC for the whole
   * hour, so one zone lookup serves every minute of it.
   */
  private localStart(local: string, wholeHour: boolean): number {
    if (local === this.lastLocal) return this.lastLocalStart;
    let start = this.localStarts.get(local);
    if (start === undefined) {
      start = localToUtc(local, this.timeZone).getTime();
      if (wholeHour && localToUtc(nextHour(local), this.timeZone).getTime() - start !== 3_600_000) start = NaN;
      if (this.localStarts.size >= LOCAL_CACHE_SIZE) this.localStarts.clear();
      this.localStarts.set(local, start);
    }
    this.lastLocal = local;
    this.lastLocalStart = start;
    return start;
  }

  private epoch(text: string): number {
    const unit: EpochUnit | null = EPOCH_SECONDS.test(text) ? "seconds" : EPOCH_MILLISECONDS.test(text) ? "milliseconds" : null;
    if (unit === null) return NaN;
    this.epochUnit ??= unit;
    if (unit !== this.epochUnit) return NaN;
    return unit === "seconds" ? Math.round(Number(text) * 1e6) / 1e3 : Number(text);
  }

  /** Why `text` was not read as a time. */
  problem(text: string): string {
    const shown = JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
    if (/^\d+(?:\.\d+)?$/.test(text)) {
      const digits = text.split(".")[0].length;
      const unit = EPOCH_SECONDS.test(text) ? "seconds" : EPOCH_MILLISECONDS.test(text) ? "milliseconds" : null;
      if (unit && this.epochUnit && unit !== this.epochUnit) {
        return `${shown} looks like epoch ${unit}, but the file's first times are epoch ${this.epochUnit}: one file uses one of them.`;
      }
      return `${shown} is not a time: a number of ${digits} digits is neither epoch seconds (10 digits) nor epoch milliseconds (13 digits); ${TIME_HELP}`;
    }
    if (ISO_TIME.test(text)) return `${shown} is not a valid date or time of day.`;
    return `${shown} is not a time: ${TIME_HELP}`;
  }

  /** What the notes should say about the times read. */
  notes(): string[] {
    const notes: string[] = [];
    if (this.epochUnit) notes.push(`Times were read as epoch ${this.epochUnit}.`);
    if (this.readLocalTimes) notes.push(`Times without a UTC offset were read as wall-clock times in ${this.timeZone}.`);
    return notes;
  }
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** "2026-05-03T23:00" → "2026-05-04T00:00". */
function nextHour(local: string): string {
  const next = new Date(Date.parse(`${local}:00Z`) + 3_600_000).toISOString();
  return next.slice(0, 16);
}

/** "+02:00", "+0200", "-05", "Z" → minutes east of UTC. */
function offsetMinutes(offset: string): number {
  if (offset === "Z" || offset === "z") return 0;
  const sign = offset[0] === "-" ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
}
