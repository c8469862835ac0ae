import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { definitionAt, findTemplateRowOrThrow } from "@/lib/templates/stored-template";
import type { TemplateDefinition } from "@/lib/templates/types";

export type TemplateDetail = TemplateDefinition & {
  builtIn: boolean;
  /** The template's latest version (the definition may be an older one when asked for). */
  latestVersion: number;
  updatedAt: Date;
  versions: { version: number; createdAt: Date; createdBy: string | null }[];
  usedBy: number;
};

/** One template with its version history; `version` picks an older stored version. */
export async function getTemplate({
  actor,
  input,
}: {
  actor: Actor;
  input: { key: string; version?: number };
}): Promise<TemplateDetail> {
  assertCan(actor, "read");
  const template = await findTemplateRowOrThrow(db(), input.key);
  const [definition, versions, usedBy] = await Promise.all([
    definitionAt(db(), template, input.version ?? template.version),
    db().templateVersion.findMany({
      where: { templateId: template.id },
      orderBy: { version: "desc" },
      select: { version: true, createdAt: true, createdById: true },
    }),
    db().postmortem.count({ where: { templateId: template.id } }),
  ]);
  const authorIds = [...new Set(versions.map((v) => v.createdById).filter((id): id is string => id !== null))];
  const authors = new Map(
    (await db().user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true, email: true } })).map((u) => [
      u.id,
      u.name || u.email,
    ]),
  );
  return {
    ...definition,
    builtIn: template.builtIn,
    latestVersion: template.version,
    updatedAt: template.updatedAt,
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt,
      createdBy: v.createdById ? (authors.get(v.createdById) ?? null) : null,
    })),
    usedBy,
  };
}
