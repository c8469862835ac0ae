"use client";

import { DATA_BLOCKS, DATA_BLOCK_LABELS, type DataBlock } from "@/lib/templates/types";
import {
  ACTION_TYPES,
  SECTION_KINDS,
  SECTION_KIND_LABELS,
  newDraft,
  type ActionType,
  type SectionDraft,
  type SectionKind,
} from "./section-drafts";

/** Field errors keyed like the schema's paths: "sections.2.title". */
type Errors = Record<string, string>;

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="field-error">
      {message}
    </p>
  ) : null;
}

/** The ordered section list of a template: add, remove, reorder, and edit each section by kind. */
export function SectionListEditor({
  sections,
  onChange,
  errors,
}: {
  sections: SectionDraft[];
  onChange: (sections: SectionDraft[]) => void;
  errors: Errors;
}) {
  const update = (i: number, patch: Partial<SectionDraft>) =>
    onChange(sections.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...sections];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  const remove = (i: number) => onChange(sections.filter((_, j) => j !== i));
  const add = () => onChange([...sections, newDraft(sections.map((s) => s.key))]);

  return (
    <div className="space-y-3">
      <FieldError id="sections-error" message={errors["sections"]} />
      <ol className="space-y-3">
        {sections.map((s, i) => (
          <li key={s.uid}>
            <SectionCard
              section={s}
              index={i}
              count={sections.length}
              errors={errors}
              onUpdate={(patch) => update(i, patch)}
              onMove={(by) => move(i, by)}
              onRemove={() => remove(i)}
            />
          </li>
        ))}
      </ol>
      <button type="button" className="btn-secondary" onClick={add}>
        Add section
      </button>
    </div>
  );
}

