import { redirect } from "next/navigation";
import { getPageSession } from "@/lib/auth/session";
import { readEnv } from "@/lib/env";
import { SignInForm } from "./_components/signin-form";

export const metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong e-mail or password, or too many attempts. Try again in a few minutes.",
  AccessDenied: "That account is not allowed to sign in here.",
  OAuthSignin: "Could not start sign-in with that provider.",
  OAuthCallback: "The sign-in provider returned an error.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (await getPageSession()) redirect("/incidents");
  const params = await searchParams;
  const env = readEnv();
  const providers = [
    ...(env.GITHUB_ID ? [{ id: "github", name: "GitHub" }] : []),
    ...(env.OIDC_ISSUER ? [{ id: "oidc", name: env.OIDC_NAME }] : []),
  ];
  const callbackUrl = params.callbackUrl?.startsWith("/") ? params.callbackUrl : "/incidents";
  const error = params.error ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : undefined;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center p-6">
      <h1 className="text-2xl font-semibold">Sign in to Hindsight</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Postmortems people trust, follow-up that gets done.</p>
      <SignInForm providers={providers} callbackUrl={callbackUrl} initialError={error} />
    </main>
  );
}
