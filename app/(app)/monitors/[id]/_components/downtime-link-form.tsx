"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Field, FieldError, FormError, fieldAria } from "@/components/forms/field";
import { useActionForm } from "@/components/forms/use-action-form";
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
  const { fields, message, pending, submit, refuse } = useActionForm();
  const id = (name: string) => `${idPrefix}-${name}`;

  function link(event: React.FormEvent) {
    event.preventDefault();
    const incidentNumber = typed.trim() || chosen;
    if (!incidentNumber) {
      refuse("incidentNumber", "Choose an incident, or type its number.");
      return;
    }
    submit(
      () =>
        linkDowntimeToIncidentAction({
          incidentNumber,
          monitorId,
          note,
          windowStart: window.start,
          ...(window.end ? { windowEnd: window.end } : {}),
        }),
      () => {
        router.refresh();
        onDone();
      },
      "incidentNumber",
    );
  }

  // Either control names the incident, so both are described by the one error under them.
  const incidentError = fields?.incidentNumber?.[0];
  const incidentAria = fieldAria(id("incident"), incidentError);
  return (
    <form onSubmit={link} aria-label="Link this downtime to an incident" className="space-y-3" noValidate>
      <FormError message={message} />
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
            {...incidentAria}
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
            {...incidentAria}
          />
        </div>
      </div>
      <FieldError id={id("incident-error")} message={incidentError} />
      <Field id={id("note")} label="Note" aside="optional" error={fields?.note?.[0]}>
        {(control) => (
          <input
            {...control}
            className="field-input"
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
            placeholder="The probe that saw the outage first"
          />
        )}
      </Field>
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
