import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { BUILT_IN_TEMPLATES } from "@/lib/templates/built-in";
import { ensureBuiltInTemplates } from "@/lib/templates/ensure-built-in-templates";
import { templateSectionsSchema, type TemplateAudience } from "@/lib/templates/types";

export type TemplateSummary = {
  key: string;
  name: string;
  description: string;
  audience: TemplateAudience;
  builtIn: boolean;
  version: number;
  sectionCount: number;
  narrativeCount: number;
  updatedAt: Date;
  /** Postmortems pinned to any version of this template. */
  usedBy: number;
};

/** Every template, built-ins first, then by name. Everyone may read templates; managing them is for reviewers. */
export async function listTemplates({ actor }: { actor: Actor }): Promise<TemplateSummary[]> {
  assertCan(actor, "read");
  // A database the start script has not prepared (tests, `next dev`) gets the built-ins on first look.
  const present = await db().template.count({ where: { key: { in: BUILT_IN_TEMPLATES.map((t) => t.key) } } });
  if (present < BUILT_IN_TEMPLATES.length) await ensureBuiltInTemplates();
  const rows = await db().template.findMany({
    orderBy: [{ builtIn: "desc" }, { name: "asc" }],
    include: { _count: { select: { postmortems: true } } },
  });
  return rows.map((t) => {
    const sections = templateSectionsSchema.safeParse(t.sections);
    const list = sections.success ? sections.data : [];
    return {
      key: t.key,
      name: t.name,
      description: t.description,
      audience: t.audience === "customer" ? "customer" : "internal",
      builtIn: t.builtIn,
      version: t.version,
      sectionCount: list.length,
      narrativeCount: list.filter((s) => s.kind === "narrative").length,
      updatedAt: t.updatedAt,
      usedBy: t._count.postmortems,
    };
  });
}
