/**
 * Which template a postmortem is written with. A postmortem pins one template version; switching
 * pins the chosen template's latest version and maps narrative by section key. Sections the new
 * template has no slot for stay stored and show as "Other notes": a switch never drops text.
 */
import { db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { createSlotSections, ensurePostmortem } from "@/lib/postmortems/ensure-postmortem";
import { mapNarrative, type NarrativeMapping } from "@/lib/postmortems/sections";
import { listTemplates, type TemplateSummary } from "@/lib/templates/list-templates";
import { SwitchTemplateInput } from "@/lib/templates/schema";
import { definitionAt, findTemplateRowOrThrow, pinnedTemplate, templateDefinition } from "@/lib/templates/stored-template";
import type { TemplateDefinition } from "@/lib/templates/types";

/**
 * The definition to render an incident's postmortem with: the version it pins; or, when another
 * template is asked for (an export with `template=`), that template's latest version; or the
 * default template's latest when the incident has no postmortem yet. Reads only.
 */
export async function templateForPostmortem({
  actor,
  incidentNumber,
  templateKey,
}: {
  actor: Actor;
  incidentNumber: number;
  templateKey?: string;
}): Promise<TemplateDefinition> {
  assertCan(actor, "read");
  const incident = await findVisibleIncident(db(), actor, { number: incidentNumber });
  const postmortem = await db().postmortem.findUnique({
    where: { incidentId: incident.id },
    select: { templateId: true, templateVersion: true, template: { select: { key: true } } },
  });
  const pinned = postmortem?.template ? postmortem : null;
  if (templateKey && templateKey !== pinned?.template?.key) return templateDefinition(db(), templateKey);
  return pinnedTemplate(db(), pinned ?? { templateId: null, templateVersion: null });
}

export type TemplateSwitch = NarrativeMapping & {
  from: { key: string; version: number };
  to: { key: string; version: number; name: string };
};

/**
 * Pins the chosen template's latest version (choosing the current template again moves it to its
 * latest version) and adds empty sections for its new narrative slots. Stored sections are never
 * changed or deleted: those the template has no slot for become "Other notes".
 */
export async function switchPostmortemTemplate({
  actor,
  input,
}: {
  actor: Actor;
  input: SwitchTemplateInput;
}): Promise<TemplateSwitch> {
  assertCan(actor, "edit");
  const parsed = SwitchTemplateInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { incidentNumber, templateKey } = parsed.data;
  return db().$transaction(async (tx) => {
    const incident = await findVisibleIncident(tx, actor, { number: incidentNumber });
    const postmortem = await ensurePostmortem(tx, incident);
    if (postmortem.status === "published") {
      throw new AppError("CONFLICT", "This postmortem is published; reopen it first to change its template.");
    }
    const template = await findTemplateRowOrThrow(tx, templateKey);
    const to = await definitionAt(tx, template, template.version);
    const from = postmortem.templateDefinition;
    const stored = await tx.postmortemSection.findMany({
      where: { postmortemId: postmortem.id },
      select: { key: true, content: true },
    });
    const mapping = mapNarrative(stored, to);

    await tx.postmortem.update({ where: { id: postmortem.id }, data: { templateId: template.id, templateVersion: to.version } });
    await createSlotSections(tx, postmortem.id, to);
    const result: TemplateSwitch = {
      ...mapping,
      from: { key: from.key, version: from.version },
      to: { key: to.key, version: to.version, name: to.name },
    };
    await recordAudit(tx, actor, {
      action: "postmortem.template.switch",
      entityType: "Postmortem",
      entityId: postmortem.id,
      incidentId: incident.id,
      data: result,
    });
    return result;
  });
}

export type TemplateChoices = {
  current: { key: string; name: string; version: number; latestVersion: number };
  /** A published postmortem keeps its template until it is reopened. */
  published: boolean;
  templates: Pick<TemplateSummary, "key" | "name" | "description" | "audience" | "builtIn" | "version" | "narrativeCount">[];
};

/** What the incident page's template chooser shows: the pinned template and every template to switch to. */
export async function templateChoices({
  actor,
  incidentNumber,
}: {
  actor: Actor;
  incidentNumber: number;
}): Promise<TemplateChoices> {
  const current = await templateForPostmortem({ actor, incidentNumber });
  const incident = await findVisibleIncident(db(), actor, { number: incidentNumber });
  const postmortem = await db().postmortem.findUnique({ where: { incidentId: incident.id }, select: { status: true } });
  const templates = await listTemplates({ actor });
  const latest = templates.find((t) => t.key === current.key)?.version ?? current.version;
  return {
    current: { key: current.key, name: current.name, version: current.version, latestVersion: latest },
    published: postmortem?.status === "published",
    templates: templates.map(({ key, name, description, audience, builtIn, version, narrativeCount }) => ({
      key,
      name,
      description,
      audience,
      builtIn,
      version,
      narrativeCount,
    })),
  };
}
