"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { humanize } from "@/lib/incidents/constants";
import { deleteActionItemAction } from "../action-item-actions";
import { ActionItemForm, type ActionItemView, type Person } from "./action-item-form";

export function ActionItemsTable({
  incidentId,
  items,
  people,
  canEdit,
}: {
  incidentId: string;
  items: ActionItemView[];
  people: Person[];
  canEdit: boolean;
}) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [message, setMessage] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  const columns = canEdit ? 7 : 6;

  function remove(item: ActionItemView) {
    if (!window.confirm(`Delete the action item "${item.title}"? It stays in the revision history.`)) return;
    startTransition(async () => {
      const result = await deleteActionItemAction({ id: item.id });
      if (!result.ok) setMessage(result.error.message);
      else {
        setMessage(undefined);
        router.refresh();
      }
    });
  }

  return (
    <div className="mt-3 space-y-3">
      {message && (
        <p role="alert" className="field-error">
          {message}
        </p>
      )}
      {items.length === 0 && editing !== "new" ? (
        <p className="text-sm text-slate-500">No action items yet.</p>
      ) : (
        items.length > 0 && (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200 dark:border-slate-800">
                  {["Action", "Type", "Priority", "Owner", "Due", "Status"].map((h) => (
                    <th key={h} scope="col" className="py-1 pr-3">
                      {h}
                    </th>
                  ))}
                  {canEdit && (
                    <th scope="col" className="py-1 pr-3">
                      <span className="sr-only">Edit</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {items.map((a) =>
                  editing === a.id ? (
                    <tr key={a.id} className="border-b border-slate-100 dark:border-slate-800">
                      <td colSpan={columns}>
                        <ActionItemForm incidentId={incidentId} item={a} people={people} onDone={() => setEditing(null)} />
                      </td>
                    </tr>
                  ) : (
                    <tr key={a.id} className="border-b border-slate-100 dark:border-slate-800">
                      <td className="py-1 pr-3">
                        {a.trackerUrl ? (
                          <a href={a.trackerUrl} className="underline" rel="noreferrer noopener" target="_blank">
                            {a.title}
                          </a>
                        ) : (
                          a.title
                        )}
                      </td>
                      <td className="py-1 pr-3">{humanize(a.type)}</td>
                      <td className="py-1 pr-3 uppercase">{a.priority}</td>
                      <td className="py-1 pr-3">{a.ownerName || "Unassigned"}</td>
                      <td className={`py-1 pr-3 ${a.overdue ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>
                        {a.dueDate || "—"}
                        {a.overdue && (
                          <span className="ml-2 rounded border border-red-700 px-1 text-xs uppercase dark:border-red-400">
                            Overdue
                          </span>
                        )}
                      </td>
                      <td className="py-1 pr-3">{humanize(a.status)}</td>
                      {canEdit && (
                        <td className="whitespace-nowrap py-1 pr-3">
                          <button type="button" className="btn-secondary mr-2" onClick={() => setEditing(a.id)}>
                            Edit<span className="sr-only"> {a.title}</span>
                          </button>
                          <button
                            type="button"
                            className="btn-secondary text-red-700"
                            disabled={pending}
                            onClick={() => remove(a)}
                          >
                            Delete<span className="sr-only"> {a.title}</span>
                          </button>
                        </td>
                      )}
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        )
      )}
      {canEdit &&
        (editing === "new" ? (
          <ActionItemForm incidentId={incidentId} people={people} onDone={() => setEditing(null)} />
        ) : (
          <button type="button" className="btn-primary" onClick={() => setEditing("new")}>
            Add action item
          </button>
        ))}
    </div>
  );
}
