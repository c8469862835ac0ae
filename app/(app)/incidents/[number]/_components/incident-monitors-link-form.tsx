"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { FieldErrors } from "@/lib/errors";
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
  const [fields, setFields] = useState<FieldErrors | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();

  function link(event: React.FormEvent) {
    event.preventDefault();
    setFields(undefined);
    setMessage(undefined);
    if (!monitorId) {
      setFields({ monitorId: ["Choose a monitor."] });
      return;
    }
    startTransition(async () => {
      const result = await linkIncidentMonitorAction({ incidentNumber, monitorId, note });
      if (result.ok) {
        setMonitorId("");
        setNote("");
        router.refresh();
        return;
      }
      setFields(result.error.fields);
      setMessage(result.error.fields ? undefined : result.error.message);
    });
  }

  const monitorError = fields?.monitorId?.[0];
  return (
    <form
      onSubmit={link}
      aria-label="Link a monitor"
      className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-700"
      noValidate
    >
      <h3 className="font-semibold">Link a monitor</h3>
      {message && (
        <p role="alert" className="field-error">
          {message}
        </p>
      )}
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <label htmlFor="im-link-monitor" className="field-label">
            Monitor
          </label>
          <select
            id="im-link-monitor"
            className="field-input"
            value={monitorId}
            onChange={(e) => setMonitorId(e.target.value)}
            aria-invalid={monitorError ? true : undefined}
            aria-describedby={monitorError ? "im-link-monitor-error" : undefined}
          >
            <option value="">Choose a monitor…</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.serviceName ? ` (${c.serviceName})` : ""}
              </option>
            ))}
          </select>
          {monitorError && (
            <p id="im-link-monitor-error" className="field-error">
              {monitorError}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="im-link-note" className="field-label">
            Note <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <input
            id="im-link-note"
            className="field-input"
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
            placeholder="Stayed green: it probes JSON-RPC, not the websocket"
            aria-invalid={fields?.note ? true : undefined}
          />
          {fields?.note && <p className="field-error">{fields.note[0]}</p>}
        </div>
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
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | undefined>();

  function unlink() {
    setError(undefined);
    startTransition(async () => {
      const result = await unlinkIncidentMonitorAction({ incidentNumber, monitorId });
      if (result.ok) router.refresh();
      else setError(result.error.message);
    });
  }

  return (
    <>
      <button
        type="button"
        className="text-sm text-red-700 underline disabled:opacity-50 dark:text-red-400"
        onClick={unlink}
        disabled={pending}
        aria-label={`Unlink ${name}`}
      >
        {pending ? "Unlinking…" : "Unlink"}
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </>
  );
}
