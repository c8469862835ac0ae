import { getNarrative } from "@/lib/postmortems/get-narrative";
import type { Actor } from "@/lib/auth/actor";
import { humanize } from "@/lib/incidents/constants";
import { NARRATIVE_CONTENT_CLASS } from "@/components/editor/content-class";
import { NarrativeSectionEditor } from "./narrative-section-editor";
import type { SectionProps } from "./incident-types";

/** The postmortem narrative: editable sections for editors, safe server-rendered HTML for everyone else. */
export async function NarrativeSection({ incident, canEdit, actor }: SectionProps & { actor: Actor }) {
  const narrative = await getNarrative({ actor, input: { incidentNumber: incident.number } });
  const published = narrative.status === "published";
  const editable = canEdit && !published;
  return (
    <section aria-labelledby="narrative-heading" className="card space-y-4">
      <div className="flex items-baseline justify-between">
        <h2 id="narrative-heading" className="text-lg font-semibold">
          Postmortem
        </h2>
        <span className="text-xs text-slate-500">Status: {humanize(narrative.status)}</span>
      </div>
      {canEdit && published && <p className="text-sm text-slate-500">This postmortem is published; reopen it first to edit.</p>}
      {narrative.sections.map((s) => (
        <div key={s.key} className="space-y-1">
          <h3 id={`narrative-${s.key}`} className="font-semibold">
            {s.title}
          </h3>
          {editable ? (
            <NarrativeSectionEditor
              incidentNumber={incident.number}
              sectionKey={s.key}
              title={s.title}
              content={s.content}
              version={s.version}
              timeZone={incident.timeZone}
            />
          ) : (
            // Safe: the HTML comes from generateHTML over schema-validated JSON (see render-html.ts).
            <div className={`${NARRATIVE_CONTENT_CLASS} text-sm`} dangerouslySetInnerHTML={{ __html: s.html }} />
          )}
        </div>
      ))}
    </section>
  );
}
