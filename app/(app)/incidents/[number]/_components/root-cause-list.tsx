"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { humanize } from "@/lib/incidents/constants";
import { deleteRootCauseAction, reorderRootCausesAction } from "../rootcause-actions";
import { RootCauseForm, type RootCauseView } from "./root-cause-form";

export function RootCauseList({
  incidentId,
  causes,
  canEdit,
}: {
  incidentId: string;
  causes: RootCauseView[];
  canEdit: boolean;
}) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [message, setMessage] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();

  function run(action: () => Promise<{ ok: boolean; error?: { message: string } }>) {
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setMessage(result.error?.message);
      else {
        setMessage(undefined);
        router.refresh();
      }
    });
  }

  function move(index: number, delta: number) {
    const ids = causes.map((c) => c.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + delta, 0, id);
    run(() => reorderRootCausesAction({ incidentId, ids }));
  }

  return (
    <div className="mt-3 space-y-4">
      {message && (
        <p role="alert" className="field-error">
          {message}
        </p>
      )}
      {causes.length === 0 && editing !== "new" && <p className="text-sm text-slate-500">No root causes recorded yet.</p>}
      <ol className="space-y-4">
        {causes.map((c, i) => (
          <li key={c.id} className="border-b border-slate-100 pb-3 dark:border-slate-800">
            {editing === c.id ? (
              <RootCauseForm incidentId={incidentId} cause={c} onDone={() => setEditing(null)} />
            ) : (
              <>
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  <span className="rounded bg-slate-200 px-1.5 text-xs dark:bg-slate-700">{humanize(c.category)}</span>
                  {c.isTrigger ? (
                    <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">Trigger</span>
                  ) : (
                    <span className="rounded bg-sky-100 px-1.5 text-xs text-sky-900">Root cause</span>
                  )}
                </p>
                <p className="mt-1 whitespace-pre-line">{c.description}</p>
                {c.whys.length > 0 && (
                  <div className="mt-1">
                    <p className="text-xs font-semibold uppercase text-slate-500">5 whys</p>
                    <ol className="ml-5 list-decimal text-sm text-slate-700 dark:text-slate-300">
                      {c.whys.map((w, j) => (
                        <li key={j}>{w}</li>
                      ))}
                    </ol>
                  </div>
                )}
                {c.factors.length > 0 && (
                  <div className="mt-1">
                    <p className="text-xs font-semibold uppercase text-slate-500">Contributing factors</p>
                    <ul className="ml-5 list-disc text-sm text-slate-600 dark:text-slate-400">
                      {c.factors.map((f, j) => (
                        <li key={j}>{f}</li>
                      ))}
                    </ul>
                  </div>
                )}
                {canEdit && (
                  <div className="mt-2 flex flex-wrap gap-2">
                    <button type="button" className="btn-secondary" onClick={() => setEditing(c.id)}>
                      Edit<span className="sr-only"> root cause {i + 1}</span>
                    </button>
                    <button type="button" className="btn-secondary" disabled={pending || i === 0} onClick={() => move(i, -1)}>
                      Move up<span className="sr-only"> root cause {i + 1}</span>
                    </button>
                    <button
                      type="button"
                      className="btn-secondary"
                      disabled={pending || i === causes.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      Move down<span className="sr-only"> root cause {i + 1}</span>
                    </button>
                    <button
                      type="button"
                      className="btn-secondary text-red-700"
                      disabled={pending}
                      onClick={() => {
                        if (window.confirm("Delete this root cause? Its text stays in the revision history.")) {
                          run(() => deleteRootCauseAction({ id: c.id }));
                        }
                      }}
                    >
                      Delete<span className="sr-only"> root cause {i + 1}</span>
                    </button>
                  </div>
                )}
              </>
            )}
          </li>
        ))}
      </ol>
      {canEdit &&
        (editing === "new" ? (
          <RootCauseForm incidentId={incidentId} onDone={() => setEditing(null)} />
        ) : (
          <button type="button" className="btn-primary" onClick={() => setEditing("new")}>
            Add root cause
          </button>
        ))}
    </div>
  );
}
