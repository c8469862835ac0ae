/**
 * Installs the built-in templates (lib/templates/built-in.ts) into the database, idempotently: the
 * start script calls it on every start, two instances starting together are both fine, and a run
 * that finds everything current writes nothing.
 */
import { db, type Db, type Prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { BUILT_IN_TEMPLATES } from "@/lib/templates/built-in";
import { templateSectionsSchema, type TemplateDefinition } from "@/lib/templates/types";

const INSTALLER: Actor = { kind: "system", label: "built-in templates" };

export type BuiltInTemplatesResult = {
  /** Keys installed for the first time. */
  installed: string[];
  /** Keys whose definition changed in code and got a new stored version. */
  updated: string[];
  /** Keys held by a custom template (made before the built-in existed): left alone. */
  skipped: string[];
};

/** JSON with object keys sorted, so a stored jsonb value (whose key order PostgreSQL changes) compares equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function contentOf(t: { name: string; description: string; audience: string; sections: unknown }): string {
  const sections = templateSectionsSchema.safeParse(t.sections);
  return canonical({
    name: t.name,
    description: t.description,
    audience: t.audience,
    sections: sections.success ? sections.data : t.sections,
  });
}

async function ensureOne(tx: Db, def: TemplateDefinition, result: BuiltInTemplatesResult): Promise<void> {
  // The code's definition is validated like any saved template: a broken built-in fails loudly here.
  const sections = templateSectionsSchema.parse(def.sections) as Prisma.InputJsonValue;
  const content = { name: def.name, description: def.description, audience: def.audience, sections };

  const inserted = await tx.template.createMany({
    data: [{ key: def.key, builtIn: true, version: def.version, ...content }],
    skipDuplicates: true,
  });
  const template = await tx.template.findUniqueOrThrow({ where: { key: def.key } });
  if (!template.builtIn) {
    result.skipped.push(def.key);
    return;
  }

  let version = template.version;
  if (inserted.count === 1) {
    result.installed.push(def.key);
  } else if (contentOf(template) !== contentOf(def)) {
    // Changed in code: a new version, so postmortems pinned to the old one keep rendering as written.
    version = Math.max(template.version + 1, def.version);
    const moved = await tx.template.updateMany({
      where: { id: template.id, version: template.version },
      data: { ...content, version },
    });
    // Another instance moved it first; its version row is written by that instance.
    if (moved.count === 0) return;
    result.updated.push(def.key);
  }
  const written = await tx.templateVersion.createMany({
    data: [{ templateId: template.id, version, ...content }],
    skipDuplicates: true,
  });
  if (written.count === 1) {
    await recordAudit(tx, INSTALLER, {
      action: inserted.count === 1 ? "template.builtin.install" : "template.builtin.update",
      entityType: "Template",
      entityId: template.id,
      data: { key: def.key, version },
    });
  }
}

/** Upserts every built-in template and its current TemplateVersion row. Pass a transaction to compose. */
export async function ensureBuiltInTemplates(tx?: Db): Promise<BuiltInTemplatesResult> {
  const result: BuiltInTemplatesResult = { installed: [], updated: [], skipped: [] };
  const run = async (t: Db) => {
    for (const def of BUILT_IN_TEMPLATES) await ensureOne(t, def, result);
    return result;
  };
  return tx ? run(tx) : db().$transaction(run);
}
