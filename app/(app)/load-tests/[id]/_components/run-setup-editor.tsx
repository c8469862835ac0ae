"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { FieldErrors } from "@/lib/errors";
import { updateLoadTestRunAction } from "../actions";

type Setup = { name: string; notes: string; environment: string };
type Conflict = { current: { name: string; notes: string; environment: Record<string, string> } };

/** Name, notes and "key: value" setup lines of a run; a stale save shows the saved text beside yours. */
export function RunSetupEditor({ id, version, initial }: { id: string; version: number; initial: Setup }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Setup>(initial);
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [conflict, setConflict] = useState<Conflict | undefined>();
  const [pending, startTransition] = useTransition();

  if (!open)
    return (
      <button type="button" className="btn-secondary" onClick={() => setOpen(true)}>
        Edit name, notes and setup
      </button>
    );

  function save(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await updateLoadTestRunAction({ id, version, ...draft });
      if (result.ok) {
        setOpen(false);
        setMessage(undefined);
        setConflict(undefined);
        router.refresh();
        return;
      }
      setErrors(result.error.fields);
      setMessage(result.error.message);
      if (result.error.code === "CONFLICT" && result.error.details) setConflict(result.error.details as Conflict);
    });
  }

  const err = (k: keyof Setup) =>
    errors?.[k] ? (
      <p id={`setup-${k}-error`} className="field-error">
        {errors[k].join(" ")}
      </p>
    ) : null;

  return (
    <form onSubmit={save} className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-700" aria-label="Edit run">
      {message && (
        <p role="alert" className="field-error">
          {message}
        </p>
      )}
      {conflict && (
        <div className="rounded border border-amber-300 p-3 text-sm dark:border-amber-800">
          <p className="font-semibold">Saved meanwhile by someone else</p>
          <p>Name: {conflict.current.name}</p>
          <pre className="whitespace-pre-wrap font-sans">
            {Object.entries(conflict.current.environment)
              .map(([k, v]) => (v ? `${k}: ${v}` : k))
              .join("\n")}
          </pre>
          <p className="whitespace-pre-line">{conflict.current.notes}</p>
          <p className="mt-2 text-slate-600 dark:text-slate-400">Your text is still in the form. Reload to edit their version.</p>
          <button type="button" className="btn-secondary mt-2" onClick={() => router.refresh()}>
            Reload
          </button>
        </div>
      )}
      <div>
        <label htmlFor="setup-name" className="field-label">
          Name
        </label>
        <input
          id="setup-name"
          className="field-input"
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          aria-invalid={Boolean(errors?.name)}
          aria-describedby={errors?.name ? "setup-name-error" : undefined}
          required
        />
        {err("name")}
      </div>
      <div>
        <label htmlFor="setup-environment" className="field-label">
          Setup: one &ldquo;key: value&rdquo; per line
        </label>
        <textarea
          id="setup-environment"
          className="field-input font-mono"
          rows={Math.max(4, draft.environment.split("\n").length + 1)}
          value={draft.environment}
          placeholder={"machine: c5.xlarge\nworkers: 4\ncache: on"}
          onChange={(e) => setDraft({ ...draft, environment: e.target.value })}
          aria-invalid={Boolean(errors?.environment)}
          aria-describedby={errors?.environment ? "setup-environment-error" : undefined}
        />
        {err("environment")}
      </div>
      <div>
        <label htmlFor="setup-notes" className="field-label">
          Notes
        </label>
        <textarea
          id="setup-notes"
          className="field-input"
          rows={4}
          value={draft.notes}
          onChange={(e) => setDraft({ ...draft, notes: e.target.value })}
          aria-invalid={Boolean(errors?.notes)}
          aria-describedby={errors?.notes ? "setup-notes-error" : undefined}
        />
        {err("notes")}
      </div>
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </button>
        <button
          type="button"
          className="btn-secondary"
          onClick={() => {
            setDraft(initial);
            setErrors(undefined);
            setMessage(undefined);
            setConflict(undefined);
            setOpen(false);
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
