"use client";

import { useState, useTransition } from "react";
import type { PreviewTemplateInput } from "@/lib/templates/schema";
import { previewTemplateAction } from "../actions";

/**
 * Renders the template (as it stands in the editor) on a chosen incident. The document is shown in
 * a sandboxed frame with no scripts and an opaque origin, so nothing in it can act on the app.
 */
export function TemplatePreview({
  template,
  defaultIncidentNumber,
}: {
  /** Read at the moment of previewing, so unsaved edits are shown. */
  template: () => PreviewTemplateInput["template"];
  defaultIncidentNumber?: number;
}) {
  const [incidentNumber, setIncidentNumber] = useState(defaultIncidentNumber ? String(defaultIncidentNumber) : "");
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function preview() {
    const n = Number(incidentNumber);
    if (!Number.isInteger(n) || n <= 0) {
      setError("Enter an incident number.");
      return;
    }
    setError(null);
    startTransition(async () => {
      const result = await previewTemplateAction({ incidentNumber: n, template: template() });
      if (result.ok) {
        setHtml(result.data.html);
      } else {
        const fields = Object.values(result.error.fields ?? {}).flat();
        setError([result.error.message, ...fields.slice(0, 3)].join(" "));
      }
    });
  }

  return (
    <section aria-labelledby="preview-heading" className="space-y-3">
      <h2 id="preview-heading" className="text-lg font-semibold">
        Preview
      </h2>
      <form
        className="flex flex-wrap items-end gap-3"
        aria-label="Preview on an incident"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          preview();
        }}
      >
        <div>
          <label className="field-label" htmlFor="preview-incident">
            Incident number
          </label>
          <input
            id="preview-incident"
            type="number"
            min="1"
            inputMode="numeric"
            className="field-input w-32"
            value={incidentNumber}
            onChange={(e) => setIncidentNumber(e.target.value)}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? "preview-error" : undefined}
          />
        </div>
        <button type="submit" className="btn-secondary" disabled={pending}>
          {pending ? "Rendering…" : "Preview"}
        </button>
        {error && (
          <p id="preview-error" role="alert" className="field-error w-full">
            {error}
          </p>
        )}
      </form>
      {html !== null && (
        <iframe
          title="Template preview"
          sandbox=""
          srcDoc={html}
          className="h-[80vh] w-full rounded-md border border-slate-300 bg-white dark:border-slate-700"
        />
      )}
    </section>
  );
}
