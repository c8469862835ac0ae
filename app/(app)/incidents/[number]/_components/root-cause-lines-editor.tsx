"use client";

import { useId } from "react";

/**
 * An ordered list of short texts (the 5 whys, contributing factors): every row has its own
 * labelled input and buttons to move it up or down or remove it, all reachable by keyboard.
 */
export function RootCauseLinesEditor({
  legend,
  itemLabel,
  values,
  onChange,
  max,
  numbered = false,
  error,
}: {
  legend: string;
  itemLabel: string;
  values: string[];
  onChange: (values: string[]) => void;
  max: number;
  numbered?: boolean;
  error?: string[];
}) {
  const id = useId();
  const move = (from: number, to: number) => {
    const next = [...values];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    onChange(next);
  };
  const ListTag = numbered ? "ol" : "ul";
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="field-label">{legend}</legend>
      {values.length === 0 && <p className="text-sm text-slate-500">None yet.</p>}
      <ListTag className="space-y-2">
        {values.map((value, i) => (
          <li key={i} className="flex items-center gap-2">
            <label htmlFor={`${id}-${i}`} className="w-16 shrink-0 text-sm text-slate-600 dark:text-slate-400">
              {itemLabel} {i + 1}
            </label>
            <input
              id={`${id}-${i}`}
              className="field-input flex-1"
              value={value}
              maxLength={1000}
              onChange={(e) => onChange(values.map((v, j) => (j === i ? e.target.value : v)))}
            />
            <button
              type="button"
              className="btn-secondary px-2"
              aria-label={`Move ${itemLabel.toLowerCase()} ${i + 1} up`}
              disabled={i === 0}
              onClick={() => move(i, i - 1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="btn-secondary px-2"
              aria-label={`Move ${itemLabel.toLowerCase()} ${i + 1} down`}
              disabled={i === values.length - 1}
              onClick={() => move(i, i + 1)}
            >
              ↓
            </button>
            <button
              type="button"
              className="btn-secondary px-2"
              aria-label={`Remove ${itemLabel.toLowerCase()} ${i + 1}`}
              onClick={() => onChange(values.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </li>
        ))}
      </ListTag>
      <button
        type="button"
        className="btn-secondary mt-2"
        disabled={values.length >= max}
        onClick={() => onChange([...values, ""])}
      >
        Add {itemLabel.toLowerCase()}
      </button>
      {values.length >= max && <p className="mt-1 text-xs text-slate-500">At most {max}.</p>}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error.join(" ")}
        </p>
      )}
    </fieldset>
  );
}
