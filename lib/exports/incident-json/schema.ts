/**
 * The lossless JSON export of one incident (format "hindsight-incident", version 1): everything
 * written about it, so an import into another database recreates it with identical domain content.
 *
 * Database ids never appear. Records carry export-local references ("event:3", "chart:1",
 * "section:summary"), people are e-mail addresses, services, teams and templates are named by
 * name or key. References inside free JSON (revision snapshots, image sources in narrative
 * sections) use the same strings: `user:<e-mail>`, `service:<name>`, `team:<name>`,
 * `template:<key>`, `incident`, `postmortem`, and `gone:<n>` for records that were deleted but
 * still have history. Lists are in a content-based order, so two exports of equal incidents are
 * equal apart from `exportedAt` and the incident number (see comparableIncidentJson).
 */
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import {
  ACTION_PRIORITIES,
  ACTION_STATUSES,
  ACTION_TYPES,
  INCIDENT_ROLE_KINDS,
  INCIDENT_STATUSES,
  REVIEW_STATUSES,
  ROOT_CAUSE_CATEGORIES,
  TIMELINE_KINDS,
} from "@/lib/incidents/constants";
import { METRIC_UNITS } from "@/lib/metrics/units";
import { TEMPLATE_AUDIENCES, templateSectionsSchema } from "@/lib/templates/types";

export const INCIDENT_JSON_FORMAT = "hindsight-incident";
export const INCIDENT_JSON_VERSION = 1;

/** Reference of the incident itself and of its postmortem inside snapshots. */
export const INCIDENT_REF = "incident";
export const POSTMORTEM_REF = "postmortem";
/** Prefixes of references to things outside the incident, matched by name in the target database. */
export const USER_REF = "user:";
export const SERVICE_REF = "service:";
export const TEAM_REF = "team:";
export const TEMPLATE_REF = "template:";
/** A deleted record that still has revisions: the import gives it a fresh id so its history stays restorable. */
export const GONE_REF = "gone:";
export const sectionRef = (key: string) => `section:${key}`;

const Time = z.iso.datetime({ offset: true, message: "Expected an ISO 8601 time such as 2026-05-12T17:00:00.000Z" });
const Day = z.iso.date("Expected a date such as 2026-05-12");
const Text = z.string();
/** Integer columns are 32-bit: a larger number would fail halfway through the import's writes. */
const Int = z.number().int().min(-2147483648).max(2147483647);
const Count = Int.nonnegative();
const Version = Int.positive();
/** An e-mail address listed in `people`. */
const Person = z
  .string()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, "Expected the e-mail address of someone in people");
const Ref = z.string().min(1, "Expected a reference such as event:1").max(300);
const Base64 = z.base64("Expected base64 data");
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "Expected a hex SHA-256");
const JsonValue = z.json();
const JsonObject = z.record(z.string(), JsonValue);

export const PersonJson = z.object({
  email: Person,
  name: Text,
  /** The person's role where the export was made; an import never grants it (unknown people come in as inactive viewers). */
  role: z.enum(ROLES),
  active: z.boolean(),
});

export const IncidentLinkJson = z.object({
  /** outgoing: this incident links to the other one; incoming: the other one links here. */
  direction: z.enum(["outgoing", "incoming"]),
  number: Int.positive(),
  title: Text,
  note: Text,
  createdAt: Time,
});

export const IncidentBodyJson = z.object({
  /** The number where the export was made; an import always gives a new one. */
  number: Int.positive(),
  title: Text,
  severity: Int,
  status: z.enum(INCIDENT_STATUSES),
  summary: Text,
  customerImpact: Text,
  usersAffectedPct: z.number().nullable(),
  tags: z.array(Text),
  restricted: z.boolean(),
  timeZone: Text,
  startedAt: Time,
  detectedAt: Time.nullable(),
  mitigatedAt: Time.nullable(),
  resolvedAt: Time.nullable(),
  version: Version,
  createdBy: Person.nullable(),
  createdAt: Time,
  updatedAt: Time,
  observedPeakRps: z.number().nullable(),
  observedPeakUsers: Int.nullable(),
  observedLoadNote: Text,
  observedLoadVersion: Version,
  services: z.array(z.object({ name: Text.min(1), description: Text, team: Text.nullable() })),
  /** Who may see it when restricted. */
  members: z.array(Person),
  roles: z.array(z.object({ role: z.enum(INCIDENT_ROLE_KINDS), person: Person })),
  links: z.array(IncidentLinkJson),
});

