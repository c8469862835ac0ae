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
