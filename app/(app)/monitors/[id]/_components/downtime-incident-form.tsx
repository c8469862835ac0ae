"use client";

import { useState, useTransition } from "react";
import type { FieldErrors } from "@/lib/errors";
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

  const error = (name: string) =>
    fields?.[name]?.[0] ? (
      <p id={id(`${name}-error`)} className="field-error">
        {fields[name].join(" ")}
      </p>
    ) : null;
  const described = (name: string) => ({
    "aria-invalid": fields?.[name]?.[0] ? true : undefined,
    "aria-describedby": fields?.[name]?.[0] ? id(`${name}-error`) : undefined,
  });

  return (
    <form onSubmit={submit} aria-label="Create an incident from this downtime" className="space-y-3" noValidate>
      {message && (
        <p role="alert" className="field-error">
          {message}
        </p>
      )}
      <div className="grid gap-3 md:grid-cols-[3fr_1fr]">
        <div>
          <label htmlFor={id("title")} className="field-label">
            Title
          </label>
          <input
            id={id("title")}
            className="field-input"
            value={draft.title}
            maxLength={200}
            required
            onChange={(e) => setDraft({ ...draft, title: e.target.value })}
            {...described("title")}
          />
          {error("title")}
        </div>
        <div>
          <label htmlFor={id("severity")} className="field-label">
            Severity
          </label>
          <select
            id={id("severity")}
            className="field-input"
            value={String(draft.severity)}
            onChange={(e) => setDraft({ ...draft, severity: Number(e.target.value) })}
            {...described("severity")}
          >
            {SEVERITY_LEVELS.map((s) => (
              <option key={s} value={s}>
                SEV{s}
              </option>
            ))}
          </select>
          {error("severity")}
        </div>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <label htmlFor={id("startedAt")} className="field-label">
            Started <span className="font-normal text-slate-500">({timeZone})</span>
          </label>
          <input
            id={id("startedAt")}
            type="datetime-local"
            className="field-input"
            value={draft.startedAt}
            onChange={(e) => setDraft({ ...draft, startedAt: e.target.value })}
            {...described("startedAt")}
          />
          {error("startedAt")}
        </div>
        <div>
          <label htmlFor={id("resolvedAt")} className="field-label">
            Resolved <span className="font-normal text-slate-500">({timeZone}; empty while still down)</span>
          </label>
          <input
            id={id("resolvedAt")}
            type="datetime-local"
            className="field-input"
            value={draft.resolvedAt}
            onChange={(e) => setDraft({ ...draft, resolvedAt: e.target.value })}
            {...described("resolvedAt")}
          />
          {error("resolvedAt")}
        </div>
      </div>
      <div>
        <label htmlFor={id("summary")} className="field-label">
          Summary
        </label>
        <textarea
          id={id("summary")}
          className="field-input"
          rows={3}
          value={draft.summary}
          maxLength={5000}
          onChange={(e) => setDraft({ ...draft, summary: e.target.value })}
          {...described("summary")}
        />
        {error("summary")}
      </div>
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
