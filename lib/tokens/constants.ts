/** Prisma-free and node-free, so client components (the settings form) can use it. */
import type { TokenScope } from "@/lib/auth/permissions";

export { TOKEN_SCOPES, type TokenScope } from "@/lib/auth/permissions";

/** Every secret starts with this, so a leaked one is easy to recognise (secret scanners, logs). */
export const TOKEN_SECRET_PREFIX = "hs_";
/** Characters of the secret kept in clear so people can tell their tokens apart. */
export const TOKEN_PREFIX_LENGTH = 10;

export const TOKEN_SCOPE_LABELS: Record<TokenScope, string> = { read: "Read", write: "Write", admin: "Admin" };

export const TOKEN_SCOPE_DESCRIPTIONS: Record<TokenScope, string> = {
  read: "Reads incidents, postmortems, evidence and exports; changes nothing, not even comments.",
  write: "Everything your role allows except administration (users, webhooks, audit log, others' tokens).",
  admin: "Everything your role allows, administration included.",
};

export const TOKEN_EXPIRIES = ["30", "90", "365", "never"] as const;
export type TokenExpiry = (typeof TOKEN_EXPIRIES)[number];

export const TOKEN_EXPIRY_LABELS: Record<TokenExpiry, string> = {
  "30": "30 days",
  "90": "90 days",
  "365": "1 year",
  never: "Never",
};

export type ApiTokenState = "active" | "expired" | "revoked";

/** What a token looks like to people and to the API; never the secret or its hash. */
export type ApiTokenView = {
  id: string;
  name: string;
  scope: TokenScope;
  prefix: string;
  state: ApiTokenState;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  owner: { id: string; email: string; name: string };
};
