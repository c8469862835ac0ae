/**
 * Read-only public links to the customer-facing version of a postmortem. The token is 32 random
 * bytes shown once; only its SHA-256 is stored, so a database leak reveals no working link. A
 * revoked link answers like one that never existed.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { exportIncident } from "@/lib/exports/export-incident";

/** Customer-facing unless the author picks another customer template. */
export const DEFAULT_SHARE_TEMPLATE = "customer_summary";

const createShareSchema = z.object({
  incidentNumber: z.coerce.number().int().positive(),
  template: z.string().trim().max(60).default(DEFAULT_SHARE_TEMPLATE),
});
const shareRefSchema = z.object({ shareId: z.string().min(1) });

export const hashShareToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type PublicShareView = {
  id: string;
  templateKey: string;
  templateName: string;
  templateVersion: number;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  lastViewedAt: string | null;
};

export async function createPublicShare({
  actor,
  input,
}: {
  actor: Actor;
  input: unknown;
}): Promise<PublicShareView & { token: string }> {
  assertCan(actor, "edit");
  const parsed = createShareSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const token = randomBytes(32).toString("base64url");
  return db().$transaction(async (tx: Db) => {
    const incident = await findVisibleIncident(tx, actor, { number: parsed.data.incidentNumber });
    const template = await tx.template.findUnique({
      where: { key: parsed.data.template },
      select: { id: true, key: true, name: true, version: true, audience: true },
    });
    if (!template) throw new AppError("VALIDATION", "Unknown template.", { template: ["Choose a template"] });
    if (template.audience !== "customer") {
      throw new AppError("VALIDATION", "Public links show a customer-facing template only: choose one marked “customer”.", {
        template: ["Choose a customer-facing template"],
      });
    }
    const share = await tx.publicShare.create({
      data: {
        incidentId: incident.id,
        templateId: template.id,
        templateVersion: template.version,
        tokenHash: hashShareToken(token),
        createdById: actorId(actor),
      },
    });
    await recordAudit(tx, actor, {
      action: "share.create",
      entityType: "PublicShare",
      entityId: share.id,
      incidentId: incident.id,
      data: { template: template.key, version: template.version },
    });
    return {
      id: share.id,
      templateKey: template.key,
      templateName: template.name,
      templateVersion: template.version,
      createdAt: share.createdAt.toISOString(),
      createdBy: null,
      revokedAt: null,
      lastViewedAt: null,
      token,
    };
  });
}

export async function listPublicShares({
  actor,
  incidentNumber,
}: {
  actor: Actor;
  incidentNumber: number;
}): Promise<PublicShareView[]> {
  assertCan(actor, "read");
  const incident = await findVisibleIncident(db(), actor, { number: incidentNumber });
  const shares = await db().publicShare.findMany({
    where: { incidentId: incident.id },
    orderBy: { createdAt: "desc" },
    include: { template: { select: { key: true, name: true } } },
  });
  const creatorIds = [...new Set(shares.map((s) => s.createdById).filter((id): id is string => !!id))];
  const creators = new Map(
    (await db().user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, name: true, email: true } })).map((u) => [
      u.id,
      u.name || u.email,
    ]),
  );
  return shares.map((s) => ({
    id: s.id,
    templateKey: s.template.key,
    templateName: s.template.name,
    templateVersion: s.templateVersion,
    createdAt: s.createdAt.toISOString(),
    createdBy: s.createdById ? (creators.get(s.createdById) ?? null) : null,
    revokedAt: s.revokedAt?.toISOString() ?? null,
    lastViewedAt: s.lastViewedAt?.toISOString() ?? null,
  }));
}

export async function revokePublicShare({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "edit");
  const parsed = shareRefSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  return db().$transaction(async (tx: Db) => {
    const share = await tx.publicShare.findUnique({
      where: { id: parsed.data.shareId },
      select: { id: true, incidentId: true, revokedAt: true },
    });
    if (!share) throw new AppError("NOT_FOUND", "Link not found.");
    const incident = await findVisibleIncident(tx, actor, { id: share.incidentId });
    if (!share.revokedAt) await tx.publicShare.update({ where: { id: share.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "share.revoke",
      entityType: "PublicShare",
      entityId: share.id,
      incidentId: incident.id,
      data: {},
    });
    return { shareId: share.id, incidentNumber: incident.number };
  });
}

/**
 * The public page behind a token: the customer-facing HTML, rendered with the template the link
 * was made with, by the system (the link is the permission). Unknown and revoked look the same.
 */
export async function renderPublicShare(token: string): Promise<string> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError("NOT_FOUND", "This link does not exist or was revoked.");
  const share = await db().publicShare.findUnique({
    where: { tokenHash: hashShareToken(token) },
    include: { incident: { select: { number: true } }, template: { select: { key: true } } },
  });
  if (!share || share.revokedAt) throw new AppError("NOT_FOUND", "This link does not exist or was revoked.");
  // At most one write a minute per link, so a popular link does not turn reads into writes.
  if (!share.lastViewedAt || Date.now() - share.lastViewedAt.getTime() > 60_000) {
    await db().publicShare.update({ where: { id: share.id }, data: { lastViewedAt: new Date() } });
  }
  const file = await exportIncident({
    actor: { kind: "system", label: "public link" },
    incidentNumber: share.incident.number,
    query: { format: "html", template: share.template.key },
    templateVersion: share.templateVersion,
    audience: "customer",
  });
  return file.body.toString("utf8");
}
