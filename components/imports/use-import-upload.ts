"use client";

/**
 * Sending an import and following its job, shared by every import form: the upload goes with
 * XMLHttpRequest (fetch cannot report upload progress), the answer is 202 with an import job,
 * which is polled until it ends. Cancel aborts the upload, or asks the server to stop the job;
 * either way nothing is saved.
 */
import { useEffect, useRef, useState } from "react";
import type { FieldErrors } from "@/lib/errors";
import type { ImportJobView } from "@/lib/imports/import-jobs";

const POLL_MS = 500;
/** Consecutive failed polls before we stop and say so (the job itself may still finish). */
const MAX_POLL_FAILURES = 6;

export type ImportPhase =
  | { kind: "idle" }
  | { kind: "uploading"; sent: number; total: number }
  | { kind: "processing"; job: ImportJobView; cancelling: boolean }
  | { kind: "succeeded"; job: ImportJobView }
  | { kind: "failed"; message: string; job?: ImportJobView }
  | { kind: "cancelled"; message: string };

type ErrorEnvelope = { error?: { code?: string; message?: string; fields?: FieldErrors } };

/** The route error envelope (lib/transport/route-error.ts) as a message and field errors for the form. */
export function importErrorMessage(status: number, body: unknown): { message: string; fields?: FieldErrors } {
  const error = (body as ErrorEnvelope | null)?.error;
  if (status === 401) return { message: "Your session has ended. Sign in again in another tab, then import again." };
  if (error?.message) return { message: error.message, fields: error.fields };
  return { message: `The server answered ${status}. Try again; if it persists, tell your administrator.` };
}

/** 0–100 of the upload: 100 once it is sent. */
export function uploadPercent(phase: ImportPhase): number {
  if (phase.kind !== "uploading") return 100;
  return phase.total > 0 ? Math.min(100, Math.floor((phase.sent / phase.total) * 100)) : 0;
}

export type ImportUploadOptions = {
  /** Said when polling keeps failing: where to look for the result later. */
  lostContactMessage: string;
  /** Called once the job succeeded with a result; the phase stays "succeeded". */
  onSucceeded?: (job: ImportJobView) => void;
};

export type ImportUpload = {
  phase: ImportPhase;
  /** Uploading, processing or just succeeded: the form stays locked. */
  busy: boolean;
  fields: FieldErrors | undefined;
  setFields: (fields: FieldErrors | undefined) => void;
  /** POST `body` to `url`; `totalBytes` is shown until the browser reports the real total. */
  start: (url: string, body: FormData, totalBytes: number) => void;
  cancel: () => Promise<void>;
  /** Back to idle after a failure or a cancel (a new file was chosen). */
  reset: () => void;
  /** The files to send changed: their error goes, and so does a failed or cancelled attempt. */
  filesChanged: () => void;
};

