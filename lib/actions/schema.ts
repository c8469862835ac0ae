import { z } from "zod";
import { ACTION_PRIORITIES, ACTION_STATUSES, ACTION_TYPES } from "@/lib/incidents/constants";

export const ACTION_PAGE_SIZE = 50;

const DueDate = z
  .union([
    z.literal(""),
    z.null(),
    z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD"),
  ])
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const d = new Date(`${v}T00:00:00.000Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
      ctx.addIssue({ code: "custom", message: "Enter a real calendar date" });
      return z.NEVER;
    }
    return d;
  });

const TrackerUrl = z
  .union([z.literal(""), z.null(), z.string().trim().max(2000, "Use at most 2,000 characters")])
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a full http:// or https:// link" });
      return z.NEVER;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: "Enter a full http:// or https:// link" });
      return z.NEVER;
    }
    return v;
  });

const ActionItemFields = {
  title: z.string().trim().min(3, "Give the action a title of at least 3 characters").max(200, "Use at most 200 characters"),
  description: z.string().trim().max(5000, "Use at most 5,000 characters").default(""),
  type: z.enum(ACTION_TYPES, "Choose a type"),
  priority: z.enum(ACTION_PRIORITIES, "Choose a priority").default("p2"),
  status: z.enum(ACTION_STATUSES, "Choose a status").default("open"),
  ownerId: z
    .union([z.literal(""), z.null(), z.string().min(1)])
    .optional()
    .transform((v) => v || null),
  dueDate: DueDate,
  trackerUrl: TrackerUrl,
};

export const CreateActionItemInput = z.object({ incidentId: z.string().min(1), ...ActionItemFields });
export type CreateActionItemInput = z.input<typeof CreateActionItemInput>;

export const UpdateActionItemInput = z.object({ id: z.string().min(1), version: z.number().int().min(1), ...ActionItemFields });
export type UpdateActionItemInput = z.input<typeof UpdateActionItemInput>;

export const DeleteActionItemInput = z.object({ id: z.string().min(1) });
export type DeleteActionItemInput = z.input<typeof DeleteActionItemInput>;

export const BulkSetActionStatusInput = z.object({
  ids: z.array(z.string().min(1)).min(1, "Select at least one action item").max(500, "Select at most 500 action items"),
  status: z.enum(ACTION_STATUSES, "Choose a status"),
});
export type BulkSetActionStatusInput = z.input<typeof BulkSetActionStatusInput>;

const flag = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === "1" || v === "true" || v === "on");

/** The cross-incident list's query string; a bad value is ignored rather than failing the page. */
export const ActionListQuery = z.object({
  owner: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(ACTION_STATUSES).optional().catch(undefined),
  overdue: flag.catch(false),
  service: z.string().trim().max(100).optional().catch(undefined),
  severity: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  sort: z.enum(["due", "priority"]).default("due").catch("due"),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type ActionListQuery = z.input<typeof ActionListQuery>;
export type ActionListFilters = z.output<typeof ActionListQuery>;

/** Only the filter keys, for links that keep the current filters (export, pagination). */
export function actionQueryString(q: ActionListFilters, patch: Partial<Record<string, string | number | undefined>> = {}) {
  const params = new URLSearchParams();
  const entries: Record<string, string | number | boolean | undefined> = {
    owner: q.owner,
    status: q.status,
    overdue: q.overdue ? "1" : undefined,
    service: q.service,
    severity: q.severity,
    sort: q.sort === "due" ? undefined : q.sort,
    page: q.page > 1 ? q.page : undefined,
    ...patch,
  };
  for (const [k, v] of Object.entries(entries)) if (v !== undefined && v !== "") params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : "";
}
