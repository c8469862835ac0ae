"use client";

import { RemoveButton } from "@/components/forms/remove-button";
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
  return (
    <RemoveButton
      label="Unlink"
      pendingLabel="Unlinking…"
      accessibleName={`Unlink ${runName}`}
      action={() => unlinkLoadTestRunAction({ incidentNumber, runId })}
    />
  );
}
