"use client";

import { useId, useState, useTransition } from "react";
import type { PublicShareView } from "@/lib/exports/public-shares";
import { createPublicShareAction, revokePublicShareAction } from "../export-actions";

type TemplateChoice = { key: string; name: string; audience: string };

const FORMATS = [
  { format: "md", label: "Markdown (.md)" },
  { format: "zip", label: "Markdown + charts (.zip)" },
  { format: "html", label: "HTML for print / PDF" },
  { format: "json", label: "Incident JSON (lossless)" },
] as const;

export function ExportControls({
  incidentNumber,
  canEdit,
  templates,
  shares,
}: {
  incidentNumber: number;
  canEdit: boolean;
  templates: TemplateChoice[];
  shares: PublicShareView[];
}) {
  const id = useId();
  const [template, setTemplate] = useState("");
  const customer = templates.filter((t) => t.audience === "customer");
  const [shareTemplate, setShareTemplate] = useState(customer[0]?.key ?? "");
  const [created, setCreated] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const href = (format: string, extra = "") =>
    `/api/v1/incidents/${incidentNumber}/export?format=${format}${template ? `&template=${encodeURIComponent(template)}` : ""}${extra}`;

  function share() {
    setNotice(null);
    startTransition(async () => {
      const result = await createPublicShareAction({ incidentNumber, template: shareTemplate });
      if (result.ok) setCreated(result.data.url);
      else setNotice({ tone: "error", text: result.error.message });
    });
  }

  function revoke(shareId: string) {
    setNotice(null);
    startTransition(async () => {
      const result = await revokePublicShareAction({ shareId });
      setNotice(
        result.ok ? { tone: "ok", text: "Link revoked: it no longer opens." } : { tone: "error", text: result.error.message },
      );
    });
  }

  const active = shares.filter((s) => !s.revokedAt);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${id}-template`} className="field-label">
            Template
          </label>
          <select id={`${id}-template`} className="field-input" value={template} onChange={(e) => setTemplate(e.target.value)}>
            <option value="">The postmortem&apos;s own template</option>
            {templates.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
                {t.audience === "customer" ? " (customer-facing)" : ""}
              </option>
            ))}
          </select>
        </div>
        <ul className="flex flex-wrap gap-2" aria-label="Download">
          {FORMATS.map((f) => (
            <li key={f.format}>
              <a className="btn-secondary" href={href(f.format)} download>
                {f.label}
              </a>
            </li>
          ))}
          <li>
            <a className="btn-secondary" href={href("html", "&inline=1")} target="_blank" rel="noopener">
              Preview
            </a>
          </li>
        </ul>
      </div>

      <div className="space-y-2 border-t border-slate-200 pt-3 dark:border-slate-800">
        <h3 className="font-medium">Public links</h3>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          A read-only link to a customer-facing version: internal sections and people&apos;s names are left out. Anyone with the
          link can read it until it is revoked.
        </p>
        {active.length === 0 ? (
          <p className="text-sm text-slate-500">No active public links.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {active.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center gap-2">
                <span>
                  {s.templateName} (v{s.templateVersion}), made {new Date(s.createdAt).toLocaleString()}
                  {s.createdBy ? ` by ${s.createdBy}` : ""}
                  {s.lastViewedAt ? `, last opened ${new Date(s.lastViewedAt).toLocaleString()}` : ", not opened yet"}
                </span>
                {canEdit && (
                  <button type="button" className="btn-secondary" disabled={pending} onClick={() => revoke(s.id)}>
                    Revoke
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {canEdit &&
          (customer.length === 0 ? (
            <p className="text-sm text-slate-500">No customer-facing template exists yet; create one under Templates.</p>
          ) : (
            <div className="flex flex-wrap items-end gap-2">
              <div>
                <label htmlFor={`${id}-share-template`} className="field-label">
                  Customer-facing template
                </label>
                <select
                  id={`${id}-share-template`}
                  className="field-input"
                  value={shareTemplate}
                  onChange={(e) => setShareTemplate(e.target.value)}
                >
                  {customer.map((t) => (
                    <option key={t.key} value={t.key}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </div>
              <button type="button" className="btn-primary" disabled={pending || !shareTemplate} onClick={share}>
                Create public link
              </button>
            </div>
          ))}
        {created && (
          <div
            role="status"
            className="space-y-1 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950"
          >
            <p className="font-medium">Copy the link now: it is shown only once.</p>
            <label htmlFor={`${id}-url`} className="sr-only">
              Public link
            </label>
            <input
              id={`${id}-url`}
              className="field-input font-mono"
              readOnly
              value={created}
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
        )}
        {notice && (
          <p role={notice.tone === "error" ? "alert" : "status"} className={notice.tone === "error" ? "field-error" : "text-sm"}>
            {notice.text}
          </p>
        )}
      </div>
    </div>
  );
}
