import { docToPlainText } from "@/lib/postmortems/content-schema";

const META_FIELDS = new Set(["id", "incidentId", "postmortemId", "version", "createdAt", "updatedAt", "updatedById", "authorId"]);

/** A readable text of a revision snapshot, for diffs: narrative as plain text, other records as field lines. */
export function snapshotToText(entityType: string, snapshot: unknown): string {
  if (!snapshot || typeof snapshot !== "object") return "";
  const s = snapshot as Record<string, unknown>;
  if (entityType === "PostmortemSection") return docToPlainText(s.content);
  return Object.entries(s)
    .filter(([k]) => !META_FIELDS.has(k))
    .map(
      ([k, v]) =>
        `${k}: ${Array.isArray(v) ? v.join(" / ") : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v ?? "")}`,
    )
    .join("\n");
}

/** A short label naming the record a snapshot belongs to. */
export function snapshotLabel(entityType: string, snapshot: unknown): string {
  const s = (snapshot ?? {}) as Record<string, unknown>;
  const first = [s.title, s.text, s.description, s.key].find((v) => typeof v === "string" && v.length > 0) as string | undefined;
  const label = first ? (first.length > 60 ? `${first.slice(0, 57)}…` : first) : "";
  return label ? `${entityType}: ${label}` : entityType;
}
