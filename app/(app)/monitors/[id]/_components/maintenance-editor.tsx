"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { FieldErrors } from "@/lib/errors";
import { createMaintenanceWindowAction, deleteMaintenanceWindowAction } from "../../monitor-actions";

/** Remove one planned window; its time counts in the figures again. */
export function MaintenanceDeleteButton({ id, label }: { id: string; label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | undefined>();
  return (
    <>
      <button
        type="button"
        className="text-sm text-red-700 underline disabled:opacity-50 dark:text-red-400"
        disabled={pending}
        aria-label={`Delete the maintenance window ${label}`}
        onClick={() =>
          startTransition(async () => {
            setError(undefined);
            const result = await deleteMaintenanceWindowAction(id);
            if (result.ok) router.refresh();
            else setError(result.error.message);
          })
        }
      >
        {pending ? "Deleting…" : "Delete"}
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </>
  );
}

/** Add a planned window (wall times in the page's zone): its time is left out of uptime and the budget. */
export function MaintenanceForm({ monitorId, timeZone }: { monitorId: string; timeZone: string }) {
  const router = useRouter();
  const empty = { startsAt: "", endsAt: "", reason: "" };
  const [draft, setDraft] = useState(empty);
  const [fields, setFields] = useState<FieldErrors | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [status, setStatus] = useState("");
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setFields(undefined);
    setMessage(undefined);
    setStatus("");
    startTransition(async () => {
      const result = await createMaintenanceWindowAction({ monitorId, timeZone, ...draft });
      if (result.ok) {
        setDraft(empty);
        setStatus("Maintenance window added; the figures leave it out.");
        router.refresh();
        return;
      }
      setFields(result.error.fields);
      setMessage(result.error.fields ? undefined : result.error.message);
    });
  }

  const error = (name: string) =>
    fields?.[name]?.[0] ? (
      <p id={`mw-${name}-error`} className="field-error">
        {fields[name].join(" ")}
      </p>
    ) : null;
  const described = (name: string) => ({
    "aria-invalid": fields?.[name]?.[0] ? true : undefined,
    "aria-describedby": fields?.[name]?.[0] ? `mw-${name}-error` : undefined,
  });

  return (
    <form
      onSubmit={submit}
      aria-label="Add a maintenance window"
      className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-700"
      noValidate
    >
      <h3 className="font-semibold">Add a maintenance window</h3>
      {message && (
        <p role="alert" className="field-error">
          {message}
        </p>
      )}
      <div className="grid gap-3 md:grid-cols-[1fr_1fr_2fr]">
        <div>
          <label htmlFor="mw-startsAt" className="field-label">
            Starts <span className="font-normal text-slate-500">({timeZone})</span>
          </label>
          <input
            id="mw-startsAt"
            type="datetime-local"
            className="field-input"
            value={draft.startsAt}
            onChange={(e) => setDraft({ ...draft, startsAt: e.target.value })}
            {...described("startsAt")}
          />
          {error("startsAt")}
        </div>
        <div>
          <label htmlFor="mw-endsAt" className="field-label">
            Ends <span className="font-normal text-slate-500">({timeZone})</span>
          </label>
          <input
            id="mw-endsAt"
            type="datetime-local"
            className="field-input"
            value={draft.endsAt}
            onChange={(e) => setDraft({ ...draft, endsAt: e.target.value })}
            {...described("endsAt")}
          />
          {error("endsAt")}
        </div>
        <div>
          <label htmlFor="mw-reason" className="field-label">
            Reason
          </label>
          <input
            id="mw-reason"
            className="field-input"
            value={draft.reason}
            maxLength={500}
            placeholder="Database upgrade, announced on the status page"
            onChange={(e) => setDraft({ ...draft, reason: e.target.value })}
            {...described("reason")}
          />
          {error("reason")}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Adding…" : "Add window"}
        </button>
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          {status}
        </p>
      </div>
    </form>
  );
}
