"use client";

import { createContext, useContext, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { humanize, ROOT_CAUSE_CATEGORIES } from "@/lib/incidents/constants";
import type { FieldErrors } from "@/lib/errors";
import { createRootCauseAction, updateRootCauseAction } from "../rootcause-actions";
import { RootCauseLinesEditor } from "./root-cause-lines-editor";

export type RootCauseView = {
  id: string;
  version: number;
  category: (typeof ROOT_CAUSE_CATEGORIES)[number];
  description: string;
  whys: string[];
  isTrigger: boolean;
  factors: string[];
  /** The incident's metric chart that shows this cause, if any. */
  metricChartId: string | null;
};

/** A chart of this incident that a cause can point at. */
export type MetricChartChoice = { id: string; title: string };

const MetricChartChoices = createContext<MetricChartChoice[]>([]);

/** The incident's charts, offered by every root-cause form below it. */
export function MetricChartChoicesProvider({ charts, children }: { charts: MetricChartChoice[]; children: React.ReactNode }) {
  return <MetricChartChoices value={charts}>{children}</MetricChartChoices>;
}

type Draft = Omit<RootCauseView, "id" | "version">;
type Conflict = {
  current: Omit<Draft, "factors"> & { version: number; factors: (string | { description: string })[] };
  yours: Draft;
};

const EMPTY: Draft = {
  category: "software_bug",
  description: "",
  whys: [""],
  isTrigger: false,
  factors: [],
  metricChartId: null,
};
const MAX_WHYS = 10;
const MAX_FACTORS = 20;

function fromConflict(current: Conflict["current"]): Draft {
  return {
    category: current.category,
    description: current.description,
    whys: current.whys,
    isTrigger: current.isTrigger,
    factors: current.factors.map((f) => (typeof f === "string" ? f : f.description)),
    metricChartId: current.metricChartId ?? null,
  };
}

function DraftSummary({ title, draft }: { title: string; draft: Draft }) {
  const charts = useContext(MetricChartChoices);
  const chart = draft.metricChartId ? charts.find((c) => c.id === draft.metricChartId) : undefined;
  return (
    <div className="rounded border border-slate-300 p-3 text-sm dark:border-slate-700">
      <h4 className="font-semibold">{title}</h4>
      <p>
        {humanize(draft.category)} · {draft.isTrigger ? "Trigger" : "Root cause"}
      </p>
      <p className="whitespace-pre-line">{draft.description}</p>
      {draft.metricChartId && <p>Chart: {chart?.title ?? "a chart no longer on this incident"}</p>}
      {draft.whys.filter(Boolean).length > 0 && (
        <ol className="ml-5 list-decimal">
          {draft.whys.filter(Boolean).map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ol>
      )}
      {draft.factors.filter(Boolean).length > 0 && (
        <ul className="ml-5 list-disc">
          {draft.factors.filter(Boolean).map((f, i) => (
            <li key={i}>{f}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Add or edit one root cause; a stale save shows their version and yours side by side. */
export function RootCauseForm({ incidentId, cause, onDone }: { incidentId: string; cause?: RootCauseView; onDone: () => void }) {
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(
    cause
      ? {
          category: cause.category,
          description: cause.description,
          whys: cause.whys.length ? cause.whys : [""],
          isTrigger: cause.isTrigger,
          factors: cause.factors,
          metricChartId: cause.metricChartId,
        }
      : EMPTY,
  );
  const [version, setVersion] = useState(cause?.version ?? 1);
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [conflict, setConflict] = useState<Conflict | undefined>();
  const [pending, startTransition] = useTransition();
  const charts = useContext(MetricChartChoices);
  const idp = cause ? `rc-${cause.id}` : "rc-new";

  function save(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = cause
        ? await updateRootCauseAction({ ...draft, id: cause.id, version })
        : await createRootCauseAction({ incidentId, ...draft });
      if (result.ok) {
        onDone();
        router.refresh();
        return;
      }
      setErrors(result.error.fields);
      setMessage(result.error.message);
      if (result.error.code === "CONFLICT" && result.error.details) setConflict(result.error.details as Conflict);
    });
  }

  return (
    <form
      onSubmit={save}
      className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-700"
      aria-label={cause ? "Edit root cause" : "Add root cause"}
    >
      {message && (
        <p role="alert" className="field-error">
          {message}
        </p>
      )}
      {conflict && (
        <div className="space-y-2">
          <div className="grid gap-3 md:grid-cols-2">
            <DraftSummary title={`Their version (saved, v${conflict.current.version})`} draft={fromConflict(conflict.current)} />
            <DraftSummary title="Your version (not saved)" draft={draft} />
          </div>
          <div className="flex gap-2">
            <button
              type="button"
              className="btn-secondary"
              onClick={() => {
                setDraft(fromConflict(conflict.current));
                setVersion(conflict.current.version);
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
                // Saving again now replaces their version with yours, knowingly.
                setVersion(conflict.current.version);
                setConflict(undefined);
                setMessage("Your text is kept in the form; save again to replace theirs.");
              }}
            >
              Keep mine
            </button>
          </div>
        </div>
      )}
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <label className="field-label" htmlFor={`${idp}-category`}>
            Category
          </label>
          <select
            id={`${idp}-category`}
            className="field-input"
            value={draft.category}
            onChange={(e) => setDraft({ ...draft, category: e.target.value as Draft["category"] })}
          >
            {ROOT_CAUSE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {humanize(c)}
              </option>
            ))}
          </select>
          {errors?.category && <p className="field-error">{errors.category.join(" ")}</p>}
        </div>
        <fieldset>
          <legend className="field-label">Kind</legend>
          <label className="mr-4 text-sm">
            <input
              type="radio"
              name={`${idp}-kind`}
              checked={draft.isTrigger}
              onChange={() => setDraft({ ...draft, isTrigger: true })}
            />{" "}
            Trigger
          </label>
          <label className="text-sm">
            <input
              type="radio"
              name={`${idp}-kind`}
              checked={!draft.isTrigger}
              onChange={() => setDraft({ ...draft, isTrigger: false })}
            />{" "}
            Root cause
          </label>
        </fieldset>
      </div>
      <div>
        <label className="field-label" htmlFor={`${idp}-description`}>
          Description
        </label>
        <textarea
          id={`${idp}-description`}
          className="field-input"
          rows={3}
          value={draft.description}
          aria-invalid={Boolean(errors?.description)}
          aria-describedby={errors?.description ? `${idp}-description-error` : undefined}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
        {errors?.description && (
          <p id={`${idp}-description-error`} className="field-error">
            {errors.description.join(" ")}
          </p>
        )}
      </div>
      <div>
        <label className="field-label" htmlFor={`${idp}-chart`}>
          Chart that shows this cause
        </label>
        <select
          id={`${idp}-chart`}
          className="field-input"
          value={draft.metricChartId ?? ""}
          aria-invalid={Boolean(errors?.metricChartId)}
          aria-describedby={`${idp}-chart-hint${errors?.metricChartId ? ` ${idp}-chart-error` : ""}`}
          onChange={(e) => setDraft({ ...draft, metricChartId: e.target.value || null })}
        >
          <option value="">No chart</option>
          {charts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
        <p id={`${idp}-chart-hint`} className="text-xs text-slate-500">
          {charts.length === 0
            ? "This incident has no metric charts yet; import one in Metrics to link it here."
            : "The executive RCA draws this chart under the cause."}
        </p>
        {errors?.metricChartId && (
          <p id={`${idp}-chart-error`} className="field-error">
            {errors.metricChartId.join(" ")}
          </p>
        )}
      </div>
      <RootCauseLinesEditor
        legend="5 whys (first why first)"
        itemLabel="Why"
        values={draft.whys}
        onChange={(whys) => setDraft({ ...draft, whys })}
        max={MAX_WHYS}
        numbered
        error={errors?.whys}
      />
      <RootCauseLinesEditor
        legend="Contributing factors"
        itemLabel="Factor"
        values={draft.factors}
        onChange={(factors) => setDraft({ ...draft, factors })}
        max={MAX_FACTORS}
        error={errors?.factors}
      />
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : cause ? "Save root cause" : "Add root cause"}
        </button>
        <button type="button" className="btn-secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
