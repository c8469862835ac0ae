import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { buildAuthOptions } from "@/lib/auth/options";
import { can, type Action } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";

export type SessionUser = Extract<Actor, { kind: "user" }>;

/**
 * The one session choke point (Next glue, not a domain verb). The role is read from the database
 * on every request, so a role change or deactivation takes effect at once.
 */
export async function getSession(): Promise<SessionUser | null> {
  const session = await getServerSession(buildAuthOptions());
  const uid = (session as { uid?: unknown } | null)?.uid;
  if (typeof uid !== "string") return null;
  const user = await db().user.findUnique({ where: { id: uid } });
  if (!user || !user.active) return null;
  return { kind: "user", id: user.id, email: user.email, name: user.name, role: user.role as Role };
}

/** For pages: sends the signed-out to sign-in, and shows the forbidden page to the unauthorised. */
export async function requireUser(action: Action = "read", returnTo?: string): Promise<SessionUser> {
  const user = await getSession();
  if (!user) redirect(returnTo ? `/signin?callbackUrl=${encodeURIComponent(returnTo)}` : "/signin");
  if (!can(user.role, action)) redirect("/forbidden");
  return user;
}
