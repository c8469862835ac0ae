/**
 * Which zone an incident's times are shown in: its own or UTC. One small store per page, so the
 * timeline's toggle and the metric charts' toggle flip together; kept for the tab's session.
 */
import { useCallback, useSyncExternalStore } from "react";

export type ZoneChoice = "incident" | "utc";

const choices = new Map<number, ZoneChoice>();
const listeners = new Set<() => void>();

const storageKey = (incidentNumber: number) => `hindsight.zone.incident-${incidentNumber}`;

export function getZoneChoice(incidentNumber: number): ZoneChoice {
  const known = choices.get(incidentNumber);
  if (known) return known;
  let stored: ZoneChoice = "incident";
  try {
    if (typeof sessionStorage !== "undefined" && sessionStorage.getItem(storageKey(incidentNumber)) === "utc") stored = "utc";
  } catch {
    // Storage switched off (private mode, policies): the choice lasts until the page is left.
  }
  choices.set(incidentNumber, stored);
  return stored;
}

export function setZoneChoice(incidentNumber: number, choice: ZoneChoice): void {
  choices.set(incidentNumber, choice);
  try {
    if (typeof sessionStorage !== "undefined") sessionStorage.setItem(storageKey(incidentNumber), choice);
  } catch {
    // As above: kept in memory only.
  }
  for (const listener of listeners) listener();
}

export function subscribeToZoneChoice(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The zone a choice stands for: the incident's IANA zone, or UTC. */
export function zoneOf(choice: ZoneChoice, incidentZone: string): string {
  return choice === "utc" ? "UTC" : incidentZone;
}

/** The reader's choice for this incident and a setter; the server (and hydration) render the incident's zone. */
export function useZoneChoice(incidentNumber: number): [ZoneChoice, (choice: ZoneChoice) => void] {
  const choice = useSyncExternalStore(
    subscribeToZoneChoice,
    () => getZoneChoice(incidentNumber),
    (): ZoneChoice => "incident",
  );
  const set = useCallback((next: ZoneChoice) => setZoneChoice(incidentNumber, next), [incidentNumber]);
  return [choice, set];
}
