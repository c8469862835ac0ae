import { formatFileSize } from "@/components/imports/file-size";

/** One line of the chosen files: a file, or a folder's files summed up. */
export type ChosenFileRow = {
  key: string;
  /** The file's name, or the folder's ("uptime/"). */
  label: string;
  size: number;
  /** Said after the label in grey, in brackets: "1,204 files". */
  detail?: string;
};

/** The files chosen for an import, each with its size and a Remove button; nothing when none are. */
export function ChosenFilesList({ rows, onRemove }: { rows: ChosenFileRow[]; onRemove: (key: string) => void }) {
  if (rows.length === 0) return null;
  return (
    <ul
      aria-label="Chosen files"
      className="divide-y divide-slate-200 rounded border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800"
    >
      {rows.map((r) => (
        <li key={r.key} className="flex items-center gap-3 px-3 py-2">
          <span className="min-w-0 flex-1 truncate font-mono">
            {r.label}
            {r.detail && <span className="font-sans text-slate-500"> ({r.detail})</span>}
          </span>
          <span className="tabular-nums text-slate-500">{formatFileSize(r.size)}</span>
          <button
            type="button"
            className="text-red-700 underline disabled:opacity-50 dark:text-red-400"
            onClick={() => onRemove(r.key)}
            aria-label={`Remove ${r.label}`}
          >
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}
