import type { Actor } from "@/lib/auth/actor";
import { listPublicShares } from "@/lib/exports/public-shares";
import { listTemplates } from "@/lib/templates/list-templates";
import { ExportControls } from "./export-controls";

/** Downloads of the postmortem in every format and template, and its public links. */
export async function ExportSection({
  incidentNumber,
  canEdit,
  actor,
}: {
  incidentNumber: number;
  canEdit: boolean;
  actor: Actor;
}) {
  const [templates, shares] = await Promise.all([listTemplates({ actor }), listPublicShares({ actor, incidentNumber })]);
  return (
    <section aria-labelledby="export-heading" className="card space-y-4">
      <div>
        <h2 id="export-heading" className="text-lg font-semibold">
          Export and share
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Markdown that renders on GitHub, a zip with the charts as images, HTML to print as PDF, or the whole incident as JSON.
        </p>
      </div>
      <ExportControls
        incidentNumber={incidentNumber}
        canEdit={canEdit}
        templates={templates.map((t) => ({ key: t.key, name: t.name, audience: t.audience }))}
        shares={shares}
      />
    </section>
  );
}
