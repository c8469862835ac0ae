import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";

/** Fetch-or-throw: an attachment of an incident the actor may not see is simply not found. */
export async function getAttachmentForUser({ actor, id }: { actor: Actor; id: string }) {
  assertCan(actor, "read");
  const attachment = await db().attachment.findFirst({
    where: { id, incident: visibleIncidentsWhere(actor) },
    select: { id: true, fileName: true, contentType: true, size: true, sha256: true, incidentId: true },
  });
  if (!attachment) throw new AppError("NOT_FOUND", "Attachment not found.");
  // Bytes travel as base64 text: pglite-prisma-adapter 0.6.1 mishandles Prisma's Bytes values.
  const rows = await db().$queryRaw<{ b64: string }[]>`SELECT encode(data, 'base64') AS b64 FROM "Attachment" WHERE id = ${id}`;
  return { ...attachment, data: Buffer.from((rows[0]?.b64 ?? "").replace(/\s+/g, ""), "base64") };
}

/** The files stored with an incident, newest first, without their bytes. */
export async function listAttachments({ actor, incidentId }: { actor: Actor; incidentId: string }) {
  assertCan(actor, "read");
  return db().attachment.findMany({
    where: { incidentId, incident: visibleIncidentsWhere(actor) },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      fileName: true,
      contentType: true,
      size: true,
      createdAt: true,
      createdBy: { select: { name: true, email: true } },
    },
  });
}
