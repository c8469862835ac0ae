"use client";

import { useId, useMemo, useRef, useState, useTransition } from "react";
import { TIMELINE_KINDS, humanize, type TimelineKind } from "@/lib/incidents/constants";
import { parseTimelineText, type ParseTimelineResult } from "@/lib/timeline/parse-timeline-text";
import { formatEventTime } from "@/lib/timeline/display";
import { COMMON_TIME_ZONES } from "@/lib/time/zones";
import { pasteToImportRows } from "@/lib/timeline/paste-to-import";
import { importTimelineEventsAction } from "../timeline-actions";

type Parsed = ParseTimelineResult | { error: string };

/**
 * "Paste timeline": a modal dialog (native <dialog>, so focus is trapped and Escape closes it) with a live
 * preview of what will be added and every line that will not, with its reason.
 */
export function TimelinePasteDialog({
  incidentNumber,
  incidentZone,
  startDate,
  onAdded,
}: {
  incidentNumber: number;
  incidentZone: string;
  startDate: string;
  onAdded: (message: string) => void;
}) {
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState("");
  const [year, setYear] = useState(startDate.slice(0, 4));
  const [zone, setZone] = useState(incidentZone);
  const [kinds, setKinds] = useState<Record<number, TimelineKind>>({});
  const [error, setError] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [pending, startTransition] = useTransition();
  const zones = Array.from(new Set([incidentZone, "UTC", ...COMMON_TIME_ZONES]));

  const parsed: Parsed = useMemo(() => {
    const y = Number(year);
    if (!Number.isInteger(y) || y < 1970 || y > 2099) return { error: "Enter a year between 1970 and 2099." };
    try {
      return parseTimelineText(text, { year: y, timeZone: zone, referenceDate: startDate });
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [text, year, zone, startDate]);
  const events = "error" in parsed ? [] : parsed.events;
  const unparsed = "error" in parsed ? [] : parsed.unparsed;

  function open() {
    setError(null);
    setRowErrors({});
    dialogRef.current?.showModal();
    textRef.current?.focus();
  }

  function close() {
    dialogRef.current?.close();
  }

  function add() {
    const rows = pasteToImportRows(events, zone, kinds);
    startTransition(async () => {
      const result = await importTimelineEventsAction({ incidentNumber, events: rows });
      if (result.ok) {
        close();
        setText("");
        setKinds({});
        onAdded(`Added ${result.data.count} event${result.data.count === 1 ? "" : "s"} from the paste.`);
        return;
      }
      setError(result.error.message);
      const byLine: Record<number, string> = {};
      for (const [key, messages] of Object.entries(result.error.fields ?? {})) {
        const m = /^events\.(\d+)\./.exec(key);
        if (m && events[Number(m[1])]) byLine[events[Number(m[1])].line] = messages.join(" ");
      }
      setRowErrors(byLine);
    });
  }

  const titleId = `${id}-title`;
  return (
    <>
      <button ref={openerRef} type="button" className="btn-secondary" onClick={open}>
        Paste timeline
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        aria-describedby={`${id}-desc`}
        onClose={() => openerRef.current?.focus()}
        className="m-auto w-full max-w-5xl rounded-lg p-0 backdrop:bg-slate-900/50 dark:bg-slate-900 dark:text-slate-100"
      >
        <div className="space-y-4 p-5">
          <div className="flex items-start justify-between gap-4">
            <div>
              <h2 id={titleId} className="text-lg font-semibold">
                Paste timeline
              </h2>
              <p id={`${id}-desc`} className="text-sm text-slate-500">
                One event per line, starting with a date or time: chat logs, Markdown lists and tables, spreadsheet rows.
              </p>
            </div>
            <button type="button" className="btn-secondary" onClick={close} aria-label="Close paste dialog">
              Close
            </button>
          </div>

          <div>
            <label className="field-label" htmlFor={`${id}-text`}>
              Timeline text
            </label>
            <textarea
              id={`${id}-text`}
              ref={textRef}
              className="field-input h-40 font-mono"
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={"19:05 Alert fired\n19:12 Paged on-call\nMay 13: follow-up review"}
            />
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <label className="field-label" htmlFor={`${id}-year`}>
                Year for dates written without one
              </label>
              <input
                id={`${id}-year`}
                className="field-input"
                inputMode="numeric"
                value={year}
                onChange={(e) => setYear(e.target.value)}
                aria-invalid={"error" in parsed}
                aria-describedby={"error" in parsed ? `${id}-year-error` : undefined}
              />
              {"error" in parsed && (
                <p id={`${id}-year-error`} className="field-error">
                  {parsed.error}
                </p>
              )}
            </div>
            <div>
              <label className="field-label" htmlFor={`${id}-zone`}>
                Zone for times written without one
              </label>
              <select id={`${id}-zone`} className="field-input" value={zone} onChange={(e) => setZone(e.target.value)}>
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z === incidentZone ? `${z} (incident)` : z}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p className="text-xs text-slate-500">
            Lines with a time but no date are taken to be on {startDate}, unless an earlier line has a date.
          </p>

          <div aria-live="polite">
            <h3 className="text-sm font-semibold">
              Preview: {events.length} event{events.length === 1 ? "" : "s"}
              {unparsed.length > 0 && `, ${unparsed.length} line${unparsed.length === 1 ? "" : "s"} not read`}
            </h3>
          </div>
          {events.length > 0 && (
            <div className="max-h-72 overflow-auto">
              <table className="w-full text-left text-sm">
                <thead>
                  <tr className="border-b border-slate-200 dark:border-slate-800">
                    <th scope="col" className="py-1 pr-3">
                      Line
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      Time ({zone})
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      UTC
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      Precision
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      Kind
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      Text
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {events.map((e) => (
                    <tr key={e.line} className="border-b border-slate-100 align-top dark:border-slate-800">
                      <td className="py-1 pr-3 text-slate-500">{e.line}</td>
                      <td className="py-1 pr-3 font-mono">
                        {formatEventTime(e.occurredAt, e.precision, zone)}
                        {e.precision !== "day" && e.zone !== zone && (
                          <span className="block text-xs text-slate-500">written in {e.zone}</span>
                        )}
                        {(e.assumedYear || e.assumedDate) && (
                          <span className="block text-xs text-amber-700 dark:text-amber-400">
                            {e.assumedDate ? "date assumed" : "year assumed"}
                          </span>
                        )}
                      </td>
                      <td className="py-1 pr-3 font-mono">
                        {e.precision === "day" ? "—" : formatEventTime(e.occurredAt, e.precision, "UTC")}
                      </td>
                      <td className="py-1 pr-3">{humanize(e.precision)}</td>
                      <td className="py-1 pr-3">
                        <label className="sr-only" htmlFor={`${id}-kind-${e.line}`}>
                          Kind for line {e.line}
                        </label>
                        <select
                          id={`${id}-kind-${e.line}`}
                          className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
                          value={kinds[e.line] ?? e.kind}
                          onChange={(ev) => setKinds((k) => ({ ...k, [e.line]: ev.target.value as TimelineKind }))}
                        >
                          {TIMELINE_KINDS.map((k) => (
                            <option key={k} value={k}>
                              {humanize(k)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="py-1 pr-3">
                        {e.text}
                        {rowErrors[e.line] && <span className="field-error block">{rowErrors[e.line]}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {unparsed.length > 0 && (
            <div>
              <h3 className="text-sm font-semibold">Lines not read (they will not be added)</h3>
              <ul className="mt-1 max-h-40 space-y-1 overflow-auto text-sm">
                {unparsed.map((u) => (
                  <li key={u.line}>
                    <span className="text-slate-500">Line {u.line}:</span> <code className="font-mono">{u.raw.trim()}</code>{" "}
                    <span className="text-amber-700 dark:text-amber-400">— {u.reason}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}

          {error && (
            <p role="alert" className="field-error">
              {error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" className="btn-secondary" onClick={close}>
              Cancel
            </button>
            <button type="button" className="btn-primary" disabled={pending || events.length === 0} onClick={add}>
              {pending ? "Adding…" : `Add ${events.length} event${events.length === 1 ? "" : "s"}`}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
