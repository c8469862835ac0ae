import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { SignOutButton } from "@/components/ui/sign-out-button";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
          <Link href="/incidents" className="text-lg font-semibold tracking-tight">
            Hindsight
          </Link>
          <Link href="/incidents" className="text-sm hover:underline">
            Incidents
          </Link>
          <Link href="/actions" className="text-sm hover:underline">
            Actions
          </Link>
          <Link href="/load-tests" className="text-sm hover:underline">
            Load tests
          </Link>
          <Link href="/monitors" className="text-sm hover:underline">
            Monitors
          </Link>
          <Link href="/templates" className="text-sm hover:underline">
            Templates
          </Link>
          {can(user.role, "administer") && (
            <Link href="/admin/users" className="text-sm hover:underline">
              Users
            </Link>
          )}
          {can(user.role, "administer") && (
            <Link href="/admin/audit" className="text-sm hover:underline">
              Audit log
            </Link>
          )}
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span data-testid="current-user">
              {user.name || user.email} <span className="text-slate-500">({ROLE_LABELS[user.role]})</span>
            </span>
            <Link href="/settings/tokens" className="hover:underline">
              API tokens
            </Link>
            <SignOutButton />
          </div>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
