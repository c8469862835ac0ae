"use client";

import { useRef, useState, useTransition } from "react";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/auth/roles";
import type { FieldErrors } from "@/lib/errors";
import { Field } from "@/components/forms/field";
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
      <Field id="new-email" label="E-mail" error={errors?.email}>
        {(control) => <input {...control} name="email" type="email" className="field-input" />}
      </Field>
      <Field id="new-name" label="Name" error={errors?.name}>
        {(control) => <input {...control} name="name" className="field-input" />}
      </Field>
      <Field id="new-password" label="Initial password (at least 12 characters)" error={errors?.password}>
        {(control) => <input {...control} name="password" type="password" autoComplete="new-password" className="field-input" />}
      </Field>
      <Field id="new-role" label="Role" error={errors?.role}>
        {(control) => (
          <select {...control} name="role" className="field-input" defaultValue="viewer">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button className="btn-primary" type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add user"}
      </button>
    </form>
  );
}
