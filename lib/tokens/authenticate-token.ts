import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import type { TokenScope } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";
import { consumeRateLimit } from "@/lib/auth/rate-limit";
import { hashTokenSecret, isWellFormedTokenSecret, tokenDisplayPrefix } from "@/lib/tokens/secret";

export type TokenActor = Extract<Actor, { kind: "user" }> & { tokenScope: TokenScope; tokenId: string };

/** `last_used_at` is written at most this often, so a busy token does not write on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export const TOKEN_LIMITS = {
  /** Failed token attempts from one address before it gets 429 instead of 401. */
  failuresPerAddress: { limit: 30, windowSeconds: 15 * 60 },
  /** Requests one token may make; counted in the database, so shared by every app instance. */
  requestsPerToken: { limit: 1200, windowSeconds: 60 },
};

type TokenCheck =
  { ok: true; actor: TokenActor } | { ok: false; reason: "malformed" | "unknown" | "revoked" | "expired" | "inactive_owner" };

async function checkToken(secret: string, now: Date): Promise<TokenCheck> {
  if (!isWellFormedTokenSecret(secret)) return { ok: false, reason: "malformed" };
  const token = await db().apiToken.findUnique({ where: { tokenHash: hashTokenSecret(secret) }, include: { user: true } });
  if (!token) return { ok: false, reason: "unknown" };
  if (token.revokedAt) return { ok: false, reason: "revoked" };
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  if (!token.user.active) return { ok: false, reason: "inactive_owner" };

  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!token.lastUsedAt || token.lastUsedAt <= staleBefore) {
    // Conditional in the database too, so instances racing on one token write once a minute.
    await db().apiToken.updateMany({
      where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  }
  const { user } = token;
  return {
    ok: true,
    // The role is the owner's as it is now, so a demotion or deactivation applies to their tokens at once.
    actor: {
      kind: "user",
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role as Role,
      tokenScope: token.scope,
      tokenId: token.id,
    },
  };
}

/** The owner acting through a token (narrowed by its scope), or null for a malformed, unknown, revoked or expired one. */
export async function authenticateToken(secret: string, { now = new Date() }: { now?: Date } = {}): Promise<TokenActor | null> {
  const check = await checkToken(secret, now);
  return check.ok ? check.actor : null;
}

/**
 * A request's bearer token, rate-limited: throws UNAUTHENTICATED for any bad token (without saying
 * what was wrong; the log says), RATE_LIMITED with `details.retryAfterSeconds` once an address has
 * failed too often or a token has made too many requests.
 */
export async function authenticateTokenRequest({
  secret,
  clientAddress = "unknown",
  now = new Date(),
}: {
  secret: string;
  clientAddress?: string;
  now?: Date;
}): Promise<TokenActor> {
  const check = await checkToken(secret, now);
  if (!check.ok) {
    const { limit, windowSeconds } = TOKEN_LIMITS.failuresPerAddress;
    const failures = await consumeRateLimit(`token:fail:${clientAddress}`, limit, windowSeconds);
    const reason = failures.allowed ? check.reason : "rate_limited";
    console.warn(
      JSON.stringify({
        event: "token_auth_failed",
        address: clientAddress,
        prefix: isWellFormedTokenSecret(secret) ? tokenDisplayPrefix(secret) : null,
        reason,
      }),
    );
    if (!failures.allowed) {
      throw new AppError("RATE_LIMITED", "Too many failed token attempts. Try again later.", undefined, {
        retryAfterSeconds: failures.retryAfterSeconds,
      });
    }
    throw new AppError("UNAUTHENTICATED", "The API token is invalid, expired or revoked.");
  }
  const { limit, windowSeconds } = TOKEN_LIMITS.requestsPerToken;
  const requests = await consumeRateLimit(`token:requests:${check.actor.tokenId}`, limit, windowSeconds);
  if (!requests.allowed) {
    throw new AppError(
      "RATE_LIMITED",
      `Too many requests with this token. Try again in ${requests.retryAfterSeconds} s.`,
      undefined,
      {
        retryAfterSeconds: requests.retryAfterSeconds,
      },
    );
  }
  return check.actor;
}
