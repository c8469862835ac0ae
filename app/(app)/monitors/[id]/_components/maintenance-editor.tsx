"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Field, FormError } from "@/components/forms/field";
import { RemoveButton } from "@/components/forms/remove-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { createMaintenanceWindowAction, deleteMaintenanceWindowAction } from "../../monitor-actions";

/** Remove one planned window; its time counts in the figures again. */
export function MaintenanceDeleteButton({ id, label }: { id: string; label: string }) {
  return (
    <RemoveButton
      label="Delete"
      pendingLabel="Deleting…"
      accessibleName={`Delete the maintenance window ${label}`}
      action={() => deleteMaintenanceWindowAction(id)}
    />
  );
}

/** Add a planned window (wall times in the page's zone): its time is left out of uptime and the budget. */
export function MaintenanceForm({ monitorId, timeZone }: { monitorId: string; timeZone: string }) {
  const router = useRouter();
  const empty = { startsAt: "", endsAt: "", reason: "" };
  const [draft, setDraft] = useState(empty);
  const [status, setStatus] = useState("");
  const { fields, message, pending, submit } = useActionForm();

  function add(event: React.FormEvent) {
    event.preventDefault();
    setStatus("");
    submit(
      () => createMaintenanceWindowAction({ monitorId, timeZone, ...draft }),
      () => {
        setDraft(empty);
        setStatus("Maintenance window added; the figures leave it out.");
        router.refresh();
      },
    );
  }

  return (
    <form
      onSubmit={add}
      aria-label="Add a maintenance window"
      className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-700"
      noValidate
    >
      <h3 className="font-semibold">Add a maintenance window</h3>
      <FormError message={message} />
      <div className="grid gap-3 md:grid-cols-[1fr_1fr_2fr]">
        <Field id="mw-startsAt" label="Starts" aside={timeZone} error={fields?.startsAt}>
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              className="field-input"
              value={draft.startsAt}
              onChange={(e) => setDraft({ ...draft, startsAt: e.target.value })}
            />
          )}
        </Field>
        <Field id="mw-endsAt" label="Ends" aside={timeZone} error={fields?.endsAt}>
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              className="field-input"
              value={draft.endsAt}
              onChange={(e) => setDraft({ ...draft, endsAt: e.target.value })}
            />
          )}
        </Field>
        <Field id="mw-reason" label="Reason" error={fields?.reason}>
          {(control) => (
            <input
              {...control}
              className="field-input"
              value={draft.reason}
              maxLength={500}
              placeholder="Database upgrade, announced on the status page"
              onChange={(e) => setDraft({ ...draft, reason: e.target.value })}
            />
          )}
        </Field>
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
