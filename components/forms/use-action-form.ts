"use client";

import { useState, useTransition } from "react";
import type { FieldErrors } from "@/lib/errors";
import type { ActionResult } from "@/lib/transport/action-result";

/**
 * The state of a small form sent to one server action: its field errors, its own message (shown
 * only when the refusal names no field) and whether it is on its way.
 */
export function useActionForm() {
  const [fields, setFields] = useState<FieldErrors | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();

  /**
   * Send: clears the last errors, runs `action`, then `onDone` with its data, or shows why it was
   * refused. `notFoundField` takes a NOT_FOUND refusal as that field's error too (a typed id or number).
   */
  function submit<T>(action: () => Promise<ActionResult<T>>, onDone: (data: T) => void, notFoundField?: string) {
    setFields(undefined);
    setMessage(undefined);
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        onDone(result.data);
        return;
      }
      const { code, message: text, fields: bad } = result.error;
      setMessage(bad ? undefined : text);
      setFields(bad ?? (notFoundField && code === "NOT_FOUND" ? { [notFoundField]: [text] } : undefined));
    });
  }

  /** Refuse before sending: one field's error, and nothing else. */
  function refuse(field: string, text: string) {
    setMessage(undefined);
    setFields({ [field]: [text] });
  }

  return { fields, message, pending, submit, refuse };
}
