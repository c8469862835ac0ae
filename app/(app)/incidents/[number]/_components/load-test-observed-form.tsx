"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { FieldErrors } from "@/lib/errors";
import { setObservedLoadAction } from "../load-test-actions";

type Saved = { observedPeakRps: number | null; observedPeakUsers: number | null; observedLoadNote: string };

/**
 * The production load the incident saw, entered by hand; saved with its own version, so a
 * stale save is refused. The version comes from the server on each refresh; the inputs keep what
 * was typed, so after a conflict the person can save their figures again over the newer ones.
 */
export function LoadTestObservedForm({
  incidentNumber,
  version,
  peakRps,
  peakUsers,
  note,
}: {
  incidentNumber: number;
  version: number;
  peakRps: number | null;
  peakUsers: number | null;
  note: string;
}) {
  const router = useRouter();
  const [rps, setRps] = useState(peakRps === null ? "" : String(peakRps));
  const [users, setUsers] = useState(peakUsers === null ? "" : String(peakUsers));
  const [text, setText] = useState(note);
  const [message, setMessage] = useState<string | undefined>();
  const [fields, setFields] = useState<FieldErrors | undefined>();
  const [theirs, setTheirs] = useState<Saved | undefined>();
  const [status, setStatus] = useState("");
  const [pending, startTransition] = useTransition();

  function save(event: React.FormEvent) {
    event.preventDefault();
    setMessage(undefined);
    setFields(undefined);
    setTheirs(undefined);
    setStatus("");
    startTransition(async () => {
      const result = await setObservedLoadAction({
        incidentNumber,
        version,
        observedPeakRps: rps.trim(),
        observedPeakUsers: users.trim(),
        observedLoadNote: text,
      });
      if (result.ok) {
        setStatus("Saved.");
        router.refresh();
        return;
      }
      setMessage(result.error.message);
      setFields(result.error.fields);
      if (result.error.code === "CONFLICT") setTheirs((result.error.details as { current?: Saved } | undefined)?.current);
    });
  }

  return (
    <form onSubmit={save} aria-label="Production load" className="space-y-3">
      {message && (
        <div role="alert" className="field-error space-y-1">
          <p>{message}</p>
          {theirs && (
            <p>
              Saved now: {theirs.observedPeakRps ?? "—"} req/s, {theirs.observedPeakUsers ?? "—"} users
              {theirs.observedLoadNote ? ` (${theirs.observedLoadNote})` : ""}.{" "}
              <button
                type="button"
                className="underline"
                onClick={() => {
                  setMessage(undefined);
                  setTheirs(undefined);
                  router.refresh();
                }}
              >
                Refresh
              </button>
              , then save again to replace them with yours.
            </p>
          )}
        </div>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="lt-observed-rps" className="field-label">
            Peak requests per second
          </label>
          <input
            id="lt-observed-rps"
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            className="field-input"
            value={rps}
            onChange={(e) => {
              setRps(e.target.value);
              setStatus("");
            }}
            aria-invalid={fields?.observedPeakRps ? true : undefined}
            aria-describedby={fields?.observedPeakRps ? "lt-observed-rps-error" : undefined}
          />
          {fields?.observedPeakRps && (
            <p id="lt-observed-rps-error" className="field-error">
              {fields.observedPeakRps[0]}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="lt-observed-users" className="field-label">
            Peak concurrent users
          </label>
          <input
            id="lt-observed-users"
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            className="field-input"
            value={users}
            onChange={(e) => {
              setUsers(e.target.value);
              setStatus("");
            }}
            aria-invalid={fields?.observedPeakUsers ? true : undefined}
            aria-describedby={fields?.observedPeakUsers ? "lt-observed-users-error" : undefined}
          />
          {fields?.observedPeakUsers && (
            <p id="lt-observed-users-error" className="field-error">
              {fields.observedPeakUsers[0]}
            </p>
          )}
        </div>
      </div>
      <div>
        <label htmlFor="lt-observed-note" className="field-label">
          Where the figures come from
        </label>
        <input
          id="lt-observed-note"
          className="field-input"
          value={text}
          maxLength={1000}
          onChange={(e) => {
            setText(e.target.value);
            setStatus("");
          }}
          placeholder="Load balancer dashboard, 19:05–19:10 CEST"
        />
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : "Save production load"}
        </button>
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          {status}
        </p>
      </div>
    </form>
  );
}
