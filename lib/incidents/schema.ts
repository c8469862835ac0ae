import { z } from "zod";
import { INCIDENT_STATUSES, INCIDENT_ROLE_KINDS } from "@/lib/incidents/constants";
import { isValidTimeZone, localToUtc } from "@/lib/time/zones";

const LocalDateTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Enter a date and time");

const OptionalLocalDateTime = z.union([z.literal(""), LocalDateTime]).optional();

const commaList = (max: number, label: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((v) => (Array.isArray(v) ? v : v.split(",")))
    .transform((v) => [...new Set(v.map((s) => s.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(60, `Each ${label} must be at most 60 characters`)).max(max, `At most ${max} ${label}s`));

/**
 * The new-incident form and the API share this schema. Key times are written as wall-clock times
 * in the incident's time zone and stored in UTC.
 */
export const CreateIncidentInput = z
  .object({
    title: z.string().trim().min(3, "Give the incident a title of at least 3 characters").max(200, "Use at most 200 characters"),
    severity: z.coerce.number("Choose a severity").int().min(1, "Choose a severity").max(5, "Choose a severity"),
    status: z.enum(INCIDENT_STATUSES, "Choose a status").default("investigating"),
    summary: z.string().trim().max(5000, "Use at most 5,000 characters").default(""),
    customerImpact: z.string().trim().max(5000, "Use at most 5,000 characters").default(""),
    usersAffectedPct: z
      .union([
        z.literal(""),
        z.coerce
          .number("Enter a percentage between 0 and 100")
          .min(0, "Enter a percentage between 0 and 100")
          .max(100, "Enter a percentage between 0 and 100"),
      ])
      .optional()
      .transform((v) => (v === "" || v === undefined ? null : v)),
    services: commaList(20, "service"),
    tags: commaList(20, "tag"),
    restricted: z
      .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
      .optional()
      .transform((v) => v === true || v === "on" || v === "true"),
    timeZone: z.string().trim().refine(isValidTimeZone, "Choose a known time zone, such as Europe/Berlin or UTC"),
    startedAt: LocalDateTime,
    detectedAt: OptionalLocalDateTime,
    mitigatedAt: OptionalLocalDateTime,
    resolvedAt: OptionalLocalDateTime,
    roles: z
      .array(z.object({ role: z.enum(INCIDENT_ROLE_KINDS), userId: z.string().min(1) }))
      .max(20)
      .default([]),
  })
  .transform((v, ctx) => {
    const toUtc = (value: string | undefined) => (value ? localToUtc(value, v.timeZone) : null);
    const times = {
      startedAt: localToUtc(v.startedAt, v.timeZone),
      detectedAt: toUtc(v.detectedAt),
      mitigatedAt: toUtc(v.mitigatedAt),
      resolvedAt: toUtc(v.resolvedAt),
    };
    for (const key of ["detectedAt", "mitigatedAt", "resolvedAt"] as const) {
      const t = times[key];
      if (t && t < times.startedAt) {
        ctx.addIssue({ code: "custom", path: [key], message: "Cannot be before the incident started" });
      }
    }
    if (times.mitigatedAt && times.resolvedAt && times.resolvedAt < times.mitigatedAt) {
      ctx.addIssue({ code: "custom", path: ["resolvedAt"], message: "Cannot be before it was mitigated" });
    }
    if (v.status === "resolved" && !times.resolvedAt) {
      ctx.addIssue({ code: "custom", path: ["resolvedAt"], message: "A resolved incident needs its resolution time" });
    }
    return { ...v, ...times };
  });

export type CreateIncidentInput = z.input<typeof CreateIncidentInput>;
export type CreateIncidentData = z.output<typeof CreateIncidentInput>;

const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Query-string filters of the incident list; bad values are dropped, never an error page. */
export const IncidentListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(INCIDENT_STATUSES).optional().catch(undefined),
  severity: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  service: z.string().trim().max(100).optional().catch(undefined),
  from: DateOnly.optional().catch(undefined),
  to: DateOnly.optional().catch(undefined),
  sort: z.enum(["newest", "oldest", "severity", "relevance"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;

export const UpdateIncidentMeta = z.object({
  number: z.coerce.number().int().positive(),
  version: z.coerce.number().int().positive("Reload the page: the version is missing"),
});

/** The incident's own columns from validated form data; create and update write the same set. */
export function incidentColumns(data: CreateIncidentData) {
  const { title, severity, status, summary, customerImpact, usersAffectedPct, tags, restricted, timeZone } = data;
  const { startedAt, detectedAt, mitigatedAt, resolvedAt } = data;
  return {
    title,
    severity,
    status,
    summary,
    customerImpact,
    usersAffectedPct,
    tags,
    restricted,
    timeZone,
    startedAt,
    detectedAt,
    mitigatedAt,
    resolvedAt,
  };
}
