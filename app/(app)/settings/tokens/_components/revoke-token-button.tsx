"use client";

import { useState, useTransition } from "react";
import { revokeApiTokenAction } from "../actions";

/** Two clicks, because a revoked token cannot be brought back. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();

  function revoke() {
    startTransition(async () => {
      const result = await revokeApiTokenAction({ tokenId });
      if (result.ok) setError(undefined);
      else setError(result.error.message);
      setConfirming(false);
    });
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {confirming ? (
        <>
          <button
            type="button"
            className="btn-primary px-3 py-1"
            disabled={pending}
            onClick={revoke}
            aria-label={`Confirm revoking ${name}`}
          >
            {pending ? "Revoking…" : "Confirm revoke"}
          </button>
          <button type="button" className="btn-secondary px-3 py-1" disabled={pending} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </>
      ) : (
        <button
          type="button"
          className="btn-secondary px-3 py-1"
          onClick={() => setConfirming(true)}
          aria-label={`Revoke ${name}`}
        >
          Revoke
        </button>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
