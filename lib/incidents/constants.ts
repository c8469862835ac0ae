/** Prisma-free enum tuples and labels, usable by client components. */
export const INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

export const SEVERITY_LEVELS = [1, 2, 3, 4, 5] as const;
export const severityCode = (level: number) => `SEV${level}`;

export const INCIDENT_ROLE_KINDS = ["commander", "communications", "scribe", "technical_lead", "subject_expert"] as const;
export type IncidentRoleKind = (typeof INCIDENT_ROLE_KINDS)[number];
export const INCIDENT_ROLE_LABELS: Record<IncidentRoleKind, string> = {
  commander: "Incident commander",
  communications: "Communications lead",
  scribe: "Scribe",
  technical_lead: "Technical lead",
  subject_expert: "Subject-matter expert",
};

export const TIMELINE_KINDS = ["detection", "escalation", "action", "communication", "mitigation", "resolution", "note"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const ROOT_CAUSE_CATEGORIES = [
  "capacity",
  "configuration",
  "deployment",
  "dependency",
  "hardware",
  "software_bug",
  "monitoring_gap",
  "process",
  "human_factors",
  "other",
] as const;

export const ACTION_TYPES = ["prevent", "detect", "mitigate", "process"] as const;
export const ACTION_PRIORITIES = ["p0", "p1", "p2", "p3"] as const;
export const ACTION_STATUSES = ["open", "in_progress", "done", "wont_do"] as const;
export const REVIEW_STATUSES = ["draft", "in_review", "approved", "published"] as const;

export const humanize = (value: string) => value.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
