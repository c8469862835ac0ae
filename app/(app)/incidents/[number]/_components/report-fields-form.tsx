"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { validationError, type FieldErrors } from "@/lib/errors";
import { ReportFieldsDraft, sameReportFields, toStoredReportFields, type ReportFields } from "@/lib/postmortems/report-fields";
import { saveReportFieldsAction } from "../deliverable-actions";

type Draft = { applicationLink: string; milestoneNumber: string };

const toDraft = (f: ReportFields): Draft => ({
  applicationLink: f.applicationLink ?? "",
  milestoneNumber: f.milestoneNumber ?? "",
});

/**
 * The report fields as one small form. The save carries the values the form loaded, so a change
 * someone made meanwhile is refused and shown rather than overwritten.
 */
export function ReportFieldsForm({ incidentId, saved }: { incidentId: string; saved: ReportFields }) {
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(toDraft(saved));
  const [previous, setPrevious] = useState<ReportFields>(saved);
  const [seen, setSeen] = useState<ReportFields>(saved);
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [theirs, setTheirs] = useState<ReportFields | undefined>();
  const [status, setStatus] = useState("");
  const [pending, startTransition] = useTransition();

  // A refresh brought newer saved values: take them unless the person has unsaved changes.
  if (!sameReportFields(seen, saved)) {
    setSeen(saved);
    if (sameReportFields(toStoredReportFields(draft), previous)) {
      setDraft(toDraft(saved));
      setPrevious(saved);
    }
  }

  function save(event: React.FormEvent) {
    event.preventDefault();
    setStatus("");
    setTheirs(undefined);
    const checked = ReportFieldsDraft.safeParse(draft);
    if (!checked.success) {
      setErrors(validationError(checked.error.issues).fields);
      setMessage("Some fields need attention.");
      return;
    }
    startTransition(async () => {
      const result = await saveReportFieldsAction({ incidentId, ...draft, previous });
      if (result.ok) {
        setPrevious(result.data.fields);
        setDraft(toDraft(result.data.fields));
        setErrors(undefined);
        setMessage(undefined);
        setStatus("Report fields saved.");
        router.refresh();
        return;
      }
      setErrors(result.error.fields);
      setMessage(result.error.message);
      if (result.error.code === "CONFLICT" && result.error.details) {
        setTheirs((result.error.details as { current: ReportFields }).current);
      }
    });
  }

  const field = (key: keyof Draft, label: string, hint: string, type: "url" | "text") => {
    const id = `report-${key}`;
    return (
      <div>
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        <input
          id={id}
          name={key}
          type={type}
          inputMode={type === "url" ? "url" : undefined}
          className="field-input"
          value={draft[key]}
          onChange={(e) => {
            setDraft({ ...draft, [key]: e.target.value });
            setStatus("");
          }}
          aria-invalid={Boolean(errors?.[key])}
          aria-describedby={[`${id}-hint`, errors?.[key] ? `${id}-error` : ""].filter(Boolean).join(" ")}
        />
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
        {errors?.[key] && (
          <p id={`${id}-error`} className="field-error">
            {errors[key].join(" ")}
          </p>
        )}
      </div>
    );
  };

  return (
    <form onSubmit={save} noValidate aria-label="Report fields" className="space-y-3">
      {message && (
        <div role="alert" className="field-error space-y-1">
          <p>{message}</p>
          {theirs && (
            <>
              <p>
                Saved now: application link {theirs.applicationLink || "none"}, milestone {theirs.milestoneNumber || "none"}.
              </p>
              <div className="flex gap-2">
                <button
                  type="button"
                  className="btn-secondary"
                  onClick={() => {
                    setDraft(toDraft(theirs));
                    setPrevious(theirs);
                    setTheirs(undefined);
                    setMessage(undefined);
                  }}
                >
                  Use theirs
                </button>
                <button
                  type="button"
                  className="btn-secondary"
                  onClick={() => {
                    // Saving again now replaces their values with yours, knowingly.
                    setPrevious(theirs);
                    setTheirs(undefined);
                    setMessage("Your values are kept in the form; save again to replace theirs.");
                  }}
                >
                  Keep mine
                </button>
              </div>
            </>
          )}
        </div>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        {field("applicationLink", "Application link", "The grant application or proposal, as a full https:// address.", "url")}
        {field("milestoneNumber", "Milestone number", "As the application numbers it, e.g. 2.", "text")}
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : "Save report fields"}
        </button>
        <p role="status" aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
          {status}
        </p>
      </div>
    </form>
  );
}
