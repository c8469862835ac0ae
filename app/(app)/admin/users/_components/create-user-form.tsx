"use client";

import { useRef, useState, useTransition } from "react";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/auth/roles";
import type { FieldErrors } from "@/lib/errors";
import { createUserAction } from "../actions";

export function CreateUserForm() {
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | undefined>();
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await createUserAction({
        email: String(f.get("email") ?? ""),
        name: String(f.get("name") ?? ""),
        password: String(f.get("password") ?? ""),
        role: String(f.get("role") ?? "viewer") as Role,
      });
      if (result.ok) {
        setErrors(undefined);
        setStatus({ kind: "ok", text: `Added ${result.data.email}.` });
        formRef.current?.reset();
      } else {
        setErrors(result.error.fields);
        setStatus({ kind: "error", text: result.error.message });
      }
    });
  }

  const err = (k: string) =>
    errors?.[k] ? (
      <p id={`new-${k}-error`} className="field-error">
        {errors[k].join(" ")}
      </p>
    ) : null;

  return (
    <form ref={formRef} onSubmit={onSubmit} className="card space-y-3" noValidate>
      {status && (
        <p
          role={status.kind === "error" ? "alert" : "status"}
          className={status.kind === "error" ? "text-sm text-red-700" : "text-sm text-emerald-700"}
        >
          {status.text}
        </p>
      )}
      <div>
        <label className="field-label" htmlFor="new-email">
          E-mail
        </label>
        <input
          id="new-email"
          name="email"
          type="email"
          className="field-input"
          aria-invalid={Boolean(errors?.email)}
          aria-describedby={errors?.email ? "new-email-error" : undefined}
        />
        {err("email")}
      </div>
      <div>
        <label className="field-label" htmlFor="new-name">
          Name
        </label>
        <input id="new-name" name="name" className="field-input" />
        {err("name")}
      </div>
      <div>
        <label className="field-label" htmlFor="new-password">
          Initial password (at least 12 characters)
        </label>
        <input
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          className="field-input"
          aria-invalid={Boolean(errors?.password)}
          aria-describedby={errors?.password ? "new-password-error" : undefined}
        />
        {err("password")}
      </div>
      <div>
        <label className="field-label" htmlFor="new-role">
          Role
        </label>
        <select id="new-role" name="role" className="field-input" defaultValue="viewer">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <button className="btn-primary" type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add user"}
      </button>
    </form>
  );
}
