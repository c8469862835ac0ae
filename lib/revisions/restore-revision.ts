import { db, type Db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { recordRevision, toSnapshot } from "@/lib/revisions/record-revision";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";
import { findVisibleIncident, incidentRef } from "@/lib/incidents/find-visible-incident";
import { loadRootCause, rootCauseSnapshot } from "@/lib/rootcauses/snapshot";
import { saveSection } from "@/lib/postmortems/save-section";
import type { TipTapDoc } from "@/lib/postmortems/content-schema";
import type { SaveSectionInput } from "@/lib/postmortems/schema";

type Snapshot = Record<string, unknown>;
type RevisionRow = { id: string; incidentId: string; entityType: string; entityId: string; version: number; snapshot: unknown };

const date = (v: unknown) => (typeof v === "string" ? new Date(v) : null);
const str = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);

async function existingUserId(tx: Db, id: unknown): Promise<string | null> {
  if (typeof id !== "string") return null;
  return (await tx.user.findUnique({ where: { id }, select: { id: true } }))?.id ?? null;
}

/** How to write a snapshot back for one record type; each returns the fields without id/version. */
type RecordRestorer = {
  fields: (tx: Db, s: Snapshot) => Promise<Record<string, unknown>>;
  find: (tx: Db, id: string) => Promise<{ version: number } | null>;
  update: (tx: Db, id: string, version: number, data: Record<string, unknown>) => Promise<number>;
  create: (tx: Db, data: Record<string, unknown>) => Promise<unknown>;
  /** The new version's snapshot, in the shape the record's own verbs keep. */
  load: (tx: Db, id: string) => Promise<Prisma.InputJsonValue>;
  /** Child rows kept inside the snapshot (root-cause factors) are written back too. */
  afterWrite?: (tx: Db, id: string, s: Snapshot) => Promise<void>;
};

const RECORD_RESTORERS: Record<"TimelineEvent" | "RootCause" | "ActionItem", RecordRestorer> = {
  TimelineEvent: {
    fields: async (tx, s) => ({
      occurredAt: date(s.occurredAt) ?? new Date(),
      precision: s.precision ?? "minute",
      kind: s.kind ?? "note",
      text: str(s.text),
      source: str(s.source, "manual"),
      authorId: await existingUserId(tx, s.authorId),
    }),
    find: (tx, id) => tx.timelineEvent.findUnique({ where: { id }, select: { version: true } }),
    update: async (tx, id, version, data) =>
      (
        await tx.timelineEvent.updateMany({
          where: { id, version },
          data: { ...data, version: version + 1 } as Prisma.TimelineEventUncheckedUpdateManyInput,
        })
      ).count,
    create: (tx, data) => tx.timelineEvent.create({ data: data as Prisma.TimelineEventUncheckedCreateInput }),
    load: async (tx, id) => toSnapshot(await tx.timelineEvent.findUniqueOrThrow({ where: { id } })),
  },
  RootCause: {
    fields: async (_tx, s) => ({
      position: typeof s.position === "number" ? s.position : 0,
      category: s.category ?? "other",
      description: str(s.description),
      whys: Array.isArray(s.whys) ? s.whys.map(String) : [],
      isTrigger: s.isTrigger === true,
    }),
    find: (tx, id) => tx.rootCause.findUnique({ where: { id }, select: { version: true } }),
    update: async (tx, id, version, data) =>
      (
        await tx.rootCause.updateMany({
          where: { id, version },
          data: { ...data, version: version + 1 } as Prisma.RootCauseUncheckedUpdateManyInput,
        })
      ).count,
    create: (tx, data) => tx.rootCause.create({ data: data as Prisma.RootCauseUncheckedCreateInput }),
    load: async (tx, id) => {
      const record = await loadRootCause(tx, id);
      if (!record) throw new AppError("NOT_FOUND", "Root cause not found.");
      return rootCauseSnapshot(record);
    },
    afterWrite: async (tx, id, s) => {
      if (!Array.isArray(s.factors)) return;
      await tx.contributingFactor.deleteMany({ where: { rootCauseId: id } });
      const factors = (s.factors as { position?: unknown; description?: unknown }[]).map((f, i) => ({
        rootCauseId: id,
        position: typeof f.position === "number" ? f.position : i,
        description: str(f.description),
      }));
      if (factors.length > 0) await tx.contributingFactor.createMany({ data: factors });
    },
  },
  ActionItem: {
    fields: async (tx, s) => ({
      title: str(s.title),
      description: str(s.description),
      type: s.type ?? "prevent",
      priority: s.priority ?? "p2",
      status: s.status ?? "open",
      ownerId: await existingUserId(tx, s.ownerId),
      dueDate: date(s.dueDate),
      trackerUrl: typeof s.trackerUrl === "string" ? s.trackerUrl : null,
      completedAt: date(s.completedAt),
    }),
    find: (tx, id) => tx.actionItem.findUnique({ where: { id }, select: { version: true } }),
    update: async (tx, id, version, data) =>
      (
        await tx.actionItem.updateMany({
          where: { id, version },
          data: { ...data, version: version + 1 } as Prisma.ActionItemUncheckedUpdateManyInput,
        })
      ).count,
    create: (tx, data) => tx.actionItem.create({ data: data as Prisma.ActionItemUncheckedCreateInput }),
    load: async (tx, id) => toSnapshot(await tx.actionItem.findUniqueOrThrow({ where: { id } })),
  },
};

