"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Field, FieldError, FormError, fieldAria } from "@/components/forms/field";
import { useActionForm } from "@/components/forms/use-action-form";
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
  const { fields, message, pending, submit, refuse } = useActionForm();

  function link(event: React.FormEvent) {
    event.preventDefault();
    const runId = pasted.trim() ? runIdFrom(pasted) : chosen;
    if (!runId) {
      refuse("runId", "Choose a run, or paste its id or address.");
      return;
    }
    submit(
      () => linkLoadTestRunAction({ runId, incidentNumber, note }),
      () => {
        setChosen("");
        setPasted("");
        setNote("");
        router.refresh();
      },
      "runId",
    );
  }

  // Either control names the run, so both are described by the one error under them.
  const runError = fields?.runId?.[0];
  const runAria = fieldAria("lt-link-run", runError);
  return (
    <form
      onSubmit={link}
      aria-label="Link a load-test run"
      className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-700"
    >
      <h3 className="font-semibold">Link a run</h3>
      <FormError message={message} />
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
            {...runAria}
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
            {...runAria}
          />
        </div>
      </div>
      <FieldError id="lt-link-run-error" message={runError} />
      <Field id="lt-link-note" label="Note" error={fields?.note?.[0]}>
        {(control) => (
          <input
            {...control}
            className="field-input"
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
            placeholder="Soak test of the release that failed"
          />
        )}
      </Field>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Linking…" : "Link run"}
      </button>
    </form>
  );
}
