import type { getIncidentForUser } from "@/lib/incidents/get-incident";

/** The incident as the workspace page loads it; sections take the parts they show. */
export type WorkspaceIncident = Awaited<ReturnType<typeof getIncidentForUser>>;
export type SectionProps = { incident: WorkspaceIncident; canEdit: boolean };
