import { z } from "zod";
import { isValidTimeZone } from "@/lib/time/zones";

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_MAX_PAGE_SIZE = 200;

/** A GET form sends every field, empty or not: an empty one means "no filter". */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const Text = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `Use at most ${max} characters`).optional());

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A calendar day (read in the chosen zone) or an ISO 8601 instant with its offset, for API clients. */
const DayOrInstant = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .refine((v) => {
      if (INSTANT.test(v)) return !Number.isNaN(Date.parse(v));
      if (!DAY.test(v)) return false;
      const day = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === v;
    }, "Enter a date as YYYY-MM-DD or an instant such as 2026-05-12T19:00:00Z")
    .optional(),
);

export const AuditLogQuery = z
  .object({
    /** The actor's e-mail or label ("cli", "system"), any case, or a user id. */
    actor: Text(320),
    /** An exact action ("incident.update") or a prefix ending in * ("incident.*"). */
    action: Text(100),
    entityType: Text(100),
    incident: z.preprocess(
      blankToUndefined,
      z.coerce.number("Enter an incident number").int("Enter an incident number").positive("Enter an incident number").optional(),
    ),
    from: DayOrInstant,
    to: DayOrInstant,
    /** Free text matched in who, action, entity, incident title and the recorded details. */
    q: Text(200),
    tz: z.preprocess(blankToUndefined, z.string().trim().refine(isValidTimeZone, "Choose a known time zone").optional()),
    cursor: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[1-9]\d{0,18}$/, "Use the nextCursor of a previous page")
        .optional(),
    ),
    limit: z.preprocess(
      blankToUndefined,
      z.coerce
        .number()
        .int()
        .min(1, "Ask for at least 1 entry")
        .max(AUDIT_MAX_PAGE_SIZE, `Ask for at most ${AUDIT_MAX_PAGE_SIZE} entries`)
        .default(AUDIT_PAGE_SIZE),
    ),
  })
  .refine((q) => !(q.from && q.to && DAY.test(q.from) && DAY.test(q.to)) || q.from <= q.to, {
    path: ["to"],
    message: "The end date is before the start date",
  });

export type AuditLogQuery = z.input<typeof AuditLogQuery>;
export type AuditLogFilters = z.output<typeof AuditLogQuery>;

/** True when any filter narrows the list (the zone, page size and cursor do not). */
export function hasAuditFilters(f: Partial<AuditLogFilters>): boolean {
  return Boolean(f.actor || f.action || f.entityType || f.incident || f.from || f.to || f.q);
}

/** The query string of a filtered list, for links that keep the filters (next page, API link). */
export function auditQueryString(
  f: Partial<AuditLogFilters>,
  patch: Partial<Record<keyof AuditLogFilters, string | number | undefined>> = {},
): string {
  const params = new URLSearchParams();
  const entries: Record<string, string | number | undefined> = {
    actor: f.actor,
    action: f.action,
    entityType: f.entityType,
    incident: f.incident,
    from: f.from,
    to: f.to,
    q: f.q,
    tz: f.tz,
    limit: f.limit && f.limit !== AUDIT_PAGE_SIZE ? f.limit : undefined,
    cursor: f.cursor,
    ...patch,
  };
  for (const [k, v] of Object.entries(entries)) if (v !== undefined && v !== "") params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : "";
}
