"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { validationError, type FieldErrors } from "@/lib/errors";
import { CreateTemplateInput, UpdateTemplateInput } from "@/lib/templates/schema";
import { TEMPLATE_AUDIENCES, type TemplateAudience, type TemplateDefinition } from "@/lib/templates/types";
import { createTemplateAction, updateTemplateAction } from "../actions";
import { draftFromSection, toSection, type SectionDraft } from "./section-drafts";
import { SectionListEditor } from "./section-list-editor";
import { TemplatePreview } from "./template-preview";

const AUDIENCE_LABELS: Record<TemplateAudience, string> = {
  internal: "Internal: the whole postmortem",
  customer: "Customer-facing: leaves out internal sections and people's names",
};

type Theirs = TemplateDefinition & { updatedAt: string; updatedBy: string | null };

function firstErrors(fields: FieldErrors | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(fields ?? {}).map(([k, v]) => [k, v[0]]));
}

/**
 * Creates a template, or edits a custom one as a new version. The section list is validated with the
 * same schema as the server before saving; a stale save shows the version someone else saved.
 */
export function TemplateEditor({
  mode,
  initial,
  defaultIncidentNumber,
}: {
  mode: "create" | "update";
  initial: TemplateDefinition;
  defaultIncidentNumber?: number;
}) {
  const router = useRouter();
  const [key, setKey] = useState(initial.key);
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [audience, setAudience] = useState<TemplateAudience>(initial.audience);
  const [sections, setSections] = useState<SectionDraft[]>(() => initial.sections.map(draftFromSection));
  const [version, setVersion] = useState(initial.version);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [theirs, setTheirs] = useState<Theirs | null>(null);
  const [pending, startTransition] = useTransition();

  const content = () => ({ name, description, audience, sections: sections.map(toSection) });

  function save(asVersion = version) {
    const input = { key, ...content() };
    const parsed =
      mode === "create" ? CreateTemplateInput.safeParse(input) : UpdateTemplateInput.safeParse({ ...input, version: asVersion });
    if (!parsed.success) {
      setErrors(firstErrors(validationError(parsed.error.issues).fields));
      setStatus({ ok: false, text: "Some fields need attention." });
      return;
    }
    setErrors({});
    setStatus(null);
    startTransition(async () => {
      const result =
        mode === "create" ? await createTemplateAction(input) : await updateTemplateAction({ ...input, version: asVersion });
      if (result.ok) {
        setTheirs(null);
        if (mode === "create") {
          router.push(`/templates/${result.data.key}`);
          return;
        }
        setVersion(result.data.version);
        setStatus({ ok: true, text: `Saved as version ${result.data.version}.` });
        router.refresh();
        return;
      }
      if (result.error.code === "CONFLICT" && result.error.details) {
        setTheirs((result.error.details as { current: Theirs }).current);
      }
      setErrors(firstErrors(result.error.fields));
      setStatus({ ok: false, text: result.error.message });
    });
  }

  function loadTheirs(t: Theirs) {
    setName(t.name);
    setDescription(t.description);
    setAudience(t.audience);
    setSections(t.sections.map(draftFromSection));
    setVersion(t.version);
    setTheirs(null);
    setStatus({ ok: true, text: `Loaded version ${t.version}.` });
  }

  return (
    <div className="space-y-6">
      <form
        className="space-y-4"
        aria-label={mode === "create" ? "New template" : "Edit template"}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="card grid gap-3 md:grid-cols-2">
          {mode === "create" && (
            <div>
              <label className="field-label" htmlFor="template-key">
                Key (used in links and exports; cannot be changed)
              </label>
              <input
                id="template-key"
                className="field-input font-mono"
                value={key}
                onChange={(e) => setKey(e.target.value)}
                aria-invalid={Boolean(errors.key)}
                aria-describedby={errors.key ? "template-key-error" : undefined}
                spellCheck={false}
              />
              {errors.key && (
                <p id="template-key-error" className="field-error">
                  {errors.key}
                </p>
              )}
            </div>
          )}
          <div>
            <label className="field-label" htmlFor="template-name">
              Name
            </label>
            <input
              id="template-name"
              className="field-input"
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={Boolean(errors.name)}
              aria-describedby={errors.name ? "template-name-error" : undefined}
            />
            {errors.name && (
              <p id="template-name-error" className="field-error">
                {errors.name}
              </p>
            )}
          </div>
          <div>
            <label className="field-label" htmlFor="template-audience">
              Audience
            </label>
            <select
              id="template-audience"
              className="field-input"
              value={audience}
              onChange={(e) => setAudience(e.target.value as TemplateAudience)}
            >
              {TEMPLATE_AUDIENCES.map((a) => (
                <option key={a} value={a}>
                  {AUDIENCE_LABELS[a]}
                </option>
              ))}
            </select>
          </div>
          <div className="md:col-span-2">
            <label className="field-label" htmlFor="template-description">
              Description
            </label>
            <textarea
              id="template-description"
              className="field-input"
              rows={2}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              aria-invalid={Boolean(errors.description)}
            />
            {errors.description && <p className="field-error">{errors.description}</p>}
          </div>
        </div>

        <section aria-labelledby="sections-heading" className="space-y-3">
          <h2 id="sections-heading" className="text-lg font-semibold">
            Sections
          </h2>
          <SectionListEditor sections={sections} onChange={setSections} errors={errors} />
        </section>

        {theirs && (
          <div role="alert" className="card space-y-2 border-amber-400">
            <p className="text-sm">
              Version {theirs.version} was saved by {theirs.updatedBy ?? "someone else"} while you were editing. Their sections:{" "}
              {theirs.sections.map((s) => s.title).join(", ")}.
            </p>
            <div className="flex gap-2">
              <button type="button" className="btn-secondary" onClick={() => loadTheirs(theirs)}>
                Load their version
              </button>
              <button type="button" className="btn-secondary" onClick={() => save(theirs.version)} disabled={pending}>
                Save mine over theirs
              </button>
            </div>
          </div>
        )}

        <div className="flex items-center gap-3">
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? "Saving…" : mode === "create" ? "Create template" : "Save template"}
          </button>
          {mode === "update" && <span className="text-sm text-slate-500">Editing version {version}</span>}
          {status && (
            <p
              role={status.ok ? "status" : "alert"}
              className={`text-sm ${status.ok ? "text-emerald-700 dark:text-emerald-400" : "field-error"}`}
            >
              {status.text}
            </p>
          )}
        </div>
      </form>

      <TemplatePreview
        template={() => ({ key: key || "preview", version, ...content() })}
        defaultIncidentNumber={defaultIncidentNumber}
      />
    </div>
  );
}
