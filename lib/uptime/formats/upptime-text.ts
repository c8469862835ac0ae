/**
 * The words Upptime writes, read back: its commit subjects ("🟥 QAInsights is down (403 in 68 ms)"),
 * its issue titles ("🛑 QAInsights is down"), its slugs, and its percentage and badge strings.
 * Read from upptime/uptime-monitor (src/update.ts, src/summary.ts, src/helpers/slug.ts).
 */
import type { UptimeStatus } from "@/lib/uptime/types";

export type UpptimeSubject = {
  status: Extract<UptimeStatus, "up" | "down" | "degraded">;
  siteName: string;
  /** HTTP code; null when the subject gives none or 0 (Upptime's "no response"). */
  code: number | null;
  /** Null when the subject gives none or 0 ms (Upptime writes 0 when it measured nothing). */
  latencyMs: number | null;
  /** The subject without Upptime's trailing tags ("[skip ci] [upptime]"). */
  message: string;
};

/**
 * Upptime's statusChange template is "$PREFIX $SITE_NAME is $STATUS ($RESPONSE_CODE in $RESPONSE_TIME ms)";
 * the prefix (🟩/🟥/🟨 by default, configurable) and the tail are optional here, the status word decides.
 * 2020 versions wrote "68ms" without the space.
 */
const SUBJECT =
  /^(?:([^\p{L}\p{N}\s]\S*)\s+)?(.+?)\s+is\s+(up|down|degraded)\b(?:\s*\((\d{1,3})\s+in\s+(\d+(?:\.\d+)?)\s*ms\))?\s*(?:\[[^\]]*\]\s*)*$/iu;

/** A commit subject of Upptime's status template, or null for any other commit. */
export function upptimeStatusFromSubject(subject: string): UpptimeSubject | null {
  const m = SUBJECT.exec(subject.trim());
  if (!m) return null;
  const [, , siteName, status, code, ms] = m;
  const codeNumber = code === undefined ? null : Number(code);
  const latency = ms === undefined ? null : Number(ms);
  return {
    status: status.toLowerCase() as UpptimeSubject["status"],
    siteName: siteName.trim(),
    code: codeNumber === 0 ? null : codeNumber,
    latencyMs: latency === 0 ? null : latency,
    message: withoutTags(subject),
  };
}

/** "🟥 X is down (403 in 68ms) [skip ci] [upptime]" → "🟥 X is down (403 in 68ms)". */
export function withoutTags(subject: string): string {
  return subject.replace(/(?:\s*\[[^\]]*\])+\s*$/, "").trim();
}

/** Upptime's issue titles: "🛑 X is down", "⚠️ X has degraded performance". */
const ISSUE_TITLE = /^(?:[^\p{L}\p{N}\s]\S*\s+)?(.+?)\s+(is down|has degraded performance)\s*$/iu;

export function upptimeIssueSite(title: string): { siteName: string; impact: "down" | "degraded" } | null {
  const m = ISSUE_TITLE.exec(title.trim());
  if (!m) return null;
  return { siteName: m[1].trim(), impact: m[2].toLowerCase() === "is down" ? "down" : "degraded" };
}

/**
 * The slug Upptime gives a site without an explicit `slug`: @sindresorhus/slugify of its name, which
 * splits camel case ("QAInsights" → "qa-insights"), drops accents and joins words with "-"; names
 * without any ASCII letter or digit keep their Unicode words, as Upptime's fallback does.
 */
export function upptimeSlug(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/&/g, " and ")
    .replace(/([a-zA-Z\d]+)'([ts])(\s|$)/g, "$1$2$3");
  const slug = ascii
    .replace(/([A-Z]{2,})(\d+)/g, "$1 $2")
    .replace(/([a-z\d]+)([A-Z]{2,})/g, "$1 $2")
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-rt-z\d]+)/g, "$1 $2")
    .toLowerCase()
    .replace(/[^a-z\d]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug) return slug;
  const unicode = name
    .normalize("NFKC")
    .trim()
    .replace(/[\\/<>:"|?*#%]/g, "-")
    .replace(/\p{Cc}/gu, "")
    .replace(/\s+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[.-]+|[.-]+$/g, "");
  return unicode || "site";
}

/** "99.87%", "100.00" (2020 summaries), "100%" → the number; null for anything else. */
export function upptimePercent(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 && value <= 100 ? value : null;
  if (typeof value !== "string") return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
  if (!m) return null;
  const pct = Number(m[1]);
  return pct <= 100 ? pct : null;
}

/** A response-time badge message ("87 ms") or summary figure → milliseconds; null otherwise. */
export function upptimeMilliseconds(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== "string") return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:ms)?\s*$/i.exec(value);
  return m ? Number(m[1]) : null;
}
