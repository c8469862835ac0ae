"use client";

import { Fragment, useState } from "react";
import Link from "next/link";
import { DowntimeIncidentForm, type DowntimeIncidentDraft } from "./downtime-incident-form";
import { DowntimeLinkForm } from "./downtime-link-form";

/** One downtime window, formatted on the server in the page's zone. */
export type DowntimeRow = {
  key: string;
  start: string;
  /** "still down" for an open window. */
  end: string;
  open: boolean;
  duration: string;
  failedChecks: string;
  /** "403, 0 · Forbidden" or "". */
  codes: string;
  incidents: { number: number; title: string }[];
  /** ISO instants for a link; no end while open. */
  window: { start: string; end: string | null };
  draft: DowntimeIncidentDraft;
};

type Open = { key: string; form: "create" | "link" } | null;

/**
 * The period's downtime windows, newest first. Editors open "Create incident" (a prefilled form)
 * or "Link to incident" under a row; one form is open at a time.
 */
export function DowntimeTable({
  monitorId,
  monitorName,
  timeZone,
  rows,
  canEdit,
  incidents,
}: {
  monitorId: string;
  monitorName: string;
  timeZone: string;
  rows: DowntimeRow[];
  canEdit: boolean;
  incidents: { number: number; title: string }[];
}) {
  const [open, setOpen] = useState<Open>(null);
  const th = "py-2 pr-3";
  const columns = canEdit ? 7 : 6;

  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">
          Downtime windows of {monitorName}, newest first, times in {timeZone}
        </caption>
        <thead>
          <tr className="border-b border-slate-300 dark:border-slate-700">
            <th scope="col" className={th}>
              Started
            </th>
            <th scope="col" className={th}>
              Ended
            </th>
            <th scope="col" className={`${th} text-right`}>
              Duration
            </th>
            <th scope="col" className={`${th} text-right`}>
              Failed checks
            </th>
            <th scope="col" className={th}>
              Codes / message
            </th>
            <th scope="col" className={th}>
              Incidents
            </th>
            {canEdit && (
              <th scope="col" className={th}>
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const formOpen = open?.key === r.key ? open.form : null;
            const panelId = `downtime-${r.key}-panel`;
            return (
              <Fragment key={r.key}>
                <tr className="border-b border-slate-200 align-top dark:border-slate-800" data-testid="downtime-row">
                  <td className="whitespace-nowrap py-2 pr-3 tabular-nums">{r.start}</td>
                  <td className="whitespace-nowrap py-2 pr-3 tabular-nums">
                    {r.open ? <span className="uptime-badge uptime-badge-down">Still down</span> : r.end}
                  </td>
                  <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{r.duration}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{r.failedChecks}</td>
                  <td className="max-w-xs break-words py-2 pr-3">{r.codes || <span className="text-slate-400">—</span>}</td>
                  <td className="py-2 pr-3">
                    {r.incidents.length === 0 ? (
                      <span className="text-slate-400">—</span>
                    ) : (
                      r.incidents.map((i, n) => (
                        <span key={i.number}>
                          {n > 0 && ", "}
                          <Link href={`/incidents/${i.number}`} className="underline" title={i.title}>
                            #{i.number}
                          </Link>
                        </span>
                      ))
                    )}
                  </td>
                  {canEdit && (
                    <td className="whitespace-nowrap py-2 pr-3 text-right">
                      <div className="flex justify-end gap-2">
                        <button
                          type="button"
                          className="btn-secondary px-2 py-1 text-xs"
                          aria-expanded={formOpen === "create"}
                          aria-controls={formOpen === "create" ? panelId : undefined}
                          aria-label={`Create incident: downtime from ${r.start}`}
                          onClick={() => setOpen(formOpen === "create" ? null : { key: r.key, form: "create" })}
                        >
                          Create incident
                        </button>
                        <button
                          type="button"
                          className="btn-secondary px-2 py-1 text-xs"
                          aria-expanded={formOpen === "link"}
                          aria-controls={formOpen === "link" ? panelId : undefined}
                          aria-label={`Link to incident: downtime from ${r.start}`}
                          onClick={() => setOpen(formOpen === "link" ? null : { key: r.key, form: "link" })}
                        >
                          Link to incident
                        </button>
                      </div>
                    </td>
                  )}
                </tr>
                {formOpen && (
                  <tr className="border-b border-slate-200 dark:border-slate-800">
                    <td colSpan={columns} id={panelId} className="bg-slate-50 p-3 dark:bg-slate-950">
                      {formOpen === "create" ? (
                        <DowntimeIncidentForm
                          monitorId={monitorId}
                          timeZone={timeZone}
                          initial={r.draft}
                          idPrefix={`dt-${r.key}`}
                          onCancel={() => setOpen(null)}
                        />
                      ) : (
                        <DowntimeLinkForm
                          monitorId={monitorId}
                          window={r.window}
                          incidents={incidents}
                          idPrefix={`dl-${r.key}`}
                          onDone={() => setOpen(null)}
                        />
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
