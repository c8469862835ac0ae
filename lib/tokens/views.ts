import type { ApiToken } from "@/lib/generated/prisma/client";
import type { ApiTokenState, ApiTokenView } from "@/lib/tokens/constants";

export type ApiTokenRow = ApiToken & { user: { id: string; email: string; name: string } };

export const TOKEN_OWNER_SELECT = { select: { id: true, email: true, name: true } } as const;

export function tokenState(token: Pick<ApiToken, "revokedAt" | "expiresAt">, now: Date): ApiTokenState {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

export function toApiTokenView(token: ApiTokenRow, now: Date): ApiTokenView {
  return {
    id: token.id,
    name: token.name,
    scope: token.scope,
    prefix: token.prefix,
    state: tokenState(token, now),
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    owner: { id: token.user.id, email: token.user.email, name: token.user.name },
  };
}
