"use client";

import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { FieldErrors } from "@/lib/errors";
import { linkLoadTestRunAction, unlinkLoadTestRunAction } from "../actions";

/** Links the run to an incident by number, with a note saying what the run shows for it. */
export function IncidentLinkForm({ runId }: { runId: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | undefined>();
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await linkLoadTestRunAction({
        runId,
        incidentNumber: String(f.get("incidentNumber") ?? ""),
        note: String(f.get("note") ?? ""),
      });
      if (result.ok) {
        setErrors(undefined);
        setStatus({ ok: true, text: `Linked to incident #${result.data.incidentNumber}.` });
        formRef.current?.reset();
        router.refresh();
      } else {
        setErrors(result.error.fields);
        setStatus({ ok: false, text: result.error.message });
      }
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Link to an incident" noValidate>
      <div>
        <label htmlFor="link-incidentNumber" className="field-label">
          Incident number
        </label>
        <input
          id="link-incidentNumber"
          name="incidentNumber"
          type="number"
          min="1"
          inputMode="numeric"
          className="field-input w-32"
          aria-invalid={Boolean(errors?.incidentNumber)}
          aria-describedby={errors?.incidentNumber ? "link-incidentNumber-error" : undefined}
          required
        />
        {errors?.incidentNumber && (
          <p id="link-incidentNumber-error" className="field-error">
            {errors.incidentNumber.join(" ")}
          </p>
        )}
      </div>
      <div className="min-w-64 flex-1">
        <label htmlFor="link-note" className="field-label">
          Note
        </label>
        <input id="link-note" name="note" className="field-input" placeholder="Test before the launch: peaked at 1.2k req/s" />
      </div>
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? "Linking…" : "Link"}
      </button>
      {status && (
        <p
          role={status.ok ? "status" : "alert"}
          className={`w-full text-sm ${status.ok ? "text-emerald-700 dark:text-emerald-400" : "field-error"}`}
        >
          {status.text}
        </p>
      )}
    </form>
  );
}

export function UnlinkButton({ runId, incidentNumber }: { runId: string; incidentNumber: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  return (
    <>
      <button
        type="button"
        className="text-sm underline disabled:opacity-50"
        disabled={pending}
        aria-label={`Unlink from incident #${incidentNumber}`}
        onClick={() =>
          startTransition(async () => {
            const result = await unlinkLoadTestRunAction({ runId, incidentNumber });
            if (result.ok) router.refresh();
            else setMessage(result.error.message);
          })
        }
      >
        Unlink
      </button>
      {message && (
        <span role="alert" className="field-error">
          {message}
        </span>
      )}
    </>
  );
}
