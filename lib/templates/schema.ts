/**
 * Inputs of the template verbs, shared by the template editor (client-side validation) and the
 * server. Sections are validated by templateSectionsSchema from types.ts, the one section schema.
 */
import { z } from "zod";
import { TEMPLATE_AUDIENCES, templateSectionsSchema } from "@/lib/templates/types";

/** Template keys appear in URLs and exports (`?template=`): stable, lower case, never renamed. */
export const TemplateKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,59}$/, "Keys are 2–60 lower case letters, digits and underscores, starting with a letter.");

const templateFields = {
  name: z.string().trim().min(1, "Give the template a name.").max(120, "Keep names under 120 characters."),
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters.").default(""),
  audience: z.enum(TEMPLATE_AUDIENCES, "Choose who the document is for."),
  sections: templateSectionsSchema,
};

export const CreateTemplateInput = z.object({ key: TemplateKey, ...templateFields });
export type CreateTemplateInput = z.input<typeof CreateTemplateInput>;

export const UpdateTemplateInput = z.object({
  key: TemplateKey,
  /** The version the editor loaded; another save since then makes this one stale. */
  version: z.number().int().min(1),
  ...templateFields,
});
export type UpdateTemplateInput = z.input<typeof UpdateTemplateInput>;

export const CloneTemplateInput = z.object({
  sourceKey: TemplateKey,
  /** Clone an older version; the latest when left out. */
  sourceVersion: z.number().int().min(1).optional(),
  key: TemplateKey,
  name: z.string().trim().min(1, "Give the copy a name.").max(120, "Keep names under 120 characters."),
});
export type CloneTemplateInput = z.input<typeof CloneTemplateInput>;

/** The editor's unsaved state, rendered on a chosen incident. */
export const PreviewTemplateInput = z.object({
  incidentNumber: z.number("Enter an incident number.").int("Enter an incident number.").positive("Enter an incident number."),
  template: z.object({ key: z.string().default("preview"), version: z.number().int().min(0).default(0), ...templateFields }),
});
export type PreviewTemplateInput = z.input<typeof PreviewTemplateInput>;

export const SwitchTemplateInput = z.object({
  incidentNumber: z.number().int().positive(),
  templateKey: TemplateKey,
});
export type SwitchTemplateInput = z.input<typeof SwitchTemplateInput>;
