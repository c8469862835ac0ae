"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { unlinkLoadTestRunAction } from "../load-test-actions";

export function LoadTestUnlinkButton({
  incidentNumber,
  runId,
  runName,
}: {
  incidentNumber: number;
  runId: string;
  runName: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | undefined>();

  function unlink() {
    setError(undefined);
    startTransition(async () => {
      const result = await unlinkLoadTestRunAction({ incidentNumber, runId });
      if (result.ok) router.refresh();
      else setError(result.error.message);
    });
  }

  return (
    <>
      <button
        type="button"
        className="text-sm text-red-700 underline disabled:opacity-50 dark:text-red-400"
        onClick={unlink}
        disabled={pending}
        aria-label={`Unlink ${runName}`}
      >
        {pending ? "Unlinking…" : "Unlink"}
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </>
  );
}
