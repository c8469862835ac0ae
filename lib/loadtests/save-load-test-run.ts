import { db, type Db, type Prisma } from "@/lib/db";
import { actorId, assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { findVisibleIncident } from "@/lib/incidents/find-visible-incident";
import { TOOL_NAMES, type LabelStatistics, type ParsedRun } from "@/lib/loadtests/types";
import { format } from "date-fns";

export type SourceFile = { name: string; size: number; sha256?: string };

function labelRow(s: LabelStatistics, position: number): Omit<Prisma.LoadTestLabelStatCreateManyInput, "runId"> {
  return {
    position,
    label: s.label,
    isTotal: s.isTotal,
    parentLabel: s.parentLabel,
    count: s.count,
    errors: s.errors,
    min: s.min,
    mean: s.mean,
    max: s.max,
    stddev: s.stddev,
    p50: s.p50,
    p75: s.p75,
    p90: s.p90,
    p95: s.p95,
    p99: s.p99,
    p999: s.p999,
    otherPercentiles: s.otherPercentiles,
    throughput: s.throughput,
    receivedBytes: s.receivedBytes,
    sentBytes: s.sentBytes,
    sources: s.sources,
  };
}

export function defaultRunName(run: ParsedRun): string {
  const tool = TOOL_NAMES[run.tool];
  const when = run.startedAt ? ` ${format(run.startedAt, "yyyy-MM-dd HH:mm")} UTC` : "";
  return run.suggestedName ? `${run.suggestedName} (${tool})` : `${tool} run${when}`;
}

export type SaveLoadTestRunInput = {
  run: ParsedRun;
  name?: string | null;
  notes?: string;
  sourceFiles: SourceFile[];
  incidentNumber?: number | null;
};

/** The writes of one import inside the caller's transaction (seeding composes it into its own). */
export async function insertLoadTestRun(
  tx: Db,
  actor: Actor,
  { run, name, notes = "", sourceFiles, incidentNumber }: SaveLoadTestRunInput,
): Promise<{ id: string; name: string }> {
  const runName = name?.trim() || defaultRunName(run);
  const incident = incidentNumber ? await findVisibleIncident(tx, actor, { number: incidentNumber }) : null;
  const created = await tx.loadTestRun.create({
    data: {
      name: runName,
      tool: run.tool,
      format: run.format,
      startedAt: run.startedAt,
      endedAt: run.endedAt,
      // Stored as [key, value] pairs: a JSONB object would sort the keys, losing the order people wrote.
      environment: Object.entries(run.environment),
      notes,
      statisticsSource: run.statisticsSource,
      histogramErrorPct: run.histogramErrorPct,
      bucketSeconds: run.bucketSeconds,
      series: run.series,
      loadProfile: run.loadProfile,
      thresholds: run.thresholds,
      warnings: run.warnings,
      sourceFiles,
      createdById: actorId(actor),
    },
    select: { id: true },
  });
  const rows = [...run.labels, { ...run.total, isTotal: true }].map((s, i) => ({ ...labelRow(s, i), runId: created.id }));
  await tx.loadTestLabelStat.createMany({ data: rows });
  if (incident) {
    await tx.incidentLoadTestRun.create({ data: { incidentId: incident.id, runId: created.id, createdById: actorId(actor) } });
  }
  await recordAudit(tx, actor, {
    action: "loadtest.import",
    entityType: "LoadTestRun",
    entityId: created.id,
    incidentId: incident?.id ?? null,
    data: { name: runName, tool: run.tool, format: run.format, samples: run.total.count, files: sourceFiles.map((f) => f.name) },
  });
  return { id: created.id, name: runName };
}

/**
 * Writes a parsed run, its label rows and (optionally) its link to an incident in one short
 * transaction: the parse already happened outside, so this never holds the database for long.
 */
export async function saveLoadTestRun({
  actor,
  ...input
}: SaveLoadTestRunInput & { actor: Actor }): Promise<{ id: string; name: string }> {
  assertCan(actor, "edit");
  return db().$transaction((tx: Db) => insertLoadTestRun(tx, actor, input));
}
