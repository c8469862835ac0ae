import { addDays } from "date-fns";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { validationError } from "@/lib/errors";
import { localToUtc } from "@/lib/time/zones";
import { AuditLogQuery, type AuditLogFilters } from "@/lib/audit/schema";

export type AuditEntryView = {
  /** Also the cursor: entries are listed newest first by this ever-growing id. */
  id: string;
  at: Date;
  actor: { id: string | null; label: string; name: string | null };
  action: string;
  entityType: string;
  entityId: string;
  /** Null when the entry concerns no incident, or the incident no longer exists. */
  incident: { id: string; number: number; title: string } | null;
  data: unknown;
};

export type AuditLogPage = {
  entries: AuditEntryView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
  filters: AuditLogFilters;
  /** The zone day filters were read in and times are shown in: the query's, else the viewer's own. */
  timeZone: string;
};

type Row = {
  id: bigint;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  incidentId: string | null;
  incidentNumber: number | null;
  incidentTitle: string | null;
  data: unknown;
};

const likeEscape = (s: string) => s.replace(/[\\%_]/g, "\\$&");

/** A day starts at midnight in the zone; `to` takes its whole day. An instant stands as given. */
function dayStart(day: string, zone: string): Date {
  return localToUtc(`${day}T00:00`, zone);
}

function nextDay(day: string): string {
  return addDays(new Date(`${day}T00:00:00Z`), 1)
    .toISOString()
    .slice(0, 10);
}

function conditions(f: AuditLogFilters, zone: string): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.actor) where.push(Prisma.sql`(lower(a."actorLabel") = lower(${f.actor}) OR a."actorId" = ${f.actor})`);
  if (f.action?.endsWith("*")) where.push(Prisma.sql`a."action" LIKE ${likeEscape(f.action.slice(0, -1)) + "%"}`);
  else if (f.action) where.push(Prisma.sql`a."action" = ${f.action}`);
  if (f.entityType) where.push(Prisma.sql`lower(a."entityType") = lower(${f.entityType})`);
  if (f.incident) where.push(Prisma.sql`i."number" = ${f.incident}`);
  if (f.from) where.push(Prisma.sql`a."at" >= ${f.from.includes("T") ? new Date(f.from) : dayStart(f.from, zone)}`);
  if (f.to?.includes("T")) where.push(Prisma.sql`a."at" <= ${new Date(f.to)}`);
  else if (f.to) where.push(Prisma.sql`a."at" < ${dayStart(nextDay(f.to), zone)}`);
  if (f.q) {
    const like = `%${likeEscape(f.q)}%`;
    where.push(Prisma.sql`(a."actorLabel" ILIKE ${like} OR u."name" ILIKE ${like} OR a."action" ILIKE ${like}
      OR a."entityType" ILIKE ${like} OR a."entityId" ILIKE ${like} OR i."title" ILIKE ${like} OR a."data"::text ILIKE ${like})`);
  }
  if (f.cursor) where.push(Prisma.sql`a."id" < ${BigInt(f.cursor)}`);
  return where;
}

async function viewerZone(actor: Actor): Promise<string> {
  if (actor.kind !== "user") return "UTC";
  const user = await db().user.findUnique({ where: { id: actor.id }, select: { timeZone: true } });
  return user?.timeZone ?? "UTC";
}

/**
 * The audit log, newest first, for admins: filters by who, action, entity type, incident, date range
 * and free text, paged by cursor so a page stays put while new entries arrive.
 */
export async function listAuditLog({ actor, query = {} }: { actor: Actor; query?: unknown }): Promise<AuditLogPage> {
  assertCan(actor, "administer");
  const parsed = AuditLogQuery.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const filters = parsed.data;
  const timeZone = filters.tz ?? (await viewerZone(actor));
  const where = conditions(filters, timeZone);
  const rows = await db().$queryRaw<Row[]>`
    SELECT a."id", a."at", a."actorId", a."actorLabel", u."name" AS "actorName", a."action", a."entityType", a."entityId",
           a."incidentId", i."number" AS "incidentNumber", i."title" AS "incidentTitle", a."data"
    FROM "AuditLog" a
    LEFT JOIN "User" u ON u."id" = a."actorId"
    LEFT JOIN "Incident" i ON i."id" = a."incidentId"
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
    ORDER BY a."id" DESC
    LIMIT ${filters.limit + 1}`;
  const page = rows.slice(0, filters.limit);
  return {
    entries: page.map((r) => ({
      id: r.id.toString(),
      at: r.at,
      actor: { id: r.actorId, label: r.actorLabel, name: r.actorName || null },
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      incident:
        r.incidentId && r.incidentNumber !== null
          ? { id: r.incidentId, number: Number(r.incidentNumber), title: r.incidentTitle ?? "" }
          : null,
      data: r.data,
    })),
    nextCursor: rows.length > filters.limit ? page[page.length - 1].id.toString() : null,
    filters,
    timeZone,
  };
}

export type AuditFilterChoices = { actors: string[]; actions: string[]; entityTypes: string[] };

/** What the filter form offers: every actor, action and entity type that appears in the log. */
export async function listAuditFilterChoices({ actor }: { actor: Actor }): Promise<AuditFilterChoices> {
  assertCan(actor, "administer");
  const distinct = async (column: "actorLabel" | "action" | "entityType") => {
    const rows = await db().$queryRaw<{ v: string }[]>`
      SELECT DISTINCT ${Prisma.raw(`"${column}"`)} AS v FROM "AuditLog" ORDER BY v`;
    return rows.map((r) => r.v);
  };
  // One at a time: PGlite serialises queries anyway, and PostgreSQL gains little on three small scans.
  const actors = await distinct("actorLabel");
  const actions = await distinct("action");
  const entityTypes = await distinct("entityType");
  return { actors, actions, entityTypes };
}
