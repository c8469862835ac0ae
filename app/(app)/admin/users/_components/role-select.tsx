"use client";

import { useState, useTransition } from "react";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { setUserRoleAction } from "../actions";

export function RoleSelect({ email, role }: { email: string; role: string }) {
  const [value, setValue] = useState(role);
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  return (
    <div>
      <label className="sr-only" htmlFor={`role-${email}`}>
        Role of {email}
      </label>
      <select
        id={`role-${email}`}
        className="field-input mt-0 py-1"
        value={value}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value as Role;
          const previous = value;
          setValue(next);
          startTransition(async () => {
            const result = await setUserRoleAction({ email, role: next });
            if (result.ok) setError(undefined);
            else {
              setValue(previous);
              setError(result.error.message);
            }
          });
        }}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
