import type { RootContent } from "mdast";
import type { BlockBuilder, RenderContext } from "@/lib/exports/markdown/context";
import { formatInstant, incidentStatusLabel, severityLabel } from "@/lib/exports/markdown/context";
import { table, type Cell } from "@/lib/exports/markdown/mdast";
import { humanDuration, incidentDurations } from "@/lib/time/durations";
import { formatNumber } from "@/lib/charts/format";
import { humanize } from "@/lib/incidents/constants";

const NOT_RECORDED = "Not recorded yet";

/** The one-line summary, severity, status, duration, impact and time to detect/mitigate/resolve as a two-column table. */
export const summaryBlock: BlockBuilder = (ctx) => [summaryTable(ctx)];

function summaryTable(ctx: RenderContext): RootContent {
  const { incident, postmortem } = ctx.data;
  const zone = ctx.zone;
  const at = (iso: string | null) => (iso ? formatInstant(iso, zone) : NOT_RECORDED);
  const startedAt = new Date(incident.startedAt);
  const durations = incidentDurations({
    startedAt,
    detectedAt: incident.detectedAt ? new Date(incident.detectedAt) : null,
    mitigatedAt: incident.mitigatedAt ? new Date(incident.mitigatedAt) : null,
    resolvedAt: incident.resolvedAt ? new Date(incident.resolvedAt) : null,
  });
  const duration = incident.resolvedAt
    ? (humanDuration(startedAt, new Date(incident.resolvedAt)) ?? NOT_RECORDED)
    : "Not resolved yet";

  const rows: Cell[][] = [
    ["Summary", incident.summary.trim() || "Not written yet"],
    ["Severity", severityLabel(incident.severity.level, incident.severity.name)],
    ["Status", incidentStatusLabel(incident.status)],
    ["Started", at(incident.startedAt)],
    ["Resolved", incident.resolvedAt ? at(incident.resolvedAt) : "Not resolved yet"],
    ["Duration", duration],
    ["Impact", impactText(ctx)],
    ["Time to detect", durations.timeToDetect ?? NOT_RECORDED],
    ["Time to mitigate", durations.timeToMitigate ?? NOT_RECORDED],
    ["Time to resolve", durations.timeToResolve ?? NOT_RECORDED],
  ];
  if (incident.services.length > 0) rows.push(["Services affected", incident.services.join(", ")]);
  if (ctx.internal) {
    for (const { role, person } of incident.roles) rows.push([role, person]);
  }
  if (postmortem && ctx.internal) rows.push(["Postmortem", postmortemState(ctx)]);
  return table(["Field", "Value"], rows);
}

function impactText(ctx: RenderContext): string {
  const { customerImpact, usersAffectedPct } = ctx.data.incident;
  const parts: string[] = [];
  if (usersAffectedPct !== null) parts.push(`${formatNumber(usersAffectedPct)}% of users affected.`);
  if (customerImpact.trim()) parts.push(customerImpact.trim());
  return parts.length > 0 ? parts.join(" ") : "Not described yet";
}

function postmortemState(ctx: RenderContext): string {
  const pm = ctx.data.postmortem!;
  const zone = ctx.zone;
  const approved = pm.approvedAt
    ? `approved${ctx.internal && pm.approvedBy ? ` by ${pm.approvedBy}` : ""} on ${formatInstant(pm.approvedAt, zone)}`
    : null;
  if (pm.publishedAt) return [`Published on ${formatInstant(pm.publishedAt, zone)}`, approved].filter(Boolean).join("; ");
  if (approved) return approved.replace(/^a/, "A");
  return humanize(pm.status);
}
