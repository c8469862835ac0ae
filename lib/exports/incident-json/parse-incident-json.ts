/**
 * Everything an import checks and computes before it opens a transaction: the JSON parsed and
 * validated (every problem named by its JSON path), references resolved within the file, new ids
 * chosen, attachments and metric points decoded and checked against their SHA-256, point blocks
 * built. No database access, so a bad file is refused before anything is written.
 */
import { createHash, randomUUID } from "node:crypto";
import { AppError, type FieldErrors } from "@/lib/errors";
import { sniffImageType } from "@/lib/attachments/sniff";
import { MAX_ATTACHMENT_BYTES } from "@/lib/attachments/constants";
import { TipTapDocSchema, type TipTapDoc } from "@/lib/postmortems/content-schema";
import { buildSeriesChunks, decodeChunk, pointsSha256, summarizePoints, type SeriesChunk } from "@/lib/metrics/point-store";
import {
  GONE_REF,
  INCIDENT_REF,
  IncidentJsonHeader,
  IncidentJsonSchema,
  POSTMORTEM_REF,
  sectionRef,
  type IncidentJson,
} from "@/lib/exports/incident-json/schema";
import { mapReferences, type JsonValue } from "@/lib/exports/incident-json/references";

type Issue = { path: PropertyKey[]; message: string };

/** Issues shown in the error's message; all of them are in its fields. */
const ISSUES_IN_MESSAGE = 3;

export function incidentJsonError(issues: Issue[]): AppError {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  const shown = Object.entries(fields)
    .slice(0, ISSUES_IN_MESSAGE)
    .map(([path, messages]) => (path === "_" ? messages[0] : `${path}: ${messages[0]}`));
  const more = Object.keys(fields).length - shown.length;
  const message = `This is not a valid incident export. ${shown.join("; ")}${more > 0 ? ` (and ${more} more)` : ""}.`;
  return new AppError("VALIDATION", message, fields);
}

export type PreparedSeries = { chunks: SeriesChunk[]; summary: ReturnType<typeof summarizePoints> };

export type PreparedIncidentJson = {
  file: IncidentJson;
  /** Reference in the file → the id its record gets in the target database. */
  ids: Map<string, string>;
  attachments: Map<string, Buffer>;
  series: Map<string, PreparedSeries>;
  /** Narrative sections by key, images pointing at the new attachments, checked against the editor's schema. */
  sectionContents: Map<string, TipTapDoc>;
  /** Things the importer should know that do not stop the import. */
  notes: string[];
};

function parseText(input: unknown): unknown {
  const text = typeof input === "string" ? input : input instanceof Uint8Array ? Buffer.from(input).toString("utf8") : null;
  if (text === null) return input;
  try {
    return JSON.parse(text);
  } catch (e) {
    // A file cut short ends in "Unexpected end of JSON input"; say so rather than leave people guessing.
    const reason = e instanceof Error ? e.message : String(e);
    throw incidentJsonError([{ path: [], message: `The file is not valid JSON (is it complete?): ${reason}` }]);
  }
}

/** Parses and checks a file (JSON text, bytes or an already parsed value); throws VALIDATION naming every problem. */
export function prepareIncidentJson(input: unknown): PreparedIncidentJson {
  const value = parseText(input);
  const header = IncidentJsonHeader.safeParse(value);
  if (!header.success) {
    const issues = value !== null && typeof value === "object" && !Array.isArray(value) ? header.error.issues : [];
    throw incidentJsonError(
      issues.length ? issues : [{ path: [], message: "Expected a JSON object made by an incident export" }],
    );
  }
  const parsed = IncidentJsonSchema.safeParse(value);
  if (!parsed.success) throw incidentJsonError(parsed.error.issues);
  const nul = nulCharacters(parsed.data);
  if (nul.length > 0) throw incidentJsonError(nul);
  const file = parsed.data;
  const issues: Issue[] = [];
  const notes: string[] = [];

  checkPeople(file, issues);
  const ids = assignIds(file, issues);
  checkReferences(file, ids, issues);
  const attachments = decodeAttachments(file, issues);
  const series = decodeSeries(file, issues);
  const sectionContents = new Map<string, TipTapDoc>();
  for (const [i, section] of (file.postmortem?.sections ?? []).entries()) {
    const content = mapReferences(section.content as JsonValue, {
      id: (v) => v,
      attachment: (ref) => {
        const id = ids.get(ref);
        if (id && ref.startsWith("attachment:")) return id;
        notes.push(`An image in the section "${section.title}" points at a file that is not in the export; it stays broken.`);
        return null;
      },
    });
    const doc = TipTapDocSchema.safeParse(content);
    if (doc.success) sectionContents.set(section.key, doc.data);
    else
      for (const issue of doc.error.issues)
        issues.push({ ...issue, path: ["postmortem", "sections", i, "content", ...issue.path] });
  }
  if (issues.length > 0) throw incidentJsonError(issues);
  return { file, ids, attachments, series, sectionContents, notes };
}

