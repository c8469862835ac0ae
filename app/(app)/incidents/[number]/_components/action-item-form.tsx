"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ACTION_PRIORITIES, ACTION_STATUSES, ACTION_TYPES, humanize } from "@/lib/incidents/constants";
import type { FieldErrors } from "@/lib/errors";
import { createActionItemAction, updateActionItemAction } from "../action-item-actions";

export type Person = { id: string; name: string; email: string };
export type ActionItemView = {
  id: string;
  version: number;
  title: string;
  description: string;
  type: (typeof ACTION_TYPES)[number];
  priority: (typeof ACTION_PRIORITIES)[number];
  status: (typeof ACTION_STATUSES)[number];
  ownerId: string;
  ownerName: string;
  dueDate: string;
  trackerUrl: string;
  overdue: boolean;
};

type Draft = Pick<
  ActionItemView,
  "title" | "description" | "type" | "priority" | "status" | "ownerId" | "dueDate" | "trackerUrl"
>;
type Saved = Omit<Draft, "ownerId" | "dueDate" | "trackerUrl"> & {
  version: number;
  ownerId: string | null;
  dueDate: string | Date | null;
  trackerUrl: string | null;
};

const EMPTY: Draft = {
  title: "",
  description: "",
  type: "prevent",
  priority: "p2",
  status: "open",
  ownerId: "",
  dueDate: "",
  trackerUrl: "",
};

function pickDraft(item: ActionItemView): Draft {
  const { title, description, type, priority, status, ownerId, dueDate, trackerUrl } = item;
  return { title, description, type, priority, status, ownerId, dueDate, trackerUrl };
}

function fromSaved(s: Saved): Draft {
  const due = s.dueDate ? new Date(s.dueDate).toISOString().slice(0, 10) : "";
  return {
    title: s.title,
    description: s.description,
    type: s.type,
    priority: s.priority,
    status: s.status,
    ownerId: s.ownerId ?? "",
    dueDate: due,
    trackerUrl: s.trackerUrl ?? "",
  };
}

function DraftLine({ title, draft, people }: { title: string; draft: Draft; people: Person[] }) {
  const owner = people.find((p) => p.id === draft.ownerId);
  return (
    <div className="rounded border border-slate-300 p-2 text-sm dark:border-slate-700">
      <h4 className="font-semibold">{title}</h4>
      <p>{draft.title}</p>
      <p className="text-slate-600 dark:text-slate-400">
        {humanize(draft.type)} · {draft.priority.toUpperCase()} · {humanize(draft.status)} ·{" "}
        {owner ? owner.name || owner.email : "Unassigned"} · due {draft.dueDate || "—"}
      </p>
      {draft.trackerUrl && <p className="break-all">{draft.trackerUrl}</p>}
    </div>
  );
}

