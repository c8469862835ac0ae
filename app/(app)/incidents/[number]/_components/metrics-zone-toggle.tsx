"use client";

import { useZoneChoice } from "@/components/time/zone-choice";

/** The Metrics section's own "Show UTC" button; it flips the timeline too (one choice per incident). */
export function MetricsZoneToggle({
  incidentNumber,
  incidentZone,
  incidentLabel,
}: {
  incidentNumber: number;
  incidentZone: string;
  incidentLabel: string;
}) {
  const [choice, setChoice] = useZoneChoice(incidentNumber);
  const utc = choice === "utc";
  return (
    <div className="flex flex-wrap items-center gap-3">
      <p id="metrics-zone" className="text-sm text-slate-500" aria-live="polite">
        {utc ? "Times in UTC" : incidentLabel}
      </p>
      {incidentZone !== "UTC" && (
        <button
          type="button"
          className="btn-secondary"
          aria-pressed={utc}
          aria-describedby="metrics-zone"
          onClick={() => setChoice(utc ? "incident" : "utc")}
        >
          Show UTC
        </button>
      )}
    </div>
  );
}
