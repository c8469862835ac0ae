/**
 * A labelled progress bar for imports: the label names it for assistive technology
 * (aria-labelledby), the text beside it says how far it is; a null value shows an
 * indeterminate bar (the job has not reported progress yet).
 */
export function ProgressBar({ id, label, value, text }: { id: string; label: string; value: number | null; text: string }) {
  return (
    <div className="space-y-1">
      <div className="flex justify-between gap-3 text-sm">
        <span id={id} className="font-medium">
          {label}
        </span>
        <span className="tabular-nums text-slate-600 dark:text-slate-400">{text}</span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={id}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value ?? undefined}
        aria-valuetext={text}
        className="h-2.5 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        {value === null ? (
          <div className="h-full w-full animate-pulse bg-indigo-300 dark:bg-indigo-800" />
        ) : (
          <div className="h-full bg-indigo-600 transition-[width] duration-200" style={{ width: `${value}%` }} />
        )}
      </div>
    </div>
  );
}