export const SeverityLevelJson = z.object({ level: Int, name: Text, description: Text });

/** The template version the postmortem is written with, whole, so an import can recreate it. */
export const TemplateJson = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, "Expected a template key"),
  name: Text,
  description: Text,
  audience: z.enum(TEMPLATE_AUDIENCES),
  builtIn: z.boolean(),
  version: Version,
  sections: templateSectionsSchema,
});

export const PostmortemSectionJson = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, "Expected a section key"),
  title: Text,
  position: Int,
  /**
   * TipTap document JSON; images point at `/api/v1/attachments/attachment:<n>`. Checked against the
   * editor's node schema once those references are replaced by the new attachments' ids.
   */
  content: JsonObject,
  version: Int.nonnegative(),
  updatedBy: Person.nullable(),
  createdAt: Time,
  updatedAt: Time,
});

export const PostmortemJson = z.object({
  /** The pinned template version; null when the postmortem follows the template's latest. */
  templateVersion: Version.nullable(),
  fields: JsonObject,
  status: z.enum(REVIEW_STATUSES),
  version: Version,
  submittedAt: Time.nullable(),
  approvedAt: Time.nullable(),
  approvedBy: Person.nullable(),
  publishedAt: Time.nullable(),
  createdAt: Time,
  updatedAt: Time,
  sections: z.array(PostmortemSectionJson),
});

export const TimelineEventJson = z.object({
  ref: Ref,
  occurredAt: Time,
  precision: z.enum(["day", "minute", "second"]),
  kind: z.enum(TIMELINE_KINDS),
  text: Text,
  author: Person.nullable(),
  source: Text,
  version: Version,
  createdAt: Time,
  updatedAt: Time,
});

export const RootCauseJson = z.object({
  ref: Ref,
  position: Int,
  category: z.enum(ROOT_CAUSE_CATEGORIES),
  description: Text,
  whys: z.array(Text),
  isTrigger: z.boolean(),
  /** Reference of one of `metricCharts`. */
  metricChart: Ref.nullable(),
  version: Version,
  createdAt: Time,
  updatedAt: Time,
  factors: z.array(z.object({ position: Int, description: Text })),
});

export const ActionItemJson = z.object({
  ref: Ref,
  title: Text,
  description: Text,
  type: z.enum(ACTION_TYPES),
  priority: z.enum(ACTION_PRIORITIES),
  status: z.enum(ACTION_STATUSES),
  owner: Person.nullable(),
  dueDate: Day.nullable(),
  trackerUrl: Text.nullable(),
  completedAt: Time.nullable(),
  version: Version,
  createdAt: Time,
  updatedAt: Time,
});

export const CommentJson = z.object({
  ref: Ref,
  /** Reference of the comment this one replies to. */
  parent: Ref.nullable(),
  /** Whether the comment was made on the postmortem (rather than on the incident before it had one). */
  onPostmortem: z.boolean(),
  sectionKey: z.string().max(60).nullable(),
  author: Person.nullable(),
  body: Text,
  resolvedAt: Time.nullable(),
  createdAt: Time,
  updatedAt: Time,
});

export const AttachmentJson = z.object({
  ref: Ref,
  fileName: Text,
  contentType: Text,
  size: Count,
  sha256: Sha256,
  /** The file's bytes. */
  data: Base64,
  createdBy: Person.nullable(),
  createdAt: Time,
});

export const MetricSeriesJson = z.object({
  ref: Ref,
  position: Int,
  name: Text,
  unit: z.enum(METRIC_UNITS),
  source: Text,
  format: Text,
  labels: JsonObject,
  pointCount: Count,
  firstAt: Time.nullable(),
  lastAt: Time.nullable(),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  gapCount: Count,
  infiniteCount: Count,
  /** SHA-256 of `points` as decoded: the snapshot's fingerprint, checked on import. */
  sha256: Sha256,
  version: Version,
  createdBy: Person.nullable(),
  createdAt: Time,
  updatedAt: Time,
  /** The raw points bit for bit: little-endian float64, all times (epoch ms) then all values. */
  points: Base64,
});

export const MetricChartJson = z.object({
  ref: Ref,
  title: Text,
  kind: z.enum(["line", "bar"]),
  position: Int,
  caption: Text,
  version: Version,
  createdBy: Person.nullable(),
  createdAt: Time,
  updatedAt: Time,
  series: z.array(MetricSeriesJson),
});

const Figure = z.number().nullable();

