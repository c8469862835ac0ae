"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/transport/action-result";
import { deleteDeliverableAction, moveDeliverableAction } from "../deliverable-actions";
import { DeliverableForm, type DeliverableView } from "./deliverables-form";

const COLUMNS = ["Number", "Deliverable", "Link", "Notes", "Engineering time"];

/** The deliverables table (Number | Deliverable | Link | Notes | Engineering time) with inline add, edit, move and delete. */
export function DeliverablesTable({
  incidentId,
  items,
  canEdit,
  suggestedNumber,
}: {
  incidentId: string;
  items: DeliverableView[];
  canEdit: boolean;
  suggestedNumber: string;
}) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState("");
  const [pending, startTransition] = useTransition();
  // Keyboard users keep their place: after a move, focus returns to the moved row's button.
  const refocusAfterMove = useRef<{ id: string; direction: "up" | "down" } | null>(null);

  useEffect(() => {
    const refocus = refocusAfterMove.current;
    if (!refocus || pending) return;
    const same = document.getElementById(`deliverable-${refocus.direction}-${refocus.id}`) as HTMLButtonElement | null;
    const other = document.getElementById(`deliverable-${refocus.direction === "up" ? "down" : "up"}-${refocus.id}`);
    (same && !same.disabled ? same : other)?.focus();
    refocusAfterMove.current = null;
  }, [items, pending]);

  function move(d: DeliverableView, i: number, direction: "up" | "down") {
    refocusAfterMove.current = { id: d.id, direction };
    run(() => moveDeliverableAction({ id: d.id, direction }), `Moved ${name(d)} to row ${direction === "up" ? i : i + 2}.`);
  }

  function run<T>(action: () => Promise<ActionResult<T>>, success: string) {
    setError(undefined);
    setNotice("");
    startTransition(async () => {
      const result = await action();
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setNotice(success);
      router.refresh();
    });
  }

  function finish(message: string) {
    setEditing(null);
    setNotice(message);
  }

  const name = (d: DeliverableView) => `${d.number} ${d.title}`;

  return (
    <div className="mt-3 space-y-3">
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <p role="status" aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
        {notice}
      </p>
      {items.length === 0 ? (
        editing !== "new" && (
          <p className="text-sm text-slate-500">
            No deliverables recorded yet.{canEdit ? " Add what this milestone delivered, with a link to each." : ""}
          </p>
        )
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">Deliverables</caption>
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                {COLUMNS.map((c) => (
                  <th key={c} scope="col" className="py-2 pr-3">
                    {c}
                  </th>
                ))}
                {canEdit && (
                  <th scope="col" className="py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {items.map((d, i) =>
                editing === d.id ? (
                  <tr key={d.id} className="border-b border-slate-200 dark:border-slate-800">
                    <td colSpan={COLUMNS.length + 1} className="py-2">
                      <DeliverableForm incidentId={incidentId} item={d} onDone={finish} />
                    </td>
                  </tr>
                ) : (
                  <tr key={d.id} className="border-b border-slate-200 align-top dark:border-slate-800">
                    <td className="py-2 pr-3 font-mono">{d.number}</td>
                    <td className="py-2 pr-3">{d.title}</td>
                    <td className="max-w-xs break-all py-2 pr-3">
                      {d.link ? (
                        <a href={d.link} className="underline" target="_blank" rel="noopener noreferrer nofollow">
                          {d.link}
                        </a>
                      ) : (
                        <span className="text-slate-400">—</span>
                      )}
                    </td>
                    <td className="max-w-xs whitespace-pre-line py-2 pr-3">
                      {d.notes || <span className="text-slate-400">—</span>}
                    </td>
                    <td className="whitespace-nowrap py-2 pr-3">
                      {d.engineeringTime || <span className="text-slate-400">—</span>}
                    </td>
                    {canEdit && (
                      <td className="py-2">
                        <div className="flex flex-wrap justify-end gap-1">
                          <button type="button" className="btn-secondary" onClick={() => setEditing(d.id)}>
                            Edit<span className="sr-only"> deliverable {name(d)}</span>
                          </button>
                          <button
                            id={`deliverable-up-${d.id}`}
                            type="button"
                            className="btn-secondary"
                            disabled={pending || i === 0}
                            onClick={() => move(d, i, "up")}
                          >
                            Move up<span className="sr-only"> deliverable {name(d)}</span>
                          </button>
                          <button
                            id={`deliverable-down-${d.id}`}
                            type="button"
                            className="btn-secondary"
                            disabled={pending || i === items.length - 1}
                            onClick={() => move(d, i, "down")}
                          >
                            Move down<span className="sr-only"> deliverable {name(d)}</span>
                          </button>
                          <button
                            type="button"
                            className="btn-secondary text-red-700"
                            disabled={pending}
                            onClick={() => {
                              if (window.confirm(`Delete deliverable ${name(d)}?`)) {
                                run(() => deleteDeliverableAction({ id: d.id }), `Deleted ${name(d)}.`);
                              }
                            }}
                          >
                            Delete<span className="sr-only"> deliverable {name(d)}</span>
                          </button>
                        </div>
                      </td>
                    )}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      {canEdit &&
        (editing === "new" ? (
          <DeliverableForm incidentId={incidentId} suggestedNumber={suggestedNumber} onDone={finish} />
        ) : (
          <button type="button" className="btn-primary" onClick={() => setEditing("new")}>
            Add deliverable
          </button>
        ))}
    </div>
  );
}
