/**
 * What every block builder reads: the data, the audience and how charts are linked, plus display
 * helpers that keep the zone explicit (lib/time) and the wording the same across blocks.
 */
import type { RootContent } from "mdast";
import type { ExportChart, ExportData } from "@/lib/exports/export-data";
import type { TemplateAudience, TemplateDefinition, TemplateSection } from "@/lib/templates/types";
import { formatInZone, zoneAbbreviation } from "@/lib/time/zones";
import { INCIDENT_STATUS_LABELS, humanize, severityCode, type IncidentStatus } from "@/lib/incidents/constants";

export type ChartLinks =
  /** charts/01-x.png as in the zip */
  | { kind: "relative" }
  | { kind: "absolute"; urlFor: (chart: ExportChart) => string }
  /** alt text + caption only */
  | { kind: "none" };

export type RenderContext = {
  data: ExportData;
  template: TemplateDefinition;
  audience: TemplateAudience;
  /** False for customer-facing documents: no internal sections, no names of people, no internal details. */
  internal: boolean;
  chartLinks: ChartLinks;
  zone: string;
  chartsById: Map<string, ExportChart>;
};

export type DataSection = Extract<TemplateSection, { kind: "data" }>;

/** Builds the body of one data block (without its section heading); sub-headings start at `depth`. */
export type BlockBuilder = (ctx: RenderContext, section: DataSection, depth: number) => RootContent[];

/** "2026-06-09 14:04 CEST": the abbreviation of that instant, so CEST and CET are each right. */
export function formatInstant(iso: string, zone: string, pattern = "yyyy-MM-dd HH:mm"): string {
  const instant = new Date(iso);
  return `${formatInZone(instant, zone, pattern)} ${abbreviationAt(instant, zone)}`;
}

const QUARTER_HOUR_MS = 15 * 60_000;
const abbreviations = new Map<string, string>();

/**
 * zoneAbbreviation builds two Intl formatters per call, too slow for 500 timeline rows. Zones change
 * offset on quarter-hour boundaries, so the name is cached per zone and quarter hour.
 */
export function abbreviationAt(instant: Date, zone: string): string {
  const key = `${zone} ${Math.floor(instant.getTime() / QUARTER_HOUR_MS)}`;
  let name = abbreviations.get(key);
  if (name === undefined) {
    if (abbreviations.size > 10_000) abbreviations.clear();
    name = zoneAbbreviation(instant, zone);
    abbreviations.set(key, name);
  }
  return name;
}

export function formatDate(iso: string, zone: string): string {
  return formatInZone(new Date(iso), zone, "yyyy-MM-dd");
}

export function severityLabel(level: number, name?: string): string {
  // "SEV1 (Critical)", but never "SEV1 (SEV1)" when the level's name is its code.
  const code = severityCode(level);
  return name && name.trim() !== code ? `${code} (${name})` : code;
}

export function incidentStatusLabel(status: string): string {
  return INCIDENT_STATUS_LABELS[status as IncidentStatus] ?? humanize(status);
}

const ACTION_STATUS_LABELS: Record<string, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  wont_do: "Won't do",
};

export function actionStatusLabel(status: string): string {
  return ACTION_STATUS_LABELS[status] ?? humanize(status);
}

export function label(value: string): string {
  return humanize(value);
}

const COUNT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return COUNT.format(value);
}
