import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

/** True when the IANA zone is known to this runtime. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * "2026-05-12T19:00" written in `zone` → the UTC instant. Wall times skipped by a daylight-saving
 * jump move forward, as date-fns/tz resolves them; repeated ones take the earlier offset.
 */
export function localToUtc(local: string, zone: string): Date {
  const m = LOCAL_DATE_TIME.exec(local.trim());
  if (!m) throw new RangeError(`Not a local date-time: ${local}`);
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  const date = new TZDate(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), zone);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid date: ${local}`);
  const wall = `${y}-${mo}-${d}T${h.padStart(2, "0")}:${mi.padStart(2, "0")}:${s.padStart(2, "0")}`;
  // A repeated wall time (clocks going back) resolves to the later instant; prefer the earlier one,
  // as people write what they saw first. Daylight-saving shifts of 30 and 60 minutes are covered.
  for (const shift of [60, 30]) {
    const earlier = new Date(date.getTime() - shift * 60_000);
    if (format(new TZDate(earlier, zone), "yyyy-MM-dd'T'HH:mm:ss") === wall) return earlier;
  }
  return new Date(date.getTime());
}

/** The wall-clock value of `instant` in `zone`, for <input type="datetime-local">. */
export function utcToLocalInput(instant: Date, zone: string): string {
  return format(new TZDate(instant, zone), "yyyy-MM-dd'T'HH:mm");
}

/** Formats an instant in an explicit zone; never the server's or browser's implicit one. */
export function formatInZone(instant: Date, zone: string, pattern = "yyyy-MM-dd HH:mm"): string {
  return format(new TZDate(instant, zone), pattern);
}

/**
 * Short zone name at that instant: "CEST", "BST", "EDT", "UTC"; "GMT+9" where no common
 * abbreviation exists. British English knows the European names, American English the American.
 */
export function zoneAbbreviation(instant: Date, zone: string): string {
  if (zone === "UTC" || zone === "Etc/UTC") return "UTC";
  const names = ["en-GB", "en-US"].map(
    (locale) =>
      new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" })
        .formatToParts(instant)
        .find((p) => p.type === "timeZoneName")?.value ?? zone,
  );
  return names.find((n) => !/^(GMT|UTC)[+-−]/.test(n)) ?? names[0];
}

export const COMMON_TIME_ZONES = [
  "UTC",
  "Europe/Berlin",
  "Europe/London",
  "Europe/Paris",
  "Europe/Amsterdam",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
];
