"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Field, FormError } from "@/components/forms/field";
import { RemoveButton } from "@/components/forms/remove-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { linkIncidentMonitorAction, unlinkIncidentMonitorAction } from "../monitor-actions";

/** Link a monitor as evidence of the incident: it joins the coverage report whatever its service. */
export function IncidentMonitorsLinkForm({
  incidentNumber,
  choices,
}: {
  incidentNumber: number;
  choices: { id: string; name: string; serviceName: string | null }[];
}) {
  const router = useRouter();
  const [monitorId, setMonitorId] = useState("");
  const [note, setNote] = useState("");
  const { fields, message, pending, submit, refuse } = useActionForm();

  function link(event: React.FormEvent) {
    event.preventDefault();
    if (!monitorId) {
      refuse("monitorId", "Choose a monitor.");
      return;
    }
    submit(
      () => linkIncidentMonitorAction({ incidentNumber, monitorId, note }),
      () => {
        setMonitorId("");
        setNote("");
        router.refresh();
      },
    );
  }

  return (
    <form
      onSubmit={link}
      aria-label="Link a monitor"
      className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-700"
      noValidate
    >
      <h3 className="font-semibold">Link a monitor</h3>
      <FormError message={message} />
      <div className="grid gap-3 md:grid-cols-2">
        <Field id="im-link-monitor" label="Monitor" error={fields?.monitorId?.[0]}>
          {(control) => (
            <select {...control} className="field-input" value={monitorId} onChange={(e) => setMonitorId(e.target.value)}>
              <option value="">Choose a monitor…</option>
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.serviceName ? ` (${c.serviceName})` : ""}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="im-link-note" label="Note" aside="optional" error={fields?.note?.[0]}>
          {(control) => (
            <input
              {...control}
              className="field-input"
              value={note}
              maxLength={1000}
              onChange={(e) => setNote(e.target.value)}
              placeholder="Stayed green: it probes JSON-RPC, not the websocket"
            />
          )}
        </Field>
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Linking…" : "Link monitor"}
      </button>
    </form>
  );
}

export function IncidentMonitorsUnlinkButton({
  incidentNumber,
  monitorId,
  name,
}: {
  incidentNumber: number;
  monitorId: string;
  name: string;
}) {
  return (
    <RemoveButton
      label="Unlink"
      pendingLabel="Unlinking…"
      accessibleName={`Unlink ${name}`}
      action={() => unlinkIncidentMonitorAction({ incidentNumber, monitorId })}
    />
  );
}
