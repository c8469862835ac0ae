import { AppError } from "@/lib/errors";
import { can, type Action } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";

/** Who is acting: a signed-in user, or the system (CLI, seeding) with a label for the audit log. */
export type Actor = { kind: "user"; id: string; email: string; name: string; role: Role } | { kind: "system"; label: string };

export function actorLabel(actor: Actor): string {
  return actor.kind === "user" ? actor.email : actor.label;
}

export function actorId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.id : null;
}

/** System actors (the CLI on the database it owns, seeding) may do everything. */
export function assertCan(actor: Actor, action: Action): void {
  if (actor.kind === "system") return;
  if (!can(actor.role, action)) {
    throw new AppError("FORBIDDEN", "Your role does not allow this.");
  }
}
