import { validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { loadExportData, renderExportChartImages } from "@/lib/exports/load-export-data";
import { renderPostmortemHtml } from "@/lib/exports/html/render-html";
import { PreviewTemplateInput } from "@/lib/templates/schema";
import type { TemplateDefinition } from "@/lib/templates/types";

/**
 * Renders a template as it stands in the editor (saved or not) on a real incident, as the HTML
 * export would. The page shows it in a sandboxed frame; the incident must be visible to the actor.
 */
export async function previewTemplate({
  actor,
  input,
}: {
  actor: Actor;
  input: PreviewTemplateInput;
}): Promise<{ html: string }> {
  assertCan(actor, "read");
  const parsed = PreviewTemplateInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { incidentNumber, template } = parsed.data;
  const definition: TemplateDefinition = { ...template };
  const { data, chartSpecs } = await loadExportData({ actor, incidentNumber });
  // Charts inline, as in the HTML export, so the preview shows the document people will get.
  const images = await renderExportChartImages(chartSpecs);
  return { html: renderPostmortemHtml(data, definition, { chartLinks: { kind: "relative" }, images }) };
}
