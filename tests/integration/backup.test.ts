/**
 * Backup and restore of the whole database: the demo data plus what the demo lacks (attachment bytes,
 * comment threads, OAuth links, invites, public shares, an uptime monitor with samples, non-finite
 * floats) is backed up on PGlite, restored into an empty PostgreSQL database and backed up there, then
 * that archive is restored into an empty PGlite database and backed up again: all three archives are
 * the same text apart from when they were made, so backup and restore are each exercised on both
 * engines with one seeding. Refusals (a non-empty database, a cut or refused archive, a newer schema)
 * leave the target untouched.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPglite, freshPostgres, type TestDatabase } from "./support/databases";
import { makeUser } from "./support/factories";
import { setDb } from "@/lib/db";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { ImportError } from "@/lib/imports/errors";
import { seedDemo } from "@/lib/seed/demo";
import { createIncident } from "@/lib/incidents/create-incident";
import { addComment } from "@/lib/comments/add-comment";
import { createAttachment } from "@/lib/attachments/create-attachment";
import { getAttachmentForUser } from "@/lib/attachments/get-attachment";
import { createPublicShare } from "@/lib/exports/public-shares";
import { ensureBuiltInTemplates } from "@/lib/templates/ensure-built-in-templates";
import { EXCLUDED_TABLES } from "@/lib/backup/plan";
import { writeBackup } from "@/lib/backup/write-backup";
import { restoreBackup } from "@/lib/backup/restore-backup";
import { backupCommand, restoreCommand } from "@/scripts/cli-backup";

const SYSTEM: Actor = { kind: "system", label: "test" };
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const inProcess = { withDatabase: <T>(work: () => Promise<T>) => work() };

/** The demo data and everything it does not have, written through the verbs where one exists. */
async function seedRichDatabase(client: PrismaClient) {
  await seedDemo();
  // The demo's 90 days of checks (155,000 samples) would dominate the test's time: keep the incident's days.
  await client.$executeRawUnsafe(
    `DELETE FROM "UptimeSample" WHERE "at" NOT BETWEEN '2026-10-23T00:00:00Z' AND '2026-10-25T00:00:00Z'`,
  );
  await ensureBuiltInTemplates();
  const editor = await makeUser("editor");
  const incident = await createIncident({
    actor: editor,
    input: { title: "Status page said up while checkout failed", severity: 2, startedAt: "2026-05-20T08:00", timeZone: "UTC" },
  });
  const thread = await addComment({
    actor: editor,
    input: { incidentNumber: incident.number, body: "Why did the monitor miss it?" },
  });
  await addComment({
    actor: editor,
    input: { incidentNumber: incident.number, body: "It checked /health only.", parentId: thread.id },
  });
  await createAttachment({
    actor: editor,
    input: {
      incidentNumber: incident.number,
      fileName: "graph.png",
      body: (async function* () {
        yield PNG;
      })(),
    },
  });
  await createPublicShare({ actor: editor, input: { incidentNumber: incident.number } });
  await client.account.create({ data: { userId: editor.id, provider: "github", providerAccountId: "4242" } });
  await client.invite.create({
    data: {
      email: "new@example.test",
      role: "viewer",
      tokenHash: "f".repeat(64),
      expiresAt: new Date(Date.UTC(2026, 6, 1)),
      createdById: editor.id,
    },
  });

  const service = await client.service.findFirstOrThrow({ orderBy: { name: "asc" } });
  const monitor = await client.monitor.create({
    data: {
      name: "Checkout API",
      target: "https://shop.example.test/api/checkout",
      source: "upptime",
      sourceKey: "checkout-api",
      serviceId: service.id,
      checkIntervalSec: 300,
      reported: [{ period: "30d", uptimePct: 99.12 }],
      dataStart: new Date(Date.UTC(2026, 4, 10)),
      dataEnd: new Date(Date.UTC(2026, 4, 21)),
      sampleCount: 3000,
    },
  });
  const t0 = Date.UTC(2026, 4, 10);
  await client.uptimeSample.createMany({
    data: Array.from({ length: 3000 }, (_, i) => ({
      monitorId: monitor.id,
      at: new Date(t0 + i * 300_000 + (i % 7)),
      status: i % 97 === 0 ? ("down" as const) : i % 53 === 0 ? ("degraded" as const) : ("up" as const),
      latencyMs: i % 97 === 0 ? null : 80 + ((i * 13) % 400) + 0.25,
      code: i % 97 === 0 ? 503 : 200,
      message: i % 97 === 0 ? "Service Unavailable\nupstream timed out" : "",
    })),
  });
  await client.maintenanceWindow.create({
    data: { monitorId: monitor.id, startsAt: new Date(t0 + 86_400_000), endsAt: new Date(t0 + 90_000_000), reason: "DB upgrade" },
  });
  await client.reportedOutage.create({
    data: {
      monitorId: monitor.id,
      source: "upptime-issue",
      reference: "17",
      title: "🛑 Checkout API is down",
      startedAt: new Date(t0 + 3_600_000),
      endedAt: new Date(t0 + 4_200_000),
      updates: [{ at: "2026-05-10T01:10:00Z", status: "resolved", body: "Back up" }],
    },
  });
  await client.incidentMonitor.create({
    data: {
      incidentId: incident.id,
      monitorId: monitor.id,
      note: "Down 08:05–08:25",
      windowStart: new Date(t0),
      windowEnd: new Date(t0 + 1_200_000),
    },
  });
  // Values JSON numbers cannot hold must come back as they were.
  await client.$executeRawUnsafe(
    `UPDATE "LoadTestLabelStat" SET "stddev" = 'NaN', "p999" = 'Infinity', "min" = '-0' WHERE "position" = 0`,
  );
  // Left out of a backup: audit rows (plenty already), import jobs and rate-limit counters.
  await client.importJob.create({ data: { kind: "uptime", status: "succeeded", createdById: editor.id } });
  await client.rateLimitBucket.create({ data: { key: "login:203.0.113.9", count: 3, windowStart: new Date() } });
  return { editor, incident };
}

