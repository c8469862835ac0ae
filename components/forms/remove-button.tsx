"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/transport/action-result";
import { FormError } from "@/components/forms/field";

/**
 * A small red text button that runs one server action (unlink, delete a row), says so while it
 * runs, refreshes the page when it went through, and shows the refusal otherwise.
 */
export function RemoveButton({
  label,
  pendingLabel,
  accessibleName,
  action,
}: {
  label: string;
  pendingLabel: string;
  /** Names what goes, for assistive technology: "Unlink Checkout probe". */
  accessibleName: string;
  action: () => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | undefined>();

  function run() {
    setError(undefined);
    startTransition(async () => {
      const result = await action();
      if (result.ok) router.refresh();
      else setError(result.error.message);
    });
  }

  return (
    <>
      <button
        type="button"
        className="text-sm text-red-700 underline disabled:opacity-50 dark:text-red-400"
        onClick={run}
        disabled={pending}
        aria-label={accessibleName}
      >
        {pending ? pendingLabel : label}
      </button>
      <FormError message={error} />
    </>
  );
}
