import { z } from "zod";
import { ROOT_CAUSE_CATEGORIES } from "@/lib/incidents/constants";

export const MAX_WHYS = 10;
export const MAX_FACTORS = 20;

const lines = (max: number, label: string) =>
  z
    .array(z.string().trim().max(1000, `Each ${label} must be at most 1,000 characters`))
    .default([])
    // Empty rows left in the form are dropped rather than refused.
    .transform((v) => v.filter(Boolean))
    .pipe(z.array(z.string()).max(max, `At most ${max} ${label}s`));

/**
 * The incident's metric chart that shows this cause: an id, or "" / null for none. Left out of an
 * update, the link stays as it is, so callers that predate charts keep their behaviour.
 */
const MetricChartId = z
  .union([z.literal(""), z.null(), z.string().trim().min(1).max(100, "Choose one of this incident's charts")])
  .optional()
  .transform((v) => (v === undefined ? undefined : v || null));

const RootCauseFields = {
  category: z.enum(ROOT_CAUSE_CATEGORIES, "Choose a category"),
  description: z.string().trim().min(3, "Describe the cause in at least 3 characters").max(5000, "Use at most 5,000 characters"),
  whys: lines(MAX_WHYS, "why"),
  isTrigger: z.boolean().default(false),
  factors: lines(MAX_FACTORS, "contributing factor"),
  metricChartId: MetricChartId,
};

export const CreateRootCauseInput = z.object({ incidentId: z.string().min(1), ...RootCauseFields });
export type CreateRootCauseInput = z.input<typeof CreateRootCauseInput>;

export const UpdateRootCauseInput = z.object({
  id: z.string().min(1),
  version: z.number().int().min(1),
  ...RootCauseFields,
});
export type UpdateRootCauseInput = z.input<typeof UpdateRootCauseInput>;

export const DeleteRootCauseInput = z.object({ id: z.string().min(1) });
export type DeleteRootCauseInput = z.input<typeof DeleteRootCauseInput>;

export const ReorderRootCausesInput = z.object({
  incidentId: z.string().min(1),
  ids: z.array(z.string().min(1)).max(200),
});
export type ReorderRootCausesInput = z.input<typeof ReorderRootCausesInput>;
