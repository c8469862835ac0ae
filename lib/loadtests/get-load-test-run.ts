import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { visibleIncidentsWhere } from "@/lib/incidents/access";
import type {
  LabelStatistics,
  LoadProfilePoint,
  LoadTestTool,
  SeriesPoint,
  StatisticsSource,
  ThresholdResult,
} from "@/lib/loadtests/types";

export type LoadTestRunDetail = {
  id: string;
  name: string;
  tool: LoadTestTool;
  format: string;
  startedAt: Date | null;
  endedAt: Date | null;
  environment: Record<string, string>;
  notes: string;
  statisticsSource: StatisticsSource;
  histogramErrorPct: number | null;
  bucketSeconds: number | null;
  series: SeriesPoint[];
  loadProfile: LoadProfilePoint[];
  thresholds: ThresholdResult[];
  warnings: string[];
  sourceFiles: { name: string; size: number; sha256?: string }[];
  version: number;
  createdAt: Date;
  createdBy: string | null;
  /** Per-label rows in the tool's order, total excluded. */
  labels: LabelStatistics[];
  total: LabelStatistics;
  /** Incidents this run is linked to that the actor may see. */
  incidents: { number: number; title: string; note: string; observedPeakRps: number | null; observedPeakUsers: number | null }[];
};

/** A stored label row: the domain figures, with the JSON columns as the database returns them. */
type LabelRow = Omit<LabelStatistics, "otherPercentiles" | "sources"> & { otherPercentiles: unknown; sources: unknown };

export function toLabelStatistics(row: LabelRow): LabelStatistics {
  return {
    label: row.label,
    isTotal: row.isTotal,
    parentLabel: row.parentLabel,
    count: row.count,
    errors: row.errors,
    min: row.min,
    mean: row.mean,
    max: row.max,
    stddev: row.stddev,
    p50: row.p50,
    p75: row.p75,
    p90: row.p90,
    p95: row.p95,
    p99: row.p99,
    p999: row.p999,
    otherPercentiles: (row.otherPercentiles ?? {}) as Record<string, number>,
    throughput: row.throughput,
    receivedBytes: row.receivedBytes,
    sentBytes: row.sentBytes,
    sources: (row.sources ?? {}) as Record<string, string>,
  };
}

export async function getLoadTestRun({ actor, id }: { actor: Actor; id: string }): Promise<LoadTestRunDetail> {
  assertCan(actor, "read");
  const run = await db().loadTestRun.findUnique({
    where: { id },
    include: {
      labels: { orderBy: { position: "asc" } },
      createdBy: { select: { name: true, email: true } },
      incidents: {
        where: { incident: visibleIncidentsWhere(actor) },
        include: { incident: { select: { number: true, title: true, observedPeakRps: true, observedPeakUsers: true } } },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!run) throw new AppError("NOT_FOUND", "Load-test run not found.");
  const totalRow = run.labels.find((l) => l.isTotal);
  return {
    id: run.id,
    name: run.name,
    tool: run.tool as LoadTestTool,
    format: run.format,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    environment: environmentFromJson(run.environment),
    notes: run.notes,
    statisticsSource: run.statisticsSource as StatisticsSource,
    histogramErrorPct: run.histogramErrorPct,
    bucketSeconds: run.bucketSeconds,
    series: (run.series ?? []) as SeriesPoint[],
    loadProfile: (run.loadProfile ?? []) as LoadProfilePoint[],
    thresholds: (run.thresholds ?? []) as ThresholdResult[],
    warnings: (run.warnings ?? []) as string[],
    sourceFiles: (run.sourceFiles ?? []) as { name: string; size: number; sha256?: string }[],
    version: run.version,
    createdAt: run.createdAt,
    createdBy: run.createdBy ? run.createdBy.name || run.createdBy.email : null,
    labels: run.labels.filter((l) => !l.isTotal).map(toLabelStatistics),
    total: totalRow
      ? toLabelStatistics(totalRow)
      : { ...toLabelStatistics({ ...run.labels[0], label: "Total", isTotal: true }), count: 0, errors: 0 },
    incidents: run.incidents.map((l) => ({
      number: l.incident.number,
      title: l.incident.title,
      note: l.note,
      observedPeakRps: l.incident.observedPeakRps,
      observedPeakUsers: l.incident.observedPeakUsers,
    })),
  };
}

/** Setup is stored as [key, value] pairs in the order written (older rows may hold an object). */
export function environmentFromJson(value: unknown): Record<string, string> {
  if (Array.isArray(value))
    return Object.fromEntries(value.filter((e): e is [string, string] => Array.isArray(e) && e.length === 2));
  return value && typeof value === "object" ? (value as Record<string, string>) : {};
}