/** PostgreSQL text and jsonb cannot hold U+0000; found here, it is a clear error instead of a failed write. */
function nulCharacters(value: unknown, path: PropertyKey[] = [], issues: Issue[] = []): Issue[] {
  if (typeof value === "string") {
    if (value.includes("\u0000")) issues.push({ path, message: "Text cannot contain the NUL character (U+0000)" });
  } else if (Array.isArray(value)) value.forEach((v, i) => nulCharacters(v, [...path, i], issues));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("\u0000")) issues.push({ path: [...path, k], message: "Keys cannot contain the NUL character (U+0000)" });
      nulCharacters(v, [...path, k], issues);
    }
  }
  return issues;
}

/** Every person field names someone in `people`, listed once. */
function checkPeople(file: IncidentJson, issues: Issue[]): void {
  const listed = new Set<string>();
  file.people.forEach((p, i) => {
    const email = p.email.toLowerCase();
    if (listed.has(email)) issues.push({ path: ["people", i, "email"], message: `${p.email} is listed twice` });
    listed.add(email);
  });
  const check = (email: string | null, path: PropertyKey[]) => {
    if (email !== null && !listed.has(email.toLowerCase())) issues.push({ path, message: `${email} is not listed in people` });
  };
  check(file.incident.createdBy, ["incident", "createdBy"]);
  file.incident.members.forEach((m, i) => check(m, ["incident", "members", i]));
  file.incident.roles.forEach((r, i) => check(r.person, ["incident", "roles", i, "person"]));
  check(file.postmortem?.approvedBy ?? null, ["postmortem", "approvedBy"]);
  file.postmortem?.sections.forEach((s, i) => check(s.updatedBy, ["postmortem", "sections", i, "updatedBy"]));
  file.timelineEvents.forEach((e, i) => check(e.author, ["timelineEvents", i, "author"]));
  file.actionItems.forEach((a, i) => check(a.owner, ["actionItems", i, "owner"]));
  file.comments.forEach((c, i) => check(c.author, ["comments", i, "author"]));
  file.attachments.forEach((a, i) => check(a.createdBy, ["attachments", i, "createdBy"]));
  file.metricCharts.forEach((c, i) => {
    check(c.createdBy, ["metricCharts", i, "createdBy"]);
    c.series.forEach((s, j) => check(s.createdBy, ["metricCharts", i, "series", j, "createdBy"]));
  });
  file.loadTestRuns.forEach((r, i) => {
    check(r.createdBy, ["loadTestRuns", i, "createdBy"]);
    check(r.link.createdBy, ["loadTestRuns", i, "link", "createdBy"]);
  });
  file.revisions.forEach((r, i) => check(r.author, ["revisions", i, "author"]));
}

/** A fresh id for every record of the file, and for each deleted record its history names. */
function assignIds(file: IncidentJson, issues: Issue[]): Map<string, string> {
  const ids = new Map<string, string>([[INCIDENT_REF, randomUUID()]]);
  const add = (ref: string, path: PropertyKey[]) => {
    if (ids.has(ref)) issues.push({ path, message: `The reference ${ref} is used twice` });
    else ids.set(ref, randomUUID());
  };
  if (file.postmortem) {
    ids.set(POSTMORTEM_REF, randomUUID());
    file.postmortem.sections.forEach((s, i) => add(sectionRef(s.key), ["postmortem", "sections", i, "key"]));
  }
  file.timelineEvents.forEach((r, i) => add(r.ref, ["timelineEvents", i, "ref"]));
  file.rootCauses.forEach((r, i) => add(r.ref, ["rootCauses", i, "ref"]));
  file.actionItems.forEach((r, i) => add(r.ref, ["actionItems", i, "ref"]));
  file.comments.forEach((r, i) => add(r.ref, ["comments", i, "ref"]));
  file.attachments.forEach((r, i) => add(r.ref, ["attachments", i, "ref"]));
  file.metricCharts.forEach((c, i) => {
    add(c.ref, ["metricCharts", i, "ref"]);
    c.series.forEach((s, j) => add(s.ref, ["metricCharts", i, "series", j, "ref"]));
  });
  file.loadTestRuns.forEach((r, i) => add(r.ref, ["loadTestRuns", i, "ref"]));
  file.deliverables.forEach((r, i) => add(r.ref, ["deliverables", i, "ref"]));
  for (const r of file.revisions) if (r.entity.startsWith(GONE_REF) && !ids.has(r.entity)) ids.set(r.entity, randomUUID());
  return ids;
}

