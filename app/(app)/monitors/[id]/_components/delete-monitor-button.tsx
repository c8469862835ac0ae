"use client";

import { useState, useTransition } from "react";
import { deleteMonitorAction } from "../../monitor-actions";

/** Two steps, so a stray click never removes evidence. */
export function DeleteMonitorButton({ id, name, samples }: { id: string; name: string; samples: number }) {
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  if (!confirming)
    return (
      <button type="button" className="btn-secondary text-red-700 dark:text-red-400" onClick={() => setConfirming(true)}>
        Delete monitor…
      </button>
    );
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label="Confirm deletion">
      <span>
        Delete &ldquo;{name}&rdquo; with its {samples.toLocaleString("en-US")} samples, maintenance windows and links to
        incidents? The data can be imported again.
      </span>
      <button
        type="button"
        className="btn bg-red-600 text-white hover:bg-red-700"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await deleteMonitorAction(id);
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
