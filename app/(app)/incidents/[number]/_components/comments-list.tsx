"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { sectionLabel } from "@/lib/comments/constants";
import { resolveCommentAction } from "../comment-actions";
import { CommentsComposer } from "./comments-composer";

export type CommentReplyView = { id: string; authorName: string; body: string; at: string };
export type CommentThreadView = CommentReplyView & {
  sectionKey: string | null;
  resolvedAt: string | null;
  canResolve: boolean;
  replies: CommentReplyView[];
};

// Bodies are plain text rendered as React text (escaped), never as HTML.
function CommentBody({ c }: { c: CommentReplyView }) {
  return (
    <div>
      <p className="text-xs text-slate-500">
        <span className="font-medium text-slate-700 dark:text-slate-300">{c.authorName}</span> · {c.at}
      </p>
      <p className="whitespace-pre-wrap break-words text-sm">{c.body}</p>
    </div>
  );
}

function Thread({ incidentNumber, t }: { incidentNumber: number; t: CommentThreadView }) {
  const router = useRouter();
  const [replying, setReplying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const resolved = t.resolvedAt !== null;

  function toggleResolved() {
    setError(null);
    startTransition(async () => {
      const result = await resolveCommentAction(incidentNumber, { commentId: t.id, resolved: !resolved });
      if (!result.ok) setError(result.error.message);
      router.refresh();
    });
  }

  return (
    <li
      className={`space-y-2 rounded-md border p-3 ${resolved ? "border-slate-200 opacity-75 dark:border-slate-800" : "border-slate-300 dark:border-slate-700"}`}
      aria-label={`Thread by ${t.authorName} on ${sectionLabel(t.sectionKey)}${resolved ? " (resolved)" : ""}`}
    >
      <p className="flex flex-wrap items-center gap-2 text-xs">
        <span className="rounded bg-slate-100 px-2 py-0.5 dark:bg-slate-800">{sectionLabel(t.sectionKey)}</span>
        {resolved && <span className="text-emerald-700 dark:text-emerald-400">Resolved {t.resolvedAt}</span>}
      </p>
      <CommentBody c={t} />
      {t.replies.length > 0 && (
        <ul className="space-y-2 border-l-2 border-slate-200 pl-3 dark:border-slate-700">
          {t.replies.map((r) => (
            <li key={r.id}>
              <CommentBody c={r} />
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {replying ? (
        <CommentsComposer incidentNumber={incidentNumber} parentId={t.id} onDone={() => setReplying(false)} />
      ) : (
        <div className="flex gap-2">
          <button type="button" className="btn-secondary" onClick={() => setReplying(true)}>
            Reply
          </button>
          {t.canResolve && (
            <button type="button" className="btn-secondary" onClick={toggleResolved} disabled={pending}>
              {resolved ? "Reopen thread" : "Resolve"}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

export function CommentsList({ incidentNumber, threads }: { incidentNumber: number; threads: CommentThreadView[] }) {
  return (
    <ul className="space-y-3">
      {threads.map((t) => (
        <Thread key={t.id} incidentNumber={incidentNumber} t={t} />
      ))}
    </ul>
  );
}
