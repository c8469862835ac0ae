import { db, type Prisma } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";
import { IncidentListQuery } from "@/lib/incidents/schema";

export const INCIDENTS_PAGE_SIZE = 25;

/**
 * Full-text matches (title, summary, impact, timeline, root causes, actions, narrative) ranked by
 * ts_rank, plus plain title substring matches for words the stemmer would not find.
 */
async function searchIncidentIds(q: string): Promise<Map<string, number>> {
  const rows = await db().$queryRaw<{ id: string; rank: number }[]>`
    SELECT id, ts_rank("searchVector", websearch_to_tsquery('english', ${q}))::float8 AS rank
    FROM "Incident"
    WHERE "searchVector" @@ websearch_to_tsquery('english', ${q}) OR title ILIKE ${"%" + q.replace(/[\\%_]/g, "\\$&") + "%"}`;
  return new Map(rows.map((r) => [r.id, Number(r.rank)]));
}

export async function listIncidents({ actor, query = {} }: { actor: Actor; query?: unknown }) {
  assertCan(actor, "read");
  const q = IncidentListQuery.parse(query);
  const ranks = q.q ? await searchIncidentIds(q.q) : null;
  const startedAt: Prisma.DateTimeFilter = {};
  if (q.from) startedAt.gte = new Date(`${q.from}T00:00:00Z`);
  if (q.to) startedAt.lt = new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000);
  const where: Prisma.IncidentWhereInput = {
    AND: [
      visibleIncidentsWhere(actor),
      q.status ? { status: q.status } : {},
      q.severity ? { severity: q.severity } : {},
      q.service ? { services: { some: { service: { name: q.service } } } } : {},
      q.from || q.to ? { startedAt } : {},
      ranks ? { id: { in: [...ranks.keys()] } } : {},
    ],
  };
  const sort = q.sort ?? (ranks ? "relevance" : "newest");
  const orderBy: Prisma.IncidentOrderByWithRelationInput[] =
    sort === "oldest"
      ? [{ startedAt: "asc" }]
      : sort === "severity"
        ? [{ severity: "asc" }, { startedAt: "desc" }]
        : [{ startedAt: "desc" }];
  const select = {
    id: true,
    number: true,
    title: true,
    severity: true,
    status: true,
    restricted: true,
    startedAt: true,
    resolvedAt: true,
    timeZone: true,
    services: { select: { service: { select: { name: true } } } },
    _count: { select: { actionItems: { where: { status: { in: ["open" as const, "in_progress" as const] } } } } },
  } satisfies Prisma.IncidentSelect;

  const total = await db().incident.count({ where });
  let items;
  if (sort === "relevance" && ranks) {
    // Rank order is computed in SQL above; page through the visible matches in that order.
    const all = await db().incident.findMany({ where, select: { id: true, startedAt: true } });
    all.sort((a, b) => (ranks.get(b.id) ?? 0) - (ranks.get(a.id) ?? 0) || b.startedAt.getTime() - a.startedAt.getTime());
    const pageIds = all.slice((q.page - 1) * INCIDENTS_PAGE_SIZE, q.page * INCIDENTS_PAGE_SIZE).map((r) => r.id);
    const rows = await db().incident.findMany({ where: { id: { in: pageIds } }, select });
    items = pageIds.map((id) => rows.find((r) => r.id === id)!).filter(Boolean);
  } else {
    items = await db().incident.findMany({
      where,
      orderBy,
      select,
      skip: (q.page - 1) * INCIDENTS_PAGE_SIZE,
      take: INCIDENTS_PAGE_SIZE,
    });
  }
  return {
    items,
    total,
    page: q.page,
    pageSize: INCIDENTS_PAGE_SIZE,
    pageCount: Math.max(1, Math.ceil(total / INCIDENTS_PAGE_SIZE)),
    query: q,
  };
}

export async function listServiceNames(): Promise<string[]> {
  const rows = await db().service.findMany({ orderBy: { name: "asc" }, select: { name: true } });
  return rows.map((r) => r.name);
}
