"use client";

import { useState, useTransition } from "react";
import { INCIDENT_STATUSES, INCIDENT_STATUS_LABELS } from "@/lib/incidents/constants";
import { COMMON_TIME_ZONES } from "@/lib/time/zones";
import type { FieldErrors } from "@/lib/errors";
import type { ActionResult } from "@/lib/transport/action-result";
import type { CreateIncidentInput } from "@/lib/incidents/schema";

/** Wall-clock values as the form shows them (times in the incident's zone). */
export type IncidentFormValues = {
  title: string;
  severity: number;
  status: (typeof INCIDENT_STATUSES)[number];
  summary: string;
  customerImpact: string;
  usersAffectedPct: string;
  services: string;
  tags: string;
  restricted: boolean;
  timeZone: string;
  startedAt: string;
  detectedAt: string;
  mitigatedAt: string;
  resolvedAt: string;
  commanderId: string;
};

type Person = { id: string; name: string; email: string };

function Field({
  name,
  label,
  errors,
  hint,
  children,
}: {
  name: string;
  label: string;
  errors?: FieldErrors;
  hint?: string;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const messages = errors?.[name];
  const describedBy = [hint ? `${name}-hint` : null, messages ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label className="field-label" htmlFor={name}>
        {label}
      </label>
      {children({ id: name, "aria-invalid": Boolean(messages), "aria-describedby": describedBy })}
      {hint && (
        <p id={`${name}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {messages && (
        <p id={`${name}-error`} className="field-error">
          {messages.join(" ")}
        </p>
      )}
    </div>
  );
}

export function IncidentForm({
  people,
  initial,
  submit,
  submitLabel,
}: {
  people: Person[];
  initial: Partial<IncidentFormValues>;
  submit: (input: CreateIncidentInput) => Promise<ActionResult<unknown> | undefined>;
  submitLabel: string;
}) {
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  const browserZone = typeof Intl !== "undefined" ? Intl.DateTimeFormat().resolvedOptions().timeZone : "UTC";
  const zones = Array.from(new Set([initial.timeZone ?? browserZone, browserZone, ...COMMON_TIME_ZONES]));

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const text = (k: string) => String(f.get(k) ?? "");
    const commander = text("commander");
    startTransition(async () => {
      const result = await submit({
        title: text("title"),
        severity: text("severity"),
        status: text("status") as (typeof INCIDENT_STATUSES)[number],
        summary: text("summary"),
        customerImpact: text("customerImpact"),
        usersAffectedPct: text("usersAffectedPct"),
        services: text("services"),
        tags: text("tags"),
        restricted: f.get("restricted") === "on",
        timeZone: text("timeZone"),
        startedAt: text("startedAt"),
        detectedAt: text("detectedAt"),
        mitigatedAt: text("mitigatedAt"),
        resolvedAt: text("resolvedAt"),
        roles: commander ? [{ role: "commander", userId: commander }] : [],
      });
      // On success the action redirects; we only get here with an error, and the form keeps its values.
      if (result && !result.ok) {
        setErrors(result.error.fields);
        setMessage(result.error.message);
      }
    });
  }

  return (
    <form onSubmit={onSubmit} className="card space-y-4" noValidate aria-describedby={message ? "form-error" : undefined}>
      {message && (
        <p
          id="form-error"
          role="alert"
          className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {message}
        </p>
      )}
      <Field name="title" label="Title" errors={errors}>
        {(p) => <input {...p} name="title" className="field-input" required maxLength={200} defaultValue={initial.title} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field name="severity" label="Severity" errors={errors}>
          {(p) => (
            <select {...p} name="severity" className="field-input" defaultValue={String(initial.severity ?? 3)}>
              {[1, 2, 3, 4, 5].map((s) => (
                <option key={s} value={s}>
                  SEV{s}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="status" label="Status" errors={errors}>
          {(p) => (
            <select {...p} name="status" className="field-input" defaultValue={initial.status ?? "investigating"}>
              {INCIDENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {INCIDENT_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="timeZone" label="Time zone" errors={errors}>
          {(p) => (
            <select {...p} name="timeZone" className="field-input" defaultValue={initial.timeZone ?? browserZone}>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="startedAt" label="Impact started" errors={errors}>
          {(p) => (
            <input
              {...p}
              name="startedAt"
              type="datetime-local"
              className="field-input"
              defaultValue={initial.startedAt}
              required
            />
          )}
        </Field>
        <Field name="detectedAt" label="Detected" errors={errors}>
          {(p) => (
            <input {...p} name="detectedAt" type="datetime-local" className="field-input" defaultValue={initial.detectedAt} />
          )}
        </Field>
        <Field name="mitigatedAt" label="Mitigated" errors={errors}>
          {(p) => (
            <input {...p} name="mitigatedAt" type="datetime-local" className="field-input" defaultValue={initial.mitigatedAt} />
          )}
        </Field>
        <Field name="resolvedAt" label="Resolved" errors={errors}>
          {(p) => (
            <input {...p} name="resolvedAt" type="datetime-local" className="field-input" defaultValue={initial.resolvedAt} />
          )}
        </Field>
      </div>
      <Field name="summary" label="Summary" errors={errors}>
        {(p) => <textarea {...p} name="summary" rows={3} className="field-input" defaultValue={initial.summary} />}
      </Field>
      <Field name="customerImpact" label="Customer impact" errors={errors}>
        {(p) => <textarea {...p} name="customerImpact" rows={2} className="field-input" defaultValue={initial.customerImpact} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field name="usersAffectedPct" label="Users affected (%)" errors={errors}>
          {(p) => (
            <input
              {...p}
              name="usersAffectedPct"
              type="number"
              min={0}
              max={100}
              step="0.1"
              className="field-input"
              defaultValue={initial.usersAffectedPct}
            />
          )}
        </Field>
        <Field name="services" label="Services" errors={errors} hint="Comma-separated, e.g. checkout, redis-cache">
          {(p) => <input {...p} name="services" className="field-input" defaultValue={initial.services} />}
        </Field>
        <Field name="tags" label="Tags" errors={errors} hint="Comma-separated">
          {(p) => <input {...p} name="tags" className="field-input" defaultValue={initial.tags} />}
        </Field>
      </div>
      <Field name="roles" label="Incident commander" errors={errors}>
        {(p) => (
          <select {...p} name="commander" className="field-input" defaultValue={initial.commanderId ?? ""}>
            <option value="">Nobody yet</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name || person.email}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="flex items-center gap-2">
        <input id="restricted" name="restricted" type="checkbox" className="h-4 w-4" defaultChecked={initial.restricted} />
        <label htmlFor="restricted" className="text-sm">
          Restricted: only its members and admins can see it (e.g. security incidents)
        </label>
      </div>
      <button className="btn-primary" type="submit" disabled={pending}>
        {pending ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}
