import { z } from "zod";
import { TipTapDocSchema } from "@/lib/postmortems/content-schema";

export const IncidentRef = z
  .object({ incidentNumber: z.number().int().positive().optional(), incidentId: z.string().min(1).optional() })
  .refine((v) => v.incidentNumber !== undefined || v.incidentId !== undefined, "Name the incident");

export const SaveSectionInput = z.object({
  incidentNumber: z.number().int().positive().optional(),
  incidentId: z.string().min(1).optional(),
  /** A narrative slot of the postmortem's template, or a key it already has text under ("Other notes"). */
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,59}$/, "Unknown section."),
  content: TipTapDocSchema,
  /** The version the editor loaded; a different current version makes the save stale. */
  version: z.number().int().min(0),
});
export type SaveSectionInput = z.input<typeof SaveSectionInput>;