function SectionCard({
  section: s,
  index: i,
  count,
  errors,
  onUpdate,
  onMove,
  onRemove,
}: {
  section: SectionDraft;
  index: number;
  count: number;
  errors: Errors;
  onUpdate: (patch: Partial<SectionDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const id = (field: string) => `section-${s.uid}-${field}`;
  const err = (field: string) => errors[`sections.${i}.${field}`];
  const described = (field: string) => (err(field) ? `${id(field)}-error` : undefined);
  const name = `Section ${i + 1}${s.title ? `: ${s.title}` : ""}`;

  return (
    <fieldset className={`card space-y-3 ${s.level === 3 ? "md:ml-8" : ""}`}>
      <legend className="sr-only">{name}</legend>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-semibold" aria-hidden>
          {i + 1}.
        </span>
        <span className="text-sm font-medium">{s.title || "Untitled section"}</span>
        <span className="text-xs text-slate-500">{SECTION_KIND_LABELS[s.kind]}</span>
        <div className="ml-auto flex gap-2">
          <button
            type="button"
            className="btn-secondary px-2 py-1"
            onClick={() => onMove(-1)}
            disabled={i === 0}
            aria-label={`Move ${name} up`}
          >
            ↑
          </button>
          <button
            type="button"
            className="btn-secondary px-2 py-1"
            onClick={() => onMove(1)}
            disabled={i === count - 1}
            aria-label={`Move ${name} down`}
          >
            ↓
          </button>
          <button type="button" className="btn-secondary px-2 py-1" onClick={onRemove} aria-label={`Remove ${name}`}>
            Remove
          </button>
        </div>
      </div>

      <div className="grid gap-3 md:grid-cols-4">
        <div>
          <label className="field-label" htmlFor={id("kind")}>
            Kind
          </label>
          <select
            id={id("kind")}
            className="field-input"
            value={s.kind}
            onChange={(e) => onUpdate({ kind: e.target.value as SectionKind })}
          >
            {SECTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {SECTION_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="field-label" htmlFor={id("key")}>
            Key
          </label>
          <input
            id={id("key")}
            className="field-input font-mono"
            value={s.key}
            onChange={(e) => onUpdate({ key: e.target.value })}
            aria-invalid={Boolean(err("key"))}
            aria-describedby={described("key")}
            spellCheck={false}
          />
          <FieldError id={`${id("key")}-error`} message={err("key")} />
        </div>
        <div className="md:col-span-2">
          <label className="field-label" htmlFor={id("title")}>
            Title
          </label>
          <input
            id={id("title")}
            className="field-input"
            value={s.title}
            onChange={(e) => onUpdate({ title: e.target.value })}
            aria-invalid={Boolean(err("title"))}
            aria-describedby={described("title")}
          />
          <FieldError id={`${id("title")}-error`} message={err("title")} />
        </div>
        <div>
          <label className="field-label" htmlFor={id("level")}>
            Level
          </label>
          <select
            id={id("level")}
            className="field-input"
            value={s.level}
            onChange={(e) => onUpdate({ level: Number(e.target.value) === 3 ? 3 : 2 })}
          >
            <option value={2}>Section (##)</option>
            <option value={3}>Subsection (###)</option>
          </select>
        </div>
        <div className="flex items-end md:col-span-3">
          <label className="flex items-center gap-2 text-sm" htmlFor={id("internal")}>
            <input
              id={id("internal")}
              type="checkbox"
              checked={s.internal}
              onChange={(e) => onUpdate({ internal: e.target.checked })}
            />
            Internal: left out of customer-facing documents
          </label>
        </div>
      </div>

      {s.kind === "narrative" && (
        <div>
          <label className="field-label" htmlFor={id("hint")}>
            Hint (what to write here)
          </label>
          <textarea
            id={id("hint")}
            className="field-input"
            rows={2}
            value={s.hint}
            onChange={(e) => onUpdate({ hint: e.target.value })}
            aria-invalid={Boolean(err("hint"))}
            aria-describedby={described("hint")}
          />
          <FieldError id={`${id("hint")}-error`} message={err("hint")} />
        </div>
      )}

      {s.kind === "static" && (
        <div>
          <label className="field-label" htmlFor={id("text")}>
            Text (plain paragraphs, blank line between them)
          </label>
          <textarea
            id={id("text")}
            className="field-input"
            rows={4}
            value={s.text}
            onChange={(e) => onUpdate({ text: e.target.value })}
            aria-invalid={Boolean(err("text"))}
            aria-describedby={described("text")}
          />
          <FieldError id={`${id("text")}-error`} message={err("text")} />
        </div>
      )}

      {s.kind === "data" && <DataBlockFields section={s} id={id} err={err} onUpdate={onUpdate} />}
    </fieldset>
  );
}

function DataBlockFields({
  section: s,
  id,
  err,
  onUpdate,
}: {
  section: SectionDraft;
  id: (field: string) => string;
  err: (field: string) => string | undefined;
  onUpdate: (patch: Partial<SectionDraft>) => void;
}) {
  const toggleType = (t: ActionType, on: boolean) =>
    onUpdate({
      actionTypes: on ? ACTION_TYPES.filter((x) => x === t || s.actionTypes.includes(x)) : s.actionTypes.filter((x) => x !== t),
    });
  return (
    <div className="space-y-3">
      <div>
        <label className="field-label" htmlFor={id("block")}>
          Data block
        </label>
        <select
          id={id("block")}
          className="field-input"
          value={s.block}
          onChange={(e) => onUpdate({ block: e.target.value as DataBlock })}
          aria-invalid={Boolean(err("block"))}
        >
          {DATA_BLOCKS.map((b) => (
            <option key={b} value={b}>
              {DATA_BLOCK_LABELS[b]}
            </option>
          ))}
        </select>
      </div>
      {s.block === "actions" && (
        <fieldset className="flex flex-wrap items-center gap-4 text-sm">
          <legend className="field-label">Action types shown (none ticked: all)</legend>
          {ACTION_TYPES.map((t) => (
            <label key={t} className="flex items-center gap-1" htmlFor={id(`type-${t}`)}>
              <input
                id={id(`type-${t}`)}
                type="checkbox"
                checked={s.actionTypes.includes(t)}
                onChange={(e) => toggleType(t, e.target.checked)}
              />
              {t}
            </label>
          ))}
          <label className="flex items-center gap-1" htmlFor={id("numbered")}>
            <input
              id={id("numbered")}
              type="checkbox"
              checked={s.numbered}
              onChange={(e) => onUpdate({ numbered: e.target.checked })}
            />
            Numbered list instead of a table
          </label>
        </fieldset>
      )}
      {s.block === "root_causes" && (
        <label className="flex items-center gap-2 text-sm" htmlFor={id("withCharts")}>
          <input
            id={id("withCharts")}
            type="checkbox"
            checked={s.withCharts}
            onChange={(e) => onUpdate({ withCharts: e.target.checked })}
          />
          One subsection per cause with its linked chart
        </label>
      )}
      {s.block === "uptime" && (
        <div className="max-w-48">
          <label className="field-label" htmlFor={id("uptimeTarget")}>
            Uptime target (%)
          </label>
          <input
            id={id("uptimeTarget")}
            className="field-input"
            inputMode="decimal"
            value={s.uptimeTarget}
            onChange={(e) => onUpdate({ uptimeTarget: e.target.value })}
            aria-invalid={Boolean(err("options.uptimeTarget"))}
            aria-describedby={err("options.uptimeTarget") ? `${id("uptimeTarget")}-error` : undefined}
          />
          <FieldError id={`${id("uptimeTarget")}-error`} message={err("options.uptimeTarget")} />
        </div>
      )}
    </div>
  );
}
