"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { validationError, type FieldErrors } from "@/lib/errors";
import {
  isJournalEmpty,
  JOURNAL_MAX_CHARS,
  JOURNAL_PARTS,
  LoadTestJournal,
  type LoadTestJournal as Journal,
} from "@/lib/loadtests/load-test-journal";
import { updateLoadTestJournalAction } from "../journal-actions";

type Conflict = { current: { version: number; journal: Journal } };

function JournalParts({ journal, heading }: { journal: Journal; heading?: string }) {
  return (
    <div className="text-sm">
      {heading && <h3 className="font-semibold">{heading}</h3>}
      <dl className="space-y-2">
        {JOURNAL_PARTS.map((p) => (
          <div key={p.key}>
            <dt className="text-slate-500">{p.label}</dt>
            <dd className="whitespace-pre-line">{journal[p.key] || "—"}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/**
 * The run's journal entry (Changes made / Next up / Not doing / Thoughts). Saved under the run's
 * version, shared with its name, notes and setup, so a stale save shows the saved entry beside yours.
 */
export function RunJournalEditor({
  runId,
  version,
  journal,
  canEdit,
}: {
  runId: string;
  version: number;
  journal: Journal;
  canEdit: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Journal>(journal);
  const [baseVersion, setBaseVersion] = useState(version);
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [conflict, setConflict] = useState<Conflict["current"] | undefined>();
  const [notice, setNotice] = useState("");
  const [pending, startTransition] = useTransition();
  const [seen, setSeen] = useState({ version, journal });

  // A refresh brought what the server last saved (another edit of the run bumps its version too):
  // take it while the form is closed; an open form keeps its text and its version, so a save is checked.
  if (seen.version !== version || seen.journal !== journal) {
    setSeen({ version, journal });
    if (!open) {
      setBaseVersion(version);
      setDraft(journal);
    }
  }

  function save(event: React.FormEvent) {
    event.preventDefault();
    setNotice("");
    const checked = LoadTestJournal.safeParse(draft);
    if (!checked.success) {
      setErrors(validationError(checked.error.issues).fields);
      setMessage("Some fields need attention.");
      return;
    }
    startTransition(async () => {
      const result = await updateLoadTestJournalAction({ id: runId, version: baseVersion, ...draft });
      if (result.ok) {
        setBaseVersion(result.data.version);
        setOpen(false);
        setErrors(undefined);
        setMessage(undefined);
        setConflict(undefined);
        setNotice("Journal entry saved.");
        router.refresh();
        return;
      }
      setErrors(result.error.fields);
      setMessage(result.error.message);
      if (result.error.code === "CONFLICT" && result.error.details) setConflict((result.error.details as Conflict).current);
    });
  }

  function cancel() {
    setDraft(seen.journal);
    setBaseVersion(seen.version);
    setErrors(undefined);
    setMessage(undefined);
    setConflict(undefined);
    setOpen(false);
  }

  return (
    <div className="space-y-3">
      <p role="status" aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
        {notice}
      </p>
      {!open &&
        (isJournalEmpty(draft) ? (
          <p className="text-sm text-slate-500">
            No journal entry yet. What changed since the last run, what comes next and what you ruled out belong here.
          </p>
        ) : (
          <JournalParts journal={draft} />
        ))}
      {canEdit && !open && (
        <button
          type="button"
          className="btn-secondary"
          onClick={() => {
            setNotice("");
            setOpen(true);
          }}
        >
          Edit journal entry
        </button>
      )}
      {canEdit && open && (
        <form
          onSubmit={save}
          noValidate
          className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-700"
          aria-label="Edit journal entry"
        >
          {message && (
            <p role="alert" className="field-error">
              {message}
            </p>
          )}
          {conflict && (
            <div className="space-y-2 rounded border border-amber-300 p-3 dark:border-amber-800">
              <JournalParts journal={conflict.journal} heading={`Saved meanwhile (v${conflict.version})`} />
              <div className="flex gap-2">
                <button
                  type="button"
                  className="btn-secondary"
                  onClick={() => {
                    setDraft(conflict.journal);
                    setBaseVersion(conflict.version);
                    setConflict(undefined);
                    setMessage(undefined);
                  }}
                >
                  Use theirs
                </button>
                <button
                  type="button"
                  className="btn-secondary"
                  onClick={() => {
                    // Saving again now replaces their entry with yours, knowingly.
                    setBaseVersion(conflict.version);
                    setConflict(undefined);
                    setMessage("Your text is kept in the form; save again to replace theirs.");
                  }}
                >
                  Keep mine
                </button>
              </div>
            </div>
          )}
          {JOURNAL_PARTS.map((p) => {
            const id = `journal-${p.key}`;
            return (
              <div key={p.key}>
                <label htmlFor={id} className="field-label">
                  {p.label}
                </label>
                <textarea
                  id={id}
                  name={p.key}
                  className="field-input"
                  rows={Math.min(12, Math.max(3, draft[p.key].split("\n").length + 1))}
                  value={draft[p.key]}
                  onChange={(e) => setDraft({ ...draft, [p.key]: e.target.value })}
                  aria-invalid={Boolean(errors?.[p.key])}
                  aria-describedby={[`${id}-hint`, errors?.[p.key] ? `${id}-error` : ""].filter(Boolean).join(" ")}
                />
                <p id={`${id}-hint`} className="text-xs text-slate-500">
                  {p.hint}{" "}
                  {draft[p.key].length > JOURNAL_MAX_CHARS * 0.9 && `${draft[p.key].length} of ${JOURNAL_MAX_CHARS} characters.`}
                </p>
                {errors?.[p.key] && (
                  <p id={`${id}-error`} className="field-error">
                    {errors[p.key].join(" ")}
                  </p>
                )}
              </div>
            );
          })}
          <div className="flex gap-2">
            <button type="submit" className="btn-primary" disabled={pending}>
              {pending ? "Saving…" : "Save journal entry"}
            </button>
            <button type="button" className="btn-secondary" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
