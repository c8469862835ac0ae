import { createHash, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { sniffImageType } from "@/lib/attachments/sniff";
import { attachmentUrl, MAX_ATTACHMENT_BYTES } from "@/lib/attachments/constants";

const tooLarge = (max: number) =>
  new AppError("VALIDATION", `Images may be at most ${Math.round(max / 1024 / 1024)} MB.`, {
    file: [`Images may be at most ${Math.round(max / 1024 / 1024)} MB`],
  });

/**
 * Reads the body chunk by chunk and stops as soon as it passes the cap, so an oversized upload is
 * refused without being read whole. Images are capped small, so the accepted bytes stay in memory.
 */
async function readCapped(body: AsyncIterable<Uint8Array>, max: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > max) throw tooLarge(max);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function toAsyncIterable(body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  if (Symbol.asyncIterator in body) return body as AsyncIterable<Uint8Array>;
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        await reader.cancel().catch(() => undefined);
      }
    },
  };
}

const safeFileName = (name: string | undefined) => (name ?? "").replace(/[^\w.\- ]+/g, "_").slice(0, 200) || "image";

/** Stores an uploaded image on an incident the actor may edit; the type comes from its magic bytes. */
export async function createAttachment({
  actor,
  input,
  maxBytes = MAX_ATTACHMENT_BYTES,
}: {
  actor: Actor;
  input: {
    incidentNumber: number;
    fileName?: string;
    declaredSize?: number | null;
    body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> | null;
  };
  maxBytes?: number;
}) {
  assertCan(actor, "edit");
  // Check access before reading a byte, so strangers cannot make the server read their uploads.
  const incident = await findVisibleIncident(db(), actor, { number: input.incidentNumber });
  if (input.declaredSize != null && input.declaredSize > maxBytes) throw tooLarge(maxBytes);
  if (!input.body) throw new AppError("VALIDATION", "The upload was empty.", { file: ["The upload was empty"] });
  const data = await readCapped(toAsyncIterable(input.body), maxBytes);
  if (data.byteLength === 0) throw new AppError("VALIDATION", "The upload was empty.", { file: ["The upload was empty"] });
  const contentType = sniffImageType(data);
  if (!contentType) {
    throw new AppError("VALIDATION", "Only PNG, JPEG, GIF or WebP images can be uploaded.", {
      file: ["Only PNG, JPEG, GIF or WebP images can be uploaded"],
    });
  }
  const sha256 = createHash("sha256").update(data).digest("hex");
  const attachment = await db().$transaction(async (tx) => {
    // Raw insert with decode(): pglite-prisma-adapter 0.6.1 cannot serialise Prisma's Bytes
    // arguments ("Invalid input for bytea type"); sending base64 text works on both databases.
    const id = randomUUID();
    const row = { id, fileName: safeFileName(input.fileName), contentType, size: data.byteLength, sha256 };
    await tx.$executeRaw`
      INSERT INTO "Attachment" (id, "incidentId", "fileName", "contentType", size, sha256, data, "createdById")
      VALUES (${id}, ${incident.id}, ${row.fileName}, ${contentType}, ${row.size}, ${sha256},
              decode(${data.toString("base64")}, 'base64'), ${actorId(actor)})`;
    await recordAudit(tx, actor, {
      action: "attachment.create",
      entityType: "Attachment",
      entityId: row.id,
      incidentId: incident.id,
      data: { fileName: row.fileName, contentType, size: row.size, sha256 },
    });
    return row;
  });
  return { ...attachment, url: attachmentUrl(attachment.id) };
}