export function useImportUpload({ lostContactMessage, onSucceeded }: ImportUploadOptions): ImportUpload {
  const [phase, setPhase] = useState<ImportPhase>({ kind: "idle" });
  const [fields, setFields] = useState<FieldErrors | undefined>();
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** Bumped per attempt and on unmount, so late answers of an old attempt are ignored. */
  const attemptRef = useRef(0);
  const optionsRef = useRef({ lostContactMessage, onSucceeded });

  useEffect(() => {
    optionsRef.current = { lostContactMessage, onSucceeded };
  });

  useEffect(
    () => () => {
      attemptRef.current++;
      if (timerRef.current) clearTimeout(timerRef.current);
      xhrRef.current?.abort();
    },
    [],
  );

  // Plain functions: everything they read that outlives a render is in a ref.
  function follow(job: ImportJobView, attempt: number, failures = 0) {
    if (attempt !== attemptRef.current) return;
    if (timerRef.current) clearTimeout(timerRef.current);
    if (job.status === "succeeded" && job.resultId) {
      setPhase({ kind: "succeeded", job });
      optionsRef.current.onSucceeded?.(job);
      return;
    }
    if (job.status === "failed" || (job.status === "succeeded" && !job.resultId)) {
      setPhase({ kind: "failed", message: job.message ?? "The import failed; nothing was saved.", job });
      return;
    }
    if (job.status === "cancelled") {
      setPhase({ kind: "cancelled", message: job.message ?? "Cancelled; nothing was saved." });
      return;
    }
    setPhase((p) => ({ kind: "processing", job, cancelling: p.kind === "processing" && p.cancelling }));
    timerRef.current = setTimeout(() => void poll(job, attempt, failures), POLL_MS);
  }

  async function poll(last: ImportJobView, attempt: number, failures: number) {
    try {
      const res = await fetch(`/api/v1/import-jobs/${encodeURIComponent(last.id)}`, { cache: "no-store" });
      const body = await res.json().catch(() => null);
      if (attempt !== attemptRef.current) return;
      if (!res.ok) {
        setPhase({ kind: "failed", message: importErrorMessage(res.status, body).message, job: last });
        return;
      }
      follow((body as { job: ImportJobView }).job, attempt);
    } catch {
      if (attempt !== attemptRef.current) return;
      if (failures + 1 >= MAX_POLL_FAILURES) {
        setPhase({ kind: "failed", message: optionsRef.current.lostContactMessage, job: last });
        return;
      }
      follow(last, attempt, failures + 1);
    }
  }

  function start(url: string, body: FormData, totalBytes: number) {
    const attempt = ++attemptRef.current;
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    xhr.open("POST", url);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (attempt === attemptRef.current)
        setPhase({ kind: "uploading", sent: e.loaded, total: e.lengthComputable ? e.total : totalBytes });
    };
    xhr.onload = () => {
      xhrRef.current = null;
      if (attempt !== attemptRef.current) return;
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: reported by status below */
      }
      if (xhr.status === 202 && (parsed as { job?: ImportJobView } | null)?.job) {
        follow((parsed as { job: ImportJobView }).job, attempt);
        return;
      }
      const { message, fields: bad } = importErrorMessage(xhr.status, parsed);
      setFields(bad);
      setPhase({ kind: "failed", message });
    };
    xhr.onerror = () => {
      xhrRef.current = null;
      if (attempt === attemptRef.current) {
        setPhase({
          kind: "failed",
          message: "The upload failed: the connection to the server was lost. Nothing was imported; try again.",
        });
      }
    };
    xhr.onabort = () => {
      xhrRef.current = null;
      if (attempt === attemptRef.current) setPhase({ kind: "cancelled", message: "Upload cancelled; nothing was imported." });
    };
    setFields(undefined);
    setPhase({ kind: "uploading", sent: 0, total: totalBytes });
    xhr.send(body);
  }

  async function cancel() {
    const current = phase;
    if (current.kind === "uploading") {
      xhrRef.current?.abort();
      return;
    }
    if (current.kind !== "processing" || current.cancelling) return;
    const attempt = attemptRef.current;
    const job = current.job;
    setPhase({ kind: "processing", job, cancelling: true });
    try {
      const res = await fetch(`/api/v1/import-jobs/${encodeURIComponent(job.id)}/cancel`, { method: "POST" });
      const body = await res.json().catch(() => null);
      if (attempt !== attemptRef.current) return;
      // Refused (the job ended meanwhile, or we lost rights): polling goes on and shows how it ended.
      if (!res.ok) {
        setPhase({ kind: "processing", job, cancelling: false });
        return;
      }
      follow((body as { job: ImportJobView }).job, attempt);
    } catch {
      if (attempt === attemptRef.current) setPhase({ kind: "processing", job, cancelling: false });
    }
  }

  function reset() {
    attemptRef.current++;
    if (timerRef.current) clearTimeout(timerRef.current);
    setPhase({ kind: "idle" });
  }

  function filesChanged() {
    if (fields?.file) setFields({ ...fields, file: [] });
    if (phase.kind === "failed" || phase.kind === "cancelled") reset();
  }

  const busy = phase.kind === "uploading" || phase.kind === "processing" || phase.kind === "succeeded";
  return { phase, busy, fields, setFields, start, cancel, reset, filesChanged };
}
