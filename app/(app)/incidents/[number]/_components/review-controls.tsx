"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { REASON_MAX, REVIEW_VERB_LABELS, type ReviewVerb } from "@/lib/review/constants";
import type { ActionResult } from "@/lib/transport/action-result";
import { approveAction, publishAction, reopenAction, requestChangesAction, submitForReviewAction } from "../review-actions";

export type ReviewButton = { verb: ReviewVerb; needsReason: boolean; disabledReason: string | null };

const REASON_PROMPTS: Partial<Record<ReviewVerb, string>> = {
  requestChanges: "What needs to change?",
  reopen: "Why reopen this postmortem?",
};

export function ReviewControls({
  incidentNumber,
  version,
  buttons,
}: {
  incidentNumber: number;
  version: number;
  buttons: ReviewButton[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [asking, setAsking] = useState<ReviewVerb | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const baseId = useId();

  function send(verb: ReviewVerb, withReason?: string) {
    setError(null);
    startTransition(async () => {
      const base = { incidentNumber, version };
      let result: ActionResult<unknown>;
      if (verb === "submit") result = await submitForReviewAction(base);
      else if (verb === "approve") result = await approveAction(base);
      else if (verb === "publish") result = await publishAction(base);
      else if (verb === "requestChanges") result = await requestChangesAction({ ...base, reason: withReason ?? "" });
      else result = await reopenAction({ ...base, reason: withReason ?? "" });
      if (result.ok) {
        setAsking(null);
        setReason("");
      } else {
        setError({ message: result.error.message, field: result.error.fields?.reason?.join(" ") });
      }
      router.refresh();
    });
  }

  if (buttons.length === 0) return null;
  const reasonId = `${baseId}-reason`;
  return (
    <div className="space-y-2">
      {error && !error.field && (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {error.message}
        </p>
      )}
      <div className="flex flex-wrap items-start gap-3">
        {buttons.map((b) => {
          const hintId = `${baseId}-${b.verb}-hint`;
          return (
            <div key={b.verb} className="space-y-1">
              <button
                type="button"
                className={b.verb === "approve" || b.verb === "publish" || b.verb === "submit" ? "btn-primary" : "btn-secondary"}
                disabled={pending || b.disabledReason !== null}
                aria-describedby={b.disabledReason ? hintId : undefined}
                aria-expanded={b.needsReason ? asking === b.verb : undefined}
                aria-controls={b.needsReason && asking === b.verb ? `${baseId}-form` : undefined}
                onClick={() => {
                  if (b.needsReason) {
                    setError(null);
                    setAsking(asking === b.verb ? null : b.verb);
                  } else send(b.verb);
                }}
              >
                {REVIEW_VERB_LABELS[b.verb]}
              </button>
              {b.disabledReason && (
                <p id={hintId} className="max-w-xs text-xs text-slate-600 dark:text-slate-400">
                  {b.disabledReason}
                </p>
              )}
            </div>
          );
        })}
      </div>
      {asking && (
        <form
          id={`${baseId}-form`}
          className="space-y-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            send(asking, reason);
          }}
        >
          <label htmlFor={reasonId} className="field-label">
            {REASON_PROMPTS[asking]}
          </label>
          <textarea
            id={reasonId}
            className="field-input"
            rows={3}
            maxLength={REASON_MAX}
            required
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={Boolean(error?.field)}
            aria-describedby={error?.field ? `${reasonId}-error` : `${reasonId}-hint`}
          />
          {error?.field ? (
            <p id={`${reasonId}-error`} className="field-error">
              {error.field}
            </p>
          ) : (
            <p id={`${reasonId}-hint`} className="text-xs text-slate-500">
              Kept as a comment on the postmortem.
            </p>
          )}
          <div className="flex gap-2">
            <button type="submit" className="btn-primary" disabled={pending}>
              {REVIEW_VERB_LABELS[asking]}
            </button>
            <button type="button" className="btn-secondary" onClick={() => setAsking(null)} disabled={pending}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
