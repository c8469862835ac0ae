/**
 * Reading stored templates as TemplateDefinitions. A postmortem pins { templateId, templateVersion };
 * the TemplateVersion row of that version is what it renders with, however the template moves on.
 */
import type { Db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { builtInTemplate } from "@/lib/templates/built-in";
import { ensureBuiltInTemplates } from "@/lib/templates/ensure-built-in-templates";
import { templateSectionsSchema, type TemplateAudience, type TemplateDefinition } from "@/lib/templates/types";

/** The template a postmortem gets when nobody chose one. */
export const DEFAULT_TEMPLATE_KEY = "google_sre";

type VersionRow = {
  version: number;
  name: string;
  description: string;
  audience: string;
  sections: Prisma.JsonValue;
};

/** Stored sections were validated on write; parsing again gives defaults and the exact output type. */
export function definitionFromRow(key: string, row: VersionRow): TemplateDefinition {
  const sections = templateSectionsSchema.safeParse(row.sections);
  if (!sections.success) {
    throw new AppError("INTERNAL", `Template "${key}" version ${row.version} has sections that are no longer valid.`);
  }
  return {
    key,
    name: row.name,
    description: row.description,
    audience: row.audience === "customer" ? "customer" : ("internal" satisfies TemplateAudience),
    version: row.version,
    sections: sections.data,
  };
}

/**
 * The template row for a key. A built-in missing from the database (a database the start script
 * has not prepared yet, e.g. in tests) is installed on first use rather than reported missing.
 */
export async function findTemplateRow(tx: Db, key: string) {
  const row = await tx.template.findUnique({ where: { key } });
  if (row || !builtInTemplate(key)) return row;
  await ensureBuiltInTemplates(tx);
  return tx.template.findUnique({ where: { key } });
}

export async function findTemplateRowOrThrow(tx: Db, key: string) {
  const row = await findTemplateRow(tx, key);
  if (!row) throw new AppError("NOT_FOUND", `There is no template "${key}".`);
  return row;
}

/** One stored version of a template; the latest when `version` is left out. */
export async function templateDefinition(tx: Db, key: string, version?: number): Promise<TemplateDefinition> {
  const template = await findTemplateRowOrThrow(tx, key);
  return definitionAt(tx, { id: template.id, key: template.key }, version ?? template.version);
}

export async function definitionAt(tx: Db, template: { id: string; key: string }, version: number): Promise<TemplateDefinition> {
  const row = await tx.templateVersion.findUnique({ where: { templateId_version: { templateId: template.id, version } } });
  if (!row) throw new AppError("NOT_FOUND", `Template "${template.key}" has no version ${version}.`);
  return definitionFromRow(template.key, row);
}

/** What a postmortem is written with: its pinned version, or the default template's latest when none is pinned. */
export async function pinnedTemplate(
  tx: Db,
  pin: { templateId: string | null; templateVersion: number | null },
): Promise<TemplateDefinition> {
  if (pin.templateId) {
    const template = await tx.template.findUnique({
      where: { id: pin.templateId },
      select: { id: true, key: true, version: true },
    });
    if (template) return definitionAt(tx, template, pin.templateVersion ?? template.version);
  }
  return templateDefinition(tx, DEFAULT_TEMPLATE_KEY);
}

/** The pin for a template's latest version. */
export async function latestPin(tx: Db, key: string): Promise<{ templateId: string; templateVersion: number }> {
  const template = await findTemplateRowOrThrow(tx, key);
  return { templateId: template.id, templateVersion: template.version };
}
