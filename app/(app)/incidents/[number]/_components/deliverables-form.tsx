"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { validationError, type FieldErrors } from "@/lib/errors";
import { DeliverableDraft } from "@/lib/deliverables/schema";
import { createDeliverableAction, updateDeliverableAction } from "../deliverable-actions";

export type DeliverableView = {
  id: string;
  version: number;
  number: string;
  title: string;
  link: string;
  notes: string;
  engineeringTime: string;
};

type Draft = Omit<DeliverableView, "id" | "version">;
type Saved = Draft & { version: number };

const FIELDS: { key: keyof Draft; label: string; hint?: string }[] = [
  { key: "number", label: "Number", hint: "As the milestone plan numbers it, e.g. 1 or 0a." },
  { key: "title", label: "Deliverable" },
  { key: "link", label: "Link", hint: "A full http:// or https:// address (pull request, release, document)." },
  { key: "engineeringTime", label: "Engineering time", hint: "As you would say it, e.g. 3 days." },
  { key: "notes", label: "Notes" },
];

function pickDraft(d: Draft): Draft {
  return { number: d.number, title: d.title, link: d.link, notes: d.notes, engineeringTime: d.engineeringTime };
}

function DraftSummary({ heading, draft }: { heading: string; draft: Draft }) {
  return (
    <div className="rounded border border-slate-300 p-2 text-sm dark:border-slate-700">
      <h4 className="font-semibold">{heading}</h4>
      <p>
        {draft.number} · {draft.title}
      </p>
      {draft.link && <p className="break-all">{draft.link}</p>}
      {draft.engineeringTime && <p>Engineering time: {draft.engineeringTime}</p>}
      {draft.notes && <p className="whitespace-pre-line text-slate-600 dark:text-slate-400">{draft.notes}</p>}
    </div>
  );
}

/**
 * Adds or edits one deliverable. The browser checks the fields with the schema the server uses;
 * a stale save shows the saved version beside yours, and you choose which to keep.
 */
export function DeliverableForm({
  incidentId,
  item,
  suggestedNumber,
  onDone,
}: {
  incidentId: string;
  item?: DeliverableView;
  suggestedNumber?: string;
  onDone: (notice: string) => void;
}) {
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(
    item ? pickDraft(item) : { number: suggestedNumber ?? "", title: "", link: "", notes: "", engineeringTime: "" },
  );
  const [version, setVersion] = useState(item?.version ?? 1);
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [conflict, setConflict] = useState<Saved | undefined>();
  const [pending, startTransition] = useTransition();
  const idp = item ? `dl-${item.id}` : "dl-new";

  function save(event: React.FormEvent) {
    event.preventDefault();
    const checked = DeliverableDraft.safeParse(draft);
    if (!checked.success) {
      setErrors(validationError(checked.error.issues).fields);
      setMessage("Some fields need attention.");
      return;
    }
    startTransition(async () => {
      const result = item
        ? await updateDeliverableAction({ ...draft, id: item.id, version })
        : await createDeliverableAction({ ...draft, incidentId });
      if (result.ok) {
        onDone(item ? `Deliverable ${draft.number} saved.` : `Deliverable ${draft.number} added.`);
        router.refresh();
        return;
      }
      setErrors(result.error.fields);
      setMessage(result.error.message);
      if (result.error.code === "CONFLICT" && result.error.details) {
        setConflict((result.error.details as { current: Saved }).current);
      }
    });
  }

  return (
    <form
      onSubmit={save}
      noValidate
      className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-700"
      aria-label={item ? `Edit deliverable ${item.number}` : "Add deliverable"}
    >
      {message && (
        <p role="alert" className="field-error">
          {message}
        </p>
      )}
      {conflict && (
        <div className="space-y-2">
          <div className="grid gap-2 md:grid-cols-2">
            <DraftSummary heading={`Their version (saved, v${conflict.version})`} draft={pickDraft(conflict)} />
            <DraftSummary heading="Your version (not saved)" draft={draft} />
          </div>
          <div className="flex gap-2">
            <button
              type="button"
              className="btn-secondary"
              onClick={() => {
                setDraft(pickDraft(conflict));
                setVersion(conflict.version);
                setConflict(undefined);
                setMessage(undefined);
                setErrors(undefined);
              }}
            >
              Use theirs
            </button>
            <button
              type="button"
              className="btn-secondary"
              onClick={() => {
                // Saving again now replaces their version with yours, knowingly.
                setVersion(conflict.version);
                setConflict(undefined);
                setMessage("Your text is kept in the form; save again to replace theirs.");
              }}
            >
              Keep mine
            </button>
          </div>
        </div>
      )}
      <div className="grid gap-3 md:grid-cols-2">
        {FIELDS.map(({ key, label, hint }) => {
          const id = `${idp}-${key}`;
          const describedBy = [hint ? `${id}-hint` : "", errors?.[key] ? `${id}-error` : ""].filter(Boolean).join(" ");
          const common = {
            id,
            name: key,
            className: "field-input",
            value: draft[key],
            "aria-invalid": Boolean(errors?.[key]),
            "aria-describedby": describedBy || undefined,
          };
          return (
            <div key={key} className={key === "title" || key === "notes" ? "md:col-span-2" : undefined}>
              <label className="field-label" htmlFor={id}>
                {label}
              </label>
              {key === "notes" ? (
                <textarea {...common} rows={3} onChange={(e) => setDraft({ ...draft, notes: e.target.value })} />
              ) : (
                <input
                  {...common}
                  type={key === "link" ? "url" : "text"}
                  inputMode={key === "link" ? "url" : undefined}
                  required={key === "number" || key === "title"}
                  onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
                />
              )}
              {hint && (
                <p id={`${id}-hint`} className="text-xs text-slate-500">
                  {hint}
                </p>
              )}
              {errors?.[key] && (
                <p id={`${id}-error`} className="field-error">
                  {errors[key].join(" ")}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : item ? "Save deliverable" : "Add deliverable"}
        </button>
        <button type="button" className="btn-secondary" onClick={() => onDone("")}>
          Cancel
        </button>
      </div>
    </form>
  );
}
