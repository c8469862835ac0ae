"use client";

import { useState, useTransition } from "react";
import type { FieldErrors } from "@/lib/errors";
import { Field, FormError } from "@/components/forms/field";
import { SEVERITY_LEVELS } from "@/lib/incidents/constants";
import { createIncidentFromDowntimeAction } from "../../monitor-actions";

export type DowntimeIncidentDraft = {
  title: string;
  severity: number;
  /** datetime-local values in `timeZone`. */
  startedAt: string;
  resolvedAt: string;
  summary: string;
};

/**
 * The prefilled "create incident" form of a downtime window: the window's start and end as wall
 * times in the page's zone, a title and a summary to adjust. On success the action opens the new
 * incident, which carries the "went down" and "recovered" timeline events.
 */
export function DowntimeIncidentForm({
  monitorId,
  timeZone,
  initial,
  idPrefix,
  onCancel,
}: {
  monitorId: string;
  timeZone: string;
  initial: DowntimeIncidentDraft;
  idPrefix: string;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [fields, setFields] = useState<FieldErrors | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  const id = (name: string) => `${idPrefix}-${name}`;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setFields(undefined);
    setMessage(undefined);
    startTransition(async () => {
      const result = await createIncidentFromDowntimeAction({ monitorId, timeZone, ...draft });
      // On success the action redirects; we only get here with an error, and the form keeps its values.
      if (result && !result.ok) {
        setFields(result.error.fields);
        setMessage(result.error.message);
      }
    });
  }

  return (
    <form onSubmit={submit} aria-label="Create an incident from this downtime" className="space-y-3" noValidate>
      <FormError message={message} />
      <div className="grid gap-3 md:grid-cols-[3fr_1fr]">
        <Field id={id("title")} label="Title" error={fields?.title}>
          {(control) => (
            <input
              {...control}
              className="field-input"
              value={draft.title}
              maxLength={200}
              required
              onChange={(e) => setDraft({ ...draft, title: e.target.value })}
            />
          )}
        </Field>
        <Field id={id("severity")} label="Severity" error={fields?.severity}>
          {(control) => (
            <select
              {...control}
              className="field-input"
              value={String(draft.severity)}
              onChange={(e) => setDraft({ ...draft, severity: Number(e.target.value) })}
            >
              {SEVERITY_LEVELS.map((s) => (
                <option key={s} value={s}>
                  SEV{s}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <Field id={id("startedAt")} label="Started" aside={timeZone} error={fields?.startedAt}>
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              className="field-input"
              value={draft.startedAt}
              onChange={(e) => setDraft({ ...draft, startedAt: e.target.value })}
            />
          )}
        </Field>
        <Field id={id("resolvedAt")} label="Resolved" aside={`${timeZone}; empty while still down`} error={fields?.resolvedAt}>
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              className="field-input"
              value={draft.resolvedAt}
              onChange={(e) => setDraft({ ...draft, resolvedAt: e.target.value })}
            />
          )}
        </Field>
      </div>
      <Field id={id("summary")} label="Summary" error={fields?.summary}>
        {(control) => (
          <textarea
            {...control}
            className="field-input"
            rows={3}
            value={draft.summary}
            maxLength={5000}
            onChange={(e) => setDraft({ ...draft, summary: e.target.value })}
          />
        )}
      </Field>
      <p className="text-xs text-slate-500">
        The incident gets the monitor&apos;s service, a timeline event where the monitor went down and one where it recovered, and
        this monitor linked as evidence.
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Creating…" : "Create incident"}
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
