"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useZoneChoice } from "@/components/time/zone-choice";
import { humanize } from "@/lib/incidents/constants";
import { formatEventTime, type TimelineEventView } from "@/lib/timeline/display";
import type { ActionResult } from "@/lib/transport/action-result";
import type { UpdateTimelineEventInput } from "@/lib/timeline/schema";
import { createTimelineEventAction, deleteTimelineEventAction, updateTimelineEventAction } from "../timeline-actions";
import { TimelineEventForm, type TimelineFormOutcome, type TimelineFormValues } from "./timeline-event-form";
import { TimelinePasteDialog } from "./timeline-paste-dialog";

type Conflict = {
  eventId: string;
  current: { text: string; version: number; occurredAt: string | Date; precision: TimelineEventView["precision"]; kind: string };
  yours: Omit<UpdateTimelineEventInput, "id" | "version">;
};

function outcomeOf(result: ActionResult<unknown>): TimelineFormOutcome {
  if (result.ok) return undefined;
  return { fields: result.error.fields, message: result.error.message };
}

/** True when a key press belongs to a field the user is typing in. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

export function TimelineEditor({
  incidentNumber,
  incidentZone,
  incidentLabel,
  startDate,
  events,
  canEdit,
}: {
  incidentNumber: number;
  incidentZone: string;
  incidentLabel: string;
  startDate: string;
  events: TimelineEventView[];
  canEdit: boolean;
}) {
  // Shared with the metric charts: one toggle flips both.
  const [shownZone, setShownZone] = useZoneChoice(incidentNumber);
  const utc = shownZone === "utc";
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const newTextRef = useRef<HTMLInputElement>(null);
  const zone = utc ? "UTC" : incidentZone;
  const zoneChoice = utc ? "UTC" : "incident";
  const show = (e: { occurredAt: string | Date; precision: TimelineEventView["precision"] }) =>
    formatEventTime(new Date(e.occurredAt), e.precision, zone, incidentZone);

  useEffect(() => {
    if (!canEdit) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "n" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTyping(e.target)) return;
      if (document.querySelector("dialog[open]")) return;
      e.preventDefault();
      newTextRef.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [canEdit]);

  async function create(values: TimelineFormValues): Promise<TimelineFormOutcome> {
    const result = await createTimelineEventAction({ incidentNumber, ...values });
    if (result.ok) setNotice("Event added.");
    return outcomeOf(result);
  }

  async function save(
    event: TimelineEventView,
    values: TimelineFormValues,
    version = event.version,
  ): Promise<TimelineFormOutcome> {
    const yours = { local: values.local, zone: values.zone, kind: values.kind, text: values.text };
    const result = await updateTimelineEventAction(incidentNumber, { id: event.id, version, ...yours });
    if (result.ok) {
      setEditing(null);
      setConflict(null);
      setNotice("Event saved.");
      return undefined;
    }
    if (result.error.code === "CONFLICT") {
      const details = result.error.details as { current: Conflict["current"] };
      setConflict({ eventId: event.id, current: details.current, yours });
      setEditing(null);
      return undefined;
    }
    if (result.error.code === "NOT_FOUND") {
      setEditing(null);
      setNotice("That event was deleted by someone else meanwhile; your text was not saved: " + values.text);
      return undefined;
    }
    return outcomeOf(result);
  }

  function reapply(event: TimelineEventView, c: Conflict) {
    startTransition(async () => {
      const y = c.yours;
      const values: TimelineFormValues = {
        local: y.local ?? "",
        zone: y.zone ?? "incident",
        kind: (y.kind ?? "note") as TimelineFormValues["kind"],
        text: y.text ?? "",
      };
      const outcome = await save(event, values, c.current.version);
      if (outcome) setNotice(outcome.message ?? "Could not save your version.");
    });
  }

  function remove(event: TimelineEventView) {
    startTransition(async () => {
      const result = await deleteTimelineEventAction(incidentNumber, { id: event.id, version: event.version });
      setConfirming(null);
      if (result.ok) setNotice("Event deleted. It stays in the revision history.");
      else if (result.error.code === "CONFLICT")
        setNotice("Someone changed this event meanwhile; check it and delete again if still wanted.");
      else setNotice(result.error.message);
    });
  }

  const initialFor = (e: TimelineEventView): TimelineFormValues => ({
    local: show(e),
    zone: zoneChoice,
    kind: e.kind,
    text: e.text,
  });

  return (
    <section aria-labelledby="timeline-heading" className="card space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="timeline-heading" className="text-lg font-semibold">
            Timeline
          </h2>
          <p id="timeline-zone" className="text-sm text-slate-500" aria-live="polite">
            {utc ? "Times in UTC" : incidentLabel}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {incidentZone !== "UTC" && (
            <button
              type="button"
              className="btn-secondary"
              aria-pressed={utc}
              onClick={() => setShownZone(utc ? "incident" : "utc")}
            >
              Show UTC
            </button>
          )}
          {canEdit && (
            <TimelinePasteDialog
              incidentNumber={incidentNumber}
              incidentZone={incidentZone}
              startDate={startDate}
              onAdded={setNotice}
            />
          )}
        </div>
      </div>

      {notice && (
        <p role="status" className="rounded-md bg-slate-100 p-2 text-sm dark:bg-slate-800">
          {notice}
        </p>
      )}

      {events.length === 0 ? (
        <p className="text-sm text-slate-500">No timeline events yet.</p>
      ) : (
        <ol className="space-y-2" aria-describedby="timeline-zone">
          {events.map((e) => (
            <li key={e.id} className="border-b border-slate-100 pb-2 last:border-0 dark:border-slate-800">
              {editing === e.id ? (
                <TimelineEventForm
                  initial={initialFor(e)}
                  incidentZone={incidentZone}
                  submitLabel="Save"
                  autoFocus
                  onSubmit={(values) => save(e, values)}
                  onCancel={() => setEditing(null)}
                  hint={<p className="text-xs text-slate-500">Enter saves, Escape cancels.</p>}
                />
              ) : (
                <div className="grid grid-cols-[11rem_7rem_1fr_auto] items-start gap-3 text-sm">
                  <time dateTime={e.occurredAt} className="font-mono text-slate-600 dark:text-slate-400">
                    {show(e)}
                  </time>
                  <span className="text-slate-500">{humanize(e.kind)}</span>
                  <span className="whitespace-pre-line">{e.text}</span>
                  {canEdit && (
                    <span className="flex gap-2">
                      {confirming === e.id ? (
                        <>
                          <span className="text-sm">Delete this event?</span>
                          <button
                            type="button"
                            className="text-red-700 underline dark:text-red-400"
                            disabled={pending}
                            onClick={() => remove(e)}
                          >
                            Yes, delete
                          </button>
                          <button type="button" className="underline" onClick={() => setConfirming(null)} autoFocus>
                            Keep
                          </button>
                        </>
                      ) : (
                        <>
                          <button
                            type="button"
                            className="underline"
                            aria-label={`Edit event at ${show(e)}`}
                            onClick={() => {
                              setConflict(null);
                              setEditing(e.id);
                            }}
                          >
                            Edit
                          </button>
                          <button
                            type="button"
                            className="underline"
                            aria-label={`Delete event at ${show(e)}`}
                            onClick={() => setConfirming(e.id)}
                          >
                            Delete
                          </button>
                        </>
                      )}
                    </span>
                  )}
                </div>
              )}
              {conflict?.eventId === e.id && (
                <div
                  role="alert"
                  className="mt-2 space-y-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm dark:bg-amber-950"
                >
                  <p className="font-medium">Someone else saved this event while you were editing. Nothing was lost.</p>
                  <dl className="grid grid-cols-[6rem_1fr] gap-1">
                    <dt className="font-medium">Theirs</dt>
                    <dd>
                      <span className="font-mono">{show(conflict.current)}</span> · {humanize(conflict.current.kind)} ·{" "}
                      {conflict.current.text}
                    </dd>
                    <dt className="font-medium">Yours</dt>
                    <dd>
                      <span className="font-mono">{conflict.yours.local}</span> · {humanize(conflict.yours.kind ?? "note")} ·{" "}
                      {conflict.yours.text}
                    </dd>
                  </dl>
                  <div className="flex gap-2">
                    <button type="button" className="btn-secondary" onClick={() => setConflict(null)}>
                      Keep theirs
                    </button>
                    <button type="button" className="btn-primary" disabled={pending} onClick={() => reapply(e, conflict)}>
                      Re-apply mine
                    </button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}

      {canEdit && (
        <div className="border-t border-slate-200 pt-3 dark:border-slate-800">
          <h3 className="mb-2 text-sm font-semibold">Add event</h3>
          <TimelineEventForm
            initial={{ local: `${startDate} `, zone: "incident", kind: "note", text: "" }}
            incidentZone={incidentZone}
            submitLabel="Add"
            onSubmit={create}
            textRef={newTextRef}
            hint={
              <p className="text-xs text-slate-500">
                Press <kbd className="rounded border px-1 font-mono">n</kbd> anywhere on this page to jump here. A date alone
                (YYYY-MM-DD) adds a day event.
              </p>
            }
          />
        </div>
      )}
    </section>
  );
}
