"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { FieldErrors } from "@/lib/errors";
import { GAP_RULES, MONITOR_KIND_NAMES, MONITOR_KINDS, type GapRule, type MonitorKind } from "@/lib/uptime/types";
import { GAP_RULE_LABELS } from "@/components/uptime/uptime-format";
import { updateMonitorAction } from "../../monitor-actions";

export type MonitorSettings = {
  name: string;
  target: string;
  kind: MonitorKind;
  serviceId: string;
  sloTargetPct: string;
  gapRule: GapRule;
  minDowntimeSec: string;
  checkIntervalSec: string;
};

/** What the stale-save refusal carries back: the monitor as saved meanwhile (lib/uptime/update-monitor.ts). */
type Saved = {
  name: string;
  target: string;
  kind: MonitorKind;
  serviceId: string | null;
  sloTargetPct: number;
  gapRule: GapRule;
  minDowntimeSec: number;
  checkIntervalSec: number | null;
};

/**
 * What the monitor is and how its figures are counted. Saved with the monitor's version: a stale
 * save is refused and shows what was saved meanwhile, while the form keeps what was typed.
 */
export function MonitorSettingsForm({
  monitorId,
  version,
  initial,
  services,
}: {
  monitorId: string;
  version: number;
  initial: MonitorSettings;
  services: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [draft, setDraft] = useState(initial);
  const [fields, setFields] = useState<FieldErrors | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [theirs, setTheirs] = useState<Saved | undefined>();
  const [status, setStatus] = useState("");
  const [pending, startTransition] = useTransition();
  const serviceName = (id: string | null) => (id ? (services.find((s) => s.id === id)?.name ?? id) : "none");

  function save(event: React.FormEvent) {
    event.preventDefault();
    setFields(undefined);
    setMessage(undefined);
    setTheirs(undefined);
    setStatus("");
    startTransition(async () => {
      const result = await updateMonitorAction({ monitorId, version, ...draft });
      if (result.ok) {
        setStatus("Saved; the figures are computed again with these settings.");
        router.refresh();
        return;
      }
      setFields(result.error.fields);
      setMessage(result.error.message);
      if (result.error.code === "CONFLICT") setTheirs((result.error.details as { current?: Saved } | undefined)?.current);
    });
  }

  const set = <K extends keyof MonitorSettings>(key: K, value: MonitorSettings[K]) => setDraft({ ...draft, [key]: value });
  const error = (name: string) =>
    fields?.[name]?.[0] ? (
      <p id={`ms-${name}-error`} className="field-error">
        {fields[name].join(" ")}
      </p>
    ) : null;
  const described = (name: string, hint?: boolean) => ({
    "aria-invalid": fields?.[name]?.[0] ? true : undefined,
    "aria-describedby":
      [hint ? `ms-${name}-hint` : null, fields?.[name]?.[0] ? `ms-${name}-error` : null].filter(Boolean).join(" ") || undefined,
  });

  return (
    <form onSubmit={save} aria-label="Monitor settings" className="space-y-4" noValidate>
      {message && (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          <p>{message}</p>
          {theirs && (
            <div className="mt-2 space-y-1">
              <p className="font-semibold">Saved meanwhile by someone else</p>
              <p>
                {theirs.name} · {MONITOR_KIND_NAMES[theirs.kind]} · {theirs.target || "no target"} · service{" "}
                {serviceName(theirs.serviceId)}
              </p>
              <p>
                SLO {theirs.sloTargetPct}% · gaps {GAP_RULE_LABELS[theirs.gapRule].toLowerCase()} · minimum downtime{" "}
                {theirs.minDowntimeSec} s · check interval{" "}
                {theirs.checkIntervalSec === null ? "none" : `${theirs.checkIntervalSec} s`}
              </p>
              <p>Your values are still in the form. Reload to see theirs on the page, then save again to keep yours.</p>
              <button
                type="button"
                className="btn-secondary mt-1"
                onClick={() => {
                  setMessage(undefined);
                  setTheirs(undefined);
                  router.refresh();
                }}
              >
                Reload
              </button>
            </div>
          )}
        </div>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor="ms-name" className="field-label">
            Name
          </label>
          <input
            id="ms-name"
            className="field-input"
            value={draft.name}
            maxLength={200}
            required
            onChange={(e) => set("name", e.target.value)}
            {...described("name")}
          />
          {error("name")}
        </div>
        <div>
          <label htmlFor="ms-target" className="field-label">
            Target
          </label>
          <input
            id="ms-target"
            className="field-input font-mono"
            value={draft.target}
            maxLength={1000}
            onChange={(e) => set("target", e.target.value)}
            {...described("target")}
          />
          {error("target")}
        </div>
        <div>
          <label htmlFor="ms-kind" className="field-label">
            Kind
          </label>
          <select
            id="ms-kind"
            className="field-input"
            value={draft.kind}
            onChange={(e) => set("kind", e.target.value as MonitorKind)}
            {...described("kind")}
          >
            {MONITOR_KINDS.map((k) => (
              <option key={k} value={k}>
                {MONITOR_KIND_NAMES[k]}
              </option>
            ))}
          </select>
          {error("kind")}
        </div>
        <div>
          <label htmlFor="ms-serviceId" className="field-label">
            Service
          </label>
          <select
            id="ms-serviceId"
            className="field-input"
            value={draft.serviceId}
            onChange={(e) => set("serviceId", e.target.value)}
            {...described("serviceId")}
          >
            <option value="">None</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {error("serviceId")}
        </div>
      </div>
      <div className="grid gap-4 md:grid-cols-4">
        <div>
          <label htmlFor="ms-sloTargetPct" className="field-label">
            SLO target %
          </label>
          <input
            id="ms-sloTargetPct"
            type="number"
            step="any"
            min={0}
            max={100}
            inputMode="decimal"
            className="field-input"
            value={draft.sloTargetPct}
            onChange={(e) => set("sloTargetPct", e.target.value)}
            {...described("sloTargetPct")}
          />
          {error("sloTargetPct")}
        </div>
        <div>
          <label htmlFor="ms-gapRule" className="field-label">
            Time without data
          </label>
          <select
            id="ms-gapRule"
            className="field-input"
            value={draft.gapRule}
            onChange={(e) => set("gapRule", e.target.value as GapRule)}
            {...described("gapRule")}
          >
            {GAP_RULES.map((g) => (
              <option key={g} value={g}>
                {GAP_RULE_LABELS[g]}
              </option>
            ))}
          </select>
          {error("gapRule")}
        </div>
        <div>
          <label htmlFor="ms-minDowntimeSec" className="field-label">
            Minimum downtime (s)
          </label>
          <input
            id="ms-minDowntimeSec"
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            className="field-input"
            value={draft.minDowntimeSec}
            onChange={(e) => set("minDowntimeSec", e.target.value)}
            {...described("minDowntimeSec", true)}
          />
          <p id="ms-minDowntimeSec-hint" className="mt-1 text-xs text-slate-500">
            Shorter windows are not listed; they still count in uptime.
          </p>
          {error("minDowntimeSec")}
        </div>
        <div>
          <label htmlFor="ms-checkIntervalSec" className="field-label">
            Check interval (s)
          </label>
          <input
            id="ms-checkIntervalSec"
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            className="field-input"
            value={draft.checkIntervalSec}
            onChange={(e) => set("checkIntervalSec", e.target.value)}
            {...described("checkIntervalSec", true)}
          />
          <p id="ms-checkIntervalSec-hint" className="mt-1 text-xs text-slate-500">
            A check holds for twice this at most; empty when the samples record changes only.
          </p>
          {error("checkIntervalSec")}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </button>
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          {status}
        </p>
      </div>
    </form>
  );
}