function checkReferences(file: IncidentJson, ids: Map<string, string>, issues: Issue[]): void {
  if (file.incident.severity !== file.severityLevel.level) {
    issues.push({ path: ["severityLevel", "level"], message: `Expected the incident's severity ${file.incident.severity}` });
  }
  const charts = new Set(file.metricCharts.map((c) => c.ref));
  file.rootCauses.forEach((c, i) => {
    if (c.metricChart !== null && !charts.has(c.metricChart))
      issues.push({ path: ["rootCauses", i, "metricChart"], message: `${c.metricChart} is not one of metricCharts` });
  });
  const comments = new Map(file.comments.map((c) => [c.ref, c]));
  file.comments.forEach((c, i) => {
    if (c.parent === null) return;
    if (!comments.has(c.parent)) {
      issues.push({ path: ["comments", i, "parent"], message: `${c.parent} is not one of comments` });
      return;
    }
    // A thread that loops back on itself could never be written parent first.
    const seen = new Set([c.ref]);
    for (let p: string | null = c.parent; p !== null; p = comments.get(p)?.parent ?? null) {
      if (seen.has(p)) {
        issues.push({ path: ["comments", i, "parent"], message: "Replies form a loop" });
        return;
      }
      seen.add(p);
    }
  });
  const versions = new Set<string>();
  file.revisions.forEach((r, i) => {
    if (!ids.has(r.entity))
      issues.push({ path: ["revisions", i, "entity"], message: `${r.entity} names no record of this export` });
    const key = `${r.entityType} ${r.entity} ${r.version}`;
    if (versions.has(key))
      issues.push({ path: ["revisions", i, "version"], message: `Version ${r.version} of ${r.entity} is listed twice` });
    versions.add(key);
  });
}

function decodeAttachments(file: IncidentJson, issues: Issue[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  file.attachments.forEach((a, i) => {
    const path = ["attachments", i];
    const data = Buffer.from(a.data, "base64");
    if (data.byteLength !== a.size)
      issues.push({ path: [...path, "size"], message: `The data holds ${data.byteLength} bytes, not ${a.size}` });
    else if (data.byteLength > MAX_ATTACHMENT_BYTES)
      issues.push({ path: [...path, "size"], message: `Images may be at most ${MAX_ATTACHMENT_BYTES} bytes` });
    else if (createHash("sha256").update(data).digest("hex") !== a.sha256)
      issues.push({ path: [...path, "sha256"], message: "The data does not match its SHA-256" });
    // Served with this type: it must be what the bytes are, or a crafted file could serve HTML.
    else if (sniffImageType(data) !== a.contentType)
      issues.push({ path: [...path, "contentType"], message: `The data is not ${a.contentType}` });
    else out.set(a.ref, data);
  });
  return out;
}

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const sameTime = (a: string | null, b: string | null) =>
  a === null ? b === null : b !== null && Date.parse(a) === Date.parse(b);

/** Points decoded bit for bit, checked against the fingerprint and the summary the file states, then cut into blocks. */
function decodeSeries(file: IncidentJson, issues: Issue[]): Map<string, PreparedSeries> {
  const out = new Map<string, PreparedSeries>();
  file.metricCharts.forEach((chart, i) =>
    chart.series.forEach((s, j) => {
      const path = ["metricCharts", i, "series", j];
      const bytes = Buffer.from(s.points, "base64");
      if (bytes.byteLength % 16 !== 0) {
        issues.push({ path: [...path, "points"], message: `${bytes.byteLength} bytes are not whole points of 16 bytes` });
        return;
      }
      const points = decodeChunk(bytes);
      if (pointsSha256(points) !== s.sha256) {
        issues.push({ path: [...path, "sha256"], message: "The points do not match their SHA-256" });
        return;
      }
      const summary = summarizePoints(points);
      const stated: [keyof typeof summary, boolean][] = [
        ["pointCount", summary.pointCount === s.pointCount],
        ["gapCount", summary.gapCount === s.gapCount],
        ["infiniteCount", summary.infiniteCount === s.infiniteCount],
        ["minValue", summary.minValue === s.minValue],
        ["maxValue", summary.maxValue === s.maxValue],
        ["firstAt", sameTime(isoOrNull(summary.firstAt), s.firstAt)],
        ["lastAt", sameTime(isoOrNull(summary.lastAt), s.lastAt)],
      ];
      for (const [field, ok] of stated) if (!ok) issues.push({ path: [...path, field], message: "Does not match the points" });
      try {
        out.set(s.ref, { chunks: buildSeriesChunks(points), summary });
      } catch (e) {
        issues.push({ path: [...path, "points"], message: e instanceof Error ? e.message : String(e) });
      }
    }),
  );
  return out;
}
