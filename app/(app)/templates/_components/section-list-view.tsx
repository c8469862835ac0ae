import { DATA_BLOCK_LABELS, type TemplateSection } from "@/lib/templates/types";
import { SECTION_KIND_LABELS } from "./section-drafts";

function optionsText(s: Extract<TemplateSection, { kind: "data" }>): string {
  const o = s.options;
  return [
    o.actionTypes?.length ? `types: ${o.actionTypes.join(", ")}` : null,
    o.numbered ? "numbered" : null,
    o.withCharts ? "with charts" : null,
    o.uptimeTarget !== undefined ? `target ${o.uptimeTarget}%` : null,
  ]
    .filter(Boolean)
    .join("; ");
}

/** A template's sections, read-only (built-ins, older versions, people who cannot manage templates). */
export function SectionListView({ sections }: { sections: TemplateSection[] }) {
  return (
    <ol className="space-y-2">
      {sections.map((s) => (
        <li key={s.key} className={`card space-y-1 ${s.level === 3 ? "ml-6" : ""}`}>
          <div className="flex flex-wrap items-baseline gap-2">
            <span className="font-medium">{s.title}</span>
            <code className="text-xs text-slate-500">{s.key}</code>
            <span className="text-xs text-slate-500">{SECTION_KIND_LABELS[s.kind]}</span>
            {s.internal && <span className="rounded bg-slate-200 px-2 py-0.5 text-xs dark:bg-slate-700">Internal</span>}
          </div>
          {s.kind === "narrative" && s.hint && <p className="text-sm text-slate-600 dark:text-slate-400">{s.hint}</p>}
          {s.kind === "static" && <p className="whitespace-pre-line text-sm text-slate-600 dark:text-slate-400">{s.text}</p>}
          {s.kind === "data" && (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {DATA_BLOCK_LABELS[s.block]}
              {optionsText(s) && ` (${optionsText(s)})`}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