async function backupToText(client: PrismaClient, options = {}): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  await writeBackup({ actor: SYSTEM, out, client, options });
  out.end();
  return Buffer.concat(chunks).toString("utf8");
}

/** The archive without its creation time: the only thing two backups of the same content may differ in. */
const withoutCreatedAt = (text: string) => text.replace(/^(\{"format":[^\n]*?"createdAt":)"[^"]*"/, '$1""');

async function domainCounts(client: PrismaClient): Promise<Record<string, number>> {
  const rows = await client.$queryRawUnsafe<{ table: string }[]>(
    `SELECT relname::text AS "table" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND relkind = 'r' AND relname NOT LIKE '\\_%' ORDER BY relname`,
  );
  const counts: Record<string, number> = {};
  for (const { table } of rows) {
    const [{ n }] = await client.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`);
    if (n > 0) counts[table] = n;
  }
  return counts;
}

type Parsed = {
  format: string;
  version: number;
  schemaMigration: string;
  sequences: Record<string, number>;
  tables: { table: string; columns: string[]; rows: Record<string, unknown>[]; rowCount: number }[];
};

describe("backup and restore between PGlite and PostgreSQL", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-backup-"));
  const archivePath = path.join(dir, "archive.json");
  let source: TestDatabase; // PGlite, seeded
  let targets: TestDatabase[]; // [PostgreSQL, PGlite], fresh installations
  let seeded: Awaited<ReturnType<typeof seedRichDatabase>>;
  let archive: string;
  let emptyCounts: Record<string, number>[];
  let installationAudit: number[];

  beforeAll(async () => {
    targets = [await freshPostgres(), await freshPglite()];
    emptyCounts = [];
    installationAudit = [];
    for (const target of targets) {
      setDb(target.client);
      // A fresh installation: the severity levels of the first migration and the built-in templates.
      await ensureBuiltInTemplates();
      emptyCounts.push(await domainCounts(target.client));
      installationAudit.push(await target.client.auditLog.count());
    }
    source = await freshPglite(); // now the process client
    seeded = await seedRichDatabase(source.client);
    // Small pages, so keyset paging over composite keys (monitor, time) is exercised.
    archive = await backupToText(source.client, { pageRows: 250, pageBytes: 64 * 1024 });
    fs.writeFileSync(archivePath, archive);
  });
  afterAll(async () => {
    for (const target of targets ?? []) await target.dispose();
    await source?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes one JSON document with every table but the excluded ones, bytes as base64 and no search vectors", async () => {
    const parsed = JSON.parse(archive) as Parsed;
    expect(parsed).toMatchObject({ format: "hindsight-backup", version: 1, schemaMigration: expect.stringMatching(/^\d{14}_/) });
    const names = parsed.tables.map((t) => t.table);
    // Everything: every model of the schema but the excluded ones.
    const models = Object.values(Prisma.ModelName).filter((m) => !(m in EXCLUDED_TABLES));
    expect([...names].sort()).toEqual(models.sort());
    expect(names).toEqual(expect.arrayContaining(["Account", "PublicShare", "Invite", "UptimeSample", "IncidentMonitor"]));
    // Dependency order: referenced tables first.
    expect(names.indexOf("User")).toBeLessThan(names.indexOf("Incident"));
    expect(names.indexOf("Monitor")).toBeLessThan(names.indexOf("UptimeSample"));
    const table = (name: string) => parsed.tables.find((t) => t.table === name)!;
    expect(table("Incident").columns).not.toContain("searchVector");
    expect(table("Incident").rowCount).toBe(await source.client.incident.count());
    expect(parsed.sequences["Incident.number"]).toBe(seeded.incident.number);
    expect(Buffer.from(table("Attachment").rows[0].data as string, "base64")).toEqual(PNG);
    expect(table("UptimeSample").rowCount).toBe(await source.client.uptimeSample.count());
    expect(table("LoadTestLabelStat").rows.find((r) => r.position === 0)).toMatchObject({
      stddev: "NaN",
      p999: "Infinity",
      min: -0,
    });
    // Rows sorted by primary key.
    const ids = table("User").rows.map((r) => r.id as string);
    expect(ids).toEqual([...ids].sort());
  });

  it("refuses to restore into a database that has content, naming what is there, and changes nothing", async () => {
    const before = await domainCounts(source.client);
    const refused = await restoreBackup({ actor: SYSTEM, file: archivePath, client: source.client }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("CONFLICT");
    expect((refused as Error).message).toMatch(/not empty: .*Incident \(\d+ rows\).*User \(\d+ rows\)/);
    expect(await domainCounts(source.client)).toEqual(before);
  });

  it("refuses a cut, a refused or a newer archive with a clear error and writes nothing", async () => {
    const lines = archive.split("\n");
    // Both fail late in the archive, after thousands of rows of earlier tables went in.
    const cutAt = lines.findIndex((l) => l.startsWith('{"table":"Postmortem"')) + 1;
    const badAt = lines.findIndex((l) => l.startsWith('{"table":"UptimeSample"')) + 2000;
    const cases: [string, string, RegExp][] = [
      ["cut.json", lines.slice(0, cutAt + 1).join("\n"), /cut\.json, line \d+: the archive is cut short/],
      [
        "bad-value.json",
        lines.map((l, i) => (i === badAt ? l.replace(/"status":"\w+"/, '"status":"sideways"') : l)).join("\n"),
        /bad-value\.json: the database refused rows of UptimeSample \(lines \d+–\d+\): .*sideways/,
      ],
      [
        "future.json",
        archive.replace(/"schemaMigration":"[^"]*"/, '"schemaMigration":"29991231000000_from_the_future"'),
        /future\.json, field "schemaMigration": the archive was made by a newer Hindsight/,
      ],
      [
        "version.json",
        archive.replace('"version":1', '"version":2'),
        /version\.json, line 1, field "version": archive version 2 is not supported/,
      ],
      ["other.json", '{"format":"hindsight-incident","version":1}\n', /other\.json, line 1: not a Hindsight backup archive/],
    ];
    for (const [i, target] of targets.entries()) {
      for (const [name, text, message] of cases) {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text);
        const refused = await restoreBackup({ actor: SYSTEM, file, client: target.client }).catch((e: unknown) => e);
        expect(refused, `${target.kind} ${name}`).toBeInstanceOf(ImportError);
        expect((refused as Error).message, `${target.kind} ${name}`).toMatch(message);
        expect(await domainCounts(target.client), `${target.kind} ${name}`).toEqual(emptyCounts[i]);
      }
    }
  });

  describe("restored into empty databases, PGlite to PostgreSQL to PGlite", () => {
    const archives: string[] = [];

    beforeAll(async () => {
      let from = archivePath;
      for (const [i, target] of targets.entries()) {
        setDb(target.client);
        expect(await restoreCommand([from], inProcess)).toBe(0);
        from = path.join(dir, `again-${i}.json`);
        expect(await backupCommand(["--out", from], inProcess)).toBe(0);
        archives.push(fs.readFileSync(from, "utf8"));
      }
    });

    it("backs up again to the same archive, apart from when it was made", () => {
      for (const again of archives) {
        expect(again).not.toBe(archive);
        expect(withoutCreatedAt(again)).toBe(withoutCreatedAt(archive));
      }
    });

    it("rebuilds search documents, keeps files readable and writes one audit row of its own", async () => {
      const vectors = (c: PrismaClient) =>
        c.$queryRawUnsafe<{ id: string; v: string }[]>(`SELECT "id", "searchVector"::text AS v FROM "Incident" ORDER BY "id"`);
      const original = await vectors(source.client);
      expect(original.every((r) => r.v && r.v.length > 0)).toBe(true);
      for (const [i, target] of targets.entries()) {
        expect(await vectors(target.client), target.kind).toEqual(original);

        setDb(target.client);
        const attachment = await target.client.attachment.findFirstOrThrow();
        expect((await getAttachmentForUser({ actor: SYSTEM, id: attachment.id })).data, target.kind).toEqual(PNG);

        // The target's own history stays; the restore adds one row and brings none from the archive.
        const audit = await target.client.auditLog.findMany({ orderBy: { id: "asc" } });
        expect(audit, target.kind).toHaveLength(installationAudit[i] + 1);
        expect(audit.at(-1)).toMatchObject({ action: "backup.restore", entityType: "Backup", actorLabel: "cli" });
        expect(audit.at(-1)?.data).toMatchObject({ tables: { UptimeSample: await source.client.uptimeSample.count() } });
        expect(await target.client.importJob.count()).toBe(0);
        expect(await target.client.rateLimitBucket.count()).toBe(0);
      }
    });

    it("keeps people as they were and continues incident numbering after the archive's", async () => {
      const people = (c: PrismaClient) =>
        c.user.findMany({ orderBy: { email: "asc" }, select: { email: true, role: true, active: true, passwordHash: true } });
      for (const target of targets) {
        expect(await people(target.client), target.kind).toEqual(await people(source.client));
        setDb(target.client);
        const next = await createIncident({
          actor: SYSTEM,
          input: { title: "After the restore", severity: 3, startedAt: "2026-06-01T10:00", timeZone: "UTC" },
        });
        expect(next.number, target.kind).toBe(seeded.incident.number + 1);
      }
    });
  });
});
