/** Prisma-free so client components can use it. */
export const ROLES = ["viewer", "editor", "reviewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  editor: "Editor",
  reviewer: "Reviewer",
  admin: "Admin",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "Reads incidents and postmortems, comments.",
  editor: "Creates and edits incidents, timelines, causes, actions; submits for review.",
  reviewer: "Everything an editor does, plus approve, publish and manage templates.",
  admin: "Everything, plus users, roles, webhooks and the audit log.",
};
