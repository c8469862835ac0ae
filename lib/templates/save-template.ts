/**
 * Creating, editing and cloning templates (reviewers and admins). Every save is a new version with
 * its own TemplateVersion row, which is also the template's revision history: postmortems pin a
 * version, so editing a template never changes a postmortem already written with it.
 */
import { db, type Db, type Prisma } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { staleSaveError } from "@/lib/revisions/stale-save";
import { builtInTemplate } from "@/lib/templates/built-in";
import { definitionAt, findTemplateRowOrThrow } from "@/lib/templates/stored-template";
import { CloneTemplateInput, CreateTemplateInput, UpdateTemplateInput } from "@/lib/templates/schema";
import type { TemplateAudience, TemplateSection } from "@/lib/templates/types";

export type SavedTemplate = { key: string; version: number; updatedAt: Date };

type Content = { name: string; description: string; audience: TemplateAudience; sections: TemplateSection[] };

function assertKeyFree(key: string): void {
  if (builtInTemplate(key)) {
    throw validationError([{ path: ["key"], message: `"${key}" is the key of a built-in template; choose another.` }]);
  }
}

async function insertTemplate(tx: Db, actor: Actor, key: string, content: Content) {
  const taken = await tx.template.findUnique({ where: { key }, select: { id: true } });
  if (taken) throw new AppError("CONFLICT", `A template with the key "${key}" already exists.`, { key: ["This key is taken."] });
  const data = { ...content, sections: content.sections as Prisma.InputJsonValue };
  const template = await tx.template.create({ data: { key, builtIn: false, version: 1, createdById: actorId(actor), ...data } });
  await tx.templateVersion.create({ data: { templateId: template.id, version: 1, createdById: actorId(actor), ...data } });
  return template;
}

export async function createTemplate({ actor, input }: { actor: Actor; input: CreateTemplateInput }): Promise<SavedTemplate> {
  assertCan(actor, "manageTemplates");
  const parsed = CreateTemplateInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { key, ...content } = parsed.data;
  assertKeyFree(key);
  return db().$transaction(async (tx) => {
    const template = await insertTemplate(tx, actor, key, content);
    await recordAudit(tx, actor, {
      action: "template.create",
      entityType: "Template",
      entityId: template.id,
      data: { key, version: 1, name: content.name, sections: content.sections.map((s) => s.key) },
    });
    return { key, version: template.version, updatedAt: template.updatedAt };
  });
}

/**
 * Saves a custom template as a new version under optimistic locking: a save carrying a version that
 * is no longer current is refused with both versions. Built-ins are never edited in place.
 */
export async function updateTemplate({ actor, input }: { actor: Actor; input: UpdateTemplateInput }): Promise<SavedTemplate> {
  assertCan(actor, "manageTemplates");
  const parsed = UpdateTemplateInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { key, version, ...content } = parsed.data;
  return db().$transaction(async (tx) => {
    const template = await findTemplateRowOrThrow(tx, key);
    if (template.builtIn) throw new AppError("CONFLICT", "Built-in templates cannot be edited. Clone it and edit the copy.");
    const data = { ...content, sections: content.sections as Prisma.InputJsonValue };
    const moved = await tx.template.updateMany({
      where: { id: template.id, version },
      data: { ...data, version: { increment: 1 } },
    });
    if (moved.count === 0) {
      const current = await definitionAt(tx, template, template.version);
      const last = await tx.templateVersion.findUnique({
        where: { templateId_version: { templateId: template.id, version: template.version } },
        select: { createdAt: true, createdById: true },
      });
      const author = last?.createdById
        ? await tx.user.findUnique({ where: { id: last.createdById }, select: { name: true, email: true } })
        : null;
      throw staleSaveError(
        {
          ...current,
          updatedAt: (last?.createdAt ?? template.updatedAt).toISOString(),
          updatedBy: author ? author.name || author.email : null,
        },
        { ...content, version },
      );
    }
    const saved = await tx.template.findUniqueOrThrow({ where: { id: template.id } });
    await tx.templateVersion.create({
      data: { templateId: template.id, version: saved.version, createdById: actorId(actor), ...data },
    });
    await recordAudit(tx, actor, {
      action: "template.update",
      entityType: "Template",
      entityId: template.id,
      data: { key, version: saved.version, name: content.name, sections: content.sections.map((s) => s.key) },
    });
    return { key, version: saved.version, updatedAt: saved.updatedAt };
  });
}

/** Copies a template (a built-in or a custom one, any stored version) into a new custom template at version 1. */
export async function cloneTemplate({ actor, input }: { actor: Actor; input: CloneTemplateInput }): Promise<SavedTemplate> {
  assertCan(actor, "manageTemplates");
  const parsed = CloneTemplateInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { sourceKey, sourceVersion, key, name } = parsed.data;
  assertKeyFree(key);
  return db().$transaction(async (tx) => {
    const source = await findTemplateRowOrThrow(tx, sourceKey);
    const from = await definitionAt(tx, source, sourceVersion ?? source.version);
    const template = await insertTemplate(tx, actor, key, {
      name,
      description: from.description,
      audience: from.audience,
      sections: from.sections,
    });
    await recordAudit(tx, actor, {
      action: "template.clone",
      entityType: "Template",
      entityId: template.id,
      data: { key, version: 1, name, from: { key: sourceKey, version: from.version } },
    });
    return { key, version: template.version, updatedAt: template.updatedAt };
  });
}
