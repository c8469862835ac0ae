/**
 * Two exports of the same incident from different databases differ only where they must: when they
 * were made, the incident's number (an import always gets a new one) and, for people, the role and
 * active flag they have in each database (an import creates unknown people as inactive viewers).
 * This drops exactly those, so `comparableIncidentJson(a)` deep-equals `comparableIncidentJson(b)`
 * when the domain content is identical. Database ids never appear in an export to begin with.
 */
import type { IncidentJson } from "@/lib/exports/incident-json/schema";

export type ComparableIncidentJson = Omit<IncidentJson, "exportedAt" | "incident" | "people" | "revisions"> & {
  incident: Omit<IncidentJson["incident"], "number">;
  people: { email: string; name: string }[];
  revisions: IncidentJson["revisions"];
};

export function comparableIncidentJson(json: IncidentJson): ComparableIncidentJson {
  const { exportedAt: _exportedAt, incident, people, revisions, ...rest } = json;
  const { number: _number, ...incidentRest } = incident;
  return {
    ...rest,
    incident: incidentRest,
    people: people.map((p) => ({ email: p.email, name: p.name })),
    // An incident's snapshots carry its number too.
    revisions: revisions.map((r) => {
      const s = r.snapshot;
      if (r.entityType !== "Incident" || s === null || typeof s !== "object" || Array.isArray(s) || !("number" in s)) return r;
      const { number: _n, ...snapshot } = s;
      return { ...r, snapshot };
    }),
  };
}
