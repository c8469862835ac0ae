"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ACTION_STATUSES, humanize } from "@/lib/incidents/constants";
import { SeverityBadge } from "@/components/ui/badges";
import { bulkSetActionStatusAction } from "../../incidents/[number]/action-item-actions";

export type ActionRow = {
  id: string;
  title: string;
  priority: string;
  status: string;
  type: string;
  ownerName: string;
  dueDate: string;
  overdue: boolean;
  incidentNumber: number;
  incidentTitle: string;
  severity: number;
};

/** The cross-incident table: pick rows, set one status on all of them at once. */
export function ActionBulkTable({ rows, canEdit }: { rows: ActionRow[]; canEdit: boolean }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<(typeof ACTION_STATUSES)[number]>("done");
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | undefined>();
  const [pending, startTransition] = useTransition();
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };

  function apply() {
    startTransition(async () => {
      const result = await bulkSetActionStatusAction({ ids: [...selected], status });
      if (result.ok) {
        setMessage({ kind: "ok", text: `Set ${result.data.updated} action item(s) to ${humanize(status)}.` });
        setSelected(new Set());
        router.refresh();
      } else {
        setMessage({ kind: "error", text: `${result.error.message} Nothing was changed.` });
      }
    });
  }

  return (
    <div className="space-y-3">
      {canEdit && (
        <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Bulk status change">
          <div>
            <label htmlFor="bulk-status" className="field-label">
              Set status of selected
            </label>
            <select
              id="bulk-status"
              className="field-input"
              value={status}
              onChange={(e) => setStatus(e.target.value as (typeof ACTION_STATUSES)[number])}
            >
              {ACTION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {humanize(s)}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="btn-primary" disabled={pending || selected.size === 0} onClick={apply}>
            {pending ? "Applying…" : `Apply to ${selected.size} selected`}
          </button>
        </div>
      )}
      {message && (
        <p
          role={message.kind === "error" ? "alert" : "status"}
          className={message.kind === "error" ? "field-error" : "text-sm text-emerald-700"}
        >
          {message.text}
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              {canEdit && (
                <th scope="col" className="py-1 pr-3">
                  <input
                    type="checkbox"
                    aria-label="Select all action items on this page"
                    checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
                  />
                </th>
              )}
              {["Due", "Action", "Incident", "Severity", "Priority", "Owner", "Status"].map((h) => (
                <th key={h} scope="col" className="py-1 pr-3">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-slate-100 dark:border-slate-800">
                {canEdit && (
                  <td className="py-1 pr-3">
                    <input
                      type="checkbox"
                      aria-label={`Select ${r.title}`}
                      checked={selected.has(r.id)}
                      onChange={() => toggle(r.id)}
                    />
                  </td>
                )}
                <td className={`whitespace-nowrap py-1 pr-3 ${r.overdue ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>
                  {r.dueDate || "—"}
                  {r.overdue && (
                    <span className="ml-2 rounded border border-red-700 px-1 text-xs uppercase dark:border-red-400">Overdue</span>
                  )}
                </td>
                <td className="py-1 pr-3">{r.title}</td>
                <td className="py-1 pr-3">
                  <Link className="underline" href={`/incidents/${r.incidentNumber}`}>
                    #{r.incidentNumber} {r.incidentTitle}
                  </Link>
                </td>
                <td className="py-1 pr-3">
                  <SeverityBadge level={r.severity} />
                </td>
                <td className="py-1 pr-3 uppercase">{r.priority}</td>
                <td className="py-1 pr-3">{r.ownerName || "Unassigned"}</td>
                <td className="py-1 pr-3">{humanize(r.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
