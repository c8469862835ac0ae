"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { FieldErrors } from "@/lib/errors";
import { linkLoadTestRunAction } from "../load-test-actions";

/** A pasted run page address (…/load-tests/<id>) or a bare id. */
function runIdFrom(text: string): string {
  const trimmed = text.trim();
  const fromPath = /\/load-tests\/([^/?#\s]+)/.exec(trimmed);
  return fromPath ? decodeURIComponent(fromPath[1]) : trimmed;
}

/** Link an existing run as evidence: pick one of the recent runs, or paste its id or address. */
export function LoadTestLinkForm({
  incidentNumber,
  choices,
}: {
  incidentNumber: number;
  choices: { id: string; label: string }[];
}) {
  const router = useRouter();
  const [chosen, setChosen] = useState("");
  const [pasted, setPasted] = useState("");
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<string | undefined>();
  const [fields, setFields] = useState<FieldErrors | undefined>();
  const [pending, startTransition] = useTransition();

  function link(event: React.FormEvent) {
    event.preventDefault();
    setMessage(undefined);
    setFields(undefined);
    const runId = pasted.trim() ? runIdFrom(pasted) : chosen;
    if (!runId) {
      setFields({ runId: ["Choose a run, or paste its id or address."] });
      return;
    }
    startTransition(async () => {
      const result = await linkLoadTestRunAction({ runId, incidentNumber, note });
      if (result.ok) {
        setChosen("");
        setPasted("");
        setNote("");
        router.refresh();
        return;
      }
      setMessage(result.error.fields ? undefined : result.error.message);
      setFields(result.error.fields ?? (result.error.code === "NOT_FOUND" ? { runId: [result.error.message] } : undefined));
    });
  }

  const runError = fields?.runId?.[0];
  return (
    <form
      onSubmit={link}
      aria-label="Link a load-test run"
      className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-700"
    >
      <h3 className="font-semibold">Link a run</h3>
      {message && (
        <p role="alert" className="field-error">
          {message}
        </p>
      )}
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <label htmlFor="lt-link-recent" className="field-label">
            Recent run
          </label>
          <select
            id="lt-link-recent"
            className="field-input"
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
            aria-invalid={runError ? true : undefined}
            aria-describedby={runError ? "lt-link-run-error" : undefined}
          >
            <option value="">{choices.length ? "Choose a run…" : "No unlinked runs yet"}</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="lt-link-pasted" className="field-label">
            or run id / address
          </label>
          <input
            id="lt-link-pasted"
            className="field-input"
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            placeholder="https://…/load-tests/…"
            aria-invalid={runError ? true : undefined}
            aria-describedby={runError ? "lt-link-run-error" : undefined}
          />
        </div>
      </div>
      {runError && (
        <p id="lt-link-run-error" className="field-error">
          {runError}
        </p>
      )}
      <div>
        <label htmlFor="lt-link-note" className="field-label">
          Note
        </label>
        <input
          id="lt-link-note"
          className="field-input"
          value={note}
          maxLength={1000}
          onChange={(e) => setNote(e.target.value)}
          placeholder="Soak test of the release that failed"
          aria-invalid={fields?.note ? true : undefined}
        />
        {fields?.note && <p className="field-error">{fields.note[0]}</p>}
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Linking…" : "Link run"}
      </button>
    </form>
  );
}
