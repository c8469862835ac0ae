"use client";

import { useId, useState, useTransition, type Ref } from "react";
import { TIMELINE_KINDS, humanize, type TimelineKind } from "@/lib/incidents/constants";
import type { FieldErrors } from "@/lib/errors";

export type TimelineFormValues = { local: string; zone: string; kind: TimelineKind; text: string };

/** What a submit reports back: field errors to show, or a message; nothing when it worked. */
export type TimelineFormOutcome = { fields?: FieldErrors; message?: string } | undefined;

function fieldErrors(errors: FieldErrors | undefined, ...keys: string[]): string[] {
  return keys.flatMap((k) => errors?.[k] ?? []);
}

/**
 * One row of fields for a timeline event, used to add and to edit. Enter saves (native form submit);
 * Escape cancels when there is something to cancel.
 */
export function TimelineEventForm({
  initial,
  incidentZone,
  submitLabel,
  onSubmit,
  onCancel,
  textRef,
  hint,
  autoFocus = false,
}: {
  initial: TimelineFormValues;
  incidentZone: string;
  submitLabel: string;
  onSubmit: (values: TimelineFormValues) => Promise<TimelineFormOutcome>;
  onCancel?: () => void;
  textRef?: Ref<HTMLInputElement>;
  hint?: React.ReactNode;
  /** Editing starts in the text field, so Enter and Escape work at once. */
  autoFocus?: boolean;
}) {
  const id = useId();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  const set = <K extends keyof TimelineFormValues>(key: K, value: TimelineFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const outcome = await onSubmit(values);
      setErrors(outcome?.fields);
      setMessage(outcome?.fields ? undefined : outcome?.message);
      if (!outcome) setValues((v) => ({ ...v, text: "" }));
    });
  }

  const timeErrors = fieldErrors(errors, "local", "at");
  const textErrors = fieldErrors(errors, "text");
  const kindErrors = fieldErrors(errors, "kind", "zone");
  const described = (name: string, has: boolean) => (has ? `${id}-${name}-error` : undefined);

  return (
    <form
      onSubmit={submit}
      noValidate
      onKeyDown={(e) => {
        if (e.key === "Escape" && onCancel) {
          e.preventDefault();
          onCancel();
        }
      }}
      className="space-y-2"
      aria-busy={pending}
    >
      {message && (
        <p role="alert" className="field-error">
          {message}
        </p>
      )}
      <div className="grid gap-2 sm:grid-cols-[11rem_9rem_9rem_1fr_auto] sm:items-start">
        <div>
          <label className="sr-only" htmlFor={`${id}-time`}>
            Time
          </label>
          <input
            id={`${id}-time`}
            className="field-input mt-0 font-mono"
            value={values.local}
            onChange={(e) => set("local", e.target.value)}
            placeholder="YYYY-MM-DD HH:mm"
            aria-invalid={timeErrors.length > 0}
            aria-describedby={described("time", timeErrors.length > 0) ?? `${id}-time-hint`}
            autoComplete="off"
          />
          <p id={`${id}-time-hint`} className="sr-only">
            Date and time, seconds optional; a date alone makes a day event.
          </p>
          {timeErrors.length > 0 && (
            <p id={`${id}-time-error`} className="field-error">
              {timeErrors.join(" ")}
            </p>
          )}
        </div>
        <div>
          <label className="sr-only" htmlFor={`${id}-zone`}>
            Time zone of this time
          </label>
          <select
            id={`${id}-zone`}
            className="field-input mt-0"
            value={values.zone}
            onChange={(e) => set("zone", e.target.value)}
          >
            <option value="incident">{incidentZone}</option>
            {incidentZone !== "UTC" && <option value="UTC">UTC</option>}
          </select>
        </div>
        <div>
          <label className="sr-only" htmlFor={`${id}-kind`}>
            Kind
          </label>
          <select
            id={`${id}-kind`}
            className="field-input mt-0"
            value={values.kind}
            onChange={(e) => set("kind", e.target.value as TimelineKind)}
            aria-invalid={kindErrors.length > 0}
            aria-describedby={described("kind", kindErrors.length > 0)}
          >
            {TIMELINE_KINDS.map((k) => (
              <option key={k} value={k}>
                {humanize(k)}
              </option>
            ))}
          </select>
          {kindErrors.length > 0 && (
            <p id={`${id}-kind-error`} className="field-error">
              {kindErrors.join(" ")}
            </p>
          )}
        </div>
        <div>
          <label className="sr-only" htmlFor={`${id}-text`}>
            What happened
          </label>
          <input
            id={`${id}-text`}
            ref={textRef}
            autoFocus={autoFocus}
            className="field-input mt-0"
            value={values.text}
            onChange={(e) => set("text", e.target.value)}
            placeholder="What happened"
            maxLength={2000}
            aria-invalid={textErrors.length > 0}
            aria-describedby={described("text", textErrors.length > 0)}
            autoComplete="off"
          />
          {textErrors.length > 0 && (
            <p id={`${id}-text-error`} className="field-error">
              {textErrors.join(" ")}
            </p>
          )}
        </div>
        <div className="flex gap-2">
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? "Saving…" : submitLabel}
          </button>
          {onCancel && (
            <button type="button" className="btn-secondary" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      </div>
      {hint}
    </form>
  );
}
