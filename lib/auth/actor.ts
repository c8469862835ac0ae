import { AppError } from "@/lib/errors";
import { can, canWithScope, type Action, type TokenScope } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";

/**
 * Who is acting: a signed-in user, or the system (CLI, seeding) with a label for the audit log. A user
 * who came with an API token carries its scope (which narrows the role) and its id.
 */
export type Actor =
  | { kind: "user"; id: string; email: string; name: string; role: Role; tokenScope?: TokenScope; tokenId?: string }
  | { kind: "system"; label: string };

export function actorLabel(actor: Actor): string {
  return actor.kind === "user" ? actor.email : actor.label;
}

export function actorId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.id : null;
}

/** System actors (the CLI on the database it owns, seeding) may do everything; a token's scope narrows its owner's role. */
export function actorCan(actor: Actor, action: Action): boolean {
  return actor.kind === "system" || canWithScope(actor.role, actor.tokenScope, action);
}

export function assertCan(actor: Actor, action: Action): void {
  if (actor.kind === "system") return;
  if (!can(actor.role, action)) {
    throw new AppError("FORBIDDEN", "Your role does not allow this.");
  }
  if (!actorCan(actor, action)) {
    throw new AppError("FORBIDDEN", `This API token's scope (${actor.tokenScope}) does not allow this.`);
  }
}
