"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

export function SignInForm({
  providers,
  callbackUrl,
  initialError,
}: {
  providers: { id: string; name: string }[];
  callbackUrl: string;
  initialError?: string;
}) {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError("Wrong e-mail or password, or too many attempts. Try again in a few minutes.");
  }

  return (
    <div className="mt-6 space-y-6">
      <form onSubmit={onSubmit} className="card space-y-4" noValidate>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
            {error}
          </p>
        )}
        <div>
          <label className="field-label" htmlFor="email">
            E-mail
          </label>
          <input className="field-input" id="email" name="email" type="email" autoComplete="username" required autoFocus />
        </div>
        <div>
          <label className="field-label" htmlFor="password">
            Password
          </label>
          <input className="field-input" id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button className="btn-primary w-full" type="submit" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {providers.length > 0 && (
        <div className="space-y-2">
          {providers.map((p) => (
            <button key={p.id} type="button" className="btn-secondary w-full" onClick={() => signIn(p.id, { callbackUrl })}>
              Sign in with {p.name}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
