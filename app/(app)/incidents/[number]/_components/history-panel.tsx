"use client";

import { useState, useTransition } from "react";
import type { DiffPart } from "@/lib/revisions/diff";
import { compareRevisionsAction, restoreRevisionAction } from "../history-actions";

type Row = { id: string; entityId: string; label: string; version: number; author: string; deleted: boolean; when: string };

export function HistoryPanel({
  incidentNumber,
  canEdit,
  revisions,
}: {
  incidentNumber: number;
  canEdit: boolean;
  revisions: Row[];
}) {
  const [selected, setSelected] = useState<string[]>([]);
  const [diff, setDiff] = useState<{ fromVersion: number; toVersion: number; parts: DiffPart[] } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const first = revisions.find((r) => r.id === selected[0]);
  const toggle = (row: Row) => {
    setDiff(null);
    setMessage(null);
    setSelected((cur) => (cur.includes(row.id) ? cur.filter((id) => id !== row.id) : [...cur, row.id].slice(-2)));
  };

  const compare = () =>
    startTransition(async () => {
      const [fromId, toId] = selected;
      const result = await compareRevisionsAction({ incidentNumber, fromId, toId });
      if (result.ok) setDiff(result.data);
      else setMessage(result.error.message);
    });

  const restore = (row: Row) =>
    startTransition(async () => {
      const result = await restoreRevisionAction({ incidentNumber, revisionId: row.id });
      setMessage(
        result.ok
          ? `Restored version ${row.version} as version ${result.data.version}.`
          : `Not restored: ${result.error.message}`,
      );
    });

  return (
    <div className="mt-3 space-y-3 text-sm">
      <p className="text-slate-500">Tick two versions of the same record to compare them.</p>
      <div className="max-h-96 overflow-y-auto">
        <table className="w-full text-left">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <th scope="col" className="py-1 pr-2">
                <span className="sr-only">Compare</span>
              </th>
              <th scope="col" className="py-1 pr-3">
                Record
              </th>
              <th scope="col" className="py-1 pr-3">
                Version
              </th>
              <th scope="col" className="py-1 pr-3">
                Who
              </th>
              <th scope="col" className="py-1 pr-3">
                When
              </th>
              {canEdit && (
                <th scope="col" className="py-1">
                  <span className="sr-only">Restore</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => {
              const checked = selected.includes(r.id);
              const disabled = !checked && selected.length === 1 && first !== undefined && first.entityId !== r.entityId;
              return (
                <tr key={r.id} className="border-b border-slate-100 dark:border-slate-800">
                  <td className="py-1 pr-2">
                    <input
                      type="checkbox"
                      aria-label={`Compare ${r.label} version ${r.version}`}
                      checked={checked}
                      disabled={disabled}
                      onChange={() => toggle(r)}
                    />
                  </td>
                  <td className="py-1 pr-3">
                    {r.label}
                    {r.deleted && " (deleted)"}
                  </td>
                  <td className="py-1 pr-3">v{r.version}</td>
                  <td className="py-1 pr-3">{r.author}</td>
                  <td className="py-1 pr-3">{r.when}</td>
                  {canEdit && (
                    <td className="py-1">
                      {!r.deleted && (
                        <button type="button" className="btn-secondary" disabled={pending} onClick={() => restore(r)}>
                          Restore v{r.version}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button type="button" className="btn-primary" disabled={selected.length !== 2 || pending} onClick={compare}>
        Compare selected
      </button>
      {message && (
        <p role="status" className="text-slate-700 dark:text-slate-300">
          {message}
        </p>
      )}
      {diff && (
        <div
          aria-label={`Changes from version ${diff.fromVersion} to ${diff.toVersion}`}
          className="rounded border border-slate-300 p-2 dark:border-slate-700"
        >
          <p className="mb-1 text-xs text-slate-500">
            v{diff.fromVersion} → v{diff.toVersion}
          </p>
          <pre className="whitespace-pre-wrap font-sans">
            {diff.parts.map((p, i) =>
              p.op === "equal" ? (
                <span key={i}>{p.text}</span>
              ) : p.op === "insert" ? (
                <ins key={i} className="bg-green-100 text-green-900 no-underline dark:bg-green-900 dark:text-green-100">
                  {p.text}
                </ins>
              ) : (
                <del key={i} className="bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100">
                  {p.text}
                </del>
              ),
            )}
          </pre>
        </div>
      )}
    </div>
  );
}
