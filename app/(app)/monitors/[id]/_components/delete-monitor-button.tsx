"use client";

import { ConfirmDeleteButton } from "@/components/forms/confirm-delete-button";
import { deleteMonitorAction } from "../../monitor-actions";

export function DeleteMonitorButton({ id, name, samples }: { id: string; name: string; samples: number }) {
  return (
    <ConfirmDeleteButton
      label="Delete monitor…"
      question={
        <>
          Delete &ldquo;{name}&rdquo; with its {samples.toLocaleString("en-US")} samples, maintenance windows and links to
          incidents? The data can be imported again.
        </>
      }
      action={() => deleteMonitorAction(id)}
    />
  );
}