/** Inline add/edit of one action item; a stale save shows their version and yours. */
export function ActionItemForm({
  incidentId,
  item,
  people,
  onDone,
}: {
  incidentId: string;
  item?: ActionItemView;
  people: Person[];
  onDone: () => void;
}) {
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(item ? pickDraft(item) : EMPTY);
  const [version, setVersion] = useState(item?.version ?? 1);
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [conflict, setConflict] = useState<Saved | undefined>();
  const [pending, startTransition] = useTransition();
  const idp = item ? `ai-${item.id}` : "ai-new";

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });
  const fieldProps = (name: keyof Draft) => ({
    id: `${idp}-${name}`,
    "aria-invalid": Boolean(errors?.[name]),
    "aria-describedby": errors?.[name] ? `${idp}-${name}-error` : undefined,
  });
  const fieldError = (name: keyof Draft) =>
    errors?.[name] && (
      <p id={`${idp}-${name}-error`} className="field-error">
        {errors[name].join(" ")}
      </p>
    );

  function save(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = item
        ? await updateActionItemAction({ ...draft, id: item.id, version })
        : await createActionItemAction({ incidentId, ...draft });
      if (result.ok) {
        onDone();
        router.refresh();
        return;
      }
      setErrors(result.error.fields);
      setMessage(result.error.message);
      if (result.error.code === "CONFLICT" && result.error.details) {
        setConflict((result.error.details as { current: Saved }).current);
      }
    });
  }

  return (
    <form onSubmit={save} className="space-y-3 py-2" aria-label={item ? `Edit action item ${item.title}` : "Add action item"}>
      {message && (
        <p role="alert" className="field-error">
          {message}
        </p>
      )}
      {conflict && (
        <div className="space-y-2">
          <div className="grid gap-2 md:grid-cols-2">
            <DraftLine title={`Their version (saved, v${conflict.version})`} draft={fromSaved(conflict)} people={people} />
            <DraftLine title="Your version (not saved)" draft={draft} people={people} />
          </div>
          <div className="flex gap-2">
            <button
              type="button"
              className="btn-secondary"
              onClick={() => {
                setDraft(fromSaved(conflict));
                setVersion(conflict.version);
                setConflict(undefined);
                setMessage(undefined);
              }}
            >
              Use theirs
            </button>
            <button
              type="button"
              className="btn-secondary"
              onClick={() => {
                setVersion(conflict.version);
                setConflict(undefined);
                setMessage("Your values are kept in the form; save again to replace theirs.");
              }}
            >
              Keep mine
            </button>
          </div>
        </div>
      )}
      <div className="grid gap-3 md:grid-cols-4">
        <div className="md:col-span-2">
          <label className="field-label" htmlFor={`${idp}-title`}>
            Title
          </label>
          <input
            className="field-input"
            value={draft.title}
            maxLength={200}
            onChange={(e) => set("title", e.target.value)}
            {...fieldProps("title")}
          />
          {fieldError("title")}
        </div>
        <div>
          <label className="field-label" htmlFor={`${idp}-type`}>
            Type
          </label>
          <select
            className="field-input"
            value={draft.type}
            onChange={(e) => set("type", e.target.value as Draft["type"])}
            {...fieldProps("type")}
          >
            {ACTION_TYPES.map((t) => (
              <option key={t} value={t}>
                {humanize(t)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="field-label" htmlFor={`${idp}-priority`}>
            Priority
          </label>
          <select
            className="field-input"
            value={draft.priority}
            onChange={(e) => set("priority", e.target.value as Draft["priority"])}
            {...fieldProps("priority")}
          >
            {ACTION_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p.toUpperCase()}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="field-label" htmlFor={`${idp}-ownerId`}>
            Owner
          </label>
          <select
            className="field-input"
            value={draft.ownerId}
            onChange={(e) => set("ownerId", e.target.value)}
            {...fieldProps("ownerId")}
          >
            <option value="">Unassigned</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name || p.email}
              </option>
            ))}
          </select>
          {fieldError("ownerId")}
        </div>
        <div>
          <label className="field-label" htmlFor={`${idp}-dueDate`}>
            Due date
          </label>
          <input
            type="date"
            className="field-input"
            value={draft.dueDate}
            onChange={(e) => set("dueDate", e.target.value)}
            {...fieldProps("dueDate")}
          />
          {fieldError("dueDate")}
        </div>
        <div>
          <label className="field-label" htmlFor={`${idp}-status`}>
            Status
          </label>
          <select
            className="field-input"
            value={draft.status}
            onChange={(e) => set("status", e.target.value as Draft["status"])}
            {...fieldProps("status")}
          >
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="field-label" htmlFor={`${idp}-trackerUrl`}>
            Tracker URL
          </label>
          <input
            type="url"
            className="field-input"
            placeholder="https://"
            value={draft.trackerUrl}
            onChange={(e) => set("trackerUrl", e.target.value)}
            {...fieldProps("trackerUrl")}
          />
          {fieldError("trackerUrl")}
        </div>
      </div>
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : item ? "Save action item" : "Add action item"}
        </button>
        <button type="button" className="btn-secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
