"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { validationError } from "@/lib/errors";
import { CloneTemplateInput } from "@/lib/templates/schema";
import { cloneTemplateAction } from "../actions";

/** Copies a template (built-ins are changed this way) into a new custom template, then opens it. */
export function CloneTemplateForm({
  sourceKey,
  sourceName,
  sourceVersion,
}: {
  sourceKey: string;
  sourceName: string;
  sourceVersion?: number;
}) {
  const router = useRouter();
  const [key, setKey] = useState(`${sourceKey}_copy`.slice(0, 60));
  const [name, setName] = useState(`${sourceName} (copy)`);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = { sourceKey, sourceVersion, key, name };
    const parsed = CloneTemplateInput.safeParse(input);
    if (!parsed.success) {
      const fields = validationError(parsed.error.issues).fields ?? {};
      setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v[0]])));
      return;
    }
    setErrors({});
    setFailure(null);
    startTransition(async () => {
      const result = await cloneTemplateAction(input);
      if (result.ok) {
        router.push(`/templates/${result.data.key}`);
        return;
      }
      setErrors(Object.fromEntries(Object.entries(result.error.fields ?? {}).map(([k, v]) => [k, v[0]])));
      setFailure(result.error.message);
    });
  }

  return (
    <form onSubmit={submit} className="card flex flex-wrap items-end gap-3" aria-label="Clone template" noValidate>
      <div>
        <label className="field-label" htmlFor="clone-key">
          New key
        </label>
        <input
          id="clone-key"
          className="field-input font-mono"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-invalid={Boolean(errors.key)}
          aria-describedby={errors.key ? "clone-key-error" : undefined}
          spellCheck={false}
        />
        {errors.key && (
          <p id="clone-key-error" className="field-error">
            {errors.key}
          </p>
        )}
      </div>
      <div className="min-w-64 flex-1">
        <label className="field-label" htmlFor="clone-name">
          New name
        </label>
        <input
          id="clone-name"
          className="field-input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={Boolean(errors.name)}
          aria-describedby={errors.name ? "clone-name-error" : undefined}
        />
        {errors.name && (
          <p id="clone-name-error" className="field-error">
            {errors.name}
          </p>
        )}
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Cloning…" : "Clone"}
      </button>
      {failure && (
        <p role="alert" className="field-error w-full">
          {failure}
        </p>
      )}
    </form>
  );
}
