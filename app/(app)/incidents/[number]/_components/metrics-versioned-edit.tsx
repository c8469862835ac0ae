"use client";

/**
 * What the chart and series edit forms share: validate with the shared zod schema, save with the
 * record's version, and on a stale save show theirs and yours instead of overwriting.
 */
import { useState, useTransition, type ReactNode } from "react";
import type { z } from "zod";
import { validationError } from "@/lib/errors";
import type { ActionResult } from "@/lib/transport/action-result";
import { firstErrors } from "./metrics-display";

export function useVersionedEdit<Input, Current>({
  schema,
  inputFor,
  action,
  onSaved,
}: {
  schema: z.ZodType;
  inputFor: (version: number) => Input;
  action: (input: Input) => Promise<ActionResult<unknown>>;
  onSaved: () => void;
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ current: Current & { version: number } } | null>(null);
  const [pending, startTransition] = useTransition();

  function save(version: number) {
    const input = inputFor(version);
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      setErrors(firstErrors(validationError(parsed.error.issues).fields));
      return;
    }
    setErrors({});
    setFailure(null);
    startTransition(async () => {
      const result = await action(input);
      if (result.ok) {
        setConflict(null);
        onSaved();
        return;
      }
      if (result.error.code === "CONFLICT") {
        setConflict(result.error.details as { current: Current & { version: number } });
        return;
      }
      setErrors(firstErrors(result.error.fields));
      setFailure(result.error.message);
    });
  }

  return { errors, failure, conflict, pending, save };
}

/** The failure line, the stale-save choice and the form's buttons. */
export function VersionedEditFooter({
  what,
  failure,
  conflict,
  pending,
  onKeepTheirs,
  onSaveMine,
  onCancel,
}: {
  what: "chart" | "series";
  failure: string | null;
  conflict: { theirs: ReactNode; yours: ReactNode } | null;
  pending: boolean;
  onKeepTheirs: () => void;
  onSaveMine: () => void;
  onCancel: () => void;
}) {
  return (
    <>
      {failure && (
        <p role="alert" className="field-error">
          {failure}
        </p>
      )}
      {conflict && (
        <div role="alert" className="space-y-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm dark:bg-amber-950">
          <p className="font-medium">Someone else saved this {what} while you were editing. Nothing was lost.</p>
          <dl className="grid grid-cols-[6rem_1fr] gap-1">
            <dt className="font-medium">Theirs</dt>
            <dd>{conflict.theirs}</dd>
            <dt className="font-medium">Yours</dt>
            <dd>{conflict.yours}</dd>
          </dl>
          <div className="flex gap-2">
            <button type="button" className="btn-secondary" onClick={onKeepTheirs}>
              Keep theirs
            </button>
            <button type="button" className="btn-primary" disabled={pending} onClick={onSaveMine}>
              Save mine over theirs
            </button>
          </div>
        </div>
      )}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          Save {what}
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
