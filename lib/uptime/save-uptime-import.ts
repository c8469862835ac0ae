/**
 * Writes a parsed uptime upload in one short transaction (parsing already happened outside it):
 * monitors are matched by their identity at the source, so a re-import updates rather than
 * duplicates, and samples are replaced only across the span the upload covers, so importing a
 * shorter or older export loses nothing already stored.
 */
import { db, type Db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { ImportError } from "@/lib/imports/errors";
import type { ParsedMonitor, ParsedUptime, UptimeSample } from "@/lib/uptime/types";

export type SaveUptimeImportInput = {
  parsed: ParsedUptime;
  /** Service given to monitors this import creates; existing monitors keep theirs. */
  serviceId?: string;
  importJobId?: string;
};

export type SavedUptimeImport = { monitors: { id: string; name: string; created: boolean; samples: number }[] };

/**
 * Rows per INSERT … SELECT FROM unnest(…): six array parameters whatever the batch size, so the
 * batch is bounded by memory, not by PostgreSQL's 65,535 bind parameters.
 */
const SAMPLE_BATCH = 20_000;

/** A large import may take seconds to write on the embedded database; the default 5 s is too tight. */
export const UPTIME_WRITE_TIMEOUT_MS = 120_000;

/** Refuses a service that does not exist before anything is written. */
export async function assertServiceExists(client: Db, serviceId: string | undefined | null): Promise<void> {
  if (!serviceId) return;
  const service = await client.service.findUnique({ where: { id: serviceId }, select: { id: true } });
  if (!service) throw new AppError("VALIDATION", "Unknown service.", { serviceId: ["Choose a known service"] });
}

async function insertSamples(tx: Db, monitorId: string, samples: UptimeSample[]): Promise<void> {
  for (let start = 0; start < samples.length; start += SAMPLE_BATCH) {
    const batch = samples.slice(start, start + SAMPLE_BATCH);
    const at = batch.map((s) => new Date(s.at).toISOString());
    const status = batch.map((s) => s.status);
    const latency = batch.map((s) => (s.latencyMs !== null && Number.isFinite(s.latencyMs) ? s.latencyMs : null));
    const code = batch.map((s) => (s.code !== null && Number.isInteger(s.code) ? s.code : null));
    const message = batch.map((s) => s.message);
    await tx.$executeRaw`
      INSERT INTO "UptimeSample" ("monitorId", "at", "status", "latencyMs", "code", "message")
      SELECT ${monitorId}, u.at, u.status::"UptimeStatus", u.latency, u.code, u.message
      FROM unnest(${at}::timestamptz[], ${status}::text[], ${latency}::float8[], ${code}::int[], ${message}::text[])
        AS u(at, status, latency, code, message)`;
  }
}

/**
 * Sorted, one per stored instant (whole milliseconds, as the column keeps them): parsers promise
 * it, the primary key needs it, so a slip fails here with a clear line instead of a key violation.
 */
function checkSamples(monitor: ParsedMonitor): void {
  const { samples } = monitor;
  for (let i = 1; i < samples.length; i++) {
    if (!(Math.trunc(samples[i].at) > Math.trunc(samples[i - 1].at))) {
      const at = new Date(samples[i].at).toISOString();
      throw new ImportError(`monitor "${monitor.name}": the samples are not in time order, or repeat an instant, at ${at}.`);
    }
  }
}

async function upsertMonitor(
  tx: Db,
  parsed: ParsedUptime,
  m: ParsedMonitor,
  serviceId: string | undefined,
): Promise<{ id: string; name: string; created: boolean; dataEnd: Date | null }> {
  const existing = await tx.monitor.findUnique({
    where: { source_sourceKey: { source: parsed.source, sourceKey: m.sourceKey } },
    select: { id: true, name: true, dataEnd: true },
  });
  const reported = JSON.parse(JSON.stringify(m.reported)) as Prisma.InputJsonValue;
  if (existing) {
    // Name, kind, target, service, SLO and gap rule may have been edited here: the source's view of them stays out.
    await tx.monitor.update({
      where: { id: existing.id },
      data: { reported, ...(m.timeZone ? { timeZone: m.timeZone } : {}) },
    });
    return { ...existing, created: false };
  }
  const created = await tx.monitor.create({
    data: {
      name: m.name.trim().slice(0, 200) || m.sourceKey,
      target: m.target.slice(0, 1000),
      kind: m.kind,
      serviceId: serviceId ?? null,
      source: parsed.source,
      sourceKey: m.sourceKey,
      checkIntervalSec: m.checkIntervalSec,
      reported,
      timeZone: m.timeZone ?? "UTC",
    },
    select: { id: true, name: true },
  });
  return { ...created, created: true, dataEnd: null };
}

async function saveOutages(tx: Db, monitorId: string, m: ParsedMonitor): Promise<void> {
  for (const o of m.outages) {
    const data = {
      title: o.title,
      url: o.url,
      startedAt: new Date(o.startedAt),
      endedAt: o.endedAt === null ? null : new Date(o.endedAt),
      impact: o.impact,
      updates: JSON.parse(JSON.stringify(o.updates)) as Prisma.InputJsonValue,
    };
    await tx.reportedOutage.upsert({
      where: { monitorId_source_reference: { monitorId, source: o.source, reference: o.reference } },
      create: { monitorId, source: o.source, reference: o.reference, ...data },
      update: data,
    });
  }
}

async function saveMaintenance(tx: Db, monitorId: string, m: ParsedMonitor): Promise<number> {
  if (m.maintenance.length === 0) return 0;
  const stored = await tx.maintenanceWindow.findMany({ where: { monitorId }, select: { startsAt: true, endsAt: true } });
  const known = new Set(stored.map((w) => `${w.startsAt.getTime()}/${w.endsAt.getTime()}`));
  let added = 0;
  for (const w of m.maintenance) {
    const key = `${w.startsAt}/${w.endsAt}`;
    if (known.has(key) || !(w.endsAt > w.startsAt)) continue;
    known.add(key);
    await tx.maintenanceWindow.create({
      data: { monitorId, startsAt: new Date(w.startsAt), endsAt: new Date(w.endsAt), reason: w.reason.slice(0, 500) },
    });
    added++;
  }
  return added;
}

/** The writes of one import inside the caller's transaction (seeding composes it into its own). */
export async function insertUptimeImport(tx: Db, actor: Actor, input: SaveUptimeImportInput): Promise<SavedUptimeImport> {
  const { parsed, serviceId, importJobId } = input;
  if (parsed.monitors.length === 0) throw new ImportError("the upload holds no monitors.");
  const keys = new Set<string>();
  for (const m of parsed.monitors) {
    if (keys.has(m.sourceKey)) throw new ImportError(`the monitor "${m.sourceKey}" appears twice in this upload.`);
    keys.add(m.sourceKey);
    checkSamples(m);
  }
  await assertServiceExists(tx, serviceId);

  const saved: SavedUptimeImport["monitors"] = [];
  let maintenanceAdded = 0;
  for (const m of parsed.monitors) {
    const monitor = await upsertMonitor(tx, parsed, m, serviceId);
    if (m.samples.length > 0) {
      // Replace what the upload covers, keep what lies outside it.
      await tx.uptimeSample.deleteMany({
        where: {
          monitorId: monitor.id,
          at: { gte: new Date(m.samples[0].at), lte: new Date(m.samples[m.samples.length - 1].at) },
        },
      });
      await insertSamples(tx, monitor.id, m.samples);
    }
    await saveOutages(tx, monitor.id, m);
    maintenanceAdded += await saveMaintenance(tx, monitor.id, m);

    const span = await tx.uptimeSample.aggregate({
      where: { monitorId: monitor.id },
      _count: { _all: true },
      _min: { at: true },
      _max: { at: true },
    });
    // Without an end from the source, a periodic check's last result holds for one interval (as the maths reads it).
    const lastAt = m.samples.length ? m.samples[m.samples.length - 1].at : null;
    const incomingEnd = m.dataEnd ?? (lastAt === null ? null : lastAt + (m.checkIntervalSec ?? 0) * 1000);
    const ends = [monitor.dataEnd?.getTime(), incomingEnd, span._max.at?.getTime()].filter(
      (t): t is number => typeof t === "number",
    );
    await tx.monitor.update({
      where: { id: monitor.id },
      data: {
        sampleCount: span._count._all,
        dataStart: span._min.at,
        dataEnd: ends.length ? new Date(Math.max(...ends)) : null,
      },
    });
    saved.push({ id: monitor.id, name: monitor.name, created: monitor.created, samples: m.samples.length });
  }

  await recordAudit(tx, actor, {
    action: "uptime.import",
    entityType: "Monitor",
    entityId: saved[0].id,
    data: {
      format: parsed.format,
      source: parsed.source,
      importJobId: importJobId ?? null,
      monitors: saved.map((s) => ({ id: s.id, name: s.name, created: s.created, samples: s.samples })),
      maintenanceAdded,
    },
  });
  return { monitors: saved };
}

/** One short transaction for the whole upload: a failure anywhere writes nothing. */
export async function saveUptimeImport({
  actor,
  input,
}: {
  actor: Actor;
  input: SaveUptimeImportInput;
}): Promise<SavedUptimeImport> {
  assertCan(actor, "edit");
  return db().$transaction((tx: Db) => insertUptimeImport(tx, actor, input), {
    timeout: UPTIME_WRITE_TIMEOUT_MS,
    maxWait: UPTIME_WRITE_TIMEOUT_MS,
  });
}
