"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { FieldErrors } from "@/lib/errors";
import { Field } from "@/components/forms/field";
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
        <Field id="ms-name" label="Name" error={fields?.name}>
          {(control) => (
            <input
              {...control}
              className="field-input"
              value={draft.name}
              maxLength={200}
              required
              onChange={(e) => set("name", e.target.value)}
            />
          )}
        </Field>
        <Field id="ms-target" label="Target" error={fields?.target}>
          {(control) => (
            <input
              {...control}
              className="field-input font-mono"
              value={draft.target}
              maxLength={1000}
              onChange={(e) => set("target", e.target.value)}
            />
          )}
        </Field>
        <Field id="ms-kind" label="Kind" error={fields?.kind}>
          {(control) => (
            <select
              {...control}
              className="field-input"
              value={draft.kind}
              onChange={(e) => set("kind", e.target.value as MonitorKind)}
            >
              {MONITOR_KINDS.map((k) => (
                <option key={k} value={k}>
                  {MONITOR_KIND_NAMES[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="ms-serviceId" label="Service" error={fields?.serviceId}>
          {(control) => (
            <select
              {...control}
              className="field-input"
              value={draft.serviceId}
              onChange={(e) => set("serviceId", e.target.value)}
            >
              <option value="">None</option>
              {services.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="grid gap-4 md:grid-cols-4">
        <Field id="ms-sloTargetPct" label="SLO target %" error={fields?.sloTargetPct}>
          {(control) => (
            <input
              {...control}
              type="number"
              step="any"
              min={0}
              max={100}
              inputMode="decimal"
              className="field-input"
              value={draft.sloTargetPct}
              onChange={(e) => set("sloTargetPct", e.target.value)}
            />
          )}
        </Field>
        <Field id="ms-gapRule" label="Time without data" error={fields?.gapRule}>
          {(control) => (
            <select
              {...control}
              className="field-input"
              value={draft.gapRule}
              onChange={(e) => set("gapRule", e.target.value as GapRule)}
            >
              {GAP_RULES.map((g) => (
                <option key={g} value={g}>
                  {GAP_RULE_LABELS[g]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="ms-minDowntimeSec"
          label="Minimum downtime (s)"
          hint="Shorter windows are not listed; they still count in uptime."
          error={fields?.minDowntimeSec}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              className="field-input"
              value={draft.minDowntimeSec}
              onChange={(e) => set("minDowntimeSec", e.target.value)}
            />
          )}
        </Field>
        <Field
          id="ms-checkIntervalSec"
          label="Check interval (s)"
          hint="A check holds for twice this at most; empty when the samples record changes only."
          error={fields?.checkIntervalSec}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              className="field-input"
              value={draft.checkIntervalSec}
              onChange={(e) => set("checkIntervalSec", e.target.value)}
            />
          )}
        </Field>
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
