import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/users/create-user";

export const SYSTEM: Actor = { kind: "system", label: "test" };

export async function makeUser(role: Role, password = "correct horse battery"): Promise<Extract<Actor, { kind: "user" }>> {
  const email = `${role}-${randomBytes(4).toString("hex")}@example.test`;
  const u = await createUser({ actor: SYSTEM, input: { email, name: `${role} user`, role, password } });
  return { kind: "user", id: u.id, email: u.email, name: u.name, role };
}

export const incidentInput = (patch: Record<string, unknown> = {}) => ({
  title: "Cache ran out of memory",
  severity: 2,
  timeZone: "Europe/Berlin",
  startedAt: "2026-05-12T19:00",
  detectedAt: "2026-05-12T19:12",
  services: ["messaging-api", "redis-cache"],
  tags: ["cache"],
  ...patch,
});
