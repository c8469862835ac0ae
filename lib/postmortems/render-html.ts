import { generateHTML } from "@tiptap/html";
import { narrativeExtensions } from "@/lib/postmortems/editor-extensions";
import { TipTapDocSchema } from "@/lib/postmortems/content-schema";

/**
 * Server-side read-only rendering. The stored JSON is validated again before rendering, so a row
 * written around the verbs still cannot inject nodes, marks or attributes the schema does not allow.
 */
export function renderNarrativeHtml(content: unknown): string {
  const parsed = TipTapDocSchema.safeParse(content);
  if (!parsed.success) return "<p><em>This section could not be displayed.</em></p>";
  return generateHTML(parsed.data as Parameters<typeof generateHTML>[0], narrativeExtensions());
}
