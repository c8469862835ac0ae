"use client";

import { useState, useTransition, type ReactNode } from "react";
import type { ActionResult } from "@/lib/transport/action-result";

/**
 * Delete in two steps, so a stray click never removes evidence: the button asks `question`, then
 * Delete runs `action` (which redirects away when it went through) or Keep it steps back.
 */
export function ConfirmDeleteButton({
  label,
  question,
  action,
}: {
  /** The first button: "Delete run…". */
  label: string;
  question: ReactNode;
  action: () => Promise<ActionResult<unknown>>;
}) {
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  if (!confirming)
    return (
      <button type="button" className="btn-secondary text-red-700 dark:text-red-400" onClick={() => setConfirming(true)}>
        {label}
      </button>
    );
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label="Confirm deletion">
      <span>{question}</span>
      <button
        type="button"
        className="btn bg-red-600 text-white hover:bg-red-700"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await action();
            if (!result.ok) setMessage(result.error.message);
          })
        }
      >
        {pending ? "Deleting…" : "Delete"}
      </button>
      <button type="button" className="btn-secondary" onClick={() => setConfirming(false)}>
        Keep it
      </button>
      {message && (
        <p role="alert" className="field-error w-full">
          {message}
        </p>
      )}
    </div>
  );
}
