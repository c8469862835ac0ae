"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import {
  COMMENT_BODY_MAX,
  COMMENT_SECTION_KEYS,
  COMMENT_SECTION_LABELS,
  WHOLE_DOCUMENT_LABEL,
  type CommentSectionKey,
} from "@/lib/comments/constants";
import { addCommentAction } from "../comment-actions";

/** A new thread (with a section selector) or, with `parentId`, a reply to one. */
export function CommentsComposer({
  incidentNumber,
  parentId,
  onDone,
}: {
  incidentNumber: number;
  parentId?: string;
  onDone?: () => void;
}) {
  const router = useRouter();
  const id = useId();
  const [body, setBody] = useState("");
  const [sectionKey, setSectionKey] = useState<"" | CommentSectionKey>("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const isReply = parentId !== undefined;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await addCommentAction({ incidentNumber, body, sectionKey: isReply ? "" : sectionKey, parentId });
      if (result.ok) {
        setBody("");
        onDone?.();
        router.refresh();
      } else {
        setError(result.error.fields?.body?.join(" ") ?? result.error.fields?.sectionKey?.join(" ") ?? result.error.message);
      }
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-2" noValidate aria-label={isReply ? "Reply" : "New comment"}>
      {!isReply && (
        <div>
          <label htmlFor={`${id}-section`} className="field-label">
            About
          </label>
          <select
            id={`${id}-section`}
            className="field-input"
            value={sectionKey}
            onChange={(e) => setSectionKey(e.target.value as "" | CommentSectionKey)}
          >
            <option value="">{WHOLE_DOCUMENT_LABEL}</option>
            {COMMENT_SECTION_KEYS.map((k) => (
              <option key={k} value={k}>
                {COMMENT_SECTION_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
      )}
      <div>
        <label htmlFor={`${id}-body`} className={isReply ? "sr-only" : "field-label"}>
          {isReply ? "Reply" : "Comment"}
        </label>
        <textarea
          id={`${id}-body`}
          className="field-input"
          rows={isReply ? 2 : 3}
          maxLength={COMMENT_BODY_MAX}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          placeholder={isReply ? "Write a reply" : "Plain text; visible to everyone who can see this incident"}
          autoFocus={isReply}
        />
        {error && (
          <p id={`${id}-error`} role="alert" className="field-error">
            {error}
          </p>
        )}
      </div>
      <div className="flex gap-2">
        <button type="submit" className={isReply ? "btn-secondary" : "btn-primary"} disabled={pending}>
          {isReply ? "Reply" : "Comment"}
        </button>
        {isReply && onDone && (
          <button type="button" className="btn-secondary" onClick={onDone} disabled={pending}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
