import { humanize } from "@/lib/incidents/constants";

const SEVERITY_STYLES: Record<number, string> = {
  1: "bg-red-600 text-white",
  2: "bg-orange-500 text-white",
  3: "bg-amber-300 text-amber-950",
  4: "bg-sky-200 text-sky-950",
  5: "bg-slate-200 text-slate-800",
};

export function SeverityBadge({ level }: { level: number }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${SEVERITY_STYLES[level] ?? ""}`}>SEV{level}</span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const style =
    status === "resolved"
      ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100"
      : "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100";
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${style}`}>{humanize(status)}</span>;
}
