"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { FieldErrors } from "@/lib/errors";
import { linkDowntimeToIncidentAction } from "../../monitor-actions";

/** Link this monitor, for one downtime window, to an existing incident: a recent one, or any by number. */
export function DowntimeLinkForm({
  monitorId,
  window,
  incidents,
  idPrefix,
  onDone,
}: {
  monitorId: string;
  /** ISO instants; no end for a window still open. */
  window: { start: string; end: string | null };
  incidents: { number: number; title: string }[];
  idPrefix: string;
  onDone: () => void;
}) {
  const router = useRouter();
  const [chosen, setChosen] = useState("");
  const [typed, setTyped] = useState("");
  const [note, setNote] = useState("");
  const [fields, setFields] = useState<FieldErrors | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  const id = (name: string) => `${idPrefix}-${name}`;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setFields(undefined);
    setMessage(undefined);
    const incidentNumber = typed.trim() || chosen;
    if (!incidentNumber) {
      setFields({ incidentNumber: ["Choose an incident, or type its number."] });
      return;
    }
    startTransition(async () => {
      const result = await linkDowntimeToIncidentAction({
        incidentNumber,
        monitorId,
        note,
        windowStart: window.start,
        ...(window.end ? { windowEnd: window.end } : {}),
      });
      if (result.ok) {
        router.refresh();
        onDone();
        return;
      }
      setMessage(result.error.fields ? undefined : result.error.message);
      setFields(
        result.error.fields ?? (result.error.code === "NOT_FOUND" ? { incidentNumber: [result.error.message] } : undefined),
      );
    });
  }

  const incidentError = fields?.incidentNumber?.[0];
  return (
    <form onSubmit={submit} aria-label="Link this downtime to an incident" className="space-y-3" noValidate>
      {message && (
        <p role="alert" className="field-error">
          {message}
        </p>
      )}
      <div className="grid gap-3 md:grid-cols-[2fr_1fr]">
        <div>
          <label htmlFor={id("recent")} className="field-label">
            Incident
          </label>
          <select
            id={id("recent")}
            className="field-input"
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
            aria-invalid={incidentError ? true : undefined}
            aria-describedby={incidentError ? id("incident-error") : undefined}
          >
            <option value="">{incidents.length ? "Choose a recent incident…" : "No incidents yet"}</option>
            {incidents.map((i) => (
              <option key={i.number} value={i.number}>
                #{i.number} {i.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={id("number")} className="field-label">
            or number
          </label>
          <input
            id={id("number")}
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            className="field-input"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-invalid={incidentError ? true : undefined}
            aria-describedby={incidentError ? id("incident-error") : undefined}
          />
        </div>
      </div>
      {incidentError && (
        <p id={id("incident-error")} className="field-error">
          {incidentError}
        </p>
      )}
      <div>
        <label htmlFor={id("note")} className="field-label">
          Note <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <input
          id={id("note")}
          className="field-input"
          value={note}
          maxLength={1000}
          onChange={(e) => setNote(e.target.value)}
          placeholder="The probe that saw the outage first"
          aria-invalid={fields?.note ? true : undefined}
        />
        {fields?.note && <p className="field-error">{fields.note[0]}</p>}
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Linking…" : "Link to incident"}
        </button>
        <button type="button" className="btn-secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
