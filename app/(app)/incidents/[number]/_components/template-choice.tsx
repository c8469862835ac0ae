import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { templateChoices } from "@/lib/templates/postmortem-template";
import { TemplateChoiceForm } from "./template-choice-form";

/** Which template the postmortem is written with, and (for editors) a switch to another one. */
export async function TemplateChoice({
  actor,
  incidentNumber,
  canEdit,
}: {
  actor: Actor;
  incidentNumber: number;
  canEdit: boolean;
}) {
  const choices = await templateChoices({ actor, incidentNumber });
  const { current } = choices;
  return (
    <section aria-labelledby="template-choice-heading" className="card space-y-2">
      <h2 id="template-choice-heading" className="text-lg font-semibold">
        Template
      </h2>
      <p className="text-sm">
        Written with{" "}
        <Link href={`/templates/${current.key}?version=${current.version}`} className="underline">
          {current.name}
        </Link>
        , version {current.version}
        {current.latestVersion > current.version && ` (version ${current.latestVersion} is out; choose it again to move to it)`}.
      </p>
      {canEdit && !choices.published && (
        <TemplateChoiceForm incidentNumber={incidentNumber} currentKey={current.key} templates={choices.templates} />
      )}
      {canEdit && choices.published && (
        <p className="text-sm text-slate-500">This postmortem is published; reopen it to change its template.</p>
      )}
    </section>
  );
}