/** Writes a TimelineEvent/RootCause/ActionItem snapshot back as a new version, recreating it if deleted. */
async function restoreRecord(actor: Actor, revision: RevisionRow) {
  const restorer = RECORD_RESTORERS[revision.entityType as keyof typeof RECORD_RESTORERS];
  const snapshot = revision.snapshot as Snapshot;
  return db().$transaction(async (tx) => {
    const fields = await restorer.fields(tx, snapshot);
    const current = await restorer.find(tx, revision.entityId);
    let version: number;
    if (current) {
      version = current.version + 1;
      const count = await restorer.update(tx, revision.entityId, current.version, fields);
      if (count === 0) throw new AppError("CONFLICT", "Someone changed this record just now; try again.");
    } else {
      const last = await tx.revision.aggregate({
        where: { entityType: revision.entityType, entityId: revision.entityId },
        _max: { version: true },
      });
      version = (last._max.version ?? 0) + 1;
      await restorer.create(tx, { ...fields, id: revision.entityId, incidentId: revision.incidentId, version });
    }
    await restorer.afterWrite?.(tx, revision.entityId, snapshot);
    await recordRevision(tx, actor, {
      incidentId: revision.incidentId,
      entityType: revision.entityType as "TimelineEvent" | "RootCause" | "ActionItem",
      entityId: revision.entityId,
      version,
      snapshot: await restorer.load(tx, revision.entityId),
    });
    await recordAudit(tx, actor, {
      action: "revision.restore",
      entityType: revision.entityType,
      entityId: revision.entityId,
      incidentId: revision.incidentId,
      data: { restoredFrom: revision.id, fromVersion: revision.version, version, recreated: !current },
    });
    await refreshIncidentSearch(tx, revision.incidentId);
    return { entityType: revision.entityType, entityId: revision.entityId, version };
  });
}

/** A narrative section is restored through saveSection, so locking, validation and publish rules apply. */
async function restoreSection(actor: Actor, revision: RevisionRow) {
  const snapshot = revision.snapshot as Snapshot;
  const current = await db().postmortemSection.findUnique({
    where: { id: revision.entityId },
    select: { version: true, key: true },
  });
  if (!current) throw new AppError("NOT_FOUND", "That section no longer exists.");
  const saved = await saveSection({
    actor,
    input: {
      incidentId: revision.incidentId,
      key: current.key as SaveSectionInput["key"],
      content: snapshot.content as TipTapDoc,
      version: current.version,
    },
    restoredFrom: revision.id,
  });
  return { entityType: revision.entityType, entityId: saved.id, version: saved.version };
}

/** Per-entity registry: how a revision of each record type is restored. */
const RESTORERS: Record<
  string,
  (actor: Actor, revision: RevisionRow) => Promise<{ entityType: string; entityId: string; version: number }>
> = {
  PostmortemSection: restoreSection,
  TimelineEvent: restoreRecord,
  RootCause: restoreRecord,
  ActionItem: restoreRecord,
};

/** Restore = save the chosen snapshot as a new version; history is only ever appended to. */
export async function restoreRevision({ actor, input }: { actor: Actor; input: { incidentNumber: number; revisionId: string } }) {
  assertCan(actor, "edit");
  const incident = await findVisibleIncident(db(), actor, incidentRef(input));
  const revision = await db().revision.findFirst({ where: { id: input.revisionId, incidentId: incident.id } });
  if (!revision) throw new AppError("NOT_FOUND", "Revision not found.");
  const restore = RESTORERS[revision.entityType];
  if (!restore) throw new AppError("VALIDATION", `Versions of ${revision.entityType} cannot be restored here.`);
  if ((revision.snapshot as Snapshot | null)?.deleted === true) {
    throw new AppError("VALIDATION", "This version records a deletion; restore an earlier version instead.");
  }
  return restore(actor, revision);
}
