import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { visibleIncidentsWhere } from "@/lib/incidents/access";
import { staleSaveError } from "@/lib/revisions/stale-save";
import { observedLoadSchema } from "@/lib/loadtests/schema";
import type { LoadProfilePoint, LoadTestTool, SeriesPoint } from "@/lib/loadtests/types";

export type LinkedLoadTestRun = {
  id: string;
  name: string;
  tool: LoadTestTool;
  startedAt: Date | null;
  note: string;
  count: number;
  errors: number;
  p95: number | null;
  /** Average requests/s over the run (the total's throughput). */
  throughput: number | null;
  /** Highest requests/s in any bucket of the run's series, when it has one. */
  peakRps: number | null;
  peakUsers: number | null;
};

/** The evidence panel of an incident: its linked runs and the production load it saw. */
export async function listIncidentLoadTests({ actor, incidentNumber }: { actor: Actor; incidentNumber: number }) {
  assertCan(actor, "read");
  const incident = await db().incident.findFirst({
    where: { AND: [{ number: incidentNumber }, visibleIncidentsWhere(actor)] },
    select: {
      id: true,
      number: true,
      observedLoadVersion: true,
      observedPeakRps: true,
      observedPeakUsers: true,
      observedLoadNote: true,
      loadTestRuns: {
        orderBy: { createdAt: "asc" },
        select: {
          note: true,
          run: {
            select: {
              id: true,
              name: true,
              tool: true,
              startedAt: true,
              bucketSeconds: true,
              series: true,
              loadProfile: true,
              labels: { where: { isTotal: true }, select: { count: true, errors: true, p95: true, throughput: true } },
            },
          },
        },
      },
    },
  });
  if (!incident) throw new AppError("NOT_FOUND", "Incident not found.");
  const runs: LinkedLoadTestRun[] = incident.loadTestRuns.map(({ note, run }) => {
    const t = run.labels[0];
    const series = (Array.isArray(run.series) ? run.series : []) as SeriesPoint[];
    const profile = (Array.isArray(run.loadProfile) ? run.loadProfile : []) as LoadProfilePoint[];
    const peakRps = run.bucketSeconds && series.length ? Math.max(...series.map((p) => p.requests / run.bucketSeconds!)) : null;
    return {
      id: run.id,
      name: run.name,
      tool: run.tool as LoadTestTool,
      startedAt: run.startedAt,
      note,
      count: t?.count ?? 0,
      errors: t?.errors ?? 0,
      p95: t?.p95 ?? null,
      throughput: t?.throughput ?? null,
      peakRps,
      peakUsers: peakOf([...profile.map((p) => p.users), ...series.map((p) => p.users)]),
    };
  });
  return {
    incidentNumber: incident.number,
    /** The observed load's own version (not the incident's), for setObservedLoad. */
    version: incident.observedLoadVersion,
    observed: {
      peakRps: incident.observedPeakRps,
      peakUsers: incident.observedPeakUsers,
      note: incident.observedLoadNote,
    },
    runs,
  };
}

/** The production load an incident saw, entered by hand (metric snapshots may fill it later). */
export async function setObservedLoad({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "edit");
  const parsed = observedLoadSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { incidentNumber, version, observedPeakRps, observedPeakUsers, observedLoadNote } = parsed.data;
  return db().$transaction(async (tx: Db) => {
    const current = await tx.incident.findFirst({
      where: { AND: [{ number: incidentNumber }, visibleIncidentsWhere(actor)] },
      select: { id: true, observedPeakRps: true, observedPeakUsers: true, observedLoadNote: true },
    });
    if (!current) throw new AppError("NOT_FOUND", "Incident not found.");
    const updated = await tx.incident.updateMany({
      where: { id: current.id, observedLoadVersion: version },
      data: { observedPeakRps, observedPeakUsers, observedLoadNote, observedLoadVersion: { increment: 1 } },
    });
    if (updated.count === 0) throw staleSaveError(current, parsed.data);
    await recordAudit(tx, actor, {
      action: "incident.observed_load",
      entityType: "Incident",
      entityId: current.id,
      incidentId: current.id,
      data: { observedPeakRps, observedPeakUsers },
    });
    return { incidentNumber };
  });
}

function peakOf(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return known.length ? Math.max(...known) : null;
}
