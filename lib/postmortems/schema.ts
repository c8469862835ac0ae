import { z } from "zod";
import { NARRATIVE_SECTION_KEYS } from "@/lib/postmortems/sections";
import { TipTapDocSchema } from "@/lib/postmortems/content-schema";

export const IncidentRef = z
  .object({ incidentNumber: z.number().int().positive().optional(), incidentId: z.string().min(1).optional() })
  .refine((v) => v.incidentNumber !== undefined || v.incidentId !== undefined, "Name the incident");

export const SaveSectionInput = z.object({
  incidentNumber: z.number().int().positive().optional(),
  incidentId: z.string().min(1).optional(),
  key: z.enum(NARRATIVE_SECTION_KEYS),
  content: TipTapDocSchema,
  /** The version the editor loaded; a different current version makes the save stale. */
  version: z.number().int().min(0),
});
export type SaveSectionInput = z.input<typeof SaveSectionInput>;
