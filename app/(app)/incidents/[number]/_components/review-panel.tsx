import type { Actor } from "@/lib/auth/actor";
import { getReviewState } from "@/lib/review/get-review-state";
import {
  REVIEW_STATUS_LABELS,
  REVIEW_VERBS,
  VERBS_NEEDING_REASON,
  type ReviewStatus,
  type ReviewVerb,
} from "@/lib/review/constants";
import { TRANSITIONS } from "@/lib/review/transitions";
import { formatInZone, zoneAbbreviation } from "@/lib/time/zones";
import { ReviewControls, type ReviewButton } from "./review-controls";

const STATUS_STYLES: Record<ReviewStatus, string> = {
  draft: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  in_review: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  approved: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  published: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
};

const ROLE_HINTS: Record<ReviewVerb, string> = {
  submit: "Editors, reviewers and admins can submit for review.",
  requestChanges: "Only reviewers and admins can request changes.",
  approve: "Only reviewers and admins can approve.",
  publish: "Only reviewers and admins can publish.",
  reopen: "Only reviewers and admins can reopen a published postmortem.",
};

/** Review status of the postmortem and the transitions the reader may make now. */
export async function ReviewPanel({
  actor,
  incidentNumber,
  timeZone,
}: {
  actor: Actor;
  incidentNumber: number;
  timeZone: string;
}) {
  const state = await getReviewState({ actor, incidentNumber });
  const when = (d: Date) => `${formatInZone(d, timeZone)} ${zoneAbbreviation(d, timeZone)}`;
  // Only transitions out of the current status are offered; a refused one stays visible with its reason.
  const buttons: ReviewButton[] = REVIEW_VERBS.filter((verb) => TRANSITIONS[verb].from === state.status).map((verb) => {
    const a = state.verbs[verb];
    return {
      verb,
      needsReason: VERBS_NEEDING_REASON.includes(verb),
      disabledReason: a.allowed ? null : a.code === "FORBIDDEN_ROLE" ? ROLE_HINTS[verb] : a.reason,
    };
  });

  return (
    <section aria-labelledby="review-heading" className="card space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="review-heading" className="text-lg font-semibold">
          Postmortem review
        </h2>
        <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[state.status]}`}>
          {REVIEW_STATUS_LABELS[state.status]}
        </span>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        {state.submittedAt && (
          <>
            <dt className="text-slate-500">Submitted</dt>
            <dd>{when(state.submittedAt)}</dd>
          </>
        )}
        {state.approvedAt && (
          <>
            <dt className="text-slate-500">Approved</dt>
            <dd>
              {when(state.approvedAt)}
              {state.approvedBy && ` by ${state.approvedBy.name || state.approvedBy.email}`}
            </dd>
          </>
        )}
        {state.publishedAt && (
          <>
            <dt className="text-slate-500">Published</dt>
            <dd>{when(state.publishedAt)}</dd>
          </>
        )}
      </dl>
      {state.status === "draft" && !state.submittedAt && (
        <p className="text-sm text-slate-600 dark:text-slate-400">Not yet submitted for review.</p>
      )}
      <ReviewControls incidentNumber={state.incidentNumber} version={state.version} buttons={buttons} />
    </section>
  );
}
