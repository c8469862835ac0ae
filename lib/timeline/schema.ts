import { z } from "zod";
import { TIMELINE_KINDS } from "@/lib/incidents/constants";
import { isValidTimeZone, localToUtc } from "@/lib/time/zones";

/**
 * Timeline inputs shared by the editor, the paste dialog and the server. A time is either a wall-clock
 * `local` value ("YYYY-MM-DD", "YYYY-MM-DDTHH:mm" or "…:ss") read in `zone` ("incident" = the incident's
 * zone, or an IANA name such as "UTC"), or an ISO instant `at`; the precision follows from what was written.
 */
export const TIMELINE_MAX_TEXT = 2000;
export const TIMELINE_MAX_IMPORT = 1000;

export const TimelineZoneChoice = z
  .string()
  .trim()
  .refine((z) => z === "incident" || isValidTimeZone(z), "Choose the incident's time zone or UTC");

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

const TimeFields = {
  local: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || isRealLocal(v), "Use YYYY-MM-DD HH:mm (seconds optional) or YYYY-MM-DD"),
  at: z
    .string()
    .trim()
    .optional()
    .refine(
      (v) => !v || (ISO_INSTANT_RE.test(v) && !Number.isNaN(new Date(v).getTime())),
      "Not an ISO instant such as 2026-05-12T17:05:00Z",
    ),
  zone: TimelineZoneChoice.default("incident"),
  /** Only with `at`: the precision of the instant ("minute" drops seconds). */
  precision: z.enum(["minute", "second"]).optional(),
};

const EventFields = {
  kind: z.enum(TIMELINE_KINDS, "Choose a kind").default("note"),
  text: z
    .string()
    .trim()
    .min(1, "Describe what happened")
    .max(TIMELINE_MAX_TEXT, `Use at most ${TIMELINE_MAX_TEXT.toLocaleString("en-US")} characters`),
};

/** Exactly one of `local` and `at`; runs even when other fields have errors, so every field error shows at once. */
const checkTime = [
  (v: { local?: string; at?: string } | undefined, ctx: z.RefinementCtx) => {
    if (typeof v !== "object" || v === null) return;
    if (Boolean(v.local) === Boolean(v.at)) {
      ctx.addIssue({ code: "custom", path: ["local"], message: "Enter a time, e.g. 2026-05-12 19:05 or 2026-05-12" });
    }
  },
  { when: () => true },
] as const;

function isRealLocal(value: string): boolean {
  const m = LOCAL_RE.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? "0", m[5] ?? "0", m[6] ?? "0"].map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d));
  return (
    date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h <= 23 && mi <= 59 && s <= 59
  );
}

const EventInput = z.object({ ...TimeFields, ...EventFields }).superRefine(...checkTime);

export const CreateTimelineEventInput = z
  .object({ incidentNumber: z.coerce.number().int().positive(), ...TimeFields, ...EventFields })
  .superRefine(...checkTime);
export type CreateTimelineEventInput = z.input<typeof CreateTimelineEventInput>;

export const UpdateTimelineEventInput = z
  .object({ id: z.string().min(1), version: z.coerce.number().int().positive(), ...TimeFields, ...EventFields })
  .superRefine(...checkTime);
export type UpdateTimelineEventInput = z.input<typeof UpdateTimelineEventInput>;

export const DeleteTimelineEventInput = z.object({
  id: z.string().min(1),
  version: z.coerce.number().int().positive(),
});
export type DeleteTimelineEventInput = z.input<typeof DeleteTimelineEventInput>;

export const ImportTimelineEventsInput = z.object({
  incidentNumber: z.coerce.number().int().positive(),
  events: z
    .array(EventInput)
    .min(1, "Nothing to add: no line was read as an event")
    .max(TIMELINE_MAX_IMPORT, `Add at most ${TIMELINE_MAX_IMPORT} events at once`),
});
export type ImportTimelineEventsInput = z.input<typeof ImportTimelineEventsInput>;

export type TimelineTime = z.output<typeof EventInput>;
export type ResolvedTime = { occurredAt: Date; precision: "day" | "minute" | "second" };

/**
 * The stored instant and precision of a parsed time. A day-precision event always sits at the start of
 * that day in the incident's zone, whatever zone it was typed in, so days order the same for everyone.
 */
export function resolveTimelineTime(
  time: Pick<TimelineTime, "local" | "at" | "zone" | "precision">,
  incidentZone: string,
): ResolvedTime {
  if (time.local) {
    const local = time.local.replace(" ", "T");
    const m = LOCAL_RE.exec(local);
    if (!m) throw new RangeError(`Not a local time: ${time.local}`);
    if (m[4] === undefined) return { occurredAt: localToUtc(local, incidentZone), precision: "day" };
    const zone = time.zone === "incident" ? incidentZone : time.zone;
    return { occurredAt: localToUtc(local, zone), precision: m[6] === undefined ? "minute" : "second" };
  }
  const at = new Date(time.at!);
  const written = /T\d{2}:\d{2}:\d{2}/.test(time.at!) ? "second" : "minute";
  const precision = time.precision ?? written;
  const ms = precision === "minute" ? Math.floor(at.getTime() / 60_000) * 60_000 : Math.floor(at.getTime() / 1000) * 1000;
  return { occurredAt: new Date(ms), precision };
}
