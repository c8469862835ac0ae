"use client";

import type { TemplateDefinition } from "@/lib/templates/types";
import { TemplatePreview } from "./template-preview";

/** Preview of a template that is not being edited (a built-in, an older version). */
export function TemplatePreviewStatic({
  template,
  defaultIncidentNumber,
}: {
  template: TemplateDefinition;
  defaultIncidentNumber?: number;
}) {
  return <TemplatePreview template={() => template} defaultIncidentNumber={defaultIncidentNumber} />;
}
