/**
 * One line for the audit table out of an entry's free-form details: a change of state reads
 * "draft → in_review", other plain values "key: value"; nested values are left to the details view.
 */
const MAX_SUMMARY = 160;
const MAX_VALUE = 60;

function plain(value: unknown): string | null {
  if (value === null) return "none";
  if (typeof value === "string") return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE - 1)}…` : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) {
    return plain(value.join(", "));
  }
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? "" : "s"}`;
  return null;
}

export function summarizeAuditData(data: unknown): string {
  if (data === null || data === undefined) return "";
  if (typeof data !== "object" || Array.isArray(data)) return plain(data) ?? "";
  const record = data as Record<string, unknown>;
  const parts: string[] = [];
  const seen = new Set<string>();
  if ("from" in record && "to" in record) {
    const from = plain(record.from);
    const to = plain(record.to);
    if (from !== null && to !== null) {
      parts.push(`${from} → ${to}`);
      seen.add("from").add("to");
    }
  }
  for (const [key, value] of Object.entries(record)) {
    if (seen.has(key)) continue;
    const text = plain(value);
    if (text !== null) parts.push(`${key}: ${text}`);
  }
  const line = parts.join("; ");
  return line.length > MAX_SUMMARY ? `${line.slice(0, MAX_SUMMARY - 1)}…` : line;
}
