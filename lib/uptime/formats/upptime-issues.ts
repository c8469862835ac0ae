/**
 * Upptime's incidents are GitHub issues: opened "🛑 <site> is down" (or "⚠️ <site> has degraded
 * performance") with the labels "status" and the site's slug when a check fails, closed when it
 * recovers. Maintenance is an issue labelled "maintenance" whose body holds
 * `<!-- start: … end: … expectedDown: slug, … -->`. Read from an export of the REST API
 * (`GET /repos/o/r/issues?state=all&labels=status`) or of `gh issue list --json …`.
 */
import { JsonFields } from "@/lib/metrics/formats/json-input";
import { upptimeIssueSite } from "@/lib/uptime/formats/upptime-text";
import type { ParsedOutage } from "@/lib/uptime/types";

export type UpptimeIssue = {
  number: number;
  title: string;
  url: string;
  createdAt: number;
  closedAt: number | null;
  labels: string[];
  body: string;
};

/** Whether a parsed JSON value looks like an issues export (an array of objects with number, title and a creation time). */
export function isIssuesExport(value: unknown): value is Record<string, unknown>[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  const first: unknown = value[0];
  return (
    first !== null &&
    typeof first === "object" &&
    "number" in first &&
    "title" in first &&
    ("created_at" in first || "createdAt" in first)
  );
}

/** The issues of an export, pull requests left out (the REST issues list includes them). */
export function readIssuesExport(items: Record<string, unknown>[], file: string, text: string): UpptimeIssue[] {
  const fields = new JsonFields(file, text);
  const issues: UpptimeIssue[] = [];
  items.forEach((raw, i) => {
    const path = `[${i}]`;
    const item = fields.object(raw, path);
    if (item.pull_request !== undefined) return;
    if (typeof item.number !== "number" || !Number.isInteger(item.number))
      fields.fail("the issue has no number.", `${path}.number`);
    if (typeof item.title !== "string") fields.fail("the issue has no title.", `${path}.title`);
    const time = (key: string): number | null => {
      const value = item[key];
      if (value === undefined || value === null || value === "") return null;
      const at = typeof value === "string" ? Date.parse(value) : NaN;
      if (at !== at)
        fields.fail(`${JSON.stringify(value)} is not a time: GitHub writes ISO 8601 (2023-04-03T06:23:22Z).`, `${path}.${key}`);
      // gh prints Go's zero time (0001-01-01T00:00:00Z) for an issue still open.
      return at < 0 ? null : at;
    };
    const createdKey = item.created_at !== undefined ? "created_at" : "createdAt";
    const closedKey = item.closed_at !== undefined ? "closed_at" : "closedAt";
    const createdAt = time(createdKey);
    if (createdAt === null) fields.fail("the issue has no creation time.", `${path}.${createdKey}`);
    const labels = Array.isArray(item.labels)
      ? item.labels
          .map((l: unknown) => (typeof l === "string" ? l : l && typeof l === "object" ? (l as { name?: unknown }).name : null))
          .filter((l): l is string => typeof l === "string")
      : [];
    const url = typeof item.html_url === "string" ? item.html_url : typeof item.url === "string" ? item.url : "";
    issues.push({
      number: item.number as number,
      title: item.title as string,
      url,
      createdAt: createdAt as number,
      closedAt: time(closedKey),
      labels,
      body: typeof item.body === "string" ? item.body : "",
    });
  });
  return issues;
}

/** A downtime issue as a reported outage, or null when the issue is no Upptime status issue. */
export function issueOutage(issue: UpptimeIssue): ParsedOutage | null {
  const site = upptimeIssueSite(issue.title);
  if (!site && !issue.labels.includes("status")) return null;
  const updates: ParsedOutage["updates"] = [{ at: issue.createdAt, status: "opened", body: issue.body }];
  if (issue.closedAt !== null) updates.push({ at: issue.closedAt, status: "closed", body: "" });
  return {
    source: "upptime-issue",
    reference: `#${issue.number}`,
    title: issue.title,
    url: issue.url,
    startedAt: issue.createdAt,
    endedAt: issue.closedAt,
    impact: site?.impact ?? "down",
    updates,
  };
}

/** The site name an issue's title names ("🛑 QAInsights is down" → "QAInsights"), null when none. */
export function issueSiteName(issue: UpptimeIssue): string | null {
  return upptimeIssueSite(issue.title)?.siteName ?? null;
}

export type UpptimeMaintenance = { startsAt: number; endsAt: number; reason: string; slugs: string[] };

/** A maintenance issue's window and the slugs it expects down or degraded; null when it is none or lacks times. */
export function issueMaintenance(issue: UpptimeIssue): UpptimeMaintenance | null {
  if (!issue.labels.includes("maintenance") || !issue.body.includes("<!--")) return null;
  const block = issue.body.split("<!--")[1].split("-->")[0];
  const meta: Record<string, string> = {};
  for (const line of block.split("\n")) {
    const m = /^\s*([A-Za-z]+)\s*:\s*(.+?)\s*$/.exec(line);
    if (m) meta[m[1]] = m[2];
  }
  const startsAt = Date.parse(meta.start ?? "");
  const endsAt = Date.parse(meta.end ?? "");
  if (!(endsAt > startsAt)) return null;
  const slugs = [meta.expectedDown, meta.expectedDegraded]
    .flatMap((list) => (list ?? "").split(","))
    .map((s) => s.trim())
    .filter(Boolean);
  return { startsAt, endsAt, reason: issue.title, slugs };
}
