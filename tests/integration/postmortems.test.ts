import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser } from "./support/factories";
import { createIncident } from "@/lib/incidents/create-incident";
import { saveSection } from "@/lib/postmortems/save-section";
import { getNarrative } from "@/lib/postmortems/get-narrative";
import { createAttachment } from "@/lib/attachments/create-attachment";
import { getAttachmentForUser } from "@/lib/attachments/get-attachment";
import type { TipTapDoc } from "@/lib/postmortems/content-schema";

const doc = (text: string, extra: unknown[] = []): TipTapDoc =>
  ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }, ...extra] }) as TipTapDoc;

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db00000000049454e44ae426082",
  "hex",
);

async function* chunks(buf: Buffer, size = 1024) {
  for (let i = 0; i < buf.length; i += size) yield new Uint8Array(buf.subarray(i, i + size));
}

describe.each(DATABASES)("postmortem narrative on %s", (_kind, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("creates the sections lazily in registry order", async () => {
    const editor = await makeUser("editor");
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    const narrative = await getNarrative({ actor: editor, input: { incidentNumber: incident.number } });
    expect(narrative.status).toBe("draft");
    expect(narrative.sections.map((s) => s.key)).toEqual([
      "summary",
      "impact",
      "trigger",
      "recovery",
      "detection",
      "went_well",
      "went_wrong",
      "got_lucky",
    ]);
    expect(narrative.sections.every((s) => s.version === 1)).toBe(true);
  });

  it("saves a section with a revision and audit, and refuses a stale save with both texts", async () => {
    const alice = await makeUser("editor");
    const bob = await makeUser("editor");
    const incident = await createIncident({ actor: alice, input: incidentInput() });
    const saved = await saveSection({
      actor: alice,
      input: { incidentNumber: incident.number, key: "summary", content: doc("Redis filled up"), version: 1 },
    });
    expect(saved.version).toBe(2);
    const revisions = await database.client.revision.findMany({ where: { entityId: saved.id } });
    expect(revisions.map((r) => [r.entityType, r.version])).toEqual([["PostmortemSection", 2]]);
    expect(await database.client.auditLog.count({ where: { entityId: saved.id, action: "postmortem.section.save" } })).toBe(1);
    const hits = await database.client.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "Incident" WHERE id = ${incident.id} AND "searchVector" @@ plainto_tsquery('english', 'redis filled')`;
    expect(Number(hits[0].n)).toBe(1);

    const stale = await saveSection({
      actor: bob,
      input: { incidentNumber: incident.number, key: "summary", content: doc("Bob's version"), version: 1 },
    }).catch((e) => e);
    expect(stale.code).toBe("CONFLICT");
    expect(stale.details.current.version).toBe(2);
    expect(stale.details.current.content).toEqual(doc("Redis filled up"));
    expect(stale.details.yours.content).toEqual(doc("Bob's version"));
    // Overwrite with mine: re-save with their version number.
    const overwritten = await saveSection({
      actor: bob,
      input: { incidentNumber: incident.number, key: "summary", content: doc("Bob's version"), version: 2 },
    });
    expect(overwritten.version).toBe(3);
  });

  it("lets two people save different sections concurrently", async () => {
    const alice = await makeUser("editor");
    const bob = await makeUser("editor");
    const incident = await createIncident({ actor: alice, input: incidentInput() });
    const [a, b] = await Promise.all([
      saveSection({
        actor: alice,
        input: { incidentNumber: incident.number, key: "impact", content: doc("impact text"), version: 1 },
      }),
      saveSection({
        actor: bob,
        input: { incidentNumber: incident.number, key: "detection", content: doc("detection text"), version: 1 },
      }),
    ]);
    expect([a.version, b.version]).toEqual([2, 2]);
    const narrative = await getNarrative({ actor: bob, input: { incidentNumber: incident.number } });
    expect(narrative.sections.find((s) => s.key === "impact")?.html).toContain("impact text");
    expect(narrative.sections.find((s) => s.key === "detection")?.html).toContain("detection text");
  });

  it("refuses invalid TipTap JSON and stores nothing", async () => {
    const editor = await makeUser("editor");
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    const other = await createIncident({ actor: editor, input: incidentInput({ title: "Other incident" }) });
    const foreign = await createAttachment({
      actor: editor,
      input: { incidentNumber: other.number, fileName: "x.png", body: chunks(PNG) },
    });
    const bad: unknown[] = [
      { type: "doc", content: [{ type: "script", content: [{ type: "text", text: "alert(1)" }] }] },
      doc("x").content!.map(() => ({
        type: "paragraph",
        content: [{ type: "text", text: "click", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }],
      })),
      doc("img", [{ type: "image", attrs: { src: foreign.url } }]),
      doc("img", [{ type: "image", attrs: { src: "https://evil.example/x.png" } }]),
    ].map((c) => (Array.isArray(c) ? { type: "doc", content: c } : c));
    const revisionsBefore = await database.client.revision.count();
    for (const content of bad) {
      await expect(
        saveSection({
          actor: editor,
          input: { incidentNumber: incident.number, key: "summary", content: content as TipTapDoc, version: 1 },
        }),
      ).rejects.toMatchObject({ code: "VALIDATION" });
    }
    expect(await database.client.revision.count()).toBe(revisionsBefore);
    const narrative = await getNarrative({ actor: editor, input: { incidentNumber: incident.number } });
    expect(narrative.sections[0].version).toBe(1);

    // The same image uploaded to this incident is accepted and rendered.
    const own = await createAttachment({
      actor: editor,
      input: { incidentNumber: incident.number, fileName: "ok.png", body: chunks(PNG) },
    });
    const linked = doc("see", [
      { type: "image", attrs: { src: own.url, alt: "graph" } },
      {
        type: "paragraph",
        content: [{ type: "text", text: "docs", marks: [{ type: "link", attrs: { href: "https://example.com" } }] }],
      },
    ]);
    await saveSection({ actor: editor, input: { incidentNumber: incident.number, key: "summary", content: linked, version: 1 } });
    const html = (await getNarrative({ actor: editor, input: { incidentNumber: incident.number } })).sections[0].html;
    expect(html).toContain(`src="${own.url}"`);
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it("refuses edits of a published postmortem and by viewers", async () => {
    const editor = await makeUser("editor");
    const viewer = await makeUser("viewer");
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    await getNarrative({ actor: editor, input: { incidentNumber: incident.number } });
    await expect(
      saveSection({ actor: viewer, input: { incidentNumber: incident.number, key: "summary", content: doc("x"), version: 1 } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await database.client.postmortem.update({ where: { incidentId: incident.id }, data: { status: "published" } });
    await expect(
      saveSection({ actor: editor, input: { incidentNumber: incident.number, key: "summary", content: doc("x"), version: 1 } }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("reopen it first") });
  });

  it("uploads images with a size cap and type sniffing, visible only to those who see the incident", async () => {
    const editor = await makeUser("editor");
    const outsider = await makeUser("editor");
    const incident = await createIncident({ actor: editor, input: incidentInput({ restricted: true }) });
    const ok = await createAttachment({
      actor: editor,
      input: { incidentNumber: incident.number, fileName: "graph.txt", body: chunks(PNG) },
    });
    expect(ok.contentType).toBe("image/png");
    expect(ok.size).toBe(PNG.length);
    const fetched = await getAttachmentForUser({ actor: editor, id: ok.id });
    expect(Buffer.from(fetched.data).equals(PNG)).toBe(true);
    await expect(getAttachmentForUser({ actor: outsider, id: ok.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      createAttachment({ actor: outsider, input: { incidentNumber: incident.number, body: chunks(PNG) } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    const before = await database.client.attachment.count();
    const html = Buffer.from("<html><script>alert(1)</script></html>");
    await expect(
      createAttachment({ actor: editor, input: { incidentNumber: incident.number, fileName: "x.png", body: chunks(html) } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const big = Buffer.concat([PNG, Buffer.alloc(4096)]);
    let pulled = 0;
    async function* counting() {
      for await (const c of chunks(big, 512)) {
        pulled += c.byteLength;
        yield c;
      }
    }
    await expect(
      createAttachment({ actor: editor, input: { incidentNumber: incident.number, body: counting() }, maxBytes: 1024 }),
    ).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("at most") });
    expect(pulled).toBeLessThanOrEqual(1536);
    await expect(
      createAttachment({ actor: editor, input: { incidentNumber: incident.number, declaredSize: 10 ** 9, body: chunks(PNG) } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const viewer = await makeUser("viewer");
    await expect(
      createAttachment({ actor: viewer, input: { incidentNumber: incident.number, body: chunks(PNG) } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await database.client.attachment.count()).toBe(before);
  });
});
