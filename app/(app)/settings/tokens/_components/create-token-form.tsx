"use client";

import { useRef, useState, useTransition } from "react";
import type { FieldErrors } from "@/lib/errors";
import { Field } from "@/components/forms/field";
import {
  TOKEN_EXPIRIES,
  TOKEN_EXPIRY_LABELS,
  TOKEN_SCOPE_DESCRIPTIONS,
  TOKEN_SCOPE_LABELS,
  type TokenExpiry,
  type TokenScope,
} from "@/lib/tokens/constants";
import { createApiTokenAction } from "../actions";

type Created = { name: string; scope: TokenScope; secret: string };

export function CreateTokenForm({ scopes }: { scopes: TokenScope[] }) {
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    setCreated(null);
    setCopied(false);
    startTransition(async () => {
      const result = await createApiTokenAction({
        name: String(f.get("name") ?? ""),
        scope: String(f.get("scope") ?? "read") as TokenScope,
        expiresInDays: String(f.get("expiresInDays") ?? "90") as TokenExpiry,
      });
      if (result.ok) {
        setErrors(undefined);
        setFailure(undefined);
        setCreated(result.data);
        formRef.current?.reset();
      } else {
        setErrors(result.error.fields);
        setFailure(result.error.message);
      }
    });
  }

  async function copy(secret: string) {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // Clipboard access can be refused (insecure origin, permissions): the field stays selectable.
      setFailure("Copying was refused by the browser: select the token and copy it by hand.");
    }
  }

  return (
    <div className="space-y-3">
      {created && (
        <div
          role="status"
          aria-label="New API token"
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950"
        >
          <p className="font-medium">
            Copy the token “{created.name}” now: it is shown only once and cannot be recovered. It acts as you with the{" "}
            {TOKEN_SCOPE_LABELS[created.scope].toLowerCase()} scope; keep it as secret as a password.
          </p>
          <label htmlFor="new-token-secret" className="sr-only">
            New token secret
          </label>
          <div className="flex gap-2">
            <input
              id="new-token-secret"
              className="field-input mt-0 font-mono"
              readOnly
              value={created.secret}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" className="btn-secondary" onClick={() => copy(created.secret)}>
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
          <button type="button" className="text-sm underline" onClick={() => setCreated(null)}>
            I have stored it; hide the token
          </button>
        </div>
      )}
      <form ref={formRef} onSubmit={onSubmit} className="card space-y-3" noValidate>
        {failure && (
          <p role="alert" className="text-sm text-red-700">
            {failure}
          </p>
        )}
        <Field id="token-name" label="Name" error={errors?.name}>
          {(control) => (
            <input {...control} name="name" className="field-input" placeholder="e.g. nightly export job" maxLength={80} />
          )}
        </Field>
        <Field id="token-scope" label="Scope" error={errors?.scope}>
          {(control) => (
            <select {...control} name="scope" className="field-input" defaultValue={scopes[0]}>
              {scopes.map((s) => (
                <option key={s} value={s}>
                  {TOKEN_SCOPE_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="token-expiry" label="Expires after" error={errors?.expiresInDays}>
          {(control) => (
            <select {...control} name="expiresInDays" className="field-input" defaultValue="90">
              {TOKEN_EXPIRIES.map((e) => (
                <option key={e} value={e}>
                  {TOKEN_EXPIRY_LABELS[e]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button className="btn-primary" type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </button>
        <dl className="text-sm text-slate-600 dark:text-slate-400">
          {scopes.map((s) => (
            <div key={s}>
              <dt className="inline font-medium">{TOKEN_SCOPE_LABELS[s]}: </dt>
              <dd className="inline">{TOKEN_SCOPE_DESCRIPTIONS[s]}</dd>
            </div>
          ))}
        </dl>
      </form>
    </div>
  );
}
