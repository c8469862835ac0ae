import { z } from "zod";
import { db, type Prisma } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { LOAD_TEST_TOOLS, type LoadTestTool } from "@/lib/loadtests/types";

export const LOAD_TEST_RUNS_PAGE_SIZE = 25;

export const loadTestRunListQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  tool: z.enum(LOAD_TEST_TOOLS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});

export type LoadTestRunSummary = {
  id: string;
  name: string;
  tool: LoadTestTool;
  format: string;
  startedAt: Date | null;
  endedAt: Date | null;
  createdAt: Date;
  count: number;
  errors: number;
  mean: number | null;
  p95: number | null;
  throughput: number | null;
  /** Highest users/threads seen in the load profile, when the tool reported it. */
  peakUsers: number | null;
  incidentNumbers: number[];
};

/** Newest first; filter by tool and by words in the name or notes. */
export async function listLoadTestRuns({ actor, query = {} }: { actor: Actor; query?: unknown }) {
  assertCan(actor, "read");
  const q = loadTestRunListQuerySchema.parse(query);
  const where: Prisma.LoadTestRunWhereInput = {
    AND: [
      q.tool ? { tool: q.tool } : {},
      q.q ? { OR: [{ name: { contains: q.q, mode: "insensitive" } }, { notes: { contains: q.q, mode: "insensitive" } }] } : {},
    ],
  };
  const [total, rows] = await Promise.all([
    db().loadTestRun.count({ where }),
    db().loadTestRun.findMany({
      where,
      orderBy: [{ startedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
      skip: (q.page - 1) * LOAD_TEST_RUNS_PAGE_SIZE,
      take: LOAD_TEST_RUNS_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        tool: true,
        format: true,
        startedAt: true,
        endedAt: true,
        createdAt: true,
        loadProfile: true,
        labels: { where: { isTotal: true }, select: { count: true, errors: true, mean: true, p95: true, throughput: true } },
        incidents: { select: { incident: { select: { number: true, restricted: true } } } },
      },
    }),
  ]);
  const runs: LoadTestRunSummary[] = rows.map((r) => {
    const t = r.labels[0];
    const profile = (Array.isArray(r.loadProfile) ? r.loadProfile : []) as { users: number }[];
    return {
      id: r.id,
      name: r.name,
      tool: r.tool as LoadTestTool,
      format: r.format,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      createdAt: r.createdAt,
      count: t?.count ?? 0,
      errors: t?.errors ?? 0,
      mean: t?.mean ?? null,
      p95: t?.p95 ?? null,
      throughput: t?.throughput ?? null,
      peakUsers: profile.length ? Math.max(...profile.map((p) => p.users)) : null,
      // Restricted incident numbers are not shown in the list (their pages would 404 for most readers).
      incidentNumbers: r.incidents.filter((l) => !l.incident.restricted).map((l) => l.incident.number),
    };
  });
  return { runs, total, page: q.page, pageSize: LOAD_TEST_RUNS_PAGE_SIZE, query: q };
}
