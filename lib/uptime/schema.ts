/** Inputs of uptime evidence: one zod schema each, shared by forms, route handlers and the CLI. */
import { z } from "zod";
import { isValidTimeZone } from "@/lib/time/zones";
import { GAP_RULES, MONITOR_KINDS, UPTIME_FORMAT_IDS } from "@/lib/uptime/types";

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => (v ? v : undefined));

const timeZone = z
  .string()
  .trim()
  .refine((v) => isValidTimeZone(v), "Choose a known time zone, such as Europe/Berlin or UTC.");

const optionalTimeZone = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine((v) => v === undefined || isValidTimeZone(v), "Choose a known time zone, such as Europe/Berlin or UTC.");

/** An instant as ISO 8601 with an offset ("2026-10-24T02:10:00Z"). */
const isoInstant = z.iso.datetime({
  offset: true,
  message: "Give the time as ISO 8601 with an offset, e.g. 2026-10-24T02:10:00Z.",
});
/** A wall-clock time from a datetime-local field ("2026-10-24T04:10"), read in the form's zone. */
const localDateTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Give a date and time, e.g. 2026-10-24T04:10.");
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Give a date as YYYY-MM-DD.");

const sloTargetPct = z.coerce
  .number({ message: "Give the SLO target as a percentage, e.g. 99.9." })
  .gt(0, "The SLO target must be above 0%.")
  .lt(100, "The SLO target must be below 100%: a 100% target leaves no error budget.");

/** Fields sent with an uptime upload (multipart fields, CLI flags). */
export const uptimeImportInputSchema = z.object({
  format: z
    .enum(["auto", ...UPTIME_FORMAT_IDS], { message: `Choose a format: auto, ${UPTIME_FORMAT_IDS.join(", ")}.` })
    .optional()
    .transform((v) => (v === "auto" ? undefined : v)),
  /** Zone of times written without an offset (plain CSV). UTC when omitted. */
  timeZone: optionalTimeZone,
  /** Name of the monitor for a plain CSV (default: the file name). */
  monitorName: optionalText(200, "Keep the monitor name under 200 characters."),
  target: optionalText(1000, "Keep the target under 1,000 characters."),
  /** Service given to monitors this import creates (existing monitors keep theirs). */
  serviceId: optionalText(100, "Unknown service."),
});
export type UptimeImportInput = z.output<typeof uptimeImportInputSchema>;

export const monitorUpdateSchema = z.object({
  monitorId: z.string().min(1),
  version: z.coerce.number().int().positive(),
  name: z.string().trim().min(1, "Give the monitor a name.").max(200, "Keep the name under 200 characters."),
  target: z.string().trim().max(1000, "Keep the target under 1,000 characters."),
  kind: z.enum(MONITOR_KINDS, { message: `Choose a kind: ${MONITOR_KINDS.join(", ")}.` }),
  /** "" clears the service. */
  serviceId: z
    .string()
    .trim()
    .max(100)
    .transform((v) => (v ? v : null)),
  sloTargetPct,
  gapRule: z.enum(GAP_RULES, { message: "Choose how time without data counts: unknown, up or down." }),
  minDowntimeSec: z.coerce
    .number({ message: "Give the minimum downtime in seconds." })
    .int("Give whole seconds.")
    .min(0, "The minimum downtime cannot be negative.")
    .max(7 * 24 * 3600, "Keep the minimum downtime under a week."),
  /** "" or absent: samples record changes only. */
  checkIntervalSec: z
    .union([z.literal(""), z.coerce.number().int("Give whole seconds.").positive("The check interval must be positive.")])
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v)),
});
export type MonitorUpdate = z.output<typeof monitorUpdateSchema>;

export const maintenanceWindowCreateSchema = z
  .object({
    monitorId: z.string().min(1),
    startsAt: localDateTime,
    endsAt: localDateTime,
    timeZone,
    reason: z.string().trim().max(500, "Keep the reason under 500 characters."),
  })
  .refine((v) => v.endsAt > v.startsAt, { message: "The window must end after it starts.", path: ["endsAt"] });
export type MaintenanceWindowCreate = z.output<typeof maintenanceWindowCreateSchema>;

export const maintenanceWindowDeleteSchema = z.object({ id: z.string().min(1) });

export const incidentMonitorLinkSchema = z
  .object({
    incidentNumber: z.coerce.number().int().positive("Choose an incident."),
    monitorId: z.string().min(1, "Choose a monitor."),
    note: z.string().trim().max(1000, "Keep the note under 1,000 characters.").default(""),
    /** The downtime window this link is about, when it came from one. */
    windowStart: isoInstant.optional(),
    windowEnd: isoInstant.optional(),
  })
  .refine((v) => !v.windowStart || !v.windowEnd || v.windowEnd >= v.windowStart, {
    message: "The window must end after it starts.",
    path: ["windowEnd"],
  });
export type IncidentMonitorLink = z.output<typeof incidentMonitorLinkSchema>;

export const incidentMonitorUnlinkSchema = z.object({
  incidentNumber: z.coerce.number().int().positive(),
  monitorId: z.string().min(1),
});

/** The prefilled "create incident" form of a downtime window. */
export const incidentFromDowntimeSchema = z
  .object({
    monitorId: z.string().min(1),
    title: z.string().trim().min(1, "Give the incident a title.").max(200, "Keep the title under 200 characters."),
    severity: z.coerce.number().int().min(1, "Choose a severity.").max(5, "Choose a severity."),
    /** Wall-clock times in `timeZone`; end empty for a window still open. */
    startedAt: localDateTime,
    resolvedAt: z.union([z.literal(""), localDateTime]).transform((v) => (v ? v : null)),
    timeZone,
    summary: z.string().trim().max(5000, "Keep the summary under 5,000 characters.").default(""),
  })
  .refine((v) => v.resolvedAt === null || v.resolvedAt >= v.startedAt, {
    message: "The incident must end after it starts.",
    path: ["resolvedAt"],
  });
export type IncidentFromDowntime = z.output<typeof incidentFromDowntimeSchema>;

export const UPTIME_PERIODS = ["day", "week", "month", "quarter", "year", "all", "custom"] as const;

/** The monitor page's window (query string). Custom uses from/to days in the monitor's zone; the others end at the data end. */
export const monitorPeriodQuerySchema = z.object({
  period: z.enum(UPTIME_PERIODS, { message: `Choose a period: ${UPTIME_PERIODS.join(", ")}.` }).default("all"),
  from: day.optional(),
  to: day.optional(),
  tz: optionalTimeZone,
});
export type MonitorPeriodQuery = z.output<typeof monitorPeriodQuerySchema>;

/** The uptime report (page, Markdown/CSV export, API). Days are inclusive, in `tz`. */
export const uptimeReportQuerySchema = z
  .object({
    from: day,
    to: day,
    targetPct: sloTargetPct.default(99),
    tz: optionalTimeZone.transform((v) => v ?? "UTC"),
    serviceId: optionalText(100, "Unknown service."),
    /** Comma-separated monitor ids; all monitors when omitted. */
    monitors: z
      .string()
      .optional()
      .transform((v) =>
        v
          ? v
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean)
          : undefined,
      ),
    format: z.enum(["html", "md", "csv", "json"]).default("html"),
  })
  .refine((v) => v.to >= v.from, { message: "The report must end on or after its first day.", path: ["to"] });
export type UptimeReportQuery = z.output<typeof uptimeReportQuerySchema>;
