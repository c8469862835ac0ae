"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { TemplateChoices } from "@/lib/templates/postmortem-template";
import { switchTemplateAction } from "@/app/(app)/templates/actions";

/** Switches the postmortem's template; narrative moves by section key and nothing written is dropped. */
export function TemplateChoiceForm({
  incidentNumber,
  currentKey,
  templates,
}: {
  incidentNumber: number;
  currentKey: string;
  templates: TemplateChoices["templates"];
}) {
  const router = useRouter();
  const [templateKey, setTemplateKey] = useState(currentKey);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    startTransition(async () => {
      const result = await switchTemplateAction({ incidentNumber, templateKey });
      if (!result.ok) {
        setStatus({ ok: false, text: result.error.message });
        return;
      }
      const { to, otherNotes } = result.data;
      const kept = otherNotes.length
        ? ` ${otherNotes.length} written section${otherNotes.length === 1 ? " is" : "s are"} kept under "Other notes".`
        : "";
      setStatus({ ok: true, text: `Now using ${to.name}, version ${to.version}.${kept}` });
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Choose template">
      <div className="min-w-64">
        <label htmlFor="template-choice" className="field-label">
          Postmortem template
        </label>
        <select id="template-choice" className="field-input" value={templateKey} onChange={(e) => setTemplateKey(e.target.value)}>
          {templates.map((t) => (
            <option key={t.key} value={t.key}>
              {`${t.name} (v${t.version}${t.audience === "customer" ? ", customer-facing" : ""})`}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? "Switching…" : "Switch template"}
      </button>
      {status && (
        <p
          role={status.ok ? "status" : "alert"}
          className={`w-full text-sm ${status.ok ? "text-emerald-700 dark:text-emerald-400" : "field-error"}`}
        >
          {status.text}
        </p>
      )}
    </form>
  );
}
