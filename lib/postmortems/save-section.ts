import { db, type Prisma } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { recordRevision, toSnapshot } from "@/lib/revisions/record-revision";
import { staleSaveError } from "@/lib/revisions/stale-save";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";
import { ensurePostmortem } from "@/lib/postmortems/ensure-postmortem";
import { findVisibleIncident, incidentRef } from "@/lib/incidents/find-visible-incident";
import { imageAttachmentIds } from "@/lib/postmortems/content-schema";
import { SaveSectionInput } from "@/lib/postmortems/schema";

export type SavedSection = { id: string; key: string; version: number; updatedAt: Date };

/**
 * Saves one narrative section under optimistic locking: the row is updated only if its version is
 * still the one the editor loaded, otherwise the save is refused with both texts. Other sections
 * are never touched, so people editing different sections never conflict.
 */
export async function saveSection({
  actor,
  input,
  restoredFrom,
}: {
  actor: Actor;
  input: SaveSectionInput;
  /** Set by restoreRevision so the audit row says where the text came from. */
  restoredFrom?: string;
}): Promise<SavedSection> {
  assertCan(actor, "edit");
  const parsed = SaveSectionInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { key, content, version } = parsed.data;
  if (parsed.data.incidentNumber === undefined && parsed.data.incidentId === undefined) {
    throw new AppError("VALIDATION", "Name the incident.");
  }

  return db().$transaction(async (tx) => {
    const incident = await findVisibleIncident(tx, actor, incidentRef(parsed.data));
    const postmortem = await ensurePostmortem(tx, incident);
    if (postmortem.status === "published") {
      throw new AppError("CONFLICT", "This postmortem is published; reopen it first to edit.");
    }

    const imageIds = imageAttachmentIds(content);
    if (imageIds.length > 0) {
      const found = await tx.attachment.count({ where: { id: { in: imageIds }, incidentId: incident.id } });
      if (found !== imageIds.length) {
        throw validationError([{ path: ["content"], message: "Images must be uploaded to this incident" }]);
      }
    }

    const json = content as Prisma.InputJsonValue;
    // ensurePostmortem made a section for every narrative slot of the pinned template, so any key
    // without a row is neither a slot nor text already written under an earlier template.
    const section = await tx.postmortemSection.findUnique({
      where: { postmortemId_key: { postmortemId: postmortem.id, key } },
    });
    if (!section) {
      throw validationError([
        { path: ["key"], message: `The template "${postmortem.templateDefinition.name}" has no section "${key}".` },
      ]);
    }
    const updated = await tx.postmortemSection.updateMany({
      where: { id: section.id, version },
      data: { content: json, version: { increment: 1 }, updatedById: actorId(actor) },
    });
    if (updated.count === 0) {
      const current = await tx.postmortemSection.findUniqueOrThrow({
        where: { id: section.id },
        include: { updatedBy: { select: { name: true, email: true } } },
      });
      throw staleSaveError(
        {
          content: current.content,
          version: current.version,
          updatedAt: current.updatedAt.toISOString(),
          updatedBy: current.updatedBy ? current.updatedBy.name || current.updatedBy.email : null,
        },
        { content, version },
      );
    }
    const saved = await tx.postmortemSection.findUniqueOrThrow({ where: { id: section.id } });
    await recordRevision(tx, actor, {
      incidentId: incident.id,
      entityType: "PostmortemSection",
      entityId: saved.id,
      version: saved.version,
      snapshot: toSnapshot(saved),
    });
    await recordAudit(tx, actor, {
      action: "postmortem.section.save",
      entityType: "PostmortemSection",
      entityId: saved.id,
      incidentId: incident.id,
      data: { key, version: saved.version, ...(restoredFrom ? { restoredFrom } : {}) },
    });
    await refreshIncidentSearch(tx, incident.id);
    return { id: saved.id, key: saved.key, version: saved.version, updatedAt: saved.updatedAt };
  });
}
