/**
 * Everything a postmortem document is rendered from, as plain JSON: the loader (load-export-data.ts)
 * reads it once from the database, the renderers (Markdown, HTML) never touch the database, and
 * golden-file tests feed them a fixed value. Times are ISO 8601 UTC strings; the incident's zone
 * says how to show them. People are display names; customer-facing renders replace them.
 */
import type { JSONContent } from "@tiptap/core";
import type { UptimeReport } from "@/lib/uptime/compute/types";

export type ExportChart = {
  id: string;
  title: string;
  caption: string;
  /** Path inside an export zip, also the name of the PNG: "charts/01-api-latency.png". */
  fileName: string;
  /** Text alternative: what the chart shows (lib/charts/describe.ts). */
  alt: string;
};

export type ExportStatistics = {
  label: string;
  count: number;
  errors: number;
  errorPct: number | null;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  /** Requests per second. */
  throughput: number | null;
};

export type ExportLoadTestRun = {
  id: string;
  name: string;
  /** "JMeter", "k6", … */
  tool: string;
  startedAt: string | null;
  endedAt: string | null;
  notes: string;
  /** The run's setup as ordered key/value pairs (threads, ramp-up, host, …). */
  environment: [string, string][];
  /** Load-test journal entry written for this run. */
  journal: { changes: string; nextUp: string; notDoing: string; thoughts: string };
  total: ExportStatistics;
  labels: ExportStatistics[];
  /** One sentence: the highest rate held within the SLO, or why none can be given. */
  capacity: string | null;
  /** The note on the incident's link to this run. */
  linkNote: string;
};

export type ExportData = {
  /** When the export was made (fixed in golden files). */
  exportedAt: string;
  incident: {
    number: number;
    title: string;
    severity: { level: number; name: string };
    status: string;
    summary: string;
    customerImpact: string;
    usersAffectedPct: number | null;
    tags: string[];
    restricted: boolean;
    timeZone: string;
    startedAt: string;
    detectedAt: string | null;
    mitigatedAt: string | null;
    resolvedAt: string | null;
    services: string[];
    /** "Incident commander" → person, in role order. */
    roles: { role: string; person: string }[];
  };
  timeline: { occurredAt: string; precision: "day" | "minute" | "second"; kind: string; text: string; author: string | null }[];
  rootCauses: {
    position: number;
    category: string;
    description: string;
    whys: string[];
    isTrigger: boolean;
    factors: string[];
    /** The metric chart linked to this cause, if any (one of `charts`). */
    chartId: string | null;
  }[];
  actions: {
    title: string;
    description: string;
    type: "prevent" | "detect" | "mitigate" | "process";
    priority: string;
    status: string;
    owner: string | null;
    /** YYYY-MM-DD */
    dueDate: string | null;
    trackerUrl: string | null;
    completedAt: string | null;
  }[];
  /** Narrative sections by key: title as written and TipTap document JSON. */
  narrative: Record<string, { title: string; content: JSONContent }>;
  postmortem: {
    status: string;
    templateKey: string | null;
    templateVersion: number | null;
    fields: { applicationLink?: string; milestoneNumber?: string };
    approvedBy: string | null;
    approvedAt: string | null;
    publishedAt: string | null;
  } | null;
  charts: ExportChart[];
  loadTests: {
    runs: ExportLoadTestRun[];
    observed: { peakRps: number | null; peakUsers: number | null; note: string };
  };
  deliverables: { number: string; title: string; link: string; notes: string; engineeringTime: string }[];
  /**
   * Uptime of the monitors linked to the incident or watching its services, over the report period
   * (the incident's window widened to whole days; a grant report's milestone period). Null when no
   * monitor applies; the block says so.
   */
  uptime: UptimeReport | null;
  /** Incidents linked from this one (the grant report's incident summaries). */
  relatedIncidents: {
    number: number;
    title: string;
    severity: number;
    status: string;
    startedAt: string;
    resolvedAt: string | null;
    summary: string;
  }[];
};
