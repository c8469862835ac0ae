"use client";

import { ConfirmDeleteButton } from "@/components/forms/confirm-delete-button";
import { deleteLoadTestRunAction } from "../actions";

export function DeleteRunButton({ id, name }: { id: string; name: string }) {
  return (
    <ConfirmDeleteButton
      label="Delete run…"
      question={<>Delete &ldquo;{name}&rdquo; and its links to incidents? The files can be imported again.</>}
      action={() => deleteLoadTestRunAction(id)}
    />
  );
}
