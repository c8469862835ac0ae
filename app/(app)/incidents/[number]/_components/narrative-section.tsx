import Link from "next/link";
import { getNarrative, type NarrativeSectionView } from "@/lib/postmortems/get-narrative";
import type { Actor } from "@/lib/auth/actor";
import { humanize } from "@/lib/incidents/constants";
import { NARRATIVE_CONTENT_CLASS } from "@/components/editor/content-class";
import { OTHER_NOTES_TITLE } from "@/lib/templates/types";
import { NarrativeSectionEditor } from "./narrative-section-editor";
import type { SectionProps } from "./incident-types";

/**
 * The postmortem narrative as its template lays it out: one section per narrative slot (title and
 * hint from the template), then "Other notes" for text written under keys the template has no slot
 * for. Editable for editors, safe server-rendered HTML for everyone else.
 */
export async function NarrativeSection({ incident, canEdit, actor }: SectionProps & { actor: Actor }) {
  const narrative = await getNarrative({ actor, input: { incidentNumber: incident.number } });
  const published = narrative.status === "published";
  const editable = canEdit && !published;
  const { template } = narrative;

  const body = (s: NarrativeSectionView, label: string) =>
    editable ? (
      <NarrativeSectionEditor
        incidentNumber={incident.number}
        sectionKey={s.key}
        title={label}
        content={s.content}
        version={s.version}
        timeZone={incident.timeZone}
      />
    ) : (
      // Safe: the HTML comes from generateHTML over schema-validated JSON (see render-html.ts).
      <div className={`${NARRATIVE_CONTENT_CLASS} text-sm`} dangerouslySetInnerHTML={{ __html: s.html }} />
    );

  return (
    <section aria-labelledby="narrative-heading" className="card space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="narrative-heading" className="text-lg font-semibold">
          Postmortem
        </h2>
        <div className="flex gap-3 text-xs text-slate-500">
          <Link href={`/templates/${template.key}?version=${template.version}`} className="hover:underline">
            {template.name}, version {template.version}
          </Link>
          <span>Status: {humanize(narrative.status)}</span>
        </div>
      </div>
      {canEdit && published && <p className="text-sm text-slate-500">This postmortem is published; reopen it first to edit.</p>}
      {narrative.sections.length === 0 && (
        <p className="text-sm text-slate-500">
          The template {template.name} has no written sections; its document is built from the incident&apos;s data.
        </p>
      )}
      {narrative.sections.map((s) => (
        <div key={s.key} className="space-y-1">
          <h3 id={`narrative-${s.key}`} className="font-semibold">
            {s.title}
          </h3>
          {s.hint && editable && <p className="text-sm text-slate-500">{s.hint}</p>}
          {body(s, s.title)}
        </div>
      ))}
      {narrative.otherNotes.length > 0 && (
        <section
          aria-labelledby="narrative-other-notes"
          className="space-y-3 border-t border-slate-200 pt-4 dark:border-slate-800"
        >
          <h3 id="narrative-other-notes" className="font-semibold">
            {OTHER_NOTES_TITLE}
          </h3>
          <p className="text-sm text-slate-500">
            Written under sections that {template.name} has no place for, kept as written. Documents list them under &ldquo;
            {OTHER_NOTES_TITLE}&rdquo;.
          </p>
          {narrative.otherNotes.map((s) => (
            <div key={s.key} className="space-y-1">
              <h4 id={`narrative-${s.key}`} className="text-sm font-semibold">
                {s.title}
              </h4>
              {body(s, `${OTHER_NOTES_TITLE}: ${s.title}`)}
            </div>
          ))}
        </section>
      )}
    </section>
  );
}
