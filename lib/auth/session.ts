import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { buildAuthOptions } from "@/lib/auth/options";
import type { Action } from "@/lib/auth/permissions";
import { actorCan, type Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { authenticateTokenRequest } from "@/lib/tokens/authenticate-token";

export type SessionUser = Extract<Actor, { kind: "user" }>;

/** `Authorization: Bearer <secret>`; other schemes (say, a proxy's Basic auth) are not ours to judge. */
function bearerSecret(authorization: string | null): string | null {
  const match = authorization ? /^Bearer\b\s*(.*)$/i.exec(authorization.trim()) : null;
  return match ? match[1].trim() : null;
}

function clientAddress(requestHeaders: Headers): string {
  const forwarded = requestHeaders.get("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0].trim();
  return requestHeaders.get("x-real-ip") || "unknown";
}

/**
 * The one session choke point (Next glue, not a domain verb). The role is read from the database
 * on every request, so a role change or deactivation takes effect at once. A bearer token, when
 * present, decides alone: a bad one throws UNAUTHENTICATED (or RATE_LIMITED), never falling back
 * to the cookie, so route handlers answer 401/429 through errorResponse.
 */
export async function getSession(): Promise<SessionUser | null> {
  const requestHeaders = await headers();
  const secret = bearerSecret(requestHeaders.get("authorization"));
  if (secret !== null) return authenticateTokenRequest({ secret, clientAddress: clientAddress(requestHeaders) });

  const session = await getServerSession(buildAuthOptions());
  const uid = (session as { uid?: unknown } | null)?.uid;
  if (typeof uid !== "string") return null;
  const user = await db().user.findUnique({ where: { id: uid } });
  if (!user || !user.active) return null;
  return { kind: "user", id: user.id, email: user.email, name: user.name, role: user.role as Role };
}

/** For pages and server actions: a refused bearer token counts as signed out rather than an error page. */
export async function getPageSession(): Promise<SessionUser | null> {
  try {
    return await getSession();
  } catch (e) {
    if (!(e instanceof AppError && e.code === "UNAUTHENTICATED")) throw e;
    return null;
  }
}

/** For pages: sends the signed-out to sign-in, and shows the forbidden page to the unauthorised. */
export async function requireUser(action: Action = "read", returnTo?: string): Promise<SessionUser> {
  const user = await getPageSession();
  if (!user) redirect(returnTo ? `/signin?callbackUrl=${encodeURIComponent(returnTo)}` : "/signin");
  if (!actorCan(user, action)) redirect("/forbidden");
  return user;
}