export const LoadTestLabelJson = z.object({
  position: Int,
  label: Text,
  isTotal: z.boolean(),
  parentLabel: Text.nullable(),
  count: Count,
  errors: Count,
  min: Figure,
  mean: Figure,
  max: Figure,
  stddev: Figure,
  p50: Figure,
  p75: Figure,
  p90: Figure,
  p95: Figure,
  p99: Figure,
  p999: Figure,
  otherPercentiles: JsonValue,
  throughput: Figure,
  receivedBytes: Figure,
  sentBytes: Figure,
  sources: JsonValue,
});

/** A linked run, whole: an import always creates a new run (runs are shared evidence, not matched across databases). */
export const LoadTestRunJson = z.object({
  ref: Ref,
  name: Text,
  tool: Text,
  format: Text,
  startedAt: Time.nullable(),
  endedAt: Time.nullable(),
  environment: JsonValue,
  notes: Text,
  journal: JsonValue,
  statisticsSource: Text,
  histogramErrorPct: Figure,
  bucketSeconds: Int.nullable(),
  series: JsonValue,
  loadProfile: JsonValue,
  thresholds: JsonValue,
  warnings: JsonValue,
  sourceFiles: JsonValue,
  version: Version,
  createdBy: Person.nullable(),
  createdAt: Time,
  updatedAt: Time,
  labels: z.array(LoadTestLabelJson),
  /** The incident's link to the run. */
  link: z.object({ note: Text, createdBy: Person.nullable(), createdAt: Time }),
});

export const DeliverableJson = z.object({
  ref: Ref,
  position: Int,
  number: Text,
  title: Text,
  link: Text,
  notes: Text,
  engineeringTime: Text,
  version: Version,
  createdAt: Time,
  updatedAt: Time,
});

export const RevisionJson = z.object({
  entityType: z.string().min(1).max(60),
  /** Reference of the record this is a version of (`gone:<n>` when it has been deleted). */
  entity: Ref,
  version: Int,
  author: Person.nullable(),
  /** The record as saved, with ids replaced by references. */
  snapshot: JsonValue,
  createdAt: Time,
});

/** Checked first, so a file of another kind gets one clear message instead of a list of every missing field. */
export const IncidentJsonHeader = z.object({
  format: z.literal(INCIDENT_JSON_FORMAT, `Not a Hindsight incident export: "format" must be "${INCIDENT_JSON_FORMAT}"`),
  version: z.literal(
    INCIDENT_JSON_VERSION,
    `This Hindsight reads incident exports of version ${INCIDENT_JSON_VERSION}; export the incident again with a matching version`,
  ),
});

export const IncidentJsonSchema = IncidentJsonHeader.extend({
  exportedAt: Time,
  /** Everyone the incident mentions, by e-mail. */
  people: z.array(PersonJson),
  severityLevel: SeverityLevelJson,
  incident: IncidentBodyJson,
  template: TemplateJson.nullable(),
  postmortem: PostmortemJson.nullable(),
  timelineEvents: z.array(TimelineEventJson),
  rootCauses: z.array(RootCauseJson),
  actionItems: z.array(ActionItemJson),
  comments: z.array(CommentJson),
  attachments: z.array(AttachmentJson),
  metricCharts: z.array(MetricChartJson),
  loadTestRuns: z.array(LoadTestRunJson),
  deliverables: z.array(DeliverableJson),
  revisions: z.array(RevisionJson),
});

export type IncidentJson = z.output<typeof IncidentJsonSchema>;
export type Json = z.output<typeof JsonValue>;
export type PersonJson = z.output<typeof PersonJson>;
export type TemplateJson = z.output<typeof TemplateJson>;
export type PostmortemJson = z.output<typeof PostmortemJson>;
export type TimelineEventJson = z.output<typeof TimelineEventJson>;
export type RootCauseJson = z.output<typeof RootCauseJson>;
export type ActionItemJson = z.output<typeof ActionItemJson>;
export type CommentJson = z.output<typeof CommentJson>;
export type AttachmentJson = z.output<typeof AttachmentJson>;
export type MetricChartJson = z.output<typeof MetricChartJson>;
export type MetricSeriesJson = z.output<typeof MetricSeriesJson>;
export type LoadTestRunJson = z.output<typeof LoadTestRunJson>;
export type DeliverableJson = z.output<typeof DeliverableJson>;
export type RevisionJson = z.output<typeof RevisionJson>;
export type IncidentLinkJson = z.output<typeof IncidentLinkJson>;
