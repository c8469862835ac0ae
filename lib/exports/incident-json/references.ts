/**
 * Ids inside free JSON (revision snapshots, TipTap documents) and the content-based ordering that
 * makes two exports of equal incidents equal. Pure functions, shared by export, import and tests.
 */
import type { Prisma } from "@/lib/db";
import { attachmentUrl } from "@/lib/attachments/constants";

export type JsonValue = Prisma.JsonValue;

/** Keys that hold a database id in a snapshot: `id`, `incidentId`, `authorId`, `userId`, … (and lists under `…Ids`). */
const isIdKey = (key: string) => key === "id" || key.endsWith("Id");
const isIdListKey = (key: string) => key.endsWith("Ids");
/** Image sources point at an attachment by id (see ATTACHMENT_SRC); in an export, by reference. */
const ATTACHMENT_PATH = /^\/api\/v1\/attachments\/(.+)$/;

export type ReferenceMapper = {
  /** A database id (export) or a reference (import) in an id field; null when it names nothing known. */
  id: (value: string) => string | null;
  /** The attachment an image source names; null leaves the source as it is. */
  attachment: (value: string) => string | null;
};

/**
 * A copy of `value` with every id field and attachment image source passed through `map`; all
 * other content (text people wrote) is copied untouched, whatever it looks like.
 */
export function mapReferences(value: JsonValue, map: ReferenceMapper): JsonValue {
  if (Array.isArray(value)) return value.map((v) => mapReferences(v, map));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, JsonValue> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (typeof v === "string" && isIdKey(key)) out[key] = map.id(v);
    else if (Array.isArray(v) && isIdListKey(key)) out[key] = v.map((x) => (typeof x === "string" ? map.id(x) : x));
    else if (typeof v === "string" && key === "src") {
      const match = ATTACHMENT_PATH.exec(v);
      const mapped = match ? map.attachment(match[1]) : null;
      out[key] = mapped === null ? v : attachmentUrl(mapped);
    } else out[key] = mapReferences(v, map);
  }
  return out;
}

/** Every string held in an id field of `value`. */
export function idsIn(value: JsonValue, into = new Set<string>()): Set<string> {
  mapReferences(value, {
    id: (v) => (into.add(v), v),
    attachment: () => null,
  });
  return into;
}

/** The value with ids blanked: what a record says, for ordering records whose ids differ between databases. */
export function withoutIds(value: JsonValue): JsonValue {
  return mapReferences(value, { id: () => null, attachment: () => "" });
}

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

export type SortPart = string | number | boolean | null | Date;

function comparePart(a: SortPart, b: SortPart): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  if (typeof x === "number" && typeof y === "number") return x - y;
  // Code-unit order, not the locale's: the same on every machine.
  const sx = String(x);
  const sy = String(y);
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

/**
 * Rows sorted by a key of plain values, compared part by part. Keys end with the record's content, so
 * the order never depends on database ids and an import exports in the same order as its source.
 */
export function sortByKey<T>(rows: readonly T[], key: (row: T) => SortPart[]): T[] {
  const keyed = rows.map((row) => ({ row, key: key(row) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < Math.max(a.key.length, b.key.length); i++) {
      const c = comparePart(a.key[i] ?? null, b.key[i] ?? null);
      if (c !== 0) return c;
    }
    return 0;
  });
  return keyed.map((k) => k.row);
}
