"use client";

import { useRef, type ReactNode } from "react";
import { FieldError } from "@/components/forms/field";
import { useFileDrop } from "@/components/imports/use-file-drop";

/** One "Choose…" button of a drop zone and the hidden file input it opens. */
export type FilePicker = {
  /** The button's text: "Choose files…". */
  button: string;
  /** The hidden input's accessible name. */
  label: string;
  multiple?: boolean;
  /** Choose a whole folder: the browser names each file by its path inside it (webkitRelativePath). */
  folder?: boolean;
  accept?: string;
};

function PickerButton({ picker, onFiles }: { picker: FilePicker; onFiles: (files: FileList | null) => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="btn-secondary" onClick={() => inputRef.current?.click()}>
        {picker.button}
      </button>
      <input
        ref={inputRef}
        type="file"
        multiple={picker.multiple}
        accept={picker.accept}
        className="hidden"
        aria-label={picker.label}
        // React has no typed prop for these; the browser picks a folder and names each file by its path.
        {...(picker.folder ? { webkitdirectory: "", directory: "" } : {})}
        onChange={(e) => {
          onFiles(e.target.files);
          // Cleared, so choosing the same file again after removing it still fires a change.
          e.target.value = "";
        }}
      />
    </>
  );
}

/**
 * Where an import's files are dropped or chosen: a dashed group that lights up while files are
 * dragged over it (and refuses them while `busy`), its hint, one button per picker, and the
 * files' error. Ids: `<idPrefix>-file-hint`, `<idPrefix>-file-error`.
 */
export function FileDropZone({
  idPrefix,
  label,
  title,
  chosen,
  hint,
  error,
  pickers,
  busy,
  onFiles,
  compact = false,
}: {
  idPrefix: string;
  /** The group's accessible name: "Result files". */
  label: string;
  /** "Drop result files here". */
  title: string;
  /** Shown instead of the title once something is chosen (a single-file zone names its file). */
  chosen?: ReactNode;
  hint: ReactNode;
  error: string | undefined;
  pickers: FilePicker[];
  busy: boolean;
  onFiles: (files: FileList | null) => void;
  /** Smaller, for a zone inside a section rather than a page of its own. */
  compact?: boolean;
}) {
  const drop = useFileDrop({ busy, onFiles });
  return (
    <div
      role="group"
      aria-label={label}
      aria-describedby={error ? `${idPrefix}-file-error` : `${idPrefix}-file-hint`}
      {...drop.handlers}
      className={`rounded-lg border-2 border-dashed text-center transition-colors ${compact ? "p-4 text-sm" : "p-6"} ${
        drop.dragging
          ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950"
          : error
            ? "border-red-400"
            : "border-slate-300 dark:border-slate-700"
      }`}
    >
      {chosen ?? <p className="font-medium">{title}</p>}
      <p id={`${idPrefix}-file-hint`} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        {hint}
      </p>
      <div className={`${compact ? "mt-2" : "mt-3"} flex flex-wrap justify-center gap-2`}>
        {pickers.map((picker) => (
          <PickerButton key={picker.label} picker={picker} onFiles={onFiles} />
        ))}
      </div>
      <FieldError id={`${idPrefix}-file-error`} message={error} />
    </div>
  );
}
