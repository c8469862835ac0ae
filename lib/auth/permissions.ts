import type { Role } from "@/lib/auth/roles";

/** The role × action table of DECISIONS.md, in one place. */
export const PERMISSIONS = {
  read: ["viewer", "editor", "reviewer", "admin"],
  comment: ["viewer", "editor", "reviewer", "admin"],
  edit: ["editor", "reviewer", "admin"],
  submitForReview: ["editor", "reviewer", "admin"],
  review: ["reviewer", "admin"],
  publish: ["reviewer", "admin"],
  manageTemplates: ["reviewer", "admin"],
  administer: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}

/** API token scopes, narrowest first. Prisma-free (mirrors enum TokenScope) so client components can use it. */
export const TOKEN_SCOPES = ["read", "write", "admin"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/**
 * What a token's scope leaves of its owner's role: `read` reads only (no comments, no writes of any
 * kind), `write` is the role without `administer`, `admin` is the whole role.
 */
const SCOPE_ALLOWS: Record<TokenScope, (action: Action) => boolean> = {
  read: (action) => action === "read",
  write: (action) => action !== "administer",
  admin: () => true,
};

export function scopeAllows(scope: TokenScope, action: Action): boolean {
  return SCOPE_ALLOWS[scope](action);
}

/** The role's permission narrowed by a token scope; no scope means a signed-in session (the whole role). */
export function canWithScope(role: Role, scope: TokenScope | undefined, action: Action): boolean {
  return can(role, action) && (scope === undefined || scopeAllows(scope, action));
}

/** The action a role needs before it may hold a token of each scope. */
export const SCOPE_REQUIRES: Record<TokenScope, Action> = { read: "read", write: "edit", admin: "administer" };

/** Scopes a role may give a token: wider ones would only add what the role cannot do anyway. */
export function scopesForRole(role: Role): TokenScope[] {
  return TOKEN_SCOPES.filter((scope) => can(role, SCOPE_REQUIRES[scope]));
}
