import type { BlockBuilder, RenderContext } from "@/lib/exports/markdown/context";
import { formatInstant, incidentStatusLabel, severityLabel } from "@/lib/exports/markdown/context";
import { paragraph, singleLine, strong } from "@/lib/exports/markdown/mdast";
import { humanDuration } from "@/lib/time/durations";

type Related = RenderContext["data"]["relatedIncidents"][number];

/** One paragraph per related incident: number and title, severity, status, when and for how long, summary. */
export const incidentSummariesBlock: BlockBuilder = (ctx) => {
  const related = ctx.data.relatedIncidents;
  if (related.length === 0) return [paragraph("No related incidents linked yet.")];
  return related.map((incident) =>
    paragraph(strong(`Incident #${incident.number}: ${singleLine(incident.title)}`), ` — ${facts(ctx, incident)}`),
  );
};

function facts(ctx: RenderContext, incident: Related): string {
  const when = `started ${formatInstant(incident.startedAt, ctx.zone)}`;
  const duration = incident.resolvedAt ? humanDuration(new Date(incident.startedAt), new Date(incident.resolvedAt)) : null;
  const lasted = incident.resolvedAt ? `, resolved after ${duration ?? "an unknown time"}` : ", not resolved yet";
  const summary = singleLine(incident.summary);
  const head = `${severityLabel(incident.severity)}, ${incidentStatusLabel(incident.status).toLowerCase()}; ${when}${lasted}.`;
  return summary ? `${head} ${summary}` : `${head} No summary written yet.`;
}
